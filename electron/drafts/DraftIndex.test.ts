import { describe, expect, it } from 'vitest';
import type { Draft, EditorStateJSON } from '../contract';
import { DraftIndex } from './DraftIndex';
import { realisticDraft, realisticEditorState, seededRng } from './testing/realisticDrafts';

const NOW = new Date('2026-01-01T00:00:00.000Z');

/** A draft of `words` realistic words plus one paragraph holding `marker`. */
function draftWith(id: string, words: number, marker: string): Draft {
  const rng = seededRng(id.length + words);
  const draft = realisticDraft(rng, id, new Date('2025-06-01T00:00:00.000Z'));
  const state = realisticEditorState(rng, words) as { root: { children: unknown[] } };
  state.root.children.push({
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, text: marker, format: 0, detail: 0, mode: 'normal', style: '' }],
  });
  return { ...draft, editorState: state as unknown as EditorStateJSON };
}

function ids(index: DraftIndex, query: string): string[] {
  return index.list({ filter: 'all', query, offset: 0, limit: 50 }, NOW).items.map((item) => item.id);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DraftIndex: saving long drafts', () => {
  it('finds a long draft’s new text at once and indexes it again after a pause', async () => {
    const index = new DraftIndex({ reindexQuietMs: 50 });
    index.put(draftWith('longdraft', 8_000, 'quokkaberry'));
    // In the full-text index: a typo from five letters on still finds it.
    expect(ids(index, 'quokkabezry')).toEqual(['longdraft']);

    index.put(draftWith('longdraft', 8_000, 'wallabyfern'));
    // Found at once by plain matching; the old text is gone.
    expect(ids(index, 'wallabyfern')).toEqual(['longdraft']);
    expect(ids(index, 'quokkaberry')).toEqual([]);
    // Not re-indexed yet: a typo finds nothing.
    expect(ids(index, 'wallabyfezn')).toEqual([]);

    await wait(100);
    await index.indexInBackground();
    expect(ids(index, 'wallabyfezn')).toEqual(['longdraft']);
    expect(ids(index, 'quokkabezry')).toEqual([]);
    index.stopIndexing();
  });

  it('keeps putting off the re-index while saves keep coming', async () => {
    const index = new DraftIndex({ reindexQuietMs: 80 });
    index.put(draftWith('longdraft', 8_000, 'quokkaberry'));
    for (let i = 0; i < 4; i++) {
      index.put(draftWith('longdraft', 8_000, `wallabyfern${'x'.repeat(i)}`));
      await wait(30);
    }
    expect(ids(index, 'wallabyfernxxy')).toEqual([]);
    await wait(120);
    await index.indexInBackground();
    expect(ids(index, 'wallabyfernxxy')).toEqual(['longdraft']);
    index.stopIndexing();
  });

  it('re-indexes a short draft at once', () => {
    const index = new DraftIndex({ reindexQuietMs: 60_000 });
    index.put(draftWith('shortdraft', 300, 'quokkaberry'));
    index.put(draftWith('shortdraft', 300, 'wallabyfern'));
    expect(ids(index, 'wallabyfezn')).toEqual(['shortdraft']);
    expect(ids(index, 'quokkabezry')).toEqual([]);
  });

  it('forgets a long draft removed while it waits to be indexed again', async () => {
    const index = new DraftIndex({ reindexQuietMs: 20 });
    index.put(draftWith('longdraft', 8_000, 'quokkaberry'));
    index.put(draftWith('longdraft', 8_000, 'wallabyfern'));
    index.remove('longdraft');
    expect(ids(index, 'wallabyfern')).toEqual([]);
    await wait(50);
    await index.indexInBackground();
    expect(ids(index, 'wallabyfern')).toEqual([]);
    expect(index.size).toBe(0);
  });
});
