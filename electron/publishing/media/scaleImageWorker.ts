/**
 * The worker thread behind `scaleImageToWidth` (scaleImage.ts): jimp decodes, resizes and encodes
 * here, so a 3000 px photo never blocks the main process (IPC, every window) for seconds.
 *
 * This file is its own entry point: in the build it becomes `out/main/scaleImageWorker.js` beside
 * `main.js` (electron.vite.config.ts); from the sources (web host, vitest) it runs as TypeScript.
 * It must import nothing from the project at run time (type imports only), or the bundler would
 * move shared code into a chunk and the worker's file would no longer stand alone.
 */
import { parentPort } from 'node:worker_threads';
import { Jimp, JimpMime } from 'jimp';
import type { ScaleReply, ScaleRequest } from './scaleImageProtocol';

const TARGET: Record<string, (typeof JimpMime)[keyof typeof JimpMime]> = {
  'image/png': JimpMime.png,
  'image/jpeg': JimpMime.jpeg,
  'image/bmp': JimpMime.bmp,
  'image/tiff': JimpMime.tiff,
};

async function scale(request: ScaleRequest): Promise<ScaleReply> {
  const { id, buffer, mimeType, maxWidth } = request;
  const unchanged = (width?: number, height?: number): ScaleReply => ({
    id,
    ok: true,
    buffer,
    mimeType,
    scaled: false,
    ...(width === undefined ? {} : { width, height }),
  });
  const target = TARGET[mimeType];
  if (!target) return unchanged();
  let image: Awaited<ReturnType<typeof Jimp.fromBuffer>>;
  try {
    image = await Jimp.fromBuffer(Buffer.from(buffer));
  } catch {
    // Not decodable here: the blog may still take it as it is.
    return unchanged();
  }
  const { width, height } = image.bitmap;
  if (width <= maxWidth) return unchanged(width, height);
  image.resize({ w: maxWidth });
  const options = target === JimpMime.jpeg ? { quality: 85 } : undefined;
  const out = await image.getBuffer(target, options as never);
  // A fresh ArrayBuffer of exactly the encoded bytes, so it can be transferred, not copied.
  const bytes = new Uint8Array(out.byteLength);
  bytes.set(out);
  return {
    id,
    ok: true,
    buffer: bytes.buffer,
    mimeType,
    width: image.bitmap.width,
    height: image.bitmap.height,
    scaled: true,
  };
}

const port = parentPort;
if (!port) throw new Error('scaleImageWorker must run in a worker thread.');

port.on('message', (request: ScaleRequest) => {
  scale(request).then(
    (reply) => port.postMessage(reply, reply.ok ? [reply.buffer] : []),
    (error: unknown) => {
      const failure: ScaleReply = {
        id: request.id,
        ok: false,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(failure);
    },
  );
});
