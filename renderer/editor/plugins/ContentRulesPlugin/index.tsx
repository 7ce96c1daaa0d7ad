import { CodeNode } from '@lexical/code';
import { LinkNode } from '@lexical/link';
import { ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import {
  $createLineBreakNode,
  $createTextNode,
  $isElementNode,
  $isParagraphNode,
  type LexicalEditor,
  mergeRegister,
  ParagraphNode,
} from 'lexical';
import { useEffect } from 'react';

import { EmbedNode } from '../../nodes/EmbedNode';
import { ImageNode } from '../../nodes/ImageNode';
import { isTemplateLinkUrl } from '../../../../electron/contract';
import {
  $hoistBlockToNearestRoot,
  $liftBlockOutOfText,
  $unwrapStrayTablePart,
  $unnestParagraph,
} from '../../../../electron/contract/documentRules';
import { ReadMoreNode } from '../../nodes/ReadMoreNode';
import { $unlinkSnippetNode, SnippetNode } from '../../nodes/SnippetNode';
import { isAllowedLinkUrl } from '../../utils/linkUrl';

/**
 * Invariants of a Signet document, enforced as node transforms so they hold for every source of
 * content (typing, Markdown shortcuts, HTML paste, Lexical clipboard JSON, old drafts):
 * - headings are H2–H4 (H1 is the post title);
 * - links are http(s) or mailto only;
 * - images, embeds, read-more breaks and snippets sit at block level;
 * - code blocks and quotes hold text, not other blocks (Lexical's HTML import can nest them);
 * - no paragraph inside a paragraph, heading or quote, and no other block in one either.
 *
 * A snippet's own content (`isSnippet`) may also link to an address written with a variable, and
 * holds neither a read-more break (a post has one, the author's) nor another snippet (a pasted one
 * becomes its content).
 */
export function registerContentRules(
  editor: LexicalEditor,
  { isSnippet = false }: { isSnippet?: boolean } = {},
): () => void {
  const isAllowedUrl = isSnippet
    ? (url: string) => isAllowedLinkUrl(url) || isTemplateLinkUrl(url)
    : isAllowedLinkUrl;
  return mergeRegister(
    editor.registerNodeTransform(HeadingNode, (node) => {
      const tag = node.getTag();
      if (tag === 'h1') node.setTag('h2');
      else if (tag === 'h5' || tag === 'h6') node.setTag('h4');
    }),
    editor.registerNodeTransform(LinkNode, (node) => {
      if (isAllowedUrl(node.getURL())) return;
      for (const child of node.getChildren()) node.insertBefore(child);
      node.remove();
    }),
    editor.registerNodeTransform(CodeNode, (node) => {
      for (const child of node.getChildren()) {
        if ($isElementNode(child)) {
          for (const grandchild of child.getChildren()) child.insertBefore(grandchild);
          child.remove();
        }
      }
    }),
    editor.registerNodeTransform(QuoteNode, (node) => {
      for (const child of node.getChildren()) {
        if (!$isElementNode(child) || child.isInline()) continue;
        // Paragraph-like blocks give up their content; anything else (a list) its text.
        const content =
          $isParagraphNode(child) || $isHeadingNode(child)
            ? child.getChildren()
            : [$createTextNode(child.getTextContent())];
        if (child.getPreviousSibling() !== null) child.insertBefore($createLineBreakNode());
        for (const inline of content) child.insertBefore(inline);
        child.remove();
      }
    }),
    editor.registerNodeTransform(ParagraphNode, $unnestParagraph),
    editor.registerNodeTransform(TableCellNode, $unwrapStrayTablePart),
    editor.registerNodeTransform(TableRowNode, $unwrapStrayTablePart),
    ...[ListNode, QuoteNode, CodeNode, HeadingNode, TableNode].map((klass) =>
      editor.registerNodeTransform(klass, $liftBlockOutOfText),
    ),
    editor.registerNodeTransform(ImageNode, $hoistBlockToNearestRoot),
    editor.registerNodeTransform(EmbedNode, $hoistBlockToNearestRoot),
    editor.registerNodeTransform(
      ReadMoreNode,
      isSnippet ? (node: ReadMoreNode) => void node.remove() : $hoistBlockToNearestRoot,
    ),
    editor.registerNodeTransform(
      SnippetNode,
      isSnippet ? (node: SnippetNode) => void $unlinkSnippetNode(node) : $hoistBlockToNearestRoot,
    ),
  );
}

export function ContentRulesPlugin({ isSnippet = false }: { isSnippet?: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerContentRules(editor, { isSnippet }), [editor, isSnippet]);
  return null;
}
