import { CodeNode } from '@lexical/code';
import { LinkNode } from '@lexical/link';
import { ListNode } from '@lexical/list';
import { $isHeadingNode, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import {
  $createLineBreakNode,
  $createTextNode,
  $isElementNode,
  $isParagraphNode,
  mergeRegister,
  ParagraphNode,
  type LexicalEditor,
} from 'lexical';

import {
  $hoistBlockToNearestRoot,
  $liftBlockOutOfText,
  $unwrapStrayTablePart,
  $unnestParagraph,
} from '../../contract/documentRules';
import { EmbedNode } from './nodes/EmbedNode';
import { ImageNode } from './nodes/ImageNode';
import { ReadMoreNode } from './nodes/ReadMoreNode';
import { isAllowedLinkUrl } from './urls';

/**
 * The invariants of a Signet document, as node transforms, for drafts made in the main process
 * (an imported post). They are the editor's own rules (renderer/editor/plugins/
 * ContentRulesPlugin), repeated because the main process cannot import the editor's code; an
 * imported draft must already satisfy them, or its first keystroke in the editor would rewrite
 * it (and the autosave would record a change the author did not make):
 * - headings are H2–H4 (H1 is the post title);
 * - links are http(s) or mailto only;
 * - images and read-more breaks sit at block level;
 * - code blocks and quotes hold text, not other blocks;
 * - no paragraph inside a paragraph, heading or quote, and no other block in one either.
 */
export function registerContentRules(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(HeadingNode, (node) => {
      const tag = node.getTag();
      if (tag === 'h1') node.setTag('h2');
      else if (tag === 'h5' || tag === 'h6') node.setTag('h4');
    }),
    editor.registerNodeTransform(LinkNode, (node) => {
      if (isAllowedLinkUrl(node.getURL())) return;
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
    editor.registerNodeTransform(ReadMoreNode, $hoistBlockToNearestRoot),
    editor.registerNodeTransform(EmbedNode, $hoistBlockToNearestRoot),
  );
}
