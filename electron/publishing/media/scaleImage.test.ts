import { Jimp, JimpMime } from 'jimp';
import { describe, expect, it } from 'vitest';
import { scaleImageToWidth } from './scaleImage';

async function png(width: number, height: number): Promise<Uint8Array> {
  const image = new Jimp({ width, height, color: 0xff0000ff });
  return new Uint8Array(await image.getBuffer(JimpMime.png));
}

describe('scaleImageToWidth', () => {
  it('scales a wide PNG down to the largest width, keeping the aspect ratio', async () => {
    const scaled = await scaleImageToWidth(await png(3000, 1500), 'image/png', 2048);
    expect(scaled.scaled).toBe(true);
    expect([scaled.width, scaled.height]).toEqual([2048, 1024]);
    const decoded = await Jimp.fromBuffer(Buffer.from(scaled.bytes));
    expect(decoded.bitmap.width).toBe(2048);
  });

  it('leaves an image that fits untouched (same bytes)', async () => {
    const original = await png(800, 600);
    const result = await scaleImageToWidth(original, 'image/png', 2048);
    expect(result.scaled).toBe(false);
    expect(result.bytes).toBe(original);
    expect(result.width).toBe(800);
  });

  it('sends formats it cannot re-encode as they are', async () => {
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46]);
    expect(await scaleImageToWidth(webp, 'image/webp', 100)).toEqual({
      bytes: webp,
      mimeType: 'image/webp',
      scaled: false,
    });
  });

  it('does not throw on a corrupt file', async () => {
    const junk = new Uint8Array([1, 2, 3]);
    expect((await scaleImageToWidth(junk, 'image/png', 100)).bytes).toBe(junk);
  });
});
