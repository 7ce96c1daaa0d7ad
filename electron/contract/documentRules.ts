/**
 * Lexical steps of a Signet document's invariants that the editor (renderer/editor/plugins/
 * ContentRulesPlugin) and the main process (publishing/compose/contentRules.ts, for posts opened
 * from a blog) both run, so the two cannot drift apart. Imports only Lexical packages; not re-exported
 * from index.ts, so the preload bundle never pulls Lexical in.
 */
import { $createListItemNode, $createListNode, $isListItemNode, $isListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  $isTableNode,
  $isTableRowNode,
  type TableCellNode,
  type TableRowNode,
  $isTableCellNode,
} from '@lexical/table';
import {
  $createLineBreakNode,
  $getSiblingCaret,
  $insertNodeToNearestRootAtCaret,
  $isLineBreakNode,
  $isParagraphNode,
  $isRootOrShadowRoot,
  type LexicalNode,
  type ParagraphNode,
} from 'lexical';

/**
 * Moves a block node that ended up inside a paragraph or a list item (pasted `<p>text <img>
 * text</p>`, a post's `<li><img></li>`) up to block level, splitting the enclosing blocks around
 * it without leaving empty halves behind.
 */
export function $hoistBlockToNearestRoot(node: LexicalNode): void {
  const parent = node.getParent();
  if (parent === null || $isRootOrShadowRoot(parent)) return;
  // A block straight in a list, not in one of its items (`<ul><img><li>…`, a stray <li> around
  // it in a post): Lexical's split would insert beside a list item from the list's side and throw.
  // The list is cut in two around the block instead (an ordered list's second half goes on
  // counting), and the block is hoisted on from where the list stood.
  if ($isListNode(parent) && !$isListItemNode(node)) {
    const after = node.getNextSiblings();
    if (after.length > 0) {
      const itemsBefore = node.getPreviousSiblings().filter($isListItemNode).length;
      const rest = $createListNode(parent.getListType(), parent.getStart() + itemsBefore);
      rest.append(...after);
      parent.insertAfter(rest);
    }
    parent.insertAfter(node);
    if (parent.isEmpty()) parent.remove();
    $hoistBlockToNearestRoot(node);
    return;
  }
  // A list item outside a list (`<p><li>text<!--more-->text`, as HTML parsers leave a stray <li>)
  // cannot be split: Lexical's list item refuses a sibling that is not in a list. Put it in one.
  for (let up: LexicalNode | null = parent; up !== null && !$isRootOrShadowRoot(up); up = up.getParent()) {
    if ($isListItemNode(up) && !$isListNode(up.getParent())) {
      const list = $createListNode('bullet');
      up.insertBefore(list);
      list.append(up);
    }
  }
  // Lexical's split throws when the block is all its parent holds (`<li><img></li>`): the emptied
  // parent is removed before the split is done. The block then takes the place of the outermost
  // ancestor that holds nothing else, and is hoisted from there.
  let lone: LexicalNode = node;
  for (
    let up = lone.getParent();
    up !== null && !$isRootOrShadowRoot(up) && up.getChildrenSize() === 1;
    up = up.getParent()
  )
    lone = up;
  if (lone !== node) {
    const target = lone.getParent();
    lone.insertBefore(node);
    lone.remove();
    // `target` holds other nodes too (or is the root), so this ends; a list item that moved the
    // block elsewhere leaves it there.
    if (node.getParent() === target) $hoistBlockToNearestRoot(node);
    return;
  }
  $insertNodeToNearestRootAtCaret(node, $getSiblingCaret(node, 'next'), {
    $shouldSplit: () => false,
    removeEmptyDestination: true,
  });
}

/**
 * A paragraph inside a paragraph, heading, quote or list item (imported `<p><code><p>…</p>…`) is
 * not a document Lexical can write out: its words run into the text around it (Markdown joined
 * the code spans on both sides into one fence and read the rest as HTML). It becomes a line of
 * its parent: its children in its place, with line breaks around them.
 */
export function $unnestParagraph(node: ParagraphNode): void {
  const parent = node.getParent();
  if (!(
    $isParagraphNode(parent) ||
    $isHeadingNode(parent) ||
    $isQuoteNode(parent) ||
    $isListItemNode(parent)
  ))
    return;
  const previous = node.getPreviousSibling();
  if (previous !== null && !$isLineBreakNode(previous)) node.insertBefore($createLineBreakNode());
  const next = node.getNextSibling();
  if (next !== null && !$isLineBreakNode(next)) node.insertAfter($createLineBreakNode());
  for (const child of node.getChildren()) node.insertBefore(child);
  node.remove();
}

/**
 * A block (list, quote, code block, heading, table) inside a paragraph, heading, quote or list
 * item, as Lexical's HTML import leaves `<p><ul>…`, `<code><blockquote>…` or `<li>text<blockquote>…`:
 * written out, its words run into the text around it (the static site's Markdown joined the code
 * spans of a quote and a list into one broken fence and read a `javascript:` link in them; found
 * by the fuzz, twice). It is lifted to block level, splitting the text block around it. A list in
 * a list item with other content takes Lexical's own nested-list form instead: an item of its own
 * (`li(text, ul, more)` → `li(text)`, `li(ul)`, `li(more)`), so a sub-list stays a sub-list.
 */
export function $liftBlockOutOfText(node: LexicalNode): void {
  const parent = node.getParent();
  if ($isParagraphNode(parent) || $isHeadingNode(parent) || $isQuoteNode(parent)) {
    $hoistBlockToNearestRoot(node);
    return;
  }
  if (!$isListItemNode(parent)) return;
  if ($isListNode(node) && $isListNode(parent.getParent())) {
    if (parent.getChildrenSize() === 1) return; // already an item holding only a sub-list
    const after = node.getNextSiblings();
    const holder = $createListItemNode();
    parent.insertAfter(holder);
    holder.append(node);
    if (after.length > 0) {
      const rest = $createListItemNode();
      holder.insertAfter(rest);
      rest.append(...after);
    }
    if (parent.isEmpty()) parent.remove();
    return;
  }
  $hoistBlockToNearestRoot(node);
}

/**
 * A table cell outside a table row, or a row outside a table (a stray `<td>` the HTML import kept,
 * in a paragraph): written out, the blocks in it ran together (the static site's Markdown joined
 * the code spans of a quote and a list in a stray cell into a fence with a `javascript:` link
 * outside it; found by the fuzz). Its content takes its place, and the other rules then lift
 * those blocks to block level.
 */
export function $unwrapStrayTablePart(node: TableCellNode | TableRowNode): void {
  const parent = node.getParent();
  if ($isTableCellNode(node) ? $isTableRowNode(parent) : $isTableNode(parent)) return;
  // A list item of a cell that sat in a list item (`<ul><td><li>`) follows that item in its list:
  // put inside it, Lexical's own fix-up of the nested item threw.
  let lastItem = $isListItemNode(parent) && $isListNode(parent.getParent()) ? parent : null;
  for (const child of node.getChildren()) {
    if (lastItem !== null && $isListItemNode(child))
      lastItem = lastItem.insertAfter(child) as typeof lastItem;
    else node.insertBefore(child);
  }
  node.remove();
  // The item Lexical made to hold the stray cell, now empty: its items took its place.
  if (lastItem !== null && lastItem !== parent && parent?.isEmpty()) parent.remove();
}
