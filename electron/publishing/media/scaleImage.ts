/**
 * Scales an image down to a destination's largest width before upload; the original stays in
 * the draft. jimp is pure JavaScript (no native addon in the main process, see TOOLCHAIN.md) and
 * reads/writes PNG, JPEG, GIF, BMP and TIFF. Other formats (WebP, AVIF, SVG) are sent as they are.
 */
import { Jimp, JimpMime } from 'jimp';

export interface ScaledImage {
  bytes: Uint8Array;
  mimeType: string;
  width?: number;
  height?: number;
  /** True when the bytes were re-encoded at a smaller size. */
  scaled: boolean;
}

const SCALABLE: Record<string, (typeof JimpMime)[keyof typeof JimpMime]> = {
  'image/png': JimpMime.png,
  'image/jpeg': JimpMime.jpeg,
  'image/bmp': JimpMime.bmp,
  'image/tiff': JimpMime.tiff,
};

export async function scaleImageToWidth(
  bytes: Uint8Array,
  mimeType: string,
  maxWidth: number,
): Promise<ScaledImage> {
  const target = SCALABLE[mimeType];
  if (!target) return { bytes, mimeType, scaled: false };
  let image: Awaited<ReturnType<typeof Jimp.fromBuffer>>;
  try {
    image = await Jimp.fromBuffer(Buffer.from(bytes));
  } catch {
    // Not decodable here: the blog may still take it as it is.
    return { bytes, mimeType, scaled: false };
  }
  const { width, height } = image.bitmap;
  if (width <= maxWidth) return { bytes, mimeType, width, height, scaled: false };
  image.resize({ w: maxWidth });
  const options = target === JimpMime.jpeg ? { quality: 85 } : undefined;
  const out = await image.getBuffer(target, options as never);
  return {
    bytes: new Uint8Array(out),
    mimeType,
    width: image.bitmap.width,
    height: image.bitmap.height,
    scaled: true,
  };
}
