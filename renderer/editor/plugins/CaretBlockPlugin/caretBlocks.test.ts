// @vitest-environment happy-dom
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import {
  $createNodeSelection,
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getRoot,
  $setSelection,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../../testing/headlessEditor';
import { $caretBlockKeys } from './caretBlocks';

/** Ten top-level blocks: paragraphs P0…P9, except a list at 4 and a rule at 7. Returns their keys. */
function draft(editor: LexicalEditor): string[] {
  const keys: string[] = [];
  editor.update(
    () => {
      for (let i = 0; i < 10; i++) {
        const block =
          i === 4
            ? $createListNode('bullet').append(
                $createListItemNode().append($createTextNode('one')),
                $createListItemNode().append($createTextNode('two')),
              )
            : i === 7
              ? $createHorizontalRuleNode()
              : $createParagraphNode().append($createTextNode(`P${i}`));
        $getRoot().append(block);
        keys.push(block.getKey());
      }
    },
    { discrete: true },
  );
  return keys;
}

function caretBlocks(editor: LexicalEditor, select: () => void, neighbours?: number): string[] {
  let keys: string[] = [];
  editor.update(
    () => {
      select();
      keys = $caretBlockKeys(neighbours);
    },
    { discrete: true },
  );
  return keys.sort();
}

const at = (keys: string[], ...indexes: number[]) => indexes.map((i) => keys[i]!).sort();

describe('the blocks kept rendered around the caret', () => {
  it('are the caret’s block and two on each side, fewer at the ends of the draft', () => {
    const editor = createTestEditor();
    const keys = draft(editor);
    const caretIn = (index: number) => () => $getRoot().getChildAtIndex(index)!.selectStart();
    expect(caretBlocks(editor, caretIn(2))).toEqual(at(keys, 0, 1, 2, 3, 4));
    expect(caretBlocks(editor, caretIn(0))).toEqual(at(keys, 0, 1, 2));
    expect(caretBlocks(editor, caretIn(9))).toEqual(at(keys, 7, 8, 9));
    expect(caretBlocks(editor, caretIn(2), 0)).toEqual(at(keys, 2));
  });

  it('count a caret in a list item as in the whole list', () => {
    const editor = createTestEditor();
    const keys = draft(editor);
    const inSecondItem = () => {
      $getRoot().getChildAtIndex<ElementNode>(4)!.getLastChildOrThrow<ElementNode>().selectEnd();
    };
    expect(caretBlocks(editor, inSecondItem, 0)).toEqual(at(keys, 4));
  });

  it('cover both ends of a selection, not the blocks between them', () => {
    const editor = createTestEditor();
    const keys = draft(editor);
    const fromFirstToLast = () => {
      const selection = $createRangeSelection();
      const first = $getRoot().getFirstChildOrThrow<ElementNode>().getFirstDescendant()!;
      const last = $getRoot().getLastChildOrThrow<ElementNode>().getFirstDescendant()!;
      selection.anchor.set(first.getKey(), 0, 'text');
      selection.focus.set(last.getKey(), 1, 'text');
      $setSelection(selection);
    };
    expect(caretBlocks(editor, fromFirstToLast, 1)).toEqual(at(keys, 0, 1, 8, 9));
  });

  it('take a caret between two blocks as touching both, and a selected rule as its block', () => {
    const editor = createTestEditor();
    const keys = draft(editor);
    const betweenSixAndSeven = () => {
      const selection = $createRangeSelection();
      selection.anchor.set('root', 7, 'element');
      selection.focus.set('root', 7, 'element');
      $setSelection(selection);
    };
    expect(caretBlocks(editor, betweenSixAndSeven, 0)).toEqual(at(keys, 6, 7));
    const ruleSelected = () => {
      const selection = $createNodeSelection();
      selection.add(keys[7]!);
      $setSelection(selection);
    };
    expect(caretBlocks(editor, ruleSelected, 1)).toEqual(at(keys, 6, 7, 8));
  });

  it('are none without a selection', () => {
    const editor = createTestEditor();
    draft(editor);
    expect(caretBlocks(editor, () => $setSelection(null))).toEqual([]);
  });
});
