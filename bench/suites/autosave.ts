/**
 * Autosave cost: main-process event-loop delay and time per save of a 20,000-word draft while the
 * author types continuously. The main process is the real app (`createApp`, as the e2e web host
 * and the outbox crash test run it in Node); the renderer is a worker thread that types and saves
 * with useAutosave's cadence and sends each save as a structured clone (what Electron's IPC uses),
 * so serializing the payload costs the worker and deserializing it costs the main thread, as in
 * the app. Meanwhile the main thread's event loop is watched with `monitorEventLoopDelay` (1 ms
 * resolution) and a 1 ms interval probe that records every gap longer than 16 ms.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createApp, type SignetApp } from '../../electron/app';
import type { Draft, Result, SaveResult } from '../../electron/contract';
import { realisticEditorState, seededRng } from '../../electron/drafts/testing/realisticDrafts';
import type { Logger } from '../../electron/ports';
import { testAppPorts } from '../../electron/testing/testAppPorts';

export interface AutosaveOptions {
  /** Quick: 3 s of typing (what `npm test` runs); full: 30 s. */
  quick: boolean;
  /** Overrides: words in the draft (default 20,000), seconds of typing. */
  words?: number;
  seconds?: number;
  /** Where to make the temp data folder (default: the OS temp folder). */
  tmpDir?: string;
}

export interface AutosaveResult {
  words: number;
  /** Bytes of one save's editor state as JSON. */
  payloadBytes: number;
  seconds: number;
  keystrokes: number;
  samples: {
    /** Main process, per save: the message arrives (already deserialized) until `saveDraft` answers. */
    saveMs: number[];
    /** Renderer side, per save: posted until the answer came back (queueing and cloning included). */
    roundTripMs: number[];
    /** Every gap of the 1 ms probe longer than 16 ms: how long the event loop was blocked, in ms. */
    blocksMs: number[];
    /**
     * CPU time the main thread itself ran during each of those gaps (Linux: the thread's own
     * scheduler clock; elsewhere the whole process's CPU, typing worker included): a gap with much
     * less than its length is the OS running something else — another program, or this process's
     * other threads on a busy 2-core machine — rather than Signet's code holding the event loop.
     */
    blocksCpuMs: number[];
  };
  /** `monitorEventLoopDelay` (1 ms resolution) over the typing, in ms. */
  eventLoopDelay: { p50: number; p95: number; p99: number; max: number; mean: number };
  /**
   * Probe gaps over 16 ms: how many, the longest (0 when there were none), and how many of them
   * the main thread spent more than 16 ms of CPU in (its own work, not the machine being busy).
   */
  blocks: { over16: number; maxMs: number; busyOver16: number };
  /** One sentence each: what exactly is measured and how. */
  notes: string[];
}

const BLOCK_MS = 16;

export async function benchAutosave(options: AutosaveOptions): Promise<AutosaveResult> {
  const words = options.words ?? 20_000;
  const seconds = options.seconds ?? (options.quick ? 3 : 30);
  const root = await fsp.mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'signet-bench-autosave-'));
  const dataDir = path.join(root, 'data');
  await fsp.mkdir(dataDir, { recursive: true });
  const warnings: string[] = [];
  const log: Logger = {
    info: () => {},
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
  const app = await openApp(dataDir, path.join(root, 'vault.key'), log);
  let worker: Worker | null = null;
  // Stops the event-loop watch; also called on failure, so no interval or descriptor outlives it.
  let stopWatching = (): void => {};
  try {
    const editorState = realisticEditorState(seededRng(20), words);
    const payloadBytes = Buffer.byteLength(JSON.stringify(editorState));
    const created = await command<Draft>(app, 'createDraft', { title: 'Autosave benchmark' });
    // The draft as the author opens it: already holding its 20,000 words (not timed).
    const first = await command<SaveResult>(app, 'saveDraft', {
      id: created.id,
      title: created.title,
      editorState,
      baseUpdatedAt: created.updatedAt,
    });

    const saveMs: number[] = [];
    const gaps: number[] = [];
    const gapsCpu: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const cpuMs = mainThreadCpuClock();
    let last = performance.now();
    let lastCpu = cpuMs();
    const probe = setInterval(() => {
      const now = performance.now();
      const cpu = cpuMs();
      if (now - last > BLOCK_MS) {
        gaps.push(now - last);
        gapsCpu.push(cpu - lastCpu);
      }
      last = now;
      lastCpu = cpu;
    }, 1);
    delay.enable();
    stopWatching = () => {
      delay.disable();
      clearInterval(probe);
      cpuMs.close();
    };

    worker = new Worker(RENDERER, {
      eval: true,
      workerData: {
        draftId: created.id,
        title: created.title,
        editorState,
        baseUpdatedAt: first.updatedAt,
        durationMs: seconds * 1000,
        seed: 5,
      },
    });
    const done = await new Promise<{ keystrokes: number; roundTripMs: number[]; finalState: string }>(
      (resolve, reject) => {
        worker!.on('error', reject);
        worker!.on('exit', (code) => reject(new Error(`The typing worker stopped early (exit ${code}).`)));
        worker!.on('message', (message: WorkerMessage) => {
          if (message.type === 'done') {
            resolve(message);
            return;
          }
          if (message.type === 'failed') {
            reject(new Error(message.message));
            return;
          }
          const started = performance.now();
          void app.dispatch('saveDraft', message.request).then((result) => {
            saveMs.push(performance.now() - started);
            worker!.postMessage({ seq: message.seq, result });
          });
        });
      },
    );
    stopWatching();
    if (done.roundTripMs.length !== saveMs.length)
      throw new Error(
        `The worker counted ${done.roundTripMs.length} saves, the main thread ${saveMs.length}.`,
      );
    if (saveMs.length === 0) throw new Error('No save was made while typing.');
    if (warnings.length) throw new Error(`The app logged a problem while saving: ${warnings[0]}`);
    // Every keystroke must have reached the disk: the last save holds the renderer's final text.
    const saved = await command<Draft>(app, 'getDraft', { id: created.id });
    if (JSON.stringify(saved.editorState) !== done.finalState)
      throw new Error('The draft on disk does not hold the last text typed: an autosave was lost.');

    const ms = (ns: number): number => ns / 1e6;
    return {
      words,
      payloadBytes,
      seconds,
      keystrokes: done.keystrokes,
      samples: { saveMs, roundTripMs: done.roundTripMs, blocksMs: gaps, blocksCpuMs: gapsCpu },
      eventLoopDelay: {
        p50: ms(delay.percentile(50)),
        p95: ms(delay.percentile(95)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      blocks: {
        over16: gaps.length,
        maxMs: gaps.length ? Math.max(...gaps) : 0,
        busyOver16: gapsCpu.filter((cpu) => cpu > BLOCK_MS).length,
      },
      notes: [
        `Autosave: a ${words.toLocaleString('en-US')}-word draft (${(payloadBytes / 1e6).toFixed(1)} MB of ` +
          `Lexical JSON) typed into for ${seconds} s in bursts of 15–40 keystrokes 100 ms apart with ` +
          '0.6–1.2 s pauses, saved with useAutosave’s cadence (500 ms after the last keystroke, at least ' +
          'every 1.5 s, one save in flight) by a worker thread standing in for the renderer.',
        'Autosave, time per save: on the main thread, from the save message arriving (structured clone, ' +
          'as Electron IPC delivers it) until the real app’s `saveDraft` command (createApp in Node: schema ' +
          'check, atomic write with fsyncs, index update, revisions) answered.',
        'Autosave, event loop: monitorEventLoopDelay at 1 ms resolution over the typing, and a 1 ms ' +
          `setInterval probe on the main thread recording every gap over ${BLOCK_MS} ms, with the CPU time ` +
          'the main thread itself ran meanwhile (Linux /proc/thread-self/schedstat); a gap counts as a ' +
          `block when that CPU time is over ${BLOCK_MS} ms (a gap with less is the OS running other work).`,
        'Autosave, correctness: after the typing, the draft read back through `getDraft` must hold ' +
          'exactly the last text typed, or the run fails.',
      ],
    };
  } finally {
    stopWatching();
    if (worker) await worker.terminate();
    await app.close();
    await fsp.rm(root, { recursive: true, force: true });
  }
}

/**
 * Milliseconds of CPU the calling (main) thread has run, read from the kernel's per-thread
 * scheduler clock (nanoseconds, ~5 µs a read through a kept descriptor). Where that file is missing
 * (not Linux), the process's CPU time, which also counts its other threads.
 */
function mainThreadCpuClock(): (() => number) & { close(): void } {
  let fd: number | null = null;
  try {
    fd = fs.openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    // Not Linux: fall back below.
  }
  const buffer = Buffer.alloc(64);
  const read = (): number => {
    if (fd === null) {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    }
    const length = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return Number(buffer.toString('latin1', 0, length).split(' ')[0]) / 1e6;
  };
  return Object.assign(read, {
    close: () => {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  });
}

type WorkerMessage =
  | { type: 'save'; seq: number; request: unknown }
  | { type: 'done'; keystrokes: number; roundTripMs: number[]; finalState: string }
  | { type: 'failed'; message: string };

async function openApp(dataDir: string, keyFile: string, log: Logger): Promise<SignetApp> {
  return createApp(
    testAppPorts({
      dataDir,
      keyFile,
      // Nothing here publishes; a request would be a bug, so it fails instead of leaving the machine.
      fetch: async () => {
        throw new Error('The autosave benchmark makes no HTTP requests.');
      },
      log,
    }),
  );
}

async function command<T>(app: SignetApp, name: string, request?: unknown): Promise<T> {
  const result = (await app.dispatch(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * The renderer: plain JavaScript run with `eval`, so it needs no TypeScript loader. Keystrokes
 * append a letter to a text node of a paragraph (the editor state is handed over whole, as
 * Lexical's `toJSON()` gives it); saves follow renderer/features/editor/useAutosave.ts.
 */
const RENDERER = `
const { parentPort, workerData } = require('node:worker_threads');
const { draftId, title, editorState, durationMs, seed } = workerData;
let base = workerData.baseUpdatedAt;
let a = seed >>> 0;
const rng = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const IDLE_MS = 500, MAX_WAIT_MS = 1500, KEY_MS = 100;
const paragraphs = editorState.root.children.filter((b) => b.type === 'paragraph' && b.children.some((c) => c.type === 'text'));
let node = null;
const moveCaret = () => {
  const p = paragraphs[Math.floor(rng() * paragraphs.length)];
  const texts = p.children.filter((c) => c.type === 'text');
  node = texts[Math.floor(rng() * texts.length)];
};
let dirty = false, inFlight = null, idleTimer = null, maxTimer = null, seq = 0, keystrokes = 0;
const pending = new Map();
const roundTripMs = [];
parentPort.on('message', (m) => { const p = pending.get(m.seq); pending.delete(m.seq); p(m.result); });
const clearTimers = () => { clearTimeout(idleTimer); clearTimeout(maxTimer); idleTimer = maxTimer = null; };
async function flush() {
  clearTimers();
  if (inFlight) { await inFlight; if (!dirty) return; }
  if (!dirty) return;
  dirty = false;
  const id = ++seq;
  const started = performance.now();
  inFlight = new Promise((resolve) => {
    pending.set(id, resolve);
    parentPort.postMessage({ type: 'save', seq: id, request: { id: draftId, title, editorState, baseUpdatedAt: base } });
  }).then((result) => {
    roundTripMs.push(performance.now() - started);
    if (!result.ok) throw new Error('saveDraft failed: ' + result.error.code + ' ' + result.error.message);
    base = result.value.updatedAt;
  }).finally(() => { inFlight = null; });
  await inFlight;
  if (dirty) idleTimer = setTimeout(() => void flush().catch(fail), IDLE_MS);
}
function change() {
  dirty = true;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void flush().catch(fail), IDLE_MS);
  if (!maxTimer) maxTimer = setTimeout(() => void flush().catch(fail), MAX_WAIT_MS);
}
function fail(error) { parentPort.postMessage({ type: 'failed', message: String(error && error.stack || error) }); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    moveCaret();
    const burst = 15 + Math.floor(rng() * 26);
    for (let i = 0; i < burst && performance.now() < end; i++) {
      node.text += rng() < 0.18 ? ' ' : String.fromCharCode(97 + Math.floor(rng() * 26));
      keystrokes++;
      change();
      await sleep(KEY_MS);
    }
    await sleep(600 + Math.floor(rng() * 600));
  }
  await flush();
  if (inFlight) await inFlight;
  parentPort.postMessage({ type: 'done', keystrokes, roundTripMs, finalState: JSON.stringify(editorState) });
})().catch(fail);
`;
