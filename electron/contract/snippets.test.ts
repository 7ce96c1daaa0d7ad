import { describe, expect, it } from 'vitest';
import { snippetPlainText } from './snippets';
import type { EditorStateJSON } from './types';

const text = (value: string) => ({ type: 'text', version: 1, text: value, format: 0 });
const el = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  children,
  ...extra,
});
const state = (...blocks: unknown[]) => ({ root: el('root', blocks) }) as unknown as EditorStateJSON;

describe('snippetPlainText', () => {
  it('is empty for a snippet without content', () => {
    expect(snippetPlainText(null)).toBe('');
  });

  it('puts the lines of a signature on one line, words kept apart', () => {
    const signature = state(
      el('paragraph', [text('Kind regards,'), { type: 'linebreak', version: 1 }, text('{{author.name}}')]),
      el('paragraph', [el('link', [text('my blog')], { url: '{{blog.url}}' }), text(' · since 2009')]),
    );
    expect(snippetPlainText(signature)).toBe('Kind regards, {{author.name}} my blog · since 2009');
  });

  it('keeps a link inside its sentence and separates list items', () => {
    const bio = state(
      el('paragraph', [text('Writes at '), el('link', [text('Signet')], { url: 'https://x' }), text('.')]),
      el('list', [el('listitem', [text('tea')]), el('listitem', [text('trains')])], { listType: 'bullet' }),
    );
    expect(snippetPlainText(bio)).toBe('Writes at Signet. tea trains');
  });

  it('reads a very deeply nested snippet file without a stack overflow', () => {
    let node: unknown = text('deep');
    for (let i = 0; i < 100_000; i++) node = el('quote', [node]);
    expect(snippetPlainText(state(node))).toBe('deep');
  });
});
