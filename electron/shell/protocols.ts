/**
 * The two custom schemes: `app://signet/` serves the built renderer (a real origin for 'self' in
 * the CSP, no file:// privileges), `signet-asset://draft/` serves draft images.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
import * as fsp from 'node:fs/promises';
import { protocol } from 'electron';
import type { SignetApp } from '../app';
import { APP_SCHEME, rendererResponseHeaders, resolveRendererFile } from './policy/appUrl';
import { ASSET_SCHEME, assetResponseHeaders, parseAssetUrl } from './policy/assetUrl';

/** Must run before 'ready'. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: URLs have a host and a real origin; secure: a secure context, like https;
    // supportFetchAPI: Vite's module scripts and preloads are fetched; codeCache: faster starts.
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
    // Images only: standard (so the URL has a host and path) and secure (no mixed-content
    // downgrade from the secure app page). No fetch, no CORS, no service workers.
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true } },
  ]);
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return status(404);
    try {
      const bytes = await fsp.readFile(file);
      return new Response(new Uint8Array(bytes), { headers: rendererResponseHeaders(file) });
    } catch {
      return status(404);
    }
  });
}

export function handleAssetProtocol(readAsset: SignetApp['readAsset']): void {
  protocol.handle(ASSET_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    const address = parseAssetUrl(request.url);
    const asset = address ? await readAsset(address.draftId, address.fileName) : null;
    if (!asset) return status(404);
    return new Response(new Uint8Array(asset.bytes), { headers: assetResponseHeaders(asset.mimeType) });
  });
}

function status(code: number): Response {
  return new Response(null, { status: code, headers: { 'X-Content-Type-Options': 'nosniff' } });
}
