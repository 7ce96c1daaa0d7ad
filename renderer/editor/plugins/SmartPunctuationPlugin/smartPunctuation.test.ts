import { describe, expect, it } from 'vitest';
import { smartReplacement } from './smartPunctuation';

/** Types `input` one character at a time, applying each replacement, as the plugin does. */
function type(input: string, charBefore: string | null = null): string {
  let text = '';
  for (const ch of input) {
    text += ch;
    const r = smartReplacement(text, charBefore);
    if (r) text = text.slice(0, text.length - r.length) + r.text;
  }
  return text;
}

describe('smart punctuation', () => {
  it('curls double and single quotes, opening or closing by what comes before', () => {
    expect(type('"Hello," she said. "Go."')).toBe('“Hello,” she said. “Go.”');
    expect(type("'Tis (')")).toBe('‘Tis (‘)');
    expect(type("'quoted'")).toBe('‘quoted’');
  });

  it('turns apostrophes inside and after words into right single quotes', () => {
    expect(type("don't stop the 90s'")).toBe('don’t stop the 90s’');
  });

  it('looks at the text before the node when the quote starts a new text node', () => {
    expect(type('"', 'd')).toBe('”');
    expect(type('"', ' ')).toBe('“');
  });

  it('makes -- an en dash and --- an em dash, in text', () => {
    expect(type('pages 3--5')).toBe('pages 3–5');
    expect(type('wait---what')).toBe('wait—what');
    expect(type('a - b')).toBe('a - b');
  });

  it('leaves dashes at the start of a block for the horizontal-rule and list shortcuts', () => {
    expect(type('---')).toBe('---');
    expect(type('- item')).toBe('- item');
    expect(type('---', 'x')).toBe('—');
  });

  it('leaves an inline code span being typed alone', () => {
    expect(type('run `a--b "c"` now "ok"')).toBe('run `a--b "c"` now “ok”');
  });

  it('makes ... an ellipsis', () => {
    expect(type('Well...')).toBe('Well…');
    expect(type('1.5')).toBe('1.5');
  });
});
