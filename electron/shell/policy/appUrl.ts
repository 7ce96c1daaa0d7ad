/**
 * Where the renderer comes from: the `app://signet/` scheme over the built files in production, or
 * electron-vite's dev server in development. A custom standard scheme gives the page a real origin,
 * so `'self'` in the CSP means something and no page runs with file:// privileges.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
import * as path from 'node:path';
import { RENDERER_CSP } from '../../security/csp';
import { APP_ORIGIN, originOf } from './sender';

export const APP_SCHEME = 'app';
export const APP_HOST = 'signet';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type RendererEntry =
  { kind: 'app'; url: string; origin: string } | { kind: 'dev'; url: string; origin: string };

/**
 * The dev server is used only in an unpackaged app and only on loopback: a packaged Signet never
 * loads code from an environment variable, and the dev server must not be another machine.
 */
export function rendererEntry(options: { isPackaged: boolean; devServerUrl?: string }): RendererEntry {
  const { isPackaged, devServerUrl } = options;
  if (!isPackaged && devServerUrl) {
    const origin = originOf(devServerUrl);
    const url = origin ? new URL(devServerUrl) : null;
    if (
      url &&
      origin &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      isLoopback(url.hostname)
    ) {
      return { kind: 'dev', url: url.href, origin };
    }
  }
  return { kind: 'app', url: APP_ENTRY_URL, origin: APP_ORIGIN };
}

/** The origins whose top-level pages may call commands and receive events. */
export function appOriginsFor(entry: RendererEntry): string[] {
  return entry.kind === 'dev' ? [APP_ORIGIN, entry.origin] : [APP_ORIGIN];
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * The file under `rendererDir` an `app://signet/…` request asks for, or null (→ 404).
 * `/` is `index.html`. Encoded slashes, backslashes, NUL, dot segments, drive letters and anything
 * that resolves outside the folder are refused.
 */
export function resolveRendererFile(rendererDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  const rawPath = url.pathname;
  if (/%(2f|5c|00)/i.test(rawPath) || rawPath.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\0') || s.includes(':'))) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, segments.length > 0 ? segments.join('/') : 'index.html');
  return file.startsWith(root + path.sep) ? file : null;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Content type of a built renderer file. Module scripts are refused by Chromium unless served
 * with a JavaScript type, so this must be right; unknown files are opaque bytes (and `nosniff`).
 */
export function rendererMimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of an `app://` response: the CSP travels with the page, and no type is ever guessed. */
export function rendererResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': rendererMimeType(file),
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    // The files change with every build and are read from local disk: never serve a stale one.
    'Cache-Control': 'no-cache',
  };
}
