import { readFileSync } from 'node:fs';
import { Jimp, JimpMime } from 'jimp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createImageScaler,
  headerSize,
  scaleImageToWidth,
  workerEntry,
  type ImageScaler,
} from './scaleImage';

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

  it('leaves an image that fits untouched: its header says so, no worker decodes it', async () => {
    const original = await png(800, 600);
    const copy = original.slice();
    const result = await scaleImageToWidth(original, 'image/png', 2048);
    expect(result).toMatchObject({ scaled: false, width: 800, height: 600 });
    expect(result.bytes).toEqual(copy);
    // Not transferred to a worker: the caller's buffer is still whole.
    expect(original.byteLength).toBe(copy.byteLength);
  });

  it('reads the shown size from the header, a JPEG turned by its EXIF orientation too', async () => {
    expect(headerSize(await png(640, 480))).toEqual({ width: 640, height: 480 });
    const jpeg = new Uint8Array(
      await new Jimp({ width: 300, height: 100, color: 0x00ff00ff }).getBuffer(JimpMime.jpeg),
    );
    expect(headerSize(jpeg)).toEqual({ width: 300, height: 100 });
    // The same JPEG with an APP1 Exif segment saying "orientation 6" (turned a quarter): shown 100 × 300.
    const exif = [
      0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00,
      0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00,
    ];
    const turned = new Uint8Array([...jpeg.subarray(0, 2), ...exif, ...jpeg.subarray(2)]);
    expect(headerSize(turned)).toEqual({ width: 100, height: 300 });
    expect(headerSize(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('sends formats it cannot re-encode as they are, without a worker', async () => {
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46]);
    expect(await scaleImageToWidth(webp, 'image/webp', 100)).toEqual({
      bytes: webp,
      mimeType: 'image/webp',
      scaled: false,
    });
  });

  it('does not throw on a corrupt file: its bytes come back unchanged for the blog to judge', async () => {
    const junk = new Uint8Array([1, 2, 3]);
    const result = await scaleImageToWidth(junk, 'image/png', 100);
    expect(result).toEqual({ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png', scaled: false });
  });

  it('moves the bytes to the worker instead of copying them', async () => {
    const original = await png(2100, 10);
    await scaleImageToWidth(original, 'image/png', 2048);
    // Transferred: the caller's buffer is detached.
    expect(original.byteLength).toBe(0);
  });

  it('copies a view into a larger buffer, leaving its neighbours alone', async () => {
    const image = await png(2100, 10);
    const larger = new Uint8Array(image.byteLength + 8);
    larger.set(image, 4);
    const view = larger.subarray(4, 4 + image.byteLength);
    const scaled = await scaleImageToWidth(view, 'image/png', 2048);
    expect(scaled.width).toBe(2048);
    expect(larger.byteLength).toBe(image.byteLength + 8);
    expect(view).toEqual(image);
  });
});

describe('the image worker', () => {
  let scaler: ImageScaler | undefined;
  afterEach(async () => {
    await scaler?.close();
    scaler = undefined;
  });

  it('scales off the calling thread: the event loop keeps ticking while a large image is scaled', async () => {
    const big = await png(4000, 3000);
    scaler = createImageScaler();
    let ticks = 0;
    let last = performance.now();
    let longestPause = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestPause = Math.max(longestPause, now - last);
      last = now;
      ticks++;
    }, 5);
    const started = performance.now();
    let scaled;
    try {
      scaled = await scaler.scale(big, 'image/png', 1000);
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    longestPause = Math.max(longestPause, performance.now() - last);
    expect(scaled.width).toBe(1000);
    // In this thread, decoding and resizing 12 megapixels blocks the loop for a second or more.
    expect(
      longestPause,
      `longest pause ${Math.round(longestPause)} ms of ${Math.round(elapsed)} ms`,
    ).toBeLessThan(300);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
  });

  it("surfaces an error thrown in the worker with jimp's own message", async () => {
    const image = await png(30, 10);
    let inThread: Error | undefined;
    try {
      (await Jimp.fromBuffer(Buffer.from(image))).resize({ w: -5 });
    } catch (error) {
      inThread = error as Error;
    }
    expect(inThread).toBeInstanceOf(Error);
    scaler = createImageScaler();
    await expect(scaler.scale(image, 'image/png', -5)).rejects.toThrow(inThread!.message);
    // The worker survives a failed job.
    const next = await scaler.scale(await png(40, 10), 'image/png', 20);
    expect(next.width).toBe(20);
  });

  it('rejects clearly when the worker dies, and starts a new one for the next image', async () => {
    const crashing = new URL(
      `data:text/javascript,${encodeURIComponent(
        "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));",
      )}`,
    );
    scaler = createImageScaler({ entry: crashing });
    await expect(scaler.scale(await png(30, 10), 'image/png', 10)).rejects.toThrow(
      'The image worker stopped unexpectedly (exit code 3).',
    );
    expect(scaler.workerCount).toBe(0);
    await expect(scaler.scale(await png(30, 10), 'image/png', 10)).rejects.toThrow(/exit code 3/);
  });

  it('terminates a worker that has been idle', async () => {
    scaler = createImageScaler({ idleMs: 50 });
    await scaler.scale(await png(30, 10), 'image/png', 10);
    expect(scaler.workerCount).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scaler.workerCount).toBe(0);
  });

  it('queues work beyond its workers and answers every request', async () => {
    scaler = createImageScaler({ maxWorkers: 1 });
    const results = await Promise.all(
      [30, 40, 50].map(async (width) => scaler!.scale(await png(width, 10), 'image/png', 20)),
    );
    expect(results.map((r) => r.width)).toEqual([20, 20, 20]);
    expect(scaler.workerCount).toBe(1);
  });

  it('runs from the sources with the TypeScript worker, built as scaleImageWorker.js', () => {
    expect(workerEntry().pathname).toMatch(/electron\/publishing\/media\/scaleImageWorker\.ts$/);
  });

  it('keeps the worker self-contained: no run-time import from the project', () => {
    const source = readFileSync(new URL('./scaleImageWorker.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const specifier of imports) expect(specifier).not.toMatch(/^\./);
  });
});
