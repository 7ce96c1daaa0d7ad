/**
 * Scales an image down to a destination's largest width before upload; the original stays in
 * the draft. jimp is pure JavaScript (no native addon in the main process, see TOOLCHAIN.md) and
 * reads/writes PNG, JPEG, GIF, BMP and TIFF. Other formats (WebP, AVIF, SVG) are sent as they are.
 *
 * Decoding, resizing and encoding take seconds for a large photo, so they run in a worker thread
 * (scaleImageWorker.ts): the main process keeps answering IPC and every window stays responsive.
 * The bytes are transferred to the worker and back, never copied.
 */
import { imageSize } from 'image-size';
import { availableParallelism } from 'node:os';
import * as workerThreads from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import type { ScaleReply, ScaleRequest } from './scaleImageProtocol';
import { t } from '../../contract/i18n';

export interface ScaledImage {
  bytes: Uint8Array;
  mimeType: string;
  width?: number;
  height?: number;
  /** True when the bytes were re-encoded at a smaller size. */
  scaled: boolean;
}

/** What the worker can re-encode (the worker keeps the same list, with jimp's encoders). */
const SCALABLE = new Set(['image/png', 'image/jpeg', 'image/bmp', 'image/tiff']);

/**
 * Scales `bytes` down to `maxWidth` in a worker thread. When `bytes` fill their own ArrayBuffer,
 * that buffer is moved to the worker (it is empty here afterwards): use the returned bytes, which
 * are the original ones handed back when nothing was scaled. A file the worker cannot decode comes
 * back unchanged (the blog may still take it); any other failure rejects with the worker's error.
 */
export async function scaleImageToWidth(
  bytes: Uint8Array,
  mimeType: string,
  maxWidth: number,
): Promise<ScaledImage> {
  if (!SCALABLE.has(mimeType)) return { bytes, mimeType, scaled: false };
  // Most images are narrow enough already: their header says so, and decoding them in the worker
  // (≈ 150–200 ms for a 1,200 px JPEG) would only confirm it.
  const size = headerSize(bytes);
  if (size && size.width <= maxWidth) return { bytes, mimeType, ...size, scaled: false };
  return defaultPool().scale(bytes, mimeType, maxWidth);
}

/**
 * The width and height as shown (EXIF orientations 5–8 turn the picture a quarter, so the stored
 * width is the shown height), read from the file's header alone; null when the header is unclear.
 */
export function headerSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const size = imageSize(bytes);
    if (!size.width || !size.height) return null;
    const isTurned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
    return isTurned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
  } catch {
    return null;
  }
}

export interface ImageScalerOptions {
  /** The worker's entry; by default scaleImageWorker beside this module (see workerEntry). */
  entry?: URL;
  /** At most this many workers at once; more requests wait in line. */
  maxWorkers?: number;
  /** A worker with nothing to do for this long is terminated. */
  idleMs?: number;
}

export interface ImageScaler {
  scale(bytes: Uint8Array, mimeType: string, maxWidth: number): Promise<ScaledImage>;
  /** Workers alive now (busy or idle). */
  readonly workerCount: number;
  /** Terminates every worker; requests in flight reject. */
  close(): Promise<void>;
}

let shared: ImageScaler | undefined;
function defaultPool(): ImageScaler {
  shared ??= createImageScaler();
  return shared;
}

/**
 * The worker's entry beside this module. Built, this module is inside `out/main/main.js` and the
 * worker is `out/main/scaleImageWorker.js` (its own rollup input). From the TypeScript sources
 * (the e2e web host under tsx, vitest) it is `scaleImageWorker.ts`.
 */
export function workerEntry(): URL {
  const self = new URL(import.meta.url);
  return new URL(isTypeScript(self) ? './scaleImageWorker.ts' : './scaleImageWorker.js', self);
}

function isTypeScript(url: URL): boolean {
  return /\.[cm]?tsx?$/.test(url.pathname);
}

/**
 * Node 20 does not carry `--import tsx` into worker threads, so a TypeScript entry starts through
 * this small bootstrap that registers tsx (a dev dependency) in the worker first. Only sources use
 * it; the built app's worker is JavaScript.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => tsx.register())
  .then(() => import(workerData.entry));
`;

function startWorker(entry: URL): Worker {
  if (!isTypeScript(entry)) return new Worker(entry);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { tsxApi, entry: entry.href } });
}

interface Job {
  request: ScaleRequest;
  resolve(image: ScaledImage): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export function createImageScaler(options: ImageScalerOptions = {}): ImageScaler {
  const entry = options.entry ?? workerEntry();
  const maxWorkers = Math.max(1, options.maxWorkers ?? Math.min(2, availableParallelism() - 1));
  const idleMs = options.idleMs ?? 15_000;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;

  function settleFailure(slot: Slot, error: Error): void {
    slots.delete(slot);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
    pump();
  }

  function spawn(): Slot {
    const slot: Slot = { worker: startWorker(entry) };
    slots.add(slot);
    slot.worker.on('message', (reply: ScaleReply) => {
      const job = slot.job;
      if (!job || reply.id !== job.request.id) return;
      slot.job = undefined;
      if (reply.ok) {
        const { buffer, ok: _ok, id: _id, ...rest } = reply;
        job.resolve({ bytes: new Uint8Array(buffer), ...rest });
      } else {
        const error = new Error(reply.message);
        error.name = reply.name;
        job.reject(error);
      }
      pump();
    });
    slot.worker.on('messageerror', (error) => settleFailure(slot, asError(error)));
    // An uncaught error in the worker (or its entry failing to load) ends the worker.
    slot.worker.on('error', (error) => settleFailure(slot, asError(error)));
    slot.worker.on('exit', (code) => {
      if (!slots.has(slot)) return;
      settleFailure(slot, new Error(t('error.media.workerStopped', { code: String(code) })));
    });
    return slot;
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.job) continue;
      const job = queue.shift();
      if (!job) {
        idle(slot);
        continue;
      }
      run(slot, job);
    }
    while (queue.length > 0 && slots.size < maxWorkers) run(spawn(), queue.shift()!);
  }

  function idle(slot: Slot): void {
    // An idle worker must not keep the process alive, and goes away after a while.
    slot.worker.unref();
    slot.idleTimer ??= setTimeout(() => {
      if (slot.job) return;
      slots.delete(slot);
      void slot.worker.terminate();
    }, idleMs);
    slot.idleTimer.unref();
  }

  function run(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    slot.job = job;
    slot.worker.ref();
    try {
      slot.worker.postMessage(job.request, [job.request.buffer]);
    } catch (error) {
      slot.job = undefined;
      job.reject(asError(error));
      pump();
    }
  }

  return {
    scale(bytes, mimeType, maxWidth) {
      return new Promise<ScaledImage>((resolve, reject) => {
        queue.push({
          request: { id: nextId++, buffer: transferable(bytes), mimeType, maxWidth },
          resolve,
          reject,
        });
        pump();
      });
    },
    get workerCount() {
      return slots.size;
    },
    async close() {
      const all = [...slots];
      slots.clear();
      for (const job of queue.splice(0)) job.reject(new Error(t('error.media.scalerClosed')));
      await Promise.all(
        all.map(async (slot) => {
          if (slot.idleTimer) clearTimeout(slot.idleTimer);
          slot.job?.reject(new Error(t('error.media.scalerClosed')));
          await slot.worker.terminate();
        }),
      );
    },
  };
}

/**
 * An ArrayBuffer holding exactly `bytes` that may be transferred: their own buffer when they fill
 * it (a file read from disk does), else a copy (a view into a larger or shared buffer, such as
 * Node's Buffer pool, must not take its neighbours along or detach them).
 */
function transferable(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength &&
    !isUntransferable(buffer)
  ) {
    return buffer;
  }
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

function isUntransferable(buffer: ArrayBuffer): boolean {
  // Node ≥ 21 can tell (its Buffer pool is marked); Node 20 clones such a buffer instead of moving it.
  const check = (workerThreads as { isMarkedAsUntransferable?: (value: object) => boolean })
    .isMarkedAsUntransferable;
  return check ? check(buffer) : false;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
