import { createContext, useContext } from 'react';

/**
 * How the editor turns an asset file name from the draft's folder into a URL it can show. The
 * host app owns the asset protocol, so the node itself never builds URLs.
 */
export const ImageAssetsContext = createContext<(fileName: string) => string>((fileName) => fileName);

export function useResolveAssetUrl(): (fileName: string) => string {
  return useContext(ImageAssetsContext);
}

// Raster data: URIs only. An SVG data URI cannot run script inside <img>, but it can be huge and
// hides content from review, so there is no reason to accept it from a paste.
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]+$/i;

/** True for a `src` Signet may display or keep for an image: a remote http(s) URL or a raster data: URI. */
export function isAllowedImageSrc(src: string): boolean {
  if (DATA_IMAGE.test(src)) return true;
  try {
    const url = new URL(src);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function isDataImageSrc(src: string): boolean {
  return src.startsWith('data:');
}
