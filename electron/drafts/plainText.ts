/**
 * Plain text out of Lexical's serialized editor state, for the draft list (snippet, word count)
 * and for search. Pure: it reads JSON and never needs an editor, so the main process can index
 * thousands of drafts without loading Lexical.
 */

/** Element nodes that flow inside a line; every other element with children is a block. */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark', 'overflow']);

/** Nodes that stand for a line break although they have no text of their own. */
const BREAKS: Record<string, string> = { linebreak: '\n', tab: '\t' };

type Frame = { kind: 'node'; node: unknown } | { kind: 'text'; text: string };

/**
 * The text of an editor state: text nodes concatenated, blocks (paragraphs, headings, quotes,
 * list items, table cells…) on lines of their own, no blank lines, trimmed.
 */
export function plainTextOf(editorState: unknown): string {
  const root = isRecord(editorState) ? editorState.root : undefined;
  if (!isRecord(root)) return '';
  const out: string[] = [];
  // An explicit stack instead of recursion: a pasted or hand-edited file can nest very deeply,
  // and indexing must not die of a stack overflow on one odd draft.
  const stack: Frame[] = [{ kind: 'node', node: root }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.kind === 'text') {
      out.push(frame.text);
      continue;
    }
    const node = frame.node;
    if (!isRecord(node)) continue;
    const type = typeof node.type === 'string' ? node.type : '';
    const children = Array.isArray(node.children) ? node.children : null;
    if (children) {
      const isBlock = !INLINE_ELEMENTS.has(type);
      if (isBlock) stack.push({ kind: 'text', text: '\n' });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ kind: 'node', node: children[i] });
      if (isBlock) stack.push({ kind: 'text', text: '\n' });
    } else if (typeof node.text === 'string') {
      out.push(node.text);
    } else if (BREAKS[type] !== undefined) {
      out.push(BREAKS[type]);
    } else if (type === 'horizontalrule') {
      out.push('\n');
    }
  }
  return out
    .join('')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
}

/** The first words of a text on one line, cut at a word boundary, at most `max` characters. */
export function snippetOf(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // A single very long word has no boundary to cut at; cutting mid-word beats showing nothing.
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

// Han, kana and Thai are written without spaces between words: each of their characters counts
// as one word, which is how word processors count them too. Everything else counts runs of
// letters and digits, with inner apostrophes and hyphens ("don't", "well-known") kept in one word.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;

export function countWords(text: string): number {
  let count = 0;
  const spaced = text.replace(UNSPACED, () => {
    count++;
    return ' ';
  });
  return count + (spaced.match(WORD)?.length ?? 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
