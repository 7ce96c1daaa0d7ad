import { describe, expect, it } from 'vitest';
import type { EditorStateJSON, Snippet } from '../../../electron/contract';
import { filterSnippets } from './snippetSearch';

function paragraph(text: string): EditorStateJSON {
  return {
    root: {
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', text }] }],
    },
  } as unknown as EditorStateJSON;
}

function snippet(id: string, name: string, kind: Snippet['kind'], text: string): Snippet {
  return {
    id,
    name,
    kind,
    editorState: paragraph(text),
    obfuscateEmails: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const library = [
  snippet('a', 'Work signature', 'signature', 'Best, {{author.name}}'),
  snippet('b', 'Short bio', 'bio', 'Jon writes about boats and the Café de la Mer.'),
  snippet('c', 'Newsletter footer', 'footer', 'Subscribe at {{blog.url}}'),
];

const ids = (list: Snippet[]) => list.map((s) => s.id);

describe('filterSnippets', () => {
  it('keeps every snippet, in order, for an empty query', () => {
    expect(ids(filterSnippets(library, '  '))).toEqual(['a', 'b', 'c']);
  });

  it('finds words in the name or the text, ignoring case and accents', () => {
    expect(ids(filterSnippets(library, 'SIGNATURE'))).toEqual(['a']);
    expect(ids(filterSnippets(library, 'cafe'))).toEqual(['b']);
    expect(ids(filterSnippets(library, 'blog.url'))).toEqual(['c']);
  });

  it('needs every word to match, and matches the kind’s label', () => {
    expect(ids(filterSnippets(library, 'boats bio'))).toEqual(['b']);
    expect(ids(filterSnippets(library, 'boats subscribe'))).toEqual([]);
    expect(ids(filterSnippets(library, 'footer'))).toEqual(['c']);
  });
});
