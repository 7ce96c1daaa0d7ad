/**
 * The in-memory index of every draft: what the draft list shows, and full-text search over
 * titles and bodies. It holds summaries only, never whole drafts, so 10,000 drafts stay cheap.
 */
import MiniSearch from 'minisearch';
import type { Draft, DraftFilter, DraftListResult, DraftState, DraftSummary } from '../contract';
import type { ListInput } from './types';
import { countWords, plainTextOf, snippetOf } from '../contract/plainText';

/** A draft without its body: enough to write it again when its file cannot be read. */
export type DraftShell = Omit<Draft, 'editorState'>;

interface Entry {
  summary: Omit<DraftSummary, 'state'>;
  shell: DraftShell;
  trashedAt?: string;
  /** Epoch ms of `meta.scheduledAt`; the state it gives depends on the time of the listing. */
  scheduledAtMs?: number;
  hasDestination: boolean;
  isQueued: boolean;
  isScheduled: boolean;
  isPublished: boolean;
}

interface SearchDoc {
  id: string;
  title: string;
  text: string;
}

/** Where a draft stands, as the list shows it. */
export function draftStateOf(
  draft: Pick<Draft, 'trashedAt' | 'destinations' | 'meta'>,
  now: Date,
): DraftState {
  return stateOfEntry(entryFlags(draft), now.getTime());
}

/**
 * Words too common to tell drafts apart (Lucene's and NLTK's English lists, merged). They are left
 * out of the index and of queries: every draft has them, so each one would make a search walk all
 * 10,000 drafts, and prefix matching turns "the" into the, then, there, these, they….
 */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she should
  so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you
  your yours yourself yourselves`.split(/\s+/),
);

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** How long one slice of background indexing may hold the event loop. */
const INDEX_SLICE_MS = 12;

/**
 * A draft's text longer than this (about 5,000 words; indexing it takes ~10 ms) is re-indexed
 * after a pause rather than on every save.
 */
const LONG_TEXT = 30_000;
/** The pause in saving of long drafts after which they are re-indexed. */
const REINDEX_QUIET_MS = 5_000;

export class DraftIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly search = new MiniSearch<SearchDoc>({
    fields: ['title', 'text'],
    storeFields: [],
    // Documents arrive already folded (see `fold`); queries are folded by `queryTerms`.
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: { boost: { title: 3 }, combineWith: 'AND', maxFuzzy: 2 },
  });
  /** Drafts not yet in the search index: opening adds them in the background. */
  private readonly unindexed = new Map<string, SearchDoc>();
  private indexing: Promise<void> | null = null;
  private reindexTimer: ReturnType<typeof setTimeout> | null = null;
  private isStopped = false;

  /** `reindexQuietMs`: the pause in saving long drafts after which they are indexed again. */
  constructor(private readonly options: { reindexQuietMs?: number } = {}) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  isTrashed(id: string): boolean {
    return this.entries.get(id)?.trashedAt !== undefined;
  }

  shell(id: string): DraftShell | undefined {
    return this.entries.get(id)?.shell;
  }

  summary(id: string, now: Date): DraftSummary | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry.summary, state: stateOfEntry(entry, now.getTime()) };
  }

  /**
   * Adds or replaces a draft. With `deferSearch`, the draft is searchable at once by plain
   * matching and goes into the full-text index on the next `indexInBackground`.
   */
  put(draft: Draft, options: { deferSearch?: boolean } = {}): void {
    const text = plainTextOf(draft.editorState);
    const { editorState: _body, ...shell } = draft;
    const entry: Entry = {
      shell,
      summary: {
        id: draft.id,
        title: draft.title,
        snippet: snippetOf(text),
        createdAt: draft.createdAt,
        updatedAt: draft.updatedAt,
        wordCount: countWords(text),
      },
      ...entryFlags(draft),
    };
    this.entries.set(draft.id, entry);
    const doc = { id: draft.id, title: fold(draft.title), text: fold(text) };
    const isLong = doc.text.length > LONG_TEXT;
    if (this.search.has(draft.id) && isLong) {
      // Re-indexing a long draft holds the event loop for tens of ms (MiniSearch adds every
      // word), and autosave does it every second or two while the author types: its old entry
      // goes (cheap), the new text is found by plain matching, and it is indexed once the
      // author pauses.
      this.search.discard(draft.id);
      this.unindexed.set(draft.id, doc);
      this.reindexWhenQuiet();
    } else if (this.search.has(draft.id)) {
      this.search.replace(doc);
    } else if (options.deferSearch || this.unindexed.has(draft.id)) {
      this.unindexed.set(draft.id, doc);
      if (!options.deferSearch && isLong) this.reindexWhenQuiet();
    } else {
      this.search.add(doc);
    }
  }

  remove(id: string): void {
    if (!this.entries.delete(id)) return;
    if (!this.unindexed.delete(id)) this.search.discard(id);
  }

  /**
   * Adds every deferred draft to the full-text index in slices, so the process stays responsive
   * while 10,000 drafts are indexed (that takes seconds: MiniSearch keeps a posting per word and
   * draft). Resolves when the index is complete.
   */
  indexInBackground(): Promise<void> {
    this.indexing ??= (async () => {
      while (this.unindexed.size > 0 && !this.isStopped) {
        const sliceEnd = performance.now() + INDEX_SLICE_MS;
        for (const [id, doc] of this.unindexed) {
          this.unindexed.delete(id);
          this.search.add(doc);
          if (performance.now() >= sliceEnd) break;
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })().finally(() => {
      this.indexing = null;
    });
    return this.indexing;
  }

  /** Stops background indexing (the store is closing); unindexed drafts stay findable. */
  stopIndexing(): void {
    this.isStopped = true;
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.reindexTimer = null;
  }

  /** Indexes the drafts saved meanwhile once no long draft was saved for `REINDEX_QUIET_MS`. */
  private reindexWhenQuiet(): void {
    if (this.isStopped) return;
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => {
      this.reindexTimer = null;
      void this.indexInBackground();
    }, this.options.reindexQuietMs ?? REINDEX_QUIET_MS);
    this.reindexTimer.unref?.();
  }

  list(input: ListInput, now: Date): DraftListResult {
    const nowMs = now.getTime();
    const query = input.query?.trim() ?? '';
    const isWanted = (entry: Entry): boolean => matchesFilter(stateOfEntry(entry, nowMs), input.filter);
    let matches: Entry[] = [];
    if (query) {
      // Relevance order: MiniSearch sorts by score.
      for (const hit of this.searchIndex(query)) {
        const entry = this.entries.get(hit.id as string);
        if (entry && isWanted(entry)) matches.push(entry);
      }
      // Drafts still waiting for the full-text index are found by plain matching, after the
      // ranked ones, so a search right after opening misses nothing.
      if (this.unindexed.size > 0) {
        const terms = queryTerms(query);
        const plain: Entry[] = [];
        for (const doc of this.unindexed.values()) {
          const entry = this.entries.get(doc.id);
          if (!entry || !terms.every((t) => doc.title.includes(t) || doc.text.includes(t))) continue;
          if (isWanted(entry)) plain.push(entry);
        }
        matches.push(...plain.sort(byUpdatedDesc));
      }
    } else {
      matches = [...this.entries.values()].filter(isWanted).sort(byUpdatedDesc);
    }
    const items = matches
      .slice(input.offset, input.offset + input.limit)
      .map((entry) => ({ ...entry.summary, state: stateOfEntry(entry, nowMs) }));
    return { items, total: matches.length };
  }

  /**
   * Every word must match (AND); a word matches as typed, with a typo from five letters on
   * (fuzzy 0.2), or as the start of a longer word (prefix). A word start of two or three letters
   * only expands within titles: in bodies it would expand to thousands of words, each in most
   * drafts, and one search of 10,000 drafts would take a tenth of a second while telling the
   * author little.
   */
  private searchIndex(query: string): { id: unknown }[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const queries = terms.map((term) => {
      const fuzzy = term.length >= 5 ? 0.2 : false;
      if (term.length >= 4) return { queries: [term], prefix: true, fuzzy };
      return {
        combineWith: 'OR' as const,
        queries: [
          { queries: [term], prefix: false, fuzzy },
          { queries: [term], fields: ['title'], prefix: term.length >= 2, fuzzy: false },
        ],
      };
    });
    return this.search.search({ combineWith: 'AND', queries });
  }
}

/** A query's words, folded, without stop words or repeats. */
function queryTerms(query: string): string[] {
  const words = tokenize(fold(query)).filter((term) => term.length > 0 && !STOP_WORDS.has(term));
  return [...new Set(words)];
}

function byUpdatedDesc({ summary: a }: Entry, { summary: b }: Entry): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Flags = Omit<Entry, 'summary' | 'shell'>;

function entryFlags(draft: Pick<Draft, 'trashedAt' | 'destinations' | 'meta'>): Flags {
  const destinations = Object.values(draft.destinations);
  const scheduledAtMs = draft.meta.scheduledAt ? Date.parse(draft.meta.scheduledAt) : NaN;
  const flags: Flags = {
    hasDestination: destinations.length > 0,
    isQueued: destinations.some((d) => d.status === 'queued'),
    isScheduled: destinations.some((d) => d.status === 'scheduled'),
    isPublished: destinations.some((d) => Boolean(d.remoteId)),
  };
  if (draft.trashedAt !== undefined) flags.trashedAt = draft.trashedAt;
  if (!Number.isNaN(scheduledAtMs)) flags.scheduledAtMs = scheduledAtMs;
  return flags;
}

function stateOfEntry(entry: Flags, nowMs: number): DraftState {
  if (entry.trashedAt !== undefined) return 'trash';
  if (entry.isQueued) return 'queued';
  const isScheduledLater =
    entry.scheduledAtMs !== undefined && entry.scheduledAtMs > nowMs && entry.hasDestination;
  if (entry.isScheduled || isScheduledLater) return 'scheduled';
  if (entry.isPublished) return 'published';
  return 'local';
}

function matchesFilter(state: DraftState, filter: DraftFilter): boolean {
  return filter === 'all' ? state !== 'trash' : state === filter;
}

// Any UTF-16 code unit above ASCII (surrogates included, as the regex has no u flag).
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower case without accents, so "cafe" finds "Café". */
function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
