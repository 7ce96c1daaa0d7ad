import { describe, expect, it } from 'vitest';

import { type CaretKey, documentJump } from './documentKeys';

const key = (k: string, mods: Partial<CaretKey> = {}): CaretKey => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('documentJump', () => {
  it('reads Ctrl+Home and Ctrl+End as the start and end of the draft on Windows and Linux', () => {
    expect(documentJump(key('Home', { ctrlKey: true }), false)).toBe('start');
    expect(documentJump(key('End', { ctrlKey: true }), false)).toBe('end');
    expect(documentJump(key('End', { ctrlKey: true, shiftKey: true }), false)).toBe('end');
    expect(documentJump(key('End'), false)).toBeNull();
    expect(documentJump(key('ArrowDown', { metaKey: true }), false)).toBeNull();
  });

  it('reads ⌘↑ and ⌘↓ as the start and end of the draft on a Mac, and leaves Ctrl+End alone', () => {
    expect(documentJump(key('ArrowUp', { metaKey: true }), true)).toBe('start');
    expect(documentJump(key('ArrowDown', { metaKey: true, shiftKey: true }), true)).toBe('end');
    expect(documentJump(key('End', { ctrlKey: true }), true)).toBeNull();
    expect(documentJump(key('ArrowDown', { metaKey: true, altKey: true }), true)).toBeNull();
  });

  it('reads PageUp and PageDown, with or without Shift, as a page move everywhere', () => {
    for (const isApple of [false, true]) {
      expect(documentJump(key('PageDown'), isApple)).toBe('page');
      expect(documentJump(key('PageUp', { shiftKey: true }), isApple)).toBe('page');
      // Ctrl+PageDown switches tabs in many apps; it does not move the caret.
      expect(documentJump(key('PageDown', { ctrlKey: true }), isApple)).toBeNull();
    }
  });

  it('ignores every other key', () => {
    expect(documentJump(key('a', { ctrlKey: true }), false)).toBeNull();
    expect(documentJump(key('ArrowDown'), false)).toBeNull();
    expect(documentJump(key('Home', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});
