// @vitest-environment happy-dom
import { $createParagraphNode, $createTextNode, $getRoot, IS_BOLD } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../../testing/headlessEditor';
import { $findMatches, $replaceAll, findInText } from './findMatches';

const plain = { matchCase: false, wholeWord: false };

function editorWith(...blocks: Array<Array<[string, number?]>>) {
  const editor = createTestEditor();
  editor.update(
    () => {
      const root = $getRoot().clear();
      for (const block of blocks) {
        const p = $createParagraphNode();
        for (const [text, format] of block) p.append($createTextNode(text).setFormat(format ?? 0));
        root.append(p);
      }
    },
    { discrete: true },
  );
  return editor;
}

const texts = (editor: ReturnType<typeof createTestEditor>) =>
  editor.read(() =>
    $getRoot()
      .getChildren()
      .map((b) => b.getTextContent()),
  );

describe('finding text', () => {
  it('ignores case unless asked, and finds whole words only when asked', () => {
    expect(findInText('The cat concatenates. CAT!', 'cat', plain)).toEqual([4, 11, 22]);
    expect(findInText('The cat concatenates. CAT!', 'cat', { matchCase: true, wholeWord: false })).toEqual([
      4, 11,
    ]);
    expect(findInText('The cat concatenates. CAT!', 'cat', { matchCase: false, wholeWord: true })).toEqual([
      4, 22,
    ]);
    expect(findInText('aaaa', 'aa', plain)).toEqual([0, 2]);
    expect(findInText('anything', '', plain)).toEqual([]);
  });

  it('finds a match that spans differently formatted text in one block, not across blocks', () => {
    const editor = editorWith([['par'], ['tly', IS_BOLD], [' done']], [['part'], ['ly']]);
    const matches = editor.read(() => $findMatches('partly', plain));
    expect(matches).toHaveLength(2);
    expect(editor.read(() => $findMatches('done part', plain))).toHaveLength(0);
  });

  it('replaces every match in one update, keeping the text around it', () => {
    const editor = editorWith([['Colour, colour and '], ['colour', IS_BOLD]], [['No match here.']]);
    let count = 0;
    editor.update(() => (count = $replaceAll('colour', plain, 'color')), { discrete: true });
    expect(count).toBe(3);
    expect(texts(editor)).toEqual(['color, color and color', 'No match here.']);
  });
});
