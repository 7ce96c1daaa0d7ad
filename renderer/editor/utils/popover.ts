/** Where a popover opened from the caret goes, in viewport coordinates. */
export interface PopoverAnchor {
  top: number;
  bottom: number;
  left: number;
}

/** The DOM selection's box (the caret's, or its block's when the caret has no box of its own). */
export function selectionRect(): PopoverAnchor | null {
  const selection = window.getSelection();
  if (selection === null || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  let rect = range.getBoundingClientRect();
  // A caret in an empty block has no box of its own; use the block's.
  if (rect.width === 0 && rect.height === 0) {
    const container = range.startContainer;
    const element = container instanceof Element ? container : container.parentElement;
    if (element === null) return null;
    rect = element.getBoundingClientRect();
  }
  return { top: rect.top, bottom: rect.bottom, left: rect.left };
}

/**
 * Puts an absolutely positioned popover under `anchor`, inside its positioned parent (the editor
 * canvas) and not past its right edge. Set through the CSSOM, which the CSP allows (no inline
 * `style` attribute is written).
 */
export function placeUnder(popover: HTMLElement, anchor: PopoverAnchor | null): void {
  const parent = popover.offsetParent;
  // Not laid out (hidden, or a DOM without layout): leave the stylesheet's place.
  if (anchor === null || !(parent instanceof HTMLElement)) return;
  const parentRect = parent.getBoundingClientRect();
  const maxLeft = Math.max(0, parentRect.width - popover.offsetWidth);
  popover.style.top = `${anchor.bottom - parentRect.top + parent.scrollTop + 6}px`;
  popover.style.left = `${Math.min(Math.max(0, anchor.left - parentRect.left), maxLeft)}px`;
}
