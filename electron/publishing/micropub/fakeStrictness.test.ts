/**
 * The fake Micropub site refuses what a real one refuses, so the publisher tests can fail; and
 * the error mapping reads the `error` code rather than only the status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpResponse } from '../http/HttpClient';
import { micropubError } from './micropubErrors';
import { startFakeMicropub, type FakeMicropub } from './testing/fakeSite';

let site: FakeMicropub | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function call(
  s: FakeMicropub,
  init: {
    method?: string;
    token?: string | null;
    json?: unknown;
    body?: string;
    type?: string;
    query?: string;
  },
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.type) headers['content-type'] = init.type;
  const res = await fetch(`${s.micropubEndpoint}${init.query ?? ''}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body !== undefined && { body }),
  });
  const text = await res.text();
  return {
    status: res.status,
    error: text ? ((JSON.parse(text) as { error?: string }).error ?? null) : null,
    res,
  };
}

describe('the fake Micropub endpoint', () => {
  it('requires a Bearer token, and one place for it', async () => {
    site = await startFakeMicropub();
    expect(await call(site, { query: '?q=config' })).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(await call(site, { query: '?q=config', token: 'made-up' })).toMatchObject({ status: 401 });
    const token = site.issueToken('create').accessToken;
    const both = await call(site, {
      token,
      type: 'application/x-www-form-urlencoded',
      body: `h=entry&content=hi&access_token=${token}`,
    });
    expect(both).toMatchObject({ status: 400, error: 'invalid_request' });
    const formOnly = await fetch(site.micropubEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `h=entry&content=hi&category[]=a&category[]=b&access_token=${token}`,
    });
    expect(formOnly.status).toBe(201);
    expect(site.post(formOnly.headers.get('location')!)!.properties.category).toEqual(['a', 'b']);
  });

  it('refuses bad JSON, unknown keys, unknown properties, bad values and wrong methods', async () => {
    site = await startFakeMicropub();
    const token = site.issueToken('create update delete').accessToken;
    const cases: unknown[] = [
      { type: ['h-entry'], properties: { content: ['x'] }, extra: 1 },
      { type: ['h-entry'], properties: { tags: ['x'], content: ['x'] } },
      { type: 'h-entry', properties: { content: ['x'] } },
      { type: ['h-entry'], properties: { content: 'not an array' } },
      { type: ['h-entry'], properties: { content: ['x'], 'post-status': ['scheduled'] } },
      { type: ['h-entry'], properties: { content: ['x'], published: ['yesterday'] } },
      { type: ['h-entry'], properties: { content: [{ markdown: '# x' }] } },
      { type: ['h-entry'], properties: { content: ['x'], url: ['https://x/'] } },
      { action: 'update', url: 'nope', replace: { content: ['x'] } },
      { action: 'explode', url: 'x' },
    ];
    for (const json of cases) {
      expect(await call(site, { token, json }), JSON.stringify(json)).toMatchObject({
        status: 400,
        error: 'invalid_request',
      });
    }
    expect(await call(site, { token, body: '{"type":', type: 'application/json' })).toMatchObject({
      status: 400,
      error: 'invalid_request',
    });
    expect((await call(site, { token, method: 'PUT', json: {} })).status).toBe(405);
    expect(await call(site, { token, query: '?q=nothing' })).toMatchObject({ status: 400 });
    expect(site.posts()).toEqual([]);
  });

  it('answers a token without the scope with 403 insufficient_scope, and draft-only tokens make drafts only', async () => {
    site = await startFakeMicropub();
    const draftOnly = site.issueToken('draft').accessToken;
    const published = await call(site, {
      token: draftOnly,
      json: { type: ['h-entry'], properties: { content: ['x'] } },
    });
    expect(published).toMatchObject({ status: 403, error: 'insufficient_scope' });
    const draft = await call(site, {
      token: draftOnly,
      json: { type: ['h-entry'], properties: { content: ['x'], 'post-status': ['draft'] } },
    });
    expect(draft.status).toBe(201);
    const url = draft.res.headers.get('location')!;
    expect(await call(site, { token: draftOnly, json: { action: 'delete', url } })).toMatchObject({
      status: 403,
      error: 'insufficient_scope',
    });
    expect(site.post(url)!.deleted).toBe(false);
  });

  it('media endpoint: one part named file, with the media scope', async () => {
    site = await startFakeMicropub();
    const token = site.issueToken('media').accessToken;
    const upload = (form: FormData, t = token) =>
      fetch(site!.mediaEndpointUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}` },
        body: form,
      });
    const wrongName = new FormData();
    wrongName.append('photo', new File([new Uint8Array([1])], 'a.png', { type: 'image/png' }));
    expect((await upload(wrongName)).status).toBe(400);
    const two = new FormData();
    two.append('file', new File([new Uint8Array([1])], 'a.png', { type: 'image/png' }));
    two.append('alt', 'x');
    expect((await upload(two)).status).toBe(400);
    const ok = new FormData();
    ok.append('file', new File([new Uint8Array([1, 2])], 'a.png', { type: 'image/png' }));
    expect((await upload(ok, site.issueToken('update').accessToken)).status).toBe(403);
    const res = await upload(ok);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(/\/files\/.+\/a\.png$/);
  });
});

describe('micropubError', () => {
  const res = (status: number, text: string, contentType = 'application/json'): HttpResponse => ({
    status,
    url: 'https://blog.example/micropub',
    headers: new Headers({ 'content-type': contentType }),
    contentType,
    text,
  });

  it('reads insufficient_scope from a 401 too (the Micropub table) as a missing permission', () => {
    const error = micropubError(res(401, '{"error":"insufficient_scope","scope":"update"}'), {
      action: 'update posts',
    });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('“update” permission');
  });

  it('tells a firewall page from the endpoint’s own 403, and never says WordPress', () => {
    expect(micropubError(res(403, '<html>Forbidden</html>', 'text/html')).code).toBe('BLOCKED_BY_FIREWALL');
    const own = micropubError(res(403, '{"error":"forbidden","error_description":"Not your blog."}'));
    expect(own.code).toBe('FORBIDDEN');
    expect(own.message).toContain('Not your blog');
    for (const status of [400, 401, 403, 404, 405, 500]) {
      expect(micropubError(res(status, '{}')).message).not.toMatch(/WordPress|application password/);
    }
  });
});
