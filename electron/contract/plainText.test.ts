import { describe, expect, it } from 'vitest';
import { countWords, plainTextOf, snippetOf } from './plainText';

const text = (value: string, format = 0) => ({ type: 'text', version: 1, text: value, format });
const el = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  children,
  ...extra,
});
const state = (...blocks: unknown[]) => ({ root: el('root', blocks) });

describe('plainTextOf', () => {
  it('joins the runs of a paragraph and puts blocks on lines of their own', () => {
    const editorState = state(
      el('heading', [text('A trip to Lisbon')], { tag: 'h1' }),
      el('paragraph', [text('We took the '), text('night', 1), text(' train.')]),
      el('quote', [text('Saudade.')]),
    );
    expect(plainTextOf(editorState)).toBe('A trip to Lisbon\nWe took the night train.\nSaudade.');
  });

  it('keeps links inline and separates list items and table cells', () => {
    const editorState = state(
      el('paragraph', [text('See '), el('link', [text('the map')], { url: 'https://x' }), text(' first.')]),
      el('list', [el('listitem', [text('bread')]), el('listitem', [text('cheese')])], { listType: 'bullet' }),
      el('table', [
        el('tablerow', [
          el('tablecell', [el('paragraph', [text('a1')])]),
          el('tablecell', [el('paragraph', [text('b1')])]),
        ]),
      ]),
    );
    expect(plainTextOf(editorState)).toBe('See the map first.\nbread\ncheese\na1\nb1');
  });

  it('turns line breaks into new lines', () => {
    const editorState = state(
      el('paragraph', [text('roses'), { type: 'linebreak', version: 1 }, text('violets')]),
    );
    expect(plainTextOf(editorState)).toBe('roses\nviolets');
  });

  it('gives empty text for no editor state or odd JSON, without throwing', () => {
    expect(plainTextOf(null)).toBe('');
    expect(plainTextOf({})).toBe('');
    expect(plainTextOf({ root: { children: 'nope' } })).toBe('');
    expect(plainTextOf({ root: { children: [null, 3, { text: 7 }, { type: 'image', src: 'a.png' }] } })).toBe(
      '',
    );
  });

  it('reads a very deeply nested document without a stack overflow', () => {
    let node: unknown = text('deep');
    for (let i = 0; i < 50_000; i++) node = el('listitem', [node]);
    expect(plainTextOf({ root: el('root', [node]) })).toBe('deep');
  });
});

describe('snippetOf', () => {
  it('keeps a short text whole, on one line', () => {
    expect(snippetOf('Hello\nworld  again')).toBe('Hello world again');
  });

  it('cuts a long text at a word boundary and marks the cut', () => {
    const long = 'word '.repeat(100);
    const snippet = snippetOf(long);
    expect(snippet.length).toBeLessThanOrEqual(160);
    expect(snippet.endsWith('word…')).toBe(true);
  });
});

describe('countWords', () => {
  it('counts words as a writer would', () => {
    expect(countWords('')).toBe(0);
    expect(countWords("Don't stop — it's a well-known fact, 42 times.")).toBe(8);
    expect(countWords('Ça a été un été très chaud')).toBe(7);
  });

  it('counts each Chinese or Japanese character as a word', () => {
    expect(countWords('我爱北京')).toBe(4);
    expect(countWords('Tokyo 東京 trip')).toBe(4);
  });
});
