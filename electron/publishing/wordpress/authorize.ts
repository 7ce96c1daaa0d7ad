/**
 * Signing in without pasting: WordPress's "Authorize Application" screen
 * (`wp-admin/authorize-application.php`) creates an application password and sends the browser
 * to `success_url?site_url=…&user_login=…&password=…`. Electron receives that as
 * `signet://wp-auth/callback?…`, the web host as `http://127.0.0.1:<port>/__signet/wp-auth/callback?…`;
 * `parseAuthorizeCallback` reads both. The callback URL holds a password: never log it.
 *
 * WordPress refuses a plain-http `success_url` unless the site's environment is `local`, so the
 * web-host form only works with such sites (the loopback test server is one).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Signet’s fixed application id: WordPress lists the passwords it made under it. */
export const SIGNET_APP_ID = '74d44676-6a5d-4c0b-ae13-7ffbd3796977';
export const SIGNET_APP_NAME = 'Signet';
export const ELECTRON_CALLBACK_URL = 'signet://wp-auth/callback';
export const WEB_CALLBACK_PATH = '/__signet/wp-auth/callback';

export function webCallbackUrl(port: number): string {
  return `http://127.0.0.1:${port}${WEB_CALLBACK_PATH}`;
}

/** An unguessable value tying a callback to the request that asked for it. */
export function newAuthorizeState(): string {
  return randomBytes(18).toString('base64url');
}

export interface AuthorizeRequest {
  /** `authorizeUrl` from discovery (`…/wp-admin/authorize-application.php`). */
  authorizeUrl: string;
  /** `ELECTRON_CALLBACK_URL` or `webCallbackUrl(port)`. */
  callbackUrl: string;
  state: string;
  /** Shown on the WordPress screen and in the user's list of application passwords. */
  appName?: string;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.authorizeUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('The authorize URL must be http(s).');
  const success = new URL(request.callbackUrl);
  success.searchParams.set('state', request.state);
  // WordPress goes to reject_url as it is when one is given: say "rejected" in it ourselves.
  const reject = new URL(success);
  reject.searchParams.set('success', 'false');
  url.searchParams.set('app_name', request.appName ?? SIGNET_APP_NAME);
  url.searchParams.set('app_id', SIGNET_APP_ID);
  url.searchParams.set('success_url', success.toString());
  url.searchParams.set('reject_url', reject.toString());
  return url.toString();
}

export type AuthorizeCallbackErrorReason =
  | 'not-a-callback'
  | 'state-mismatch'
  | 'missing-fields'
  | 'bad-site-url'
  | 'site-mismatch'
  | 'app-passwords-disabled';

export type AuthorizeCallback =
  | { outcome: 'approved'; siteUrl: string; userLogin: string; password: string }
  | { outcome: 'rejected'; rejected: true; message: string }
  | { outcome: 'error'; reason: AuthorizeCallbackErrorReason; message: string };

function isCallback(url: URL): boolean {
  if (url.protocol === 'signet:')
    return url.host === 'wp-auth' && url.pathname.replace(/\/+$/, '') === '/callback';
  if (url.protocol === 'http:') {
    return (
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
      url.pathname.replace(/\/+$/, '') === WEB_CALLBACK_PATH
    );
  }
  return false;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sameSite(a: URL, b: URL): boolean {
  const ha = a.hostname.replace(/^www\./, '');
  const hb = b.hostname.replace(/^www\./, '');
  return ha === hb || ha.endsWith(`.${hb}`) || hb.endsWith(`.${ha}`);
}

const error = (reason: AuthorizeCallbackErrorReason, message: string): AuthorizeCallback => ({
  outcome: 'error',
  reason,
  message,
});

/**
 * Reads WordPress's redirect back to Signet. `expected.state` (when given) must match;
 * `expected.siteUrl` (when given) must be the same site.
 */
export function parseAuthorizeCallback(
  callback: string,
  expected: { state?: string; siteUrl?: string } = {},
): AuthorizeCallback {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return error(
      'not-a-callback',
      'Signet received a sign-in reply it cannot read. Start the sign-in again.',
    );
  }
  if (!isCallback(url)) {
    return error(
      'not-a-callback',
      'Signet received a reply that is not from its WordPress sign-in. Start the sign-in again.',
    );
  }
  const q = url.searchParams;
  if (expected.state !== undefined && !sameString(q.get('state') ?? '', expected.state)) {
    return error(
      'state-mismatch',
      'This WordPress sign-in reply does not belong to the sign-in Signet started (an old or foreign link). Start the sign-in again.',
    );
  }
  if (q.get('error') === 'disabled') {
    return error(
      'app-passwords-disabled',
      'The site has application passwords switched off for your account, so WordPress could not let Signet in. ' +
        'Ask the site’s administrator to allow application passwords.',
    );
  }
  if (q.get('success') === 'false') {
    return {
      outcome: 'rejected',
      rejected: true,
      message:
        'You declined the connection in WordPress, so Signet did not get a password. Start again to connect.',
    };
  }
  const siteUrl = q.get('site_url')?.trim() ?? '';
  const userLogin = q.get('user_login') ?? '';
  const password = q.get('password') ?? '';
  if (!siteUrl || !userLogin || !password) {
    return error(
      'missing-fields',
      'WordPress’s reply lacks the site, user name or password. Start the sign-in again, or paste an application password.',
    );
  }
  let site: URL;
  try {
    site = new URL(siteUrl);
    if (site.protocol !== 'https:' && site.protocol !== 'http:') throw new Error('scheme');
  } catch {
    return error(
      'bad-site-url',
      'WordPress’s reply names a site address Signet cannot use. Start the sign-in again.',
    );
  }
  if (expected.siteUrl !== undefined) {
    let want: URL | null;
    try {
      want = new URL(expected.siteUrl);
    } catch {
      want = null;
    }
    if (!want || !sameSite(site, want)) {
      return error(
        'site-mismatch',
        `The sign-in reply came from ${site.host}, not from the blog Signet asked. Start the sign-in again.`,
      );
    }
  }
  return { outcome: 'approved', siteUrl: siteUrl.replace(/\/+$/, ''), userLogin, password };
}
