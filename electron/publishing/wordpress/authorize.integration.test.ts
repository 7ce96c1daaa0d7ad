/**
 * "Connect without pasting" against the real WordPress: sign in to wp-admin as a browser would,
 * open the authorize URL Signet builds, approve or reject on WordPress's own form (its no-JS
 * path), and read WordPress's redirect with Signet’s one callback parser. Uses the web host's
 * loopback callback (plain http is accepted because the test site's environment is `local`).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeXmlEntities } from '../http/xml';
import {
  buildAuthorizeUrl,
  ELECTRON_CALLBACK_URL,
  newAuthorizeState,
  parseAuthorizeCallback,
  SIGNET_APP_ID,
  webCallbackUrl,
} from './authorize';
import { createWordPressPublisher } from './createWordPressPublisher';
import { discoverWordPress } from './discover';
import { switchesOff, wordpressOrSkip, type TestWordPress } from './testing/testWordPress';

const wp = await wordpressOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason
  ? `WordPress authorize-application flow (SKIPPED: ${wp.skipReason})`
  : 'WordPress authorize-application flow';

/** A browser's cookie jar, reduced to what wp-admin needs. */
class Browser {
  private cookies = new Map<string, string>();

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return res;
  }

  async logIn(server: TestWordPress): Promise<void> {
    this.cookies.set('wordpress_test_cookie', 'WP%20Cookie%20check');
    const res = await this.go(`${server.url}/wp-login.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        log: server.user,
        pwd: server.adminPassword,
        'wp-submit': 'Log In',
        redirect_to: `${server.url}/wp-admin/`,
        testcookie: '1',
      }),
    });
    expect(res.status, 'wp-login.php should redirect after logging in').toBe(302);
    expect([...this.cookies.keys()].some((k) => k.startsWith('wordpress_logged_in_'))).toBe(true);
  }
}

/** The hidden fields of WordPress's authorize form, as a browser would submit them. */
function formFields(html: string): URLSearchParams {
  const form = /<form[^>]*id="approve-access"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? html;
  const fields = new URLSearchParams();
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}=(["'])(.*?)\\1`).exec(m[0])?.[2];
    const type = attr('type');
    const name = attr('name');
    if (name && (type === 'hidden' || type === 'text' || type === undefined))
      fields.set(name, decodeXmlEntities(attr('value') ?? ''));
  }
  return fields;
}

describe.skipIf(!wp.server)(title, () => {
  const server = wp.server as TestWordPress;
  const callback = webCallbackUrl(47311);
  let authorizeUrl: string;

  beforeAll(async () => {
    await server.reset();
    const site = await discoverWordPress(server.url, fetch);
    expect(site.authorizeUrl).toBe(`${server.url}/wp-admin/authorize-application.php`);
    authorizeUrl = site.authorizeUrl!;
  });
  afterEach(() => switchesOff(server));

  async function openForm(browser: Browser, state: string) {
    const url = buildAuthorizeUrl({ authorizeUrl, callbackUrl: callback, state });
    const page = await browser.go(url);
    const html = await page.text();
    expect(page.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain('Signet');
    const fields = formFields(html);
    expect(fields.get('app_id')).toBe(SIGNET_APP_ID);
    return fields;
  }

  async function submit(
    browser: Browser,
    fields: URLSearchParams,
    button: 'approve' | 'reject',
  ): Promise<string> {
    fields.set(
      button,
      button === 'approve' ? 'Yes, I approve of this connection' : 'No, I do not approve of this connection',
    );
    const res = await browser.go(authorizeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields,
    });
    const text = await res.clone().text();
    expect(res.status, /<div[^>]*notice-error[\s\S]*?<\/div>/.exec(text)?.[0] ?? text.slice(0, 300)).toBe(
      302,
    );
    return res.headers.get('location')!;
  }

  it('approved: WordPress sends back a working application password for the signed-in user', async () => {
    const browser = new Browser();
    await browser.logIn(server);
    const state = newAuthorizeState();
    const location = await submit(browser, await openForm(browser, state), 'approve');
    expect(location.startsWith(`${callback}?state=${state}&`)).toBe(true);

    const result = parseAuthorizeCallback(location, { state, siteUrl: server.url });
    if (result.outcome !== 'approved') throw new Error(`expected approval, got ${JSON.stringify(result)}`);
    expect(result.siteUrl).toBe(server.url);
    expect(result.userLogin).toBe(server.user);
    // 24 letters and digits (the no-JS path sends them unchunked; the JS path in groups of four).
    expect(result.password.replace(/ /g, '')).toMatch(/^[A-Za-z0-9]{24}$/);

    const publisher = await createWordPressPublisher(
      { siteUrl: result.siteUrl, userLogin: result.userLogin, transport: 'auto' },
      result.password,
      fetch,
    );
    expect((await publisher.verify()).userLogin).toBe(server.user);
    // WordPress lists it under Signet’s app id.
    const me = await server.restJson<{ id: number }>('/wp/v2/users/me');
    const passwords = await server.restJson<Array<{ name: string; app_id: string }>>(
      `/wp/v2/users/${me.id}/application-passwords`,
    );
    expect(passwords).toContainEqual(expect.objectContaining({ name: 'Signet', app_id: SIGNET_APP_ID }));
  });

  it('rejected: the reply says so and carries no password; a stale state is refused', async () => {
    const browser = new Browser();
    await browser.logIn(server);
    const state = newAuthorizeState();
    const location = await submit(browser, await openForm(browser, state), 'reject');
    expect(parseAuthorizeCallback(location, { state })).toMatchObject({
      outcome: 'rejected',
      rejected: true,
    });
    expect(location).not.toMatch(/password=/);
    expect(parseAuthorizeCallback(location, { state: newAuthorizeState() })).toMatchObject({
      reason: 'state-mismatch',
    });
  });

  it('accepts Electron’s signet:// callback: the page’s script is told to return there', async () => {
    // The redirect itself is made by WordPress's auth-app.js in the author's browser (its no-JS
    // form drops non-web schemes); the page hands that script the callback as given.
    const browser = new Browser();
    await browser.logIn(server);
    const state = newAuthorizeState();
    const page = await browser.go(
      buildAuthorizeUrl({ authorizeUrl, callbackUrl: ELECTRON_CALLBACK_URL, state }),
    );
    const html = await page.text();
    expect(page.status).toBe(200);
    const data = /var authApp = (\{.*?\});/.exec(html)?.[1];
    expect(data, html.slice(0, 300)).toBeDefined();
    const authApp = JSON.parse(data!) as { success: string; reject: string; user_login: string };
    expect(authApp.success).toBe(`signet://wp-auth/callback?state=${state}`);
    expect(authApp.reject).toBe(`signet://wp-auth/callback?state=${state}&success=false`);
    // What auth-app.js then opens, read by the same parser.
    const redirect =
      `${authApp.success}&site_url=${encodeURIComponent(server.url)}` +
      `&user_login=${encodeURIComponent(authApp.user_login)}&password=${encodeURIComponent('abcd efgh ijkl mnop qrst uvwx')}`;
    expect(parseAuthorizeCallback(redirect, { state, siteUrl: server.url })).toMatchObject({
      outcome: 'approved',
    });
    expect(parseAuthorizeCallback(authApp.reject, { state })).toMatchObject({ outcome: 'rejected' });
  });

  it('application passwords off: WordPress’s way back says so, and the parser turns it into a clear error', async () => {
    await server.setSwitch('no-app-passwords', true);
    const browser = new Browser();
    await browser.logIn(server);
    const state = newAuthorizeState();
    const page = await browser.go(buildAuthorizeUrl({ authorizeUrl, callbackUrl: callback, state }));
    const html = await page.text();
    expect(page.status).toBe(501);
    const back = /href=(["'])([^"']*error=disabled[^"']*)\1/.exec(html)?.[2];
    expect(back, html.slice(0, 800)).toBeDefined();
    expect(parseAuthorizeCallback(decodeXmlEntities(back!), { state })).toMatchObject({
      outcome: 'error',
      reason: 'app-passwords-disabled',
    });
  });
});
