import {
  $getSelection,
  $isNodeSelection,
  $isRangeSelection,
  $isRootNode,
  type LexicalNode,
  type PointType,
} from 'lexical';

/**
 * Blocks kept rendered on each side of the caret's: an arrow key moves the caret natively into
 * the block before or after before the editor hears of it, and several keys can come between two
 * frames (key repeat on a busy machine, a test).
 */
export const CARET_NEIGHBOURS = 2;

/** The top-level block of a node, or null for the root itself. */
function topLevel(node: LexicalNode): LexicalNode | null {
  return $isRootNode(node) ? null : node.getTopLevelElement();
}

/** A point on the root (between blocks) touches the blocks on either side of it. */
function pointBlocks(point: PointType): LexicalNode[] {
  const node = point.getNode();
  if (!$isRootNode(node)) {
    const block = topLevel(node);
    return block === null ? [] : [block];
  }
  return [node.getChildAtIndex(point.offset - 1), node.getChildAtIndex(point.offset)].filter(
    (child): child is LexicalNode => child !== null,
  );
}

/**
 * The keys of the top-level blocks that hold the caret, the ends of a text selection or the
 * selected nodes (an image, a rule), and of `neighbours` blocks on each side of those, without
 * repeats.
 */
export function $caretBlockKeys(neighbours = CARET_NEIGHBOURS): string[] {
  const selection = $getSelection();
  let blocks: LexicalNode[] = [];
  if ($isRangeSelection(selection)) {
    blocks = [...pointBlocks(selection.anchor), ...pointBlocks(selection.focus)];
  } else if ($isNodeSelection(selection)) {
    blocks = selection
      .getNodes()
      .map(topLevel)
      .filter((block): block is LexicalNode => block !== null);
  } else if (selection !== null) {
    // A table's cell selection: all of it sits in one top-level table.
    const first = selection.getNodes()[0];
    const block = first === undefined ? null : topLevel(first);
    if (block !== null) blocks = [block];
  }
  const keys = new Set<string>();
  for (const block of blocks) {
    keys.add(block.getKey());
    let before = block.getPreviousSibling();
    let after = block.getNextSibling();
    for (let i = 0; i < neighbours; i++) {
      if (before !== null) {
        keys.add(before.getKey());
        before = before.getPreviousSibling();
      }
      if (after !== null) {
        keys.add(after.getKey());
        after = after.getNextSibling();
      }
    }
  }
  return [...keys];
}
