import { $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  type LexicalNode,
} from 'lexical';

/**
 * Inserts a block (image, read-more break) at the caret. On an empty line the block goes before
 * that line and the caret stays on it, instead of Lexical's default of splitting around the caret,
 * which would leave an empty paragraph above the block as well as below it.
 */
export function $insertBlockAtCaret<T extends LexicalNode>(node: T): T {
  const selection = $getSelection();
  if ($isRangeSelection(selection) && selection.isCollapsed()) {
    const block = selection.anchor.getNode();
    const parent = block.getParent();
    if ($isParagraphNode(block) && block.isEmpty() && parent !== null && $isRootOrShadowRoot(parent)) {
      block.insertBefore(node);
      return node;
    }
  }
  return $insertNodeToNearestRoot(node);
}
