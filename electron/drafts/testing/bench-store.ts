/**
 * Draft store benchmark: `count` realistic drafts (500–1500 words of Lexical JSON each) written to
 * a temp folder, then the store is opened, listed, searched and saved to. Run by `npm run bench`
 * through `benchStore`, or alone: `npx tsx electron/drafts/testing/bench-store.ts [count]`.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DraftStore } from '../DraftStore';
import { serializeDraft } from '../draftFile';
import type { Draft } from '../../contract';
import { rareWord, realisticDraft, realisticEditorState, seededRng, type Rng } from './realisticDrafts';

export interface BenchStoreOptions {
  /** How many drafts the folder holds. */
  count: number;
  /** The queries to time, or how many to make up (default 300) the way authors type them. */
  queries?: number | string[];
  /** Where to make the temp folder (default: the OS temp folder). */
  tmpDir?: string;
  /** How many drafts to save, one after another, for `saveMs` (default 20). */
  saves?: number;
}

export interface BenchStoreResult {
  count: number;
  /** Until `DraftStore.open` resolves: the list is complete, search works by plain matching. */
  openMs: number;
  /** Until the full-text index is complete (it is built in the background after opening). */
  searchReadyMs: number;
  /** Search p95 right after opening, while most drafts are found by plain matching. */
  searchWhileIndexingP95: number;
  /** Longest the event loop was blocked while opening and indexing: how responsive the app stays. */
  maxStallMs: number;
  /** First page of the whole list, sorted by date: p95 of 30 runs. */
  listMs: number;
  searchP50: number;
  searchP95: number;
  /** One save of a ~1000-word draft (read, atomic write with fsyncs, index update): median of `saves`. */
  saveMs: number;
  heapMB: number;
  /** Every timing taken, in ms, for summaries over several runs. */
  samples: {
    searchWhileIndexing: number[];
    list: number[];
    search: number[];
    save: number[];
    /** `get` of one draft, for the drafts later saved. */
    get: number[];
  };
}

export async function benchStore(options: BenchStoreOptions): Promise<BenchStoreResult> {
  const root = await fsp.mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'signet-bench-'));
  const dir = path.join(root, 'drafts');
  try {
    const rng = seededRng(42);
    const titles = await writeDrafts(dir, options.count, rng);

    // Event-loop stalls while the store opens and indexes (not while this benchmark searches).
    const openStalls = monitorEventLoopDelay({ resolution: 10 });
    openStalls.enable();
    let started = performance.now();
    const store = await DraftStore.open({ dir, watch: false });
    const openMs = performance.now() - started;
    openStalls.disable();
    const queries = Array.isArray(options.queries)
      ? options.queries
      : makeQueries(titles, options.queries ?? 300, seededRng(9));
    const earlyTimes = queries
      .slice(0, 20)
      .map((query) => timeOnce(() => store.list({ filter: 'all', query, offset: 0, limit: 50 })));
    const indexStalls = monitorEventLoopDelay({ resolution: 10 });
    indexStalls.enable();
    await store.whenSearchReady();
    const searchReadyMs = performance.now() - started;
    indexStalls.disable();

    const listTimes = timeEach(30, () => store.list({ filter: 'all', offset: 0, limit: 100 }));

    const searchTimes = queries.map((query) =>
      timeOnce(() => store.list({ filter: 'all', query, offset: 0, limit: 50 })),
    );

    const ids = store
      .list({ filter: 'all', offset: 0, limit: options.saves ?? 20 })
      .items.map((item) => item.id);
    // Open one draft (what the editor asks for when a draft is clicked): the same drafts as saved.
    const getTimes: number[] = [];
    for (const id of ids) {
      started = performance.now();
      await store.get(id);
      getTimes.push(performance.now() - started);
    }
    const saveTimes: number[] = [];
    for (const id of ids) {
      const editorState = realisticEditorState(rng, 1000);
      started = performance.now();
      await store.save({ id, title: 'Edited in the benchmark', editorState });
      saveTimes.push(performance.now() - started);
    }
    const heapMB = process.memoryUsage().heapUsed / 1e6;
    await store.close();
    return {
      count: options.count,
      openMs: round(openMs),
      searchReadyMs: round(searchReadyMs),
      searchWhileIndexingP95: round(percentile(earlyTimes, 0.95)),
      maxStallMs: round(Math.max(openStalls.max, indexStalls.max) / 1e6),
      listMs: round(percentile(listTimes, 0.95)),
      searchP50: round(percentile(searchTimes, 0.5)),
      searchP95: round(percentile(searchTimes, 0.95)),
      saveMs: round(percentile(saveTimes, 0.5)),
      heapMB: Math.round(heapMB),
      samples: {
        searchWhileIndexing: earlyTimes,
        list: listTimes,
        search: searchTimes,
        save: saveTimes,
        get: getTimes,
      },
    };
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
}

/**
 * The `i`-th benchmark draft, drawn from `rng`: called for i = 0, 1, 2… on one `seededRng(42)`, as
 * `benchStore` does, it gives the same drafts (the naive-store baseline, bench/suites, relies on it).
 */
export function benchDraft(rng: Rng, i: number): Draft {
  const id = `bench${i.toString().padStart(6, '0')}`;
  const start = Date.parse('2022-01-01T00:00:00.000Z');
  return realisticDraft(rng, id, new Date(start + Math.floor(rng() * 3 * 365 * 86_400_000)));
}

/** The words of a title, as `makeQueries` takes them. */
export function titleWords(title: string): string[] {
  return title.toLowerCase().split(/\s+/);
}

/** Writes the drafts straight to disk (not timed); returns their titles' words. */
async function writeDrafts(dir: string, count: number, rng: Rng): Promise<string[][]> {
  await fsp.mkdir(dir, { recursive: true });
  const titles: string[][] = [];
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const draft = benchDraft(rng, i);
    const id = draft.id;
    titles.push(titleWords(draft.title));
    batch.push(fsp.writeFile(path.join(dir, `${id}.json`), serializeDraft(draft)));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  return titles;
}

/**
 * Queries as authors type them: a word or two of a title they remember, a word being typed
 * (3–5 letters), a rarer word with a typo, a common word with the start of another.
 */
export function makeQueries(titles: string[][], count: number, rng: Rng): string[] {
  const pick = <T>(items: T[]): T => items[Math.floor(rng() * items.length)]!;
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const title = pick(titles);
    const roll = rng();
    if (roll < 0.3) queries.push(pick(title));
    else if (roll < 0.5) queries.push(`${pick(title)} ${pick(title)}`);
    else if (roll < 0.7) {
      const word = pick(title);
      queries.push(word.slice(0, Math.min(word.length, 3 + Math.floor(rng() * 3))));
    } else if (roll < 0.85) {
      const word = rareWord(rng);
      const at = Math.floor(rng() * word.length);
      queries.push(`${word.slice(0, at)}x${word.slice(at + 1)}`);
    } else {
      queries.push(`${pick(title)} ${rareWord(rng).slice(0, 3)}`);
    }
  }
  return queries;
}

function timeOnce(task: () => unknown): number {
  const started = performance.now();
  task();
  return performance.now() - started;
}

function timeEach(times: number, task: () => unknown): number[] {
  return Array.from({ length: times }, () => timeOnce(task));
}

/** Nearest rank, as bench/stats.ts takes it, so this file's figures match the bench report's. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 10_000);
  benchStore({ count }).then(
    ({ samples: _samples, ...result }) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
