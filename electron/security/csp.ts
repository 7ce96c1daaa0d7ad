/**
 * The renderer's Content-Security-Policy. Applied three times on purpose (defence in depth): as a
 * response header on every `app://` response, through `webRequest.onHeadersReceived` for anything
 * else the session loads, and as a `<meta>` tag in `renderer/index.html` (the web host serves
 * the same built page, so the tag protects it there too).
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 *
 * Remote `http:`/`https:` images are allowed: posts pasted from the web reference images that
 * stay on their own servers, and the author must see them while editing. Nothing else may leave
 * the page (`connect-src 'self'`), and no script, style or font may come from elsewhere.
 *
 * `style-src-elem 'self' data:` is for the publish dialog's "In the blog's theme" preview only. That
 * preview is an `<iframe sandbox="" srcdoc>` (renderer/features/publish/ThemePreview.tsx), and a
 * srcdoc document inherits this policy, so the blog's styles need a way in. The main process
 * cleans them (electron/publishing/themePreview/sanitizeCss.ts) and hands them over as one
 * `<link rel="stylesheet" href="data:text/css;…">`. Why `data:` and nothing looser:
 * - `'unsafe-inline'` would let any `<style>` element or `style=` attribute apply in the app
 *   itself, and DOMPurify keeps `<style>` by default; `data:` needs a `<link>` element, which no
 *   sanitized content keeps and no renderer code creates outside the frame;
 * - a `blob:` stylesheet cannot be loaded by the frame (its origin is opaque: sandbox without
 *   `allow-same-origin`), and hashes or nonces cannot be known ahead for a blog's CSS;
 * - `style-src-attr` still falls back to `style-src 'self'`: inline `style=` stays blocked, also
 *   in the frame (the frame builder drops those attributes anyway).
 * `frame-src` stays `'none'` (through `default-src`): a srcdoc frame is not fetched, so it is
 * allowed, while a link clicked inside it cannot navigate the frame to the blog. The blog's
 * images (in its page and in its CSS) are `http(s):` images, which `img-src` already allows;
 * its web fonts are not loaded (`font-src 'self'`) and the frame builder drops `@font-face`.
 */

/** Kept a plain string so the renderer build can inline it into index.html's meta tag. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; style-src-elem 'self' data:; img-src 'self' data: blob: signet-asset: https: http:; " +
  "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
  "object-src 'none'";

/**
 * The same policy for index.html's `<meta http-equiv="Content-Security-Policy">`: a meta tag cannot
 * carry `frame-ancestors` (Chromium ignores it there and logs a warning), so it is left out; the
 * response headers still send it.
 */
export const RENDERER_META_CSP = RENDERER_CSP.replace(" frame-ancestors 'none';", '');

/**
 * The policy for electron-vite's dev server only: Vite injects CSS as `<style>` elements, React
 * Refresh adds an inline preamble script, and HMR talks over a WebSocket to the dev origin.
 * Never used in a packaged app (see `rendererEntry`).
 */
export function devRendererCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
    .replace("style-src-elem 'self' data:", "style-src-elem 'self' data: 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/**
 * For draft images served by `signet-asset:`: an SVG opened as a document could run script, so
 * such a response may do nothing but draw itself.
 */
export const ASSET_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/** The policy a response from `url` gets: the dev policy for the dev server, the strict one otherwise. */
export function cspForResponse(url: string, devOrigin: string | null): string {
  if (devOrigin !== null) {
    try {
      const u = new URL(url);
      if (`${u.protocol}//${u.host}` === devOrigin) return devRendererCsp(devOrigin);
    } catch {
      // An unparsable URL gets the strict policy.
    }
  }
  return RENDERER_CSP;
}

/**
 * Response headers with `csp` as the only Content-Security-Policy. Header names are
 * case-insensitive, so a server's `content-security-policy` is replaced, not doubled (two policies
 * would both apply, and a looser one would not loosen anything, but a stricter one from a server
 * could break the page in ways that are hard to see).
 */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  // The scanner cannot read a policy held in a variable; RENDERER_CSP above is checked by csp.test.ts
  // and e2e/security.spec.ts.
  out['Content-Security-Policy'] = [csp]; // eng-disable CSP_GLOBAL_CHECK
  return out;
}
