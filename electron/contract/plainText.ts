/**
 * Plain text out of Lexical's serialized editor state, for the draft list (snippet, word count)
 * and for search. Pure: it reads JSON and never needs an editor, so the main process can index
 * thousands of drafts without loading Lexical.
 */

/** Element nodes that flow inside a line; every other element with children is a block. */
const INLINE_ELEMENTS = new Set(['link', 'autolink', 'mark', 'overflow']);

type Frame = { node: unknown } | typeof BLOCK_END;
const BLOCK_END = Symbol('block end');

/**
 * The text of an editor state: text nodes concatenated, blocks (paragraphs, headings, quotes,
 * list items, table cells…) on lines of their own, no blank lines, trimmed.
 */
export function plainTextOf(editorState: unknown): string {
  const root = isRecord(editorState) ? editorState.root : undefined;
  if (!isRecord(root)) return '';
  const out: string[] = [];
  // Whether a line is open: a block boundary ends it, and consecutive boundaries make no blank
  // lines.
  let isLineOpen = false;
  const newLine = (): void => {
    if (isLineOpen) out.push('\n');
    isLineOpen = false;
  };
  const write = (text: string): void => {
    if (text.length === 0) return;
    out.push(text);
    isLineOpen = true;
  };
  // An explicit stack instead of recursion: a pasted or hand-edited file can nest very deeply,
  // and indexing must not die of a stack overflow on one odd draft.
  const stack: Frame[] = [{ node: root }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame === BLOCK_END) {
      newLine();
      continue;
    }
    const node = frame.node;
    if (!isRecord(node)) continue;
    const type = typeof node.type === 'string' ? node.type : '';
    const children = Array.isArray(node.children) ? node.children : null;
    if (children) {
      const isBlock = !INLINE_ELEMENTS.has(type);
      if (isBlock) {
        newLine();
        stack.push(BLOCK_END);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] });
    } else if (typeof node.text === 'string') {
      write(node.text);
    } else if (type === 'linebreak' || type === 'horizontalrule') {
      newLine();
    } else if (type === 'tab') {
      write('\t');
    }
  }
  return out.join('').trim();
}

/** The first words of a text on one line, cut at a word boundary, at most `max` characters. */
export function snippetOf(text: string, max = 160): string {
  // Only the start is needed: collapsing the whitespace of a whole long draft costs more than
  // everything else the list needs from it.
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
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
  let isInWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Non-ASCII text needs Unicode classes; plain ASCII (most drafts) is counted in this loop,
    // which is several times faster than the regular expression over 10,000 drafts.
    if (c > 0x7f) return countWordsUnicode(text);
    if (isAsciiWordChar(c)) {
      if (!isInWord) count++;
      isInWord = true;
    } else if (!(isInWord && (c === 39 || c === 45) && isAsciiWordChar(text.charCodeAt(i + 1)))) {
      isInWord = false;
    }
  }
  return count;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function countWordsUnicode(text: string): number {
  let count = 0;
  const spaced = text.replace(UNSPACED, () => {
    count++;
    return ' ';
  });
  WORD.lastIndex = 0;
  while (WORD.exec(spaced) !== null) count++;
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
