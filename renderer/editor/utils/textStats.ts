import { $getRoot, HISTORIC_TAG, type NodeKey } from 'lexical';

import { countWords } from '../../../electron/contract/plainText';

export interface TextStats {
  words: number;
  characters: number;
}

const LINE_BREAKS = /[\r\n]/g;

// The draft list's word count (electron/contract/plainText.ts), so the editor's status bar and the
// list agree: each Chinese or Japanese character counts as a word there too.
export { countWords };

/** Characters as a reader counts them: code points, not UTF-16 units, and no line breaks. */
export function countCharacters(text: string): number {
  const withoutBreaks = text.replace(LINE_BREAKS, '');
  let count = 0;
  for (let i = 0; i < withoutBreaks.length; i++) {
    const code = withoutBreaks.charCodeAt(i);
    // Count a surrogate pair once (emoji, rare CJK).
    if (code < 0xdc00 || code > 0xdfff) count++;
  }
  return count;
}

export function textStats(text: string): TextStats {
  return { words: countWords(text), characters: countCharacters(text) };
}

/** What an update listener receives that tells which nodes changed. */
export interface DirtyNodes {
  dirtyElements: ReadonlyMap<NodeKey, boolean>;
  dirtyLeaves: ReadonlySet<NodeKey>;
  tags: ReadonlySet<string>;
}

export interface IncrementalStats {
  /** Call from an update listener for every update; O(number of changed nodes). */
  markDirty(update: DirtyNodes): void;
  /** Totals for the current document, re-counting only top-level blocks changed since the last call. */
  $compute(): TextStats;
}

/**
 * Word and character counts that re-count only the top-level blocks an edit touched.
 *
 * Lexical marks every ancestor of a changed node dirty, so a top-level block whose key is not in
 * an update's dirty sets still has the text we counted. Node identity is not enough: a parent is
 * marked dirty without being copied. Undo and redo replace the whole state (setEditorState, with
 * no per-node dirt), so they drop the cache.
 */
export function createIncrementalStats(): IncrementalStats {
  let cache = new Map<NodeKey, TextStats>();
  return {
    markDirty({ dirtyElements, dirtyLeaves, tags }) {
      if (tags.has(HISTORIC_TAG)) {
        cache.clear();
        return;
      }
      for (const key of dirtyElements.keys()) cache.delete(key);
      for (const key of dirtyLeaves) cache.delete(key);
    },
    $compute() {
      const next = new Map<NodeKey, TextStats>();
      let words = 0;
      let characters = 0;
      for (const block of $getRoot().getChildren()) {
        const key = block.getKey();
        const stats = cache.get(key) ?? textStats(block.getTextContent());
        next.set(key, stats);
        words += stats.words;
        characters += stats.characters;
      }
      // Keys of removed blocks are dropped here.
      cache = next;
      return { words, characters };
    },
  };
}
