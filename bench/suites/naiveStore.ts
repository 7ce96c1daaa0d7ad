/**
 * Baseline for the drafts-at-scale benchmark: the naive design, every draft in one electron-store
 * (`conf`, the same file format and code electron-store uses) under one key. The same drafts,
 * queries and edits as `benchStore` (electron/drafts/testing/bench-store.ts), the same operations:
 * cold start, first page of the list, search, open one draft, save one draft.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import type { Draft, DraftSummary } from '../../electron/contract';
import { benchDraft, makeQueries, titleWords } from '../../electron/drafts/testing/bench-store';
import { realisticEditorState, seededRng } from '../../electron/drafts/testing/realisticDrafts';
import { countWords, plainTextOf, snippetOf } from '../../electron/contract/plainText';

export interface NaiveStoreOptions {
  /** Quick sizes (300 drafts) as `npm test` runs them, or full ones (10,000 drafts). */
  quick: boolean;
  /** Overrides of the sizes `quick` picks. */
  count?: number;
  /** The queries to time, or how many to make up the way `benchStore` does (same seed). */
  queries?: number | string[];
  /** How many drafts to open (`get`), newest first, as `benchStore` opens and saves them. */
  gets?: number;
  /** How many saves to time: each rewrites the whole file, seconds at 10,000 drafts. */
  saves?: number;
  /** How many cold starts to time (each re-reads the file). */
  coldStarts?: number;
  /** Where to make the temp folder (default: the OS temp folder). */
  tmpDir?: string;
}

export type NaiveOp = 'coldStart' | 'searchReady' | 'list' | 'search' | 'get' | 'save';

export interface NaiveStoreResult {
  count: number;
  /** Size of the one config file holding every draft. */
  fileBytes: number;
  /** Every timing, in ms, per operation. */
  samples: Record<NaiveOp, number[]>;
  /** One sentence per operation: what exactly is measured and how. */
  notes: Record<NaiveOp, string>;
}

const SIZES = {
  quick: { count: 300, queries: 50, gets: 10, saves: 10, coldStarts: 3 },
  full: { count: 10_000, queries: 300, gets: 50, saves: 5, coldStarts: 3 },
};

const LIST_RUNS = 30;
const PAGE = 100;
const SEARCH_PAGE = 50;

interface NaiveData {
  drafts: Draft[];
}

/** What the naive app holds in memory once started. */
interface Loaded {
  conf: Conf<NaiveData>;
  drafts: Draft[];
}

export async function benchNaiveStore(options: NaiveStoreOptions): Promise<NaiveStoreResult> {
  const size = { ...(options.quick ? SIZES.quick : SIZES.full) };
  for (const key of ['count', 'gets', 'saves', 'coldStarts'] as const) {
    const value = options[key];
    if (value !== undefined) size[key] = value;
  }
  const root = await fsp.mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'signet-bench-naive-'));
  try {
    // The same drafts, titles and queries as benchStore: one rng(42) for drafts then edits, rng(9)
    // for the queries.
    const rng = seededRng(42);
    const drafts: Draft[] = [];
    for (let i = 0; i < size.count; i++) drafts.push(benchDraft(rng, i));
    const queries = Array.isArray(options.queries)
      ? options.queries
      : makeQueries(
          drafts.map((d) => titleWords(d.title)),
          options.queries ?? size.queries,
          seededRng(9),
        );
    // Written once, not timed.
    new Conf<NaiveData>(confOptions(root)).set('drafts', drafts);
    drafts.length = 0;
    const fileBytes = (await fsp.stat(path.join(root, 'drafts.json'))).size;

    const coldStart: number[] = [];
    const searchReady: number[] = [];
    let loaded: Loaded | null = null;
    let texts: string[] = [];
    for (let run = 0; run < size.coldStarts; run++) {
      loaded = null;
      texts = [];
      await settle();
      const started = performance.now();
      loaded = open(root);
      listFirstPage(loaded.drafts);
      coldStart.push(performance.now() - started);
      texts = searchTexts(loaded.drafts);
      searchReady.push(performance.now() - started);
    }
    const store = loaded!;

    const list = Array.from({ length: LIST_RUNS }, () => time(() => listFirstPage(store.drafts)));
    const search = queries.map((query) => time(() => searchAll(store.drafts, texts, query)));

    const ids = listFirstPage(store.drafts)
      .slice(0, Math.max(size.gets, size.saves))
      .map((d) => d.id);
    const get = ids.slice(0, size.gets).map((id) => time(() => getDraft(store.drafts, id)));
    const save: number[] = [];
    for (const id of ids.slice(0, size.saves)) {
      const editorState = realisticEditorState(rng, 1000);
      save.push(time(() => saveDraft(store, id, 'Edited in the benchmark', editorState)));
    }

    const count = size.count.toLocaleString('en-US');
    return {
      count: size.count,
      fileBytes,
      samples: { coldStart, searchReady, list, search, get, save },
      notes: {
        coldStart:
          `Naive store, cold start: new Conf() on the one ${mb(fileBytes)} file of ${count} drafts, ` +
          'get("drafts") (read and JSON.parse of all of it) and the first page sorted by date, once per run.',
        searchReady:
          'Naive store, until search works: cold start plus the plain text of every draft extracted and ' +
          'lower-cased in memory, which its search scans.',
        list:
          `Naive store, list: every draft sorted by date, the first ${PAGE} made into list items ` +
          `(snippet and word count from their text), ${LIST_RUNS} calls.`,
        search:
          `Naive store, search: ${queries.length} queries (the same as Signet's), a full scan for drafts ` +
          'whose title or text contains every word of the query, the newest 50 made into list items.',
        get: 'Naive store, open one draft: found by id in the array held in memory (nothing read from disk).',
        save:
          'Naive store, save one ~1,000-word draft: conf.set("drafts", …), which reads and parses the whole ' +
          'file, then writes all of it again (JSON with tabs, atomic write).',
      },
    };
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
}

function confOptions(cwd: string): ConstructorParameters<typeof Conf<NaiveData>>[0] {
  return { cwd, configName: 'drafts' };
}

function open(root: string): Loaded {
  const conf = new Conf<NaiveData>(confOptions(root));
  // Kept as the app's own copy, so a save can change it.
  const drafts = [...(conf.get('drafts') ?? [])];
  return { conf, drafts };
}

function byNewest(a: Draft, b: Draft): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}

function summaryOf(draft: Draft): DraftSummary {
  const text = plainTextOf(draft.editorState);
  return {
    id: draft.id,
    title: draft.title,
    snippet: snippetOf(text),
    updatedAt: draft.updatedAt,
    createdAt: draft.createdAt,
    state: 'local',
    wordCount: countWords(text),
  };
}

function listFirstPage(drafts: Draft[]): DraftSummary[] {
  return [...drafts].sort(byNewest).slice(0, PAGE).map(summaryOf);
}

function searchTexts(drafts: Draft[]): string[] {
  return drafts.map((d) => `${d.title}\n${plainTextOf(d.editorState)}`.toLowerCase());
}

function searchAll(drafts: Draft[], texts: string[], query: string): DraftSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found: Draft[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const text = texts[i]!;
    if (words.every((w) => text.includes(w))) found.push(drafts[i]!);
  }
  return found.sort(byNewest).slice(0, SEARCH_PAGE).map(summaryOf);
}

function getDraft(drafts: Draft[], id: string): Draft {
  const draft = drafts.find((d) => d.id === id);
  if (!draft) throw new Error(`The naive store has no draft ${id}.`);
  return draft;
}

function saveDraft(store: Loaded, id: string, title: string, editorState: Draft['editorState']): void {
  const at = store.drafts.findIndex((d) => d.id === id);
  if (at < 0) throw new Error(`The naive store has no draft ${id}.`);
  store.drafts[at] = { ...store.drafts[at]!, title, editorState, updatedAt: new Date().toISOString() };
  store.conf.set('drafts', store.drafts);
}

function time(task: () => unknown): number {
  const started = performance.now();
  task();
  return performance.now() - started;
}

/** Lets the garbage of the previous run go before the next cold start is timed. */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
