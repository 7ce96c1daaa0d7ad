// @vitest-environment happy-dom
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { $isHorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createTestEditor } from '../testing/headlessEditor';
import { $createReadMoreNode, $isReadMoreNode } from './ReadMoreNode';

describe('ReadMoreNode', () => {
  it('round-trips its JSON', () => {
    const editor = createTestEditor();
    const json = { type: 'read-more', version: 1 };
    const state = editor.parseEditorState({
      root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [json] },
    } as unknown as Parameters<typeof editor.parseEditorState>[0]);
    expect(state.read(() => $getRoot().getFirstChildOrThrow().exportJSON())).toEqual(json);
  });

  it('exports as <hr data-signet-more> and imports it back, while a plain <hr> stays a rule', () => {
    const editor = createTestEditor();
    let html = '';
    editor.update(() => $getRoot().clear().append($createReadMoreNode()), { discrete: true });
    editor.read(() => {
      html = $generateHtmlFromNodes(editor, null);
    });
    expect(html).toBe('<hr data-signet-more="">');

    editor.update(
      () => {
        const nodes = $generateNodesFromDOM(
          editor,
          new DOMParser().parseFromString(`${html}<hr>`, 'text/html'),
        );
        expect(nodes).toHaveLength(2);
        expect($isReadMoreNode(nodes[0])).toBe(true);
        expect($isHorizontalRuleNode(nodes[1])).toBe(true);
      },
      { discrete: true },
    );
  });

  it('adds nothing to the text (word counts, plain-text copies)', () => {
    const editor = createTestEditor();
    editor.update(() => $getRoot().clear().append($createReadMoreNode()), { discrete: true });
    expect(editor.read(() => $getRoot().getTextContent().trim())).toBe('');
  });
});
