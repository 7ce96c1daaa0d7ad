/**
 * The in-memory index of every draft: what the draft list shows, and full-text search over
 * titles and bodies. It holds summaries only, never whole drafts, so 10,000 drafts stay cheap.
 */
import MiniSearch from 'minisearch';
import type { Draft, DraftFilter, DraftListResult, DraftState, DraftSummary } from '../contract';
import type { ListInput } from './types';
import { countWords, plainTextOf, snippetOf } from './plainText';

interface Entry {
  summary: Omit<DraftSummary, 'state'>;
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

export class DraftIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly search = new MiniSearch<SearchDoc>({
    fields: ['title', 'text'],
    storeFields: [],
    processTerm: normalizeTerm,
    searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
  });

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

  summary(id: string, now: Date): DraftSummary | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry.summary, state: stateOfEntry(entry, now.getTime()) };
  }

  /** Adds or replaces a draft. Search is updated in place, not rebuilt. */
  put(draft: Draft): void {
    const text = plainTextOf(draft.editorState);
    const entry: Entry = {
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
    const doc = { id: draft.id, title: draft.title, text };
    if (this.search.has(draft.id)) this.search.replace(doc);
    else this.search.add(doc);
  }

  remove(id: string): void {
    if (!this.entries.delete(id)) return;
    this.search.discard(id);
  }

  list(input: ListInput, now: Date): DraftListResult {
    const nowMs = now.getTime();
    const query = input.query?.trim() ?? '';
    const matches: DraftSummary[] = [];
    const consider = (entry: Entry): void => {
      const state = stateOfEntry(entry, nowMs);
      if (matchesFilter(state, input.filter)) matches.push({ ...entry.summary, state });
    };
    if (query) {
      // Relevance order: MiniSearch already sorts by score.
      for (const hit of this.search.search(query)) {
        const entry = this.entries.get(hit.id as string);
        if (entry) consider(entry);
      }
    } else {
      for (const entry of this.entries.values()) consider(entry);
      matches.sort(
        (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1),
      );
    }
    return { items: matches.slice(input.offset, input.offset + input.limit), total: matches.length };
  }
}

function entryFlags(draft: Pick<Draft, 'trashedAt' | 'destinations' | 'meta'>): Omit<Entry, 'summary'> {
  const destinations = Object.values(draft.destinations);
  const scheduledAtMs = draft.meta.scheduledAt ? Date.parse(draft.meta.scheduledAt) : NaN;
  const flags: Omit<Entry, 'summary'> = {
    hasDestination: destinations.length > 0,
    isQueued: destinations.some((d) => d.status === 'queued'),
    isScheduled: destinations.some((d) => d.status === 'scheduled'),
    isPublished: destinations.some((d) => Boolean(d.remoteId)),
  };
  if (draft.trashedAt !== undefined) flags.trashedAt = draft.trashedAt;
  if (!Number.isNaN(scheduledAtMs)) flags.scheduledAtMs = scheduledAtMs;
  return flags;
}

function stateOfEntry(entry: Omit<Entry, 'summary'>, nowMs: number): DraftState {
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

/** Lower case without accents, so "cafe" finds "Café". */
function normalizeTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
