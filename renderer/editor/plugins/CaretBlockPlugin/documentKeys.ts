/** The parts of a keydown the document-wide caret keys depend on. */
export interface CaretKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * What a caret key does that can reach blocks far from the screen: go to the start or end of the
 * draft (Ctrl+Home/End; ⌘↑/⌘↓ on a Mac), a page up or down (PageUp/PageDown, Shift to select),
 * or nothing of the kind (null).
 */
export function documentJump(event: CaretKey, isApple: boolean): 'start' | 'end' | 'page' | null {
  if (event.altKey) return null;
  if (event.key === 'PageUp' || event.key === 'PageDown') {
    return event.ctrlKey || event.metaKey ? null : 'page';
  }
  if (isApple) {
    if (!event.metaKey || event.ctrlKey) return null;
    if (event.key === 'ArrowUp') return 'start';
    if (event.key === 'ArrowDown') return 'end';
    return null;
  }
  if (!event.ctrlKey || event.metaKey) return null;
  if (event.key === 'Home') return 'start';
  if (event.key === 'End') return 'end';
  return null;
}
