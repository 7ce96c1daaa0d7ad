import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { HorizontalRuleNode } from '@lexical/extension';
import { createHeadlessEditor } from '@lexical/headless';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import {
  LineBreakNode,
  ParagraphNode,
  RootNode,
  TabNode,
  TextNode,
  type EditorState,
  type HTMLConfig,
  type Klass,
  type LexicalEditor,
  type LexicalNode,
  type SerializedEditorState,
} from 'lexical';

import type { EditorStateJSON } from '../../contract';
import { EmbedNode } from './nodes/EmbedNode';
import { ImageNode } from './nodes/ImageNode';
import { ReadMoreNode } from './nodes/ReadMoreNode';
import { t } from '../../contract/i18n';

/**
 * The node classes of a Signet draft, for a headless editor in the main process: the same types
 * as the editor's list (renderer/editor/editorNodes.ts). Lexical's own nodes are used as they are
 * (HorizontalRuleNode from `@lexical/extension`: the editor's `@lexical/react` one only adds a
 * React component to it); Signet's decorator nodes are replaced by React-free twins in
 * ./nodes. `nodes.test.ts` compares this list with the editor's golden draft.
 */
export const composeNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  CodeNode,
  CodeHighlightNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  HorizontalRuleNode,
  ImageNode,
  ReadMoreNode,
  EmbedNode,
];

/** Nodes every Lexical editor registers by itself. */
export const coreNodes: ReadonlyArray<Klass<LexicalNode>> = [
  RootNode,
  TextNode,
  LineBreakNode,
  TabNode,
  ParagraphNode,
];

/** Every node type a draft may contain. */
export const knownNodeTypes: ReadonlySet<string> = new Set(
  [...coreNodes, ...composeNodes].map((klass) => klass.getType()),
);

/**
 * The editor format version this code reads: renderer/editor/serialization/editorStateVersion.ts
 * owns it, and `nodes.test.ts` fails when the golden draft is written by a newer one.
 */
export const SUPPORTED_EDITOR_STATE_VERSION = 1;

/** The draft holds a node type this version of Signet cannot publish or convert. */
export class UnknownNodeTypeError extends Error {
  constructor(readonly nodeType: string) {
    super(t('publishing.compose.unknownNode', { type: nodeType }));
    this.name = 'UnknownNodeTypeError';
  }
}

/** The draft was written by a newer Signet, whose format this one cannot be trusted to read. */
export class NewerEditorStateError extends Error {
  constructor(readonly version: number) {
    super(t('publishing.compose.newerFormat', { version: String(version) }));
    this.name = 'NewerEditorStateError';
  }
}

/** Lexical could not read the state (a hand-edited file, a malformed snippet): not a Signet bug. */
export class InvalidDocumentError extends Error {
  constructor(readonly detail: string) {
    super(t('publishing.compose.invalidDocument', { detail }));
    this.name = 'InvalidDocumentError';
  }
}

/**
 * Refuses a state this code cannot read faithfully, with an error that names the reason, before
 * Lexical sees it (Lexical's own error for an unknown type does not say which draft content).
 */
export function assertReadableEditorState(editorState: EditorStateJSON): void {
  const version = editorState.signetVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > SUPPORTED_EDITOR_STATE_VERSION)
    throw new NewerEditorStateError(version);
  // An explicit stack: a hand-edited or pasted draft may nest deeper than the call stack allows.
  const stack: unknown[] = [editorState.root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type !== 'string' || !knownNodeTypes.has(type)) throw new UnknownNodeTypeError(String(type));
    if (Array.isArray(children)) stack.push(...(children as unknown[]));
  }
}

/**
 * `assertReadableEditorState`, then Lexical's parse: whatever Lexical throws on a malformed state
 * (a text node without text, children that are not a list) becomes an `InvalidDocumentError`.
 */
export function parseComposeState(editor: LexicalEditor, editorState: EditorStateJSON): EditorState {
  assertReadableEditorState(editorState);
  try {
    return editor.parseEditorState(editorState as unknown as SerializedEditorState);
  } catch (error) {
    throw new InvalidDocumentError(error instanceof Error ? error.message.slice(0, 200) : String(error));
  }
}

/** A headless editor with a draft's nodes; errors are thrown, never swallowed. */
export function createComposeEditor(html?: HTMLConfig): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'signet-compose',
    nodes: composeNodes,
    html,
    onError: (error) => {
      throw error;
    },
  });
}
