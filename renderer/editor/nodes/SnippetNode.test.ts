// @vitest-environment happy-dom
import { $generateHtmlFromNodes } from '@lexical/html';
import { $isLinkNode } from '@lexical/link';
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isParagraphNode } from 'lexical';
import { describe, expect, it } from 'vitest';

import type { SerializedSnippetNode as ContractSnippetNode } from '../../../electron/contract';
import { registerContentRules } from '../plugins/ContentRulesPlugin';
import { installBrowserNodeName } from '../testing/happyDomNodeName';
import { createTestEditor } from '../testing/headlessEditor';
import { $createSnippetNode, $isSnippetNode, $unlinkSnippetNode } from './SnippetNode';

installBrowserNodeName();

const SIGNATURE: ContractSnippetNode = {
  type: 'snippet',
  version: 1,
  snippetId: 'snp_1',
  name: 'Signature',
  html: '<p><strong>Jon</strong> writes here. <a href="https://example.com/about">About</a></p><p>Second line</p>',
};

function editorWith(...nodes: Array<() => ReturnType<typeof $createSnippetNode>>) {
  const editor = createTestEditor();
  editor.update(
    () =>
      $getRoot()
        .clear()
        .append(...nodes.map((create) => create())),
    { discrete: true },
  );
  return editor;
}

describe('SnippetNode', () => {
  it('round-trips exactly the contract’s JSON', () => {
    const editor = createTestEditor();
    const state = editor.parseEditorState({
      root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [SIGNATURE] },
    } as unknown as Parameters<typeof editor.parseEditorState>[0]);
    expect(state.read(() => $getRoot().getFirstChildOrThrow().exportJSON())).toEqual(SIGNATURE);
  });

  it('reads a hand-edited node without crashing, with empty fields for wrong types', () => {
    const editor = createTestEditor();
    const state = editor.parseEditorState({
      root: {
        type: 'root',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [{ type: 'snippet', version: 1, snippetId: 7, html: null }],
      },
    } as unknown as Parameters<typeof editor.parseEditorState>[0]);
    expect(state.read(() => $getRoot().getFirstChildOrThrow().exportJSON())).toEqual({
      type: 'snippet',
      version: 1,
      snippetId: '',
      name: '',
      html: '',
    });
  });

  it('exports its content as clean HTML (for copying)', () => {
    const editor = editorWith(() => $createSnippetNode(SIGNATURE));
    const html = editor.read(() => $generateHtmlFromNodes(editor, null));
    expect(html).toBe(SIGNATURE.html);
  });

  it('strips scripts and event handlers from stored HTML in its export', () => {
    const editor = editorWith(() =>
      $createSnippetNode({
        snippetId: 'snp_bad',
        name: 'Bad',
        html: '<p>Hi<img src="https://x.example/a.png" onerror="alert(1)"></p><script>alert(2)</script>',
      }),
    );
    const html = editor.read(() => $generateHtmlFromNodes(editor, null));
    expect(html).not.toMatch(/script|onerror|alert/);
    expect(html).toContain('Hi');
  });

  it('counts its words with the post', () => {
    const editor = editorWith(() => $createSnippetNode(SIGNATURE));
    expect(editor.read(() => $getRoot().getTextContent().trim())).toBe('Jon writes here. About\nSecond line');
  });

  it('unlinks into ordinary, editable blocks that keep the formatting and links', () => {
    const editor = editorWith(() => {
      const before = $createParagraphNode().append($createTextNode('Before'));
      $getRoot().append(before);
      return $createSnippetNode(SIGNATURE);
    });
    registerContentRules(editor);
    editor.update(
      () => {
        const node = $getRoot().getChildren().find($isSnippetNode);
        if (node === undefined) throw new Error('no snippet node');
        $unlinkSnippetNode(node);
      },
      { discrete: true },
    );
    editor.read(() => {
      const blocks = $getRoot().getChildren();
      expect(blocks.map((block) => block.getType())).toEqual(['paragraph', 'paragraph', 'paragraph']);
      expect(blocks.some($isSnippetNode)).toBe(false);
      const [, first, second] = blocks;
      expect(first?.getTextContent()).toBe('Jon writes here. About');
      expect(second?.getTextContent()).toBe('Second line');
      if (!$isElementNode(first)) throw new Error('not an element');
      const link = first.getChildren().find($isLinkNode);
      expect(link?.getURL()).toBe('https://example.com/about');
      expect(first.getChildren()[0]?.exportJSON()).toMatchObject({ text: 'Jon', format: 1 });
    });
  });

  it('unlinks bare inline HTML into a paragraph, and empty HTML into an empty paragraph', () => {
    const editor = editorWith(
      () => $createSnippetNode({ snippetId: 'a', name: 'A', html: 'Just <em>text</em>' }),
      () => $createSnippetNode({ snippetId: 'b', name: 'B', html: '' }),
    );
    editor.update(
      () => {
        for (const node of $getRoot().getChildren()) if ($isSnippetNode(node)) $unlinkSnippetNode(node);
      },
      { discrete: true },
    );
    editor.read(() => {
      const blocks = $getRoot().getChildren();
      expect(blocks).toHaveLength(2);
      expect(blocks.every($isParagraphNode)).toBe(true);
      expect(blocks[0]?.getTextContent()).toBe('Just text');
      expect(blocks[1]?.getTextContent()).toBe('');
    });
  });

  it('drops a script and an onerror handler when unlinking stored HTML', () => {
    const editor = editorWith(() =>
      $createSnippetNode({
        snippetId: 'x',
        name: 'X',
        html: '<p onclick="alert(1)">Safe<script>alert(2)</script></p>',
      }),
    );
    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if ($isSnippetNode(node)) $unlinkSnippetNode(node);
      },
      { discrete: true },
    );
    expect(editor.read(() => $getRoot().getTextContent())).toBe('Safe');
  });
});
