/** Real image files for tests, made on the spot. */
import { Jimp, JimpMime } from 'jimp';

/** A PNG of one colour (`0xRRGGBBAA`). */
export async function pngOf(width: number, height: number, color: number): Promise<Buffer> {
  return new Jimp({ width, height, color }).getBuffer(JimpMime.png);
}
