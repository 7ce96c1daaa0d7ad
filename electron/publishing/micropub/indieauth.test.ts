import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/HttpClient';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import { parseTokens, serializeTokens, signInWithIndieAuth, SIGNET_CLIENT_ID } from './indieauth';
import { simulatedBrowser, startFakeMicropub, type FakeMicropub } from './testing/fakeSite';

const http = new HttpClient({ fetch, timeoutMs: 5000 });

describe('signInWithIndieAuth through the simulated browser', () => {
  let site: FakeMicropub | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  it('signs in with PKCE S256, checks state and iss, and gets a token that works', async () => {
    site = await startFakeMicropub({ authorName: 'Ada Author' });
    const browser = simulatedBrowser();
    const result = await signInWithIndieAuth(site.origin.replace('http://', ''), {
      http,
      openExternal: browser.openExternal,
      browserTimeoutMs: 5000,
    });
    expect(result.me).toBe(site.me);
    expect(result.profileName).toBe('Ada Author');
    expect(result.tokens.scope).toEqual(['create', 'update', 'delete', 'media', 'profile']);
    expect(result.tokens.refreshToken).toBeTruthy();
    expect(result.endpoints.micropub).toBe(site.micropubEndpoint);

    // What the browser was sent to: the authorization endpoint with every IndieAuth parameter.
    expect(browser.opened).toHaveLength(1);
    const asked = new URL(browser.opened[0]!);
    expect(`${asked.origin}${asked.pathname}`).toBe(site.authorizationEndpoint);
    expect(asked.searchParams.get('response_type')).toBe('code');
    expect(asked.searchParams.get('client_id')).toBe(SIGNET_CLIENT_ID);
    expect(asked.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.searchParams.get('me')).toBe(site.me);
    expect(asked.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    // The token never appears in the authorize URL.
    expect(browser.opened[0]).not.toContain(result.tokens.accessToken);

    const res = await fetch(`${site.micropubEndpoint}?q=config`, {
      headers: { authorization: `Bearer ${result.tokens.accessToken}` },
    });
    expect(res.status).toBe(200);
  });

  it('works with legacy discovery (rel links in the HTML, no metadata, no issuer to check)', async () => {
    site = await startFakeMicropub({ discovery: 'legacy-html' });
    const browser = simulatedBrowser();
    const result = await signInWithIndieAuth(site.origin, {
      http,
      openExternal: browser.openExternal,
      browserTimeoutMs: 5000,
    });
    expect(result.me).toBe(site.me);
    expect(result.endpoints.issuer).toBeUndefined();
  });

  it('refuses an identity on another domain than the one typed', async () => {
    site = await startFakeMicropub();
    // Another host name for the very same server: discovering it would even name the same
    // authorization endpoint, so only the same-domain rule refuses it (and no traffic leaves loopback).
    const elsewhere = site.me.replace('127.0.0.1', 'localhost');
    site.setTokenMe(elsewhere);
    const error = await publishErrorOf(
      signInWithIndieAuth(site.origin, {
        http,
        openExternal: simulatedBrowser().openExternal,
        browserTimeoutMs: 5000,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.reason).toBe('me-other-domain');
    expect(error.message).toContain(elsewhere);
    expect(error.message).toMatch(/only accepts an identity on your own site/);
  });

  it('confirms a different profile URL on the same site by discovering it (§5.4)', async () => {
    site = await startFakeMicropub();
    site.setTokenMe(`${site.origin}/www`); // redirects to the home page, which names the same server
    const result = await signInWithIndieAuth(site.origin, {
      http,
      openExternal: simulatedBrowser().openExternal,
      browserTimeoutMs: 5000,
    });
    expect(result.me).toBe(`${site.origin}/www`);
  });

  it('refuses an answer whose iss is not the discovered issuer', async () => {
    site = await startFakeMicropub();
    site.setIss('https://mix-up.example/');
    const error = await publishErrorOf(
      signInWithIndieAuth(site.origin, {
        http,
        openExternal: simulatedBrowser().openExternal,
        browserTimeoutMs: 5000,
      }),
    );
    expect(error.reason).toBe('iss-mismatch');
    // No code was redeemed: the token endpoint was never asked.
    expect(site.requests.some((r) => r.path === '/token')).toBe(false);
  });

  it('says so when the author does not approve', async () => {
    site = await startFakeMicropub();
    site.setDeny(true);
    const error = await publishErrorOf(
      signInWithIndieAuth(site.origin, {
        http,
        openExternal: simulatedBrowser().openExternal,
        browserTimeoutMs: 5000,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.reason).toBe('access_denied');
    expect(error.message).toMatch(/not approved/);
  });

  it('times out when the browser never comes back', async () => {
    site = await startFakeMicropub();
    const error = await publishErrorOf(
      signInWithIndieAuth(site.origin, { http, openExternal: async () => {}, browserTimeoutMs: 200 }),
    );
    expect(error.code).toBe('TIMEOUT');
  });
});

describe('the fake token endpoint is strict (so the sign-in test above can fail)', () => {
  let site: FakeMicropub | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  async function authorize(s: FakeMicropub, verifier: string, redirectUri = 'http://127.0.0.1:9/callback') {
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = new URL(s.authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: SIGNET_CLIENT_ID,
      redirect_uri: redirectUri,
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: 'create',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    return back.searchParams.get('code')!;
  }
  const redeem = (s: FakeMicropub, fields: Record<string, string>) =>
    fetch(s.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: SIGNET_CLIENT_ID,
        redirect_uri: 'http://127.0.0.1:9/callback',
        ...fields,
      }),
    });

  it('rejects a wrong verifier, a reused code and a different redirect_uri', async () => {
    site = await startFakeMicropub();
    const verifier = 'v'.repeat(50);
    const wrong = await redeem(site, {
      code: await authorize(site, verifier),
      code_verifier: 'w'.repeat(50),
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_grant');

    const code = await authorize(site, verifier);
    expect((await redeem(site, { code, code_verifier: verifier })).status).toBe(200);
    expect((await redeem(site, { code, code_verifier: verifier })).status).toBe(400); // single use

    const other = await authorize(site, verifier);
    expect(
      (
        await redeem(site, {
          code: other,
          code_verifier: verifier,
          redirect_uri: 'http://127.0.0.1:10/callback',
        })
      ).status,
    ).toBe(400);
  });

  it('will not redirect to a non-loopback host other than the client’s', async () => {
    site = await startFakeMicropub();
    const url = new URL(site.authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: SIGNET_CLIENT_ID,
      redirect_uri: 'https://evil.example/cb',
      state: 's',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('token secrets', () => {
  it('round-trips as JSON and accepts a bare access token', () => {
    const tokens = {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: '2030-01-01T00:00:00.000Z',
      scope: ['create'],
    };
    expect(parseTokens(serializeTokens(tokens))).toEqual(tokens);
    expect(parseTokens('  bare-token ')).toEqual({ accessToken: 'bare-token', scope: [] });
  });

  it('says a damaged secret must be replaced, without quoting it', () => {
    expect(() => parseTokens('{"refreshToken":"secret-value"}')).toThrow(/damaged/);
    try {
      parseTokens('{"refreshToken":"secret-value"}');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value');
    }
  });
});
