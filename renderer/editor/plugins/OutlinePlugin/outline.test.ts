// @vitest-environment happy-dom
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../../testing/headlessEditor';
import { $readOutline, type OutlineItem, sameOutline } from './outline';

function shape(items: OutlineItem[]): unknown[] {
  return items.map((i) => (i.children.length > 0 ? [i.text, shape(i.children)] : i.text));
}

describe('the heading outline', () => {
  it('nests H3 under H2 and H4 under H3, skips H1, H5 and paragraphs', () => {
    const editor = createTestEditor();
    editor.update(
      () => {
        const add = (tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | null, text: string) =>
          $getRoot().append(
            (tag ? $createHeadingNode(tag) : $createParagraphNode()).append($createTextNode(text)),
          );
        add('h1', 'Title');
        add('h3', 'Orphan');
        add('h2', 'Start');
        add(null, 'Some text');
        add('h3', 'Detail');
        add('h4', 'Fine point');
        add('h5', 'Too deep');
        add('h2', 'End');
      },
      { discrete: true },
    );
    const outline = editor.read($readOutline);
    expect(shape(outline)).toEqual(['Orphan', ['Start', [['Detail', ['Fine point']]]], 'End']);
    expect(sameOutline(outline, editor.read($readOutline))).toBe(true);
    expect(sameOutline(outline, outline.slice(1))).toBe(false);
  });
});
