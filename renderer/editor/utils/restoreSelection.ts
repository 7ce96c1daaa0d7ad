import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type BaseSelection,
  type PointType,
} from 'lexical';

function $isPointValid(point: PointType): boolean {
  const node = $getNodeByKey(point.key);
  if ($isTextNode(node)) return point.type === 'text' && point.offset <= node.getTextContentSize();
  if ($isElementNode(node)) return point.type === 'element' && point.offset <= node.getChildrenSize();
  return false;
}

/**
 * Restores a range selection saved before focus left the editor (a dialog, an await). The document
 * may have changed since, so a selection whose points no longer exist is dropped for the end of
 * the document rather than restored and left to throw during reconciliation.
 */
export function $restoreSelection(saved: BaseSelection | null): void {
  if ($isRangeSelection(saved) && $isPointValid(saved.anchor) && $isPointValid(saved.focus)) {
    $setSelection(saved.clone());
    return;
  }
  if ($getSelection() === null) $getRoot().selectEnd();
}
