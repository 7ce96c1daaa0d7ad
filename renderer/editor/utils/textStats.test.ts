// @vitest-environment happy-dom
import { createHeadlessEditor } from '@lexical/headless';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type ParagraphNode,
  type TextNode,
  UNDO_COMMAND,
} from 'lexical';
import { describe, expect, it } from 'vitest';

import { editorNodes } from '../editorNodes';
import { countCharacters, countWords, createIncrementalStats } from './textStats';

describe('countWords', () => {
  it('counts words the way a writer does', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('Hello, world!')).toBe(2);
    expect(countWords("Don't split well-known words — ever.")).toBe(5);
    expect(countWords('Zürich café naïve 2024')).toBe(4);
    expect(countWords('  spaced\n\nout\ttext  ')).toBe(3);
    // As the draft list counts: each Chinese or Japanese character is a word.
    expect(countWords('Tokyo 東京 trip')).toBe(4);
  });
});

describe('countCharacters', () => {
  it('counts code points and ignores line breaks', () => {
    expect(countCharacters('abc def')).toBe(7);
    expect(countCharacters('a\nb\r\nc')).toBe(3);
    expect(countCharacters('👍🏽')).toBe(2);
  });
});

describe('createIncrementalStats', () => {
  function setup() {
    const editor = createHeadlessEditor({
      nodes: editorNodes,
      onError: (error) => {
        throw error;
      },
    });
    const stats = createIncrementalStats();
    editor.registerUpdateListener((update) => stats.markDirty(update));
    const history = createEmptyHistoryState();
    registerHistory(editor, history, 0);
    const counts = () => editor.getEditorState().read(stats.$compute);
    return { editor, counts };
  }

  it('re-counts a block whose text changed and drops removed blocks', () => {
    const { editor, counts } = setup();
    editor.update(
      () => {
        $getRoot().append(
          $createParagraphNode().append($createTextNode('one two')),
          $createParagraphNode().append($createTextNode('three more words')),
        );
      },
      { discrete: true },
    );
    expect(counts()).toEqual({ words: 5, characters: 23 });
    editor.update(
      () =>
        $getRoot()
          .getLastChildOrThrow<ParagraphNode>()
          .getFirstChildOrThrow<TextNode>()
          .setTextContent('now just four words'),
      { discrete: true },
    );
    expect(counts()).toEqual({ words: 6, characters: 26 });
    editor.update(() => $getRoot().getFirstChildOrThrow().remove(), { discrete: true });
    expect(counts()).toEqual({ words: 4, characters: 19 });
  });

  it('follows undo, which replaces the whole state', async () => {
    const { editor, counts } = setup();
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('alpha beta'))), {
      discrete: true,
    });
    editor.update(
      () =>
        $getRoot()
          .getFirstChildOrThrow<ParagraphNode>()
          .getFirstChildOrThrow<TextNode>()
          .setTextContent('alpha beta gamma'),
      { discrete: true },
    );
    expect(counts().words).toBe(3);
    editor.dispatchCommand(UNDO_COMMAND, undefined);
    // History applies the previous state in a follow-up update.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const text = editor.getEditorState().read(() => $getRoot().getTextContent());
    expect(text).not.toBe('alpha beta gamma');
    expect(counts()).toEqual({ words: countWords(text), characters: countCharacters(text) });
  });
});
