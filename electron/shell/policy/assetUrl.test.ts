import { describe, expect, it } from 'vitest';
import { ASSET_BASE_URL, assetResponseHeaders, parseAssetUrl } from './assetUrl';

/** How app.ts builds an asset URL (`assetUrl` there). */
const urlFor = (draftId: string, fileName: string) =>
  `${ASSET_BASE_URL}${encodeURIComponent(draftId)}/${encodeURIComponent(fileName)}`;

describe('parseAssetUrl', () => {
  it('reads back what the app writes, including spaces and non-ASCII names', () => {
    for (const fileName of ['photo.png', 'my photo (1).jpg', 'café-über.webp', '100%.png', 'a#b?.gif']) {
      expect(parseAssetUrl(urlFor('d_1-A', fileName))).toEqual({ draftId: 'd_1-A', fileName });
    }
  });

  it('ignores a cache-busting query', () => {
    expect(parseAssetUrl('signet-asset://draft/abc/x.png?v=3')).toEqual({
      draftId: 'abc',
      fileName: 'x.png',
    });
  });

  it('sees dot segments only after URL parsing folded them, so they cannot leave the address', () => {
    expect(parseAssetUrl('signet-asset://draft/../abc/x.png')).toEqual({ draftId: 'abc', fileName: 'x.png' });
    expect(parseAssetUrl('signet-asset://draft/abc/%2e%2e/%2e%2e/x.png')).toBeNull();
  });

  it.each([
    // traversal: encoded or raw separators, dot names
    'signet-asset://draft/abc/..%2F..%2Fsettings.json',
    'signet-asset://draft/abc/..%2f..%2fsettings.json',
    'signet-asset://draft/abc/..%5Csettings.json',
    'signet-asset://draft/abc/a\\b.png',
    'signet-asset://draft/abc/%2E%2E',
    'signet-asset://draft/abc/..',
    'signet-asset://draft/abc/../x.png',
    'signet-asset://draft/abc/%2e',
    // shape
    'signet-asset://draft/abc',
    'signet-asset://draft/abc/',
    'signet-asset://draft/abc/sub/x.png',
    'signet-asset://draft//x.png',
    'signet-asset://other/abc/x.png',
    'signet-asset://draft:99/abc/x.png',
    'signet-asset://u:p@draft/abc/x.png',
    'app://draft/abc/x.png',
    'file:///abc/x.png',
    'nonsense',
    // the id must be an id
    'signet-asset://draft/a.b/x.png',
    `signet-asset://draft/${'a'.repeat(65)}/x.png`,
    'signet-asset://draft/%20abc/x.png',
    // control characters and bad escapes
    'signet-asset://draft/abc/x%00.png',
    'signet-asset://draft/abc/x%0A.png',
    'signet-asset://draft/abc/%E0%A4%A',
    `signet-asset://draft/abc/${'a'.repeat(256)}`,
  ])('refuses %s', (url) => {
    expect(parseAssetUrl(url)).toBeNull();
  });
});

describe('assetResponseHeaders', () => {
  it('lets an image draw and nothing else', () => {
    const headers = assetResponseHeaders('image/svg+xml');
    expect(headers['Content-Type']).toBe('image/svg+xml');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(headers['Content-Security-Policy']).toMatch(/sandbox/);
    expect(headers['Content-Security-Policy']).not.toMatch(/script-src/);
  });
});
