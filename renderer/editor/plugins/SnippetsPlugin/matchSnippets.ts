import { type Snippet } from '../../../../electron/contract';
import { snippetKindLabel } from '../../../../electron/contract/snippetLabels';

/** Lower case without accents, so “cafe” finds “Café”. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The snippets the author means by `query` in the picker or after `/`: every word of the query is
 * in the snippet's name or kind. Names that start with the query come first ("/sig" puts
 * "Signature" above "Long signature"), otherwise the library's order is kept.
 */
export function matchSnippets(library: readonly Snippet[], query: string): Snippet[] {
  const folded = fold(query).trim();
  const words = folded.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...library];
  const starts: Snippet[] = [];
  const contains: Snippet[] = [];
  for (const snippet of library) {
    const name = fold(snippet.name);
    const haystack = `${name} ${fold(snippetKindLabel(snippet.kind))}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    (name.startsWith(folded) ? starts : contains).push(snippet);
  }
  return [...starts, ...contains];
}
