import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import type { Klass, LexicalNode } from 'lexical';

import { EmbedNode } from './nodes/EmbedNode';
import { ImageNode } from './nodes/ImageNode';
import { ReadMoreNode } from './nodes/ReadMoreNode';
import { SnippetNode } from './nodes/SnippetNode';

/**
 * Every node a Signet draft may contain. Loading a draft, the headless golden test and any
 * server-side conversion must use this exact list, or unknown node types fail to parse.
 *
 * CodeHighlightNode is here although Signet does not highlight code: Lexical's code block creates
 * it when Enter keeps a line's indentation, and pastes from other Lexical editors carry it.
 */
export const editorNodes: ReadonlyArray<Klass<LexicalNode>> = [
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
  SnippetNode,
  EmbedNode,
];
