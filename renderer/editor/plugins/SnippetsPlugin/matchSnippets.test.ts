import { describe, expect, it } from 'vitest';

import type { Snippet } from '../../../../electron/contract';
import { matchSnippets } from './matchSnippets';

const NOW = '2025-01-01T00:00:00.000Z';
const snippet = (name: string, kind: Snippet['kind'] = 'text'): Snippet => ({
  id: name,
  name,
  kind,
  editorState: null,
  obfuscateEmails: false,
  createdAt: NOW,
  updatedAt: NOW,
});
const names = (found: Snippet[]) => found.map((s) => s.name);

describe('matchSnippets', () => {
  const library = [
    snippet('Long signature'),
    snippet('Café footer', 'footer'),
    snippet('Signature', 'signature'),
  ];

  it('keeps the library’s order for an empty query', () => {
    expect(names(matchSnippets(library, ''))).toEqual(['Long signature', 'Café footer', 'Signature']);
  });

  it('puts names that start with the query first', () => {
    expect(names(matchSnippets(library, 'sig'))).toEqual(['Signature', 'Long signature']);
  });

  it('matches the kind and ignores case and accents', () => {
    expect(names(matchSnippets(library, 'FOOTER'))).toEqual(['Café footer']);
    expect(names(matchSnippets(library, 'cafe'))).toEqual(['Café footer']);
  });

  it('needs every word', () => {
    expect(names(matchSnippets(library, 'long sig'))).toEqual(['Long signature']);
    expect(names(matchSnippets(library, 'long footer'))).toEqual([]);
  });
});
