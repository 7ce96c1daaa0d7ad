import * as fs from 'node:fs';
import * as path from 'node:path';

import { $createCodeNode } from '@lexical/code';
import { $createHorizontalRuleNode } from '@lexical/extension';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  TableCellHeaderStates,
} from '@lexical/table';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type LexicalNode,
  type ParagraphNode,
  type SerializedEditorState,
  type TextFormatType,
  type TextNode,
} from 'lexical';

import { SNIPPET_NODE_TYPE, type EditorStateJSON } from '../../../contract';
import { SUPPORTED_EDITOR_STATE_VERSION, createComposeEditor } from '../composeEditor';
import { $createImageNode } from '../nodes/ImageNode';
import { $createReadMoreNode } from '../nodes/ReadMoreNode';

/** Test helpers for compose and import (not used by the app). */

/**
 * The editor's golden draft with every node type (renderer/editor/serialization/__golden__), as
 * `composeHtml` receives it: `expandSnippets` replaces snippet nodes before composing, so they are
 * left out unless `asSaved` asks for the draft exactly as the editor writes it.
 */
export function readEveryNodeGolden({ asSaved = false }: { asSaved?: boolean } = {}): EditorStateJSON {
  const file = path.resolve(
    import.meta.dirname,
    '../../../../renderer/editor/serialization/__golden__/every-node.json',
  );
  const golden = JSON.parse(fs.readFileSync(file, 'utf8')) as EditorStateJSON;
  if (asSaved) return golden;
  const withoutSnippets = (node: unknown): void => {
    const { children } = node as { children?: unknown };
    if (!Array.isArray(children)) return;
    const kept = children.filter((child) => (child as { type?: unknown }).type !== SNIPPET_NODE_TYPE);
    children.splice(0, children.length, ...kept);
    for (const child of kept) withoutSnippets(child);
  };
  withoutSnippets(golden.root);
  return golden;
}

/** An editor state built with Lexical's `$create…` functions inside an update. */
export function buildState(build: () => void): EditorStateJSON {
  const editor = createComposeEditor();
  editor.update(build, { discrete: true });
  const json = editor.getEditorState().toJSON() as SerializedEditorState;
  return {
    root: json.root as unknown as Record<string, unknown>,
    signetVersion: SUPPORTED_EDITOR_STATE_VERSION,
  };
}

/** Every node `type` in a serialized tree. */
export function typesIn(node: unknown, into = new Set<string>()): Set<string> {
  if (typeof node === 'object' && node !== null) {
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === 'string') into.add(type);
    if (Array.isArray(children)) for (const child of children) typesIn(child, into);
  }
  return into;
}

export function text(content: string, ...formats: TextFormatType[]): TextNode {
  const node = $createTextNode(content);
  for (const format of formats) node.toggleFormat(format);
  return node;
}

export function paragraph(...children: LexicalNode[]): ParagraphNode {
  return $createParagraphNode().append(...children);
}

/**
 * A draft with the cases that break naive HTML writers: right-to-left text, every text format,
 * markup-like text, odd link addresses, nested and numbered lists, multi-line quotes, code with
 * shortcodes and a lone URL, merged table cells, images with quotes in their alt text.
 */
export function buildEdgeCaseState(): EditorStateJSON {
  return buildState(() => {
    const cell = (content: string, header = TableCellHeaderStates.NO_STATUS, colSpan = 1) =>
      $createTableCellNode(header, colSpan).append(paragraph(text(content)));
    $getRoot().append(
      $createParagraphNode().setDirection('rtl').append(text('שלום עולם')),
      paragraph(
        text('All '),
        text('bold', 'bold'),
        text(' bold italic', 'bold', 'italic'),
        text(' under', 'underline'),
        text(' struck', 'strikethrough'),
        text(' code <b>', 'code'),
        text(' x'),
        text('2', 'superscript'),
        text(' H'),
        text('2', 'subscript'),
        text('O '),
        text('marked', 'highlight'),
        text(' <script>alert("x")</script> & [gallery]\u00a0🙂 '),
        $createLinkNode('https://example.com/search?q=a&b="c"').append(text('a link')),
        text(' '),
        $createLinkNode('javascript:alert(1)').append(text('not a link')),
      ),
      $createHeadingNode('h3').append(text('A '), text('bold', 'bold'), text(' heading')),
      $createListNode('number', 3).append(
        $createListItemNode().append(text('three')),
        $createListItemNode().append(
          $createListNode('bullet').append(
            $createListItemNode().append(text('nested '), text('item', 'italic')),
          ),
        ),
        $createListItemNode().append(text('four')),
      ),
      $createQuoteNode().append(text('Line one'), $createLineBreakNode(), text('line two')),
      $createCodeNode('php').append(
        text('<?php echo "[shortcode]" && $a < $b; ?>'),
        $createLineBreakNode(),
        text('https://www.youtube.com/watch?v=dQw4w9WgXcQ'),
      ),
      $createTableNode().append(
        $createTableRowNode().append(
          cell('Name', TableCellHeaderStates.ROW),
          cell('Qty', TableCellHeaderStates.ROW),
        ),
        $createTableRowNode().append(cell('Pears & plums'), cell('<5>')),
      ),
      $createTableNode().append(
        $createTableRowNode().append(cell('Merged', TableCellHeaderStates.ROW, 2)),
        $createTableRowNode().append(cell('a'), cell('b')),
      ),
      $createImageNode({ fileName: 'harbour.jpg', altText: 'Boats "at dusk" <b>', caption: 'Caption & <i>' }),
      $createImageNode({ src: 'https://cdn.example.com/no-alt.png' }),
      $createReadMoreNode(),
      $createHorizontalRuleNode(),
      paragraph(text('The end.')),
    );
  });
}
