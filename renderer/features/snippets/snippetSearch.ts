import { snippetPlainText, type Snippet } from '../../../electron/contract';
import { snippetKindLabel } from '../../../electron/contract/snippetLabels';

/** Lower case without accents, so “cafe” finds “Café”. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The snippets whose name, kind or text contain every word of the query, in the author's order.
 * An empty query keeps them all.
 */
export function filterSnippets(snippets: readonly Snippet[], query: string): Snippet[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...snippets];
  return snippets.filter((snippet) => {
    const haystack = fold(
      `${snippet.name} ${snippetKindLabel(snippet.kind)} ${snippetPlainText(snippet.editorState)}`,
    );
    return words.every((word) => haystack.includes(word));
  });
}
