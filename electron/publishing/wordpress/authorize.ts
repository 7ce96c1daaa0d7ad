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
import { t } from '../../contract/i18n';

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
    return error('not-a-callback', t('error.wordpress.authorize.unreadable'));
  }
  if (!isCallback(url)) {
    return error('not-a-callback', t('error.wordpress.authorize.notOurs'));
  }
  const q = url.searchParams;
  if (expected.state !== undefined && !sameString(q.get('state') ?? '', expected.state)) {
    return error('state-mismatch', t('error.wordpress.authorize.stateMismatch'));
  }
  if (q.get('error') === 'disabled') {
    return error('app-passwords-disabled', t('error.wordpress.authorize.appPasswordsOff'));
  }
  if (q.get('success') === 'false') {
    return {
      outcome: 'rejected',
      rejected: true,
      message: t('error.wordpress.authorize.declined'),
    };
  }
  const siteUrl = q.get('site_url')?.trim() ?? '';
  const userLogin = q.get('user_login') ?? '';
  const password = q.get('password') ?? '';
  if (!siteUrl || !userLogin || !password) {
    return error('missing-fields', t('error.wordpress.authorize.missingFields'));
  }
  let site: URL;
  try {
    site = new URL(siteUrl);
    if (site.protocol !== 'https:' && site.protocol !== 'http:') throw new Error('scheme');
  } catch {
    return error('bad-site-url', t('error.wordpress.authorize.badSiteUrl'));
  }
  if (expected.siteUrl !== undefined) {
    let want: URL | null;
    try {
      want = new URL(expected.siteUrl);
    } catch {
      want = null;
    }
    if (!want || !sameSite(site, want)) {
      return error('site-mismatch', t('error.wordpress.authorize.siteMismatch', { host: site.host }));
    }
  }
  return { outcome: 'approved', siteUrl: siteUrl.replace(/\/+$/, ''), userLogin, password };
}
