/**
 * The fake Blogger is strict where Google is: these requests are sent by hand (no Signet code),
 * so a fake that lets a mistake through fails here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBloggerHandle } from '../../../../electron/publishing/blogger/testing/fakeBlogger';
import { startFakeBlogger, type FakeBlogger } from './fakeBlogger';

// The test-side restatement of the handle must stay assignable from the real one.
const handleMatches = (f: FakeBlogger): FakeBloggerHandle => f;
void handleMatches;

let fake: FakeBlogger;

type GoogleJson = {
  error?: { code?: number; message?: string; status?: string; errors?: Array<{ reason?: string }> };
  [field: string]: unknown;
};
const REDIRECT = 'http://127.0.0.1:9/callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(fake.authorizationEndpoint);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

async function authorize(extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const res = await fetch(
    authorizeUrl({
      client_id: fake.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/blogger',
      state: 'st4te',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
      ...extra,
    }),
    { redirect: 'manual' },
  );
  await res.body?.cancel();
  const location = new URL(res.headers.get('location') ?? 'http://invalid/');
  return { res, location, verifier, code: location.searchParams.get('code') ?? '' };
}

async function token(form: Record<string, string>) {
  const res = await fetch(fake.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function accessToken(): Promise<string> {
  const { code, verifier } = await authorize();
  const { body } = await token({
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: fake.clientId,
    client_secret: fake.clientSecret,
  });
  return String(body.access_token);
}

async function api(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${fake.url}${path}`, { ...init, headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: (text ? JSON.parse(text) : {}) as GoogleJson,
  };
}

beforeAll(async () => {
  fake = await startFakeBlogger();
});
afterAll(async () => {
  await fake.close();
});

describe('OAuth', () => {
  it('redirects back with code, state and iss, and exchanges the code once with PKCE', async () => {
    const { res, location, code, verifier } = await authorize();
    expect(res.status).toBe(302);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st4te');
    expect(location.searchParams.get('iss')).toBe(fake.url);
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    };
    const first = await token(form);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(String(first.body.refresh_token)).toMatch(/^1\/\//);
    expect((await token(form)).body.error).toBe('invalid_grant'); // a code works once
  });

  it('refuses a wrong verifier, redirect or secret, plain PKCE, and odd redirect URIs', async () => {
    const a = await authorize();
    const base = {
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    };
    expect((await token({ ...base, code: a.code, code_verifier: pkce().verifier })).body.error).toBe(
      'invalid_grant',
    );
    const b = await authorize();
    expect(
      (
        await token({
          ...base,
          code: b.code,
          code_verifier: b.verifier,
          redirect_uri: 'http://127.0.0.1:8/x',
        })
      ).body.error,
    ).toBe('redirect_uri_mismatch');
    const c = await authorize();
    const wrongSecret = await token({
      ...base,
      code: c.code,
      code_verifier: c.verifier,
      client_secret: 'nope',
    });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await authorize({ code_challenge_method: 'plain' })).res.status).toBe(400);
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).res.status).toBe(400);
    expect((await authorize({ scope: 'email' })).res.status).toBe(400);
    expect((await authorize({ client_id: 'someone-else' })).res.status).toBe(401);
  });

  it('gives a refresh token only for access_type=offline, and refuses a revoked one', async () => {
    const online = await authorize({ access_type: 'online' });
    const got = await token({
      grant_type: 'authorization_code',
      code: online.code,
      code_verifier: online.verifier,
      redirect_uri: REDIRECT,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    });
    expect(got.body.refresh_token).toBeUndefined();

    const offline = await authorize();
    const tokens = await token({
      grant_type: 'authorization_code',
      code: offline.code,
      code_verifier: offline.verifier,
      redirect_uri: REDIRECT,
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    });
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: String(tokens.body.refresh_token),
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    };
    expect((await token(refresh)).status).toBe(200);
    fake.revokeRefreshTokens();
    expect(await token(refresh)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('tells the app when the user denies', async () => {
    fake.denyNextAuthorization();
    const { location } = await authorize();
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st4te');
  });
});

describe('API', () => {
  let tok: string;
  let blogId: string;
  beforeAll(async () => {
    tok = await accessToken();
    blogId = fake.blogs[0]!.id;
  });

  it('answers 401 in Google’s shape without a token, or with an expired one', async () => {
    const none = await api('/v3/users/self/blogs');
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ reason: 'required' }],
    });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const fresh = await accessToken();
    expect((await api('/v3/users/self', { token: fresh })).status).toBe(200);
    fake.expireAccessTokens();
    const expired = await api('/v3/users/self', { token: fresh });
    expect(expired.json.error?.errors?.[0]?.reason).toBe('authError');
    tok = await accessToken();
  });

  it('refuses unknown parameters, fields, values and methods', async () => {
    const posts = `/v3/blogs/${blogId}/posts`;
    const json = (body: unknown) => ({
      method: 'POST',
      token: tok,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect((await api(`${posts}?slug=x`, { token: tok })).status).toBe(400);
    expect((await api(`${posts}?status=PUBLISHED&view=ADMIN`, { token: tok })).status).toBe(400);
    expect((await api(`${posts}?fetchBodies=yes`, { token: tok })).status).toBe(400);
    expect((await api(`${posts}?startDate=yesterday`, { token: tok })).status).toBe(400);
    const unknownField = await api(posts, json({ title: 'x', slug: 'x' }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error?.message).toMatch(/Unknown name "slug"/);
    expect((await api(posts, json({ title: 5 }))).status).toBe(400);
    expect((await api(posts, json({ labels: 'a,b' }))).status).toBe(400);
    expect((await api(posts, json({ labels: ['a,b'] }))).status).toBe(400);
    expect(
      (await api(posts, { ...json({ title: 'x' }), headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(400);
    expect((await api(`/v3/blogs/${blogId}/posts/123/publish`, { method: 'GET', token: tok })).status).toBe(
      404,
    );
    expect((await api(`/v3/blogs/${blogId}/posts/123`, { method: 'POST', token: tok })).status).toBe(404);
    expect((await api(`/v3/blogs/999/posts`, { token: tok })).status).toBe(404);
    expect((await api(`${posts}?status=DRAFT`, { token: tok })).status).toBe(403);
  });

  it('keeps what was published; status only with view=ADMIN', async () => {
    const created = await api(`/v3/blogs/${blogId}/posts?isDraft=true`, {
      method: 'POST',
      token: tok,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Kept', content: '<p>x</p>', labels: ['a'] }),
    });
    expect(created.status).toBe(200);
    expect(created.json.status).toBeUndefined();
    const id = String(created.json.id);
    const admin = await api(`/v3/blogs/${blogId}/posts/${id}?view=ADMIN`, { token: tok });
    expect(admin.json).toMatchObject({ status: 'DRAFT', title: 'Kept', labels: ['a'], content: '<p>x</p>' });
    expect(admin.json.updated).toMatch(/\.\d{3}-08:00$/);
    expect((await api(`/v3/blogs/${blogId}/posts/${id}/revert`, { method: 'POST', token: tok })).status).toBe(
      400,
    );
    const live = await api(`/v3/blogs/${blogId}/posts/${id}/publish`, { method: 'POST', token: tok });
    expect(live.json.url).toMatch(/\/kept\.html$/);
    expect(
      (await api(`/v3/blogs/${blogId}/posts/${id}/publish`, { method: 'POST', token: tok })).status,
    ).toBe(400);
    expect((await api(`/v3/blogs/${blogId}/posts/${id}`, { method: 'DELETE', token: tok })).status).toBe(204);
    expect((await api(`/v3/blogs/${blogId}/posts/${id}?view=ADMIN`, { token: tok })).status).toBe(404);
  });
});
