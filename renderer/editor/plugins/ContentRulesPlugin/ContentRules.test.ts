// @vitest-environment happy-dom
import { $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../../testing/headlessEditor';
import { registerContentRules } from './index';

interface Shape {
  type: string;
  tag?: string;
  url?: string;
  text?: string;
  children?: Shape[];
}

function $shape(node: LexicalNode): Shape {
  const json = node.exportJSON() as { tag?: string; url?: string; text?: string };
  const shape: Shape = { type: node.getType() };
  if (json.tag !== undefined) shape.tag = json.tag;
  if (json.url !== undefined) shape.url = json.url;
  if (json.text !== undefined) shape.text = json.text;
  if ($isElementNode(node)) shape.children = node.getChildren().map($shape);
  return shape;
}

/** Imports raw, unsanitised HTML the way a paste or a Lexical clipboard payload might arrive. */
function importWithRules(html: string): Shape[] {
  const editor = createTestEditor();
  registerContentRules(editor);
  editor.update(
    () => {
      const nodes = $generateNodesFromDOM(editor, new DOMParser().parseFromString(html, 'text/html'));
      $getRoot()
        .clear()
        .append(...nodes);
    },
    { discrete: true },
  );
  return editor.read(() => $getRoot().getChildren().map($shape));
}

describe('content rules', () => {
  it('demotes H1 to H2 and H5/H6 to H4', () => {
    const tags = importWithRules('<h1>Title</h1><h5>Small</h5><h6>Smaller</h6>').map((block) => block.tag);
    expect(tags).toEqual(['h2', 'h4', 'h4']);
  });

  it('unwraps links that are not http(s) or mailto, keeping their text', () => {
    const [paragraph] = importWithRules(
      '<p><a href="javascript:alert(1)">bad</a> <a href="https://ok.example">good</a></p>',
    );
    expect(paragraph?.children).toEqual([
      { type: 'text', text: 'bad ' },
      { type: 'link', url: 'https://ok.example', children: [{ type: 'text', text: 'good' }] },
    ]);
  });

  it('lifts an image out of a paragraph, splitting the paragraph around it', () => {
    const blocks = importWithRules('<p>Before <img src="https://cdn.example.com/a.png" alt="a"> after</p>');
    expect(blocks.map((block) => block.type)).toEqual(['paragraph', 'image', 'paragraph']);
    // HTML whitespace rules trim the ends of each new paragraph.
    expect(blocks[0]?.children?.[0]?.text?.trim()).toBe('Before');
    expect(blocks[2]?.children?.[0]?.text?.trim()).toBe('after');
  });

  it('lifts an image that is all a list item holds, keeping the other items (a post from a blog)', () => {
    const blocks = importWithRules(
      '<ul><li>One</li><li><img src="https://cdn.example.com/a.png" alt="a"></li><li>Three</li></ul>',
    );
    expect(blocks.map((block) => block.type)).toEqual(['list', 'image', 'list']);
    expect(blocks[0]?.children?.map((item) => item.children?.[0]?.text)).toEqual(['One']);
    expect(blocks[2]?.children?.map((item) => item.children?.[0]?.text)).toEqual(['Three']);
  });

  it('lifts a lone image out of a one-item list without leaving an empty list', () => {
    const blocks = importWithRules('<ol><li><img src="https://cdn.example.com/a.png" alt="a"></li></ol>');
    expect(blocks.map((block) => block.type)).toEqual(['image']);
  });

  it('lifts an image out of a stray list item (no list around it) without throwing', () => {
    const blocks = importWithRules(
      '<p><li>Loose words<img src="https://cdn.example.com/a.png" alt="a">after</li>',
    );
    expect(blocks.map((block) => block.type)).toContain('image');
    expect(JSON.stringify(blocks)).toContain('Loose words');
  });

  it('keeps code blocks and quotes flat', () => {
    const blocks = importWithRules(
      '<pre><code>a\nb</code></pre><blockquote><p>One</p><p>Two</p></blockquote>',
    );
    expect(blocks[0]?.type).toBe('code');
    expect(blocks[0]?.children?.every((child) => child.type !== 'code')).toBe(true);
    expect(blocks[1]).toEqual({
      type: 'quote',
      children: [{ type: 'text', text: 'One' }, { type: 'linebreak' }, { type: 'text', text: 'Two' }],
    });
  });
});
