import { ASSET_CSP } from '../../security/csp';

/**
 * Draft images: `signet-asset://draft/<draftId>/<fileName>`, served by `protocol.handle` from the
 * draft's assets folder through `app.readAsset`. The parser is the gate in front of the disk.
 */
export const ASSET_SCHEME = 'signet-asset';
export const ASSET_HOST = 'draft';
/** `AppPorts.assetBaseUrl` inside Electron. */
export const ASSET_BASE_URL = `${ASSET_SCHEME}://${ASSET_HOST}/`;

/** The same rule as the contract's draft id schema. */
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface AssetAddress {
  draftId: string;
  fileName: string;
}

/**
 * `{draftId, fileName}` for a well-formed asset URL, else null. Exactly two path segments; each
 * is percent-decoded once (the app encodes them with `encodeURIComponent`). Encoded slashes or
 * backslashes, NUL and control characters, `.`/`..`, and any other host, port or credentials
 * are refused. A query (cache-busting) is ignored.
 */
export function parseAssetUrl(raw: string): AssetAddress | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${ASSET_SCHEME}:` || url.host !== ASSET_HOST || url.username || url.password) {
    return null;
  }
  const parts = url.pathname.split('/');
  if (parts.length !== 3 || parts[0] !== '') return null;
  const draftId = decodeSegment(parts[1] ?? '');
  const fileName = decodeSegment(parts[2] ?? '');
  if (draftId === null || fileName === null) return null;
  if (!DRAFT_ID.test(draftId)) return null;
  if (fileName.length === 0 || fileName.length > 255 || fileName === '.' || fileName === '..') return null;
  return { draftId, fileName };
}

function decodeSegment(segment: string): string | null {
  if (/%(2f|5c)/i.test(segment) || segment.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[/\\\u0000-\u001f\u007f]/.test(decoded)) return null;
  return decoded;
}

/** Headers of a draft image response (an SVG opened on its own must not run script). */
export function assetResponseHeaders(mimeType: string): Record<string, string> {
  return {
    'Content-Type': mimeType,
    'Content-Security-Policy': ASSET_CSP,
    'X-Content-Type-Options': 'nosniff',
    // The author can replace an image under the same name.
    'Cache-Control': 'no-cache',
  };
}
