// @vitest-environment happy-dom
import { $isCodeNode } from '@lexical/code';
import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { $convertFromMarkdownString, $convertToMarkdownString } from '@lexical/markdown';
import { $isHorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $getRoot, $isElementNode, $isTextNode, type LexicalNode, type TextFormatType } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../../testing/headlessEditor';
import { SIGNET_TRANSFORMERS } from './index';

function fromMarkdown<T>(markdown: string, read: (blocks: LexicalNode[]) => T): T {
  const editor = createTestEditor();
  editor.update(() => $convertFromMarkdownString(markdown, SIGNET_TRANSFORMERS), { discrete: true });
  return editor.read(() => read($getRoot().getChildren()));
}

function $formatsOf(block: LexicalNode): Array<[string, TextFormatType[]]> {
  if (!$isElementNode(block)) return [];
  const all: TextFormatType[] = ['bold', 'italic', 'strikethrough', 'code'];
  return block
    .getAllTextNodes()
    .map((text) => [text.getTextContent(), all.filter((format) => text.hasFormat(format))]);
}

describe('Signet Markdown transformers', () => {
  it('makes H2–H4 headings, and never H1', () => {
    const tags = fromMarkdown('# One\n\n## Two\n\n### Three\n\n#### Four', (blocks) =>
      blocks.map((block) => ($isHeadingNode(block) ? block.getTag() : block.getType())),
    );
    expect(tags).toEqual(['h2', 'h2', 'h3', 'h4']);
  });

  it('makes bulleted and numbered lists, nested by indentation', () => {
    const lists = fromMarkdown('- apple\n    - green\n- pear\n\n1. first\n2. second', (blocks) =>
      blocks.map((block) => {
        if (!$isListNode(block)) return null;
        const nested = block
          .getChildren()
          .filter($isListItemNode)
          .flatMap((item) => item.getChildren().filter($isListNode) as ListNode[]);
        return {
          type: block.getListType(),
          items: block.getChildrenSize(),
          nested: nested.map((l) => l.getListType()),
        };
      }),
    );
    expect(lists).toEqual([
      // The nested list lives in its own list item (Lexical's list shape).
      { type: 'bullet', items: 3, nested: ['bullet'] },
      { type: 'number', items: 2, nested: [] },
    ]);
  });

  it('makes quotes, code blocks and horizontal rules', () => {
    const shape = fromMarkdown('> Quoted\n\n```js\nconst x = 1;\n```\n\n---\n\nAfter', (blocks) =>
      blocks.map((block) => {
        if ($isQuoteNode(block)) return `quote:${block.getTextContent()}`;
        if ($isCodeNode(block)) return `code(${block.getLanguage()}):${block.getTextContent()}`;
        if ($isHorizontalRuleNode(block)) return 'hr';
        return `${block.getType()}:${block.getTextContent()}`;
      }),
    );
    expect(shape).toEqual(['quote:Quoted', 'code(js):const x = 1;', 'hr', 'paragraph:After']);
  });

  it('applies bold, italic, strikethrough and inline code', () => {
    const formats = fromMarkdown('Some **bold**, *italic*, ~~gone~~ and `code`.', (blocks) =>
      $formatsOf(blocks[0] as LexicalNode).filter(([, f]) => f.length > 0),
    );
    expect(formats).toEqual([
      ['bold', ['bold']],
      ['italic', ['italic']],
      ['gone', ['strikethrough']],
      ['code', ['code']],
    ]);
  });

  it('makes links', () => {
    const link = fromMarkdown('See [the docs](https://example.com/docs).', (blocks) => {
      const block = blocks[0];
      const node = $isElementNode(block) ? block.getChildren().find($isLinkNode) : undefined;
      return node ? { url: node.getURL(), text: node.getTextContent() } : null;
    });
    expect(link).toEqual({ url: 'https://example.com/docs', text: 'the docs' });
  });

  it('writes Signet headings back as ## and deeper', () => {
    const editor = createTestEditor();
    editor.update(() => $convertFromMarkdownString('# Title\n\n### Sub', SIGNET_TRANSFORMERS), {
      discrete: true,
    });
    const markdown = editor.read(() => $convertToMarkdownString(SIGNET_TRANSFORMERS));
    expect(markdown).toBe('## Title\n\n### Sub');
  });

  it('leaves text alone when nothing matches', () => {
    const text = fromMarkdown('Just #hashtag and 3 * 4 = 12', (blocks) =>
      blocks.map((block) => [
        block.getType(),
        $isElementNode(block) && block.getChildren().every($isTextNode),
      ]),
    );
    expect(text).toEqual([['paragraph', true]]);
  });
});
