/**
 * Which addresses may appear in a post. The same rules as the editor's (renderer/editor/utils/
 * linkUrl.ts and nodes/imageSources.ts), which the main process cannot import.
 */

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** A complete http(s) or mailto URL: the only links a post keeps. */
export function isAllowedLinkUrl(url: string): boolean {
  // Control characters and whitespace survive URL parsing in odd ways ("java\tscript:").
  if (url.length === 0 || /[\s\p{Cc}]/u.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!LINK_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.hostname.length > 0;
}

/** A public http(s) URL, the only `src` a published image may have. */
export function isWebImageUrl(src: string): boolean {
  if (/[\s\p{Cc}]/u.test(src)) return false;
  try {
    const url = new URL(src);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

// Raster data: URIs only, as in the editor: an SVG data URI can be huge and hides content.
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

/** A `src` an image node may keep: a web URL or a raster data: URI (the editor's rule). */
export function isAllowedImageSrc(src: string): boolean {
  return DATA_IMAGE.test(src) || isWebImageUrl(src);
}
