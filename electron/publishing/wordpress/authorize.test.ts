import { describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  ELECTRON_CALLBACK_URL,
  newAuthorizeState,
  parseAuthorizeCallback,
  SIGNET_APP_ID,
  webCallbackUrl,
} from './authorize';

const STATE = 'Zm9vYmFyYmF6cXV4MTIzNDU2';

/** The redirect WordPress's auth-app.js makes: success_url + site_url, user_login, password (encodeURIComponent). */
function approvedBy(successUrl: string, password = 'abcd EFGH 1234 ijkl MNOP 5678') {
  return (
    `${successUrl}${successUrl.includes('?') ? '&' : '?'}site_url=${encodeURIComponent('https://blog.example.com')}` +
    `&user_login=${encodeURIComponent('jane doe')}&password=${encodeURIComponent(password)}`
  );
}

function successUrlOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get('success_url')!;
}

describe('buildAuthorizeUrl', () => {
  it('asks WordPress for a password for Signet, coming back to the callback with our state', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizeUrl: 'https://blog.example.com/wp-admin/authorize-application.php',
        callbackUrl: ELECTRON_CALLBACK_URL,
        state: STATE,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://blog.example.com/wp-admin/authorize-application.php');
    expect(url.searchParams.get('app_name')).toBe('Signet');
    expect(url.searchParams.get('app_id')).toBe(SIGNET_APP_ID);
    expect(SIGNET_APP_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(url.searchParams.get('success_url')).toBe(`signet://wp-auth/callback?state=${STATE}`);
    expect(url.searchParams.get('reject_url')).toBe(`signet://wp-auth/callback?state=${STATE}&success=false`);
  });

  it('makes a fresh, unguessable state each time', () => {
    const a = newAuthorizeState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newAuthorizeState()).not.toBe(a);
  });
});

describe('parseAuthorizeCallback', () => {
  const forms = [
    ['Electron (signet://)', ELECTRON_CALLBACK_URL],
    ['web host (http://127.0.0.1:<port>)', webCallbackUrl(48123)],
  ] as const;

  for (const [name, callbackUrl] of forms) {
    describe(name, () => {
      const authorize = buildAuthorizeUrl({
        authorizeUrl: 'https://blog.example.com/wp-admin/authorize-application.php',
        callbackUrl,
        state: STATE,
      });

      it('approved: site, user and password (spaces and all)', () => {
        expect(parseAuthorizeCallback(approvedBy(successUrlOf(authorize)), { state: STATE })).toEqual({
          outcome: 'approved',
          siteUrl: 'https://blog.example.com',
          userLogin: 'jane doe',
          password: 'abcd EFGH 1234 ijkl MNOP 5678',
        });
      });

      it('approved through the no-JavaScript form (PHP urlencode: + for spaces)', () => {
        const url = `${successUrlOf(authorize)}&site_url=https%3A%2F%2Fblog.example.com&user_login=jane&password=abcd+EFGH+1234`;
        expect(parseAuthorizeCallback(url, { state: STATE })).toMatchObject({
          outcome: 'approved',
          password: 'abcd EFGH 1234',
        });
      });

      it('rejected by the author', () => {
        const reject = new URL(authorize).searchParams.get('reject_url')!;
        expect(parseAuthorizeCallback(reject, { state: STATE })).toMatchObject({
          outcome: 'rejected',
          rejected: true,
        });
      });

      it('application passwords off for the account', () => {
        const reject = `${new URL(authorize).searchParams.get('reject_url')}&error=disabled`;
        expect(parseAuthorizeCallback(reject, { state: STATE })).toMatchObject({
          outcome: 'error',
          reason: 'app-passwords-disabled',
        });
      });

      it.each(['site_url', 'user_login', 'password'])(
        'missing %s → error, no password handed on',
        (field) => {
          const url = new URL(approvedBy(successUrlOf(authorize)));
          url.searchParams.delete(field);
          const result = parseAuthorizeCallback(url.toString(), { state: STATE });
          expect(result).toMatchObject({ outcome: 'error', reason: 'missing-fields' });
          expect(JSON.stringify(result)).not.toContain('abcd');
        },
      );

      it('another sign-in’s state, or none, is refused', () => {
        const url = approvedBy(successUrlOf(authorize));
        expect(parseAuthorizeCallback(url, { state: 'other' })).toMatchObject({
          outcome: 'error',
          reason: 'state-mismatch',
        });
        const noState = new URL(url);
        noState.searchParams.delete('state');
        expect(parseAuthorizeCallback(noState.toString(), { state: STATE })).toMatchObject({
          reason: 'state-mismatch',
        });
      });

      it('a reply from another site than the one asked is refused', () => {
        const url = approvedBy(successUrlOf(authorize));
        expect(
          parseAuthorizeCallback(url, { state: STATE, siteUrl: 'https://example.com/blog' }),
        ).toMatchObject({
          outcome: 'approved',
        });
        expect(parseAuthorizeCallback(url, { state: STATE, siteUrl: 'https://evil.test' })).toMatchObject({
          outcome: 'error',
          reason: 'site-mismatch',
        });
      });
    });
  }

  it.each([
    ['another scheme', 'https://127.0.0.1:48123/__signet/wp-auth/callback?site_url=x'],
    ['another host', 'http://192.168.1.5:48123/__signet/wp-auth/callback?site_url=x'],
    ['another path', 'http://127.0.0.1:48123/callback?site_url=x'],
    ['another signet host', 'signet://oauth/callback?site_url=x'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(parseAuthorizeCallback(url)).toMatchObject({ outcome: 'error', reason: 'not-a-callback' });
  });

  it('refuses a site_url that is not http(s)', () => {
    const url = `${ELECTRON_CALLBACK_URL}?site_url=javascript%3Aalert(1)&user_login=a&password=b`;
    expect(parseAuthorizeCallback(url)).toMatchObject({ outcome: 'error', reason: 'bad-site-url' });
  });
});
