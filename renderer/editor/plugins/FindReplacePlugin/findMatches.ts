import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type NodeKey,
  type TextNode,
} from 'lexical';

export interface FindOptions {
  matchCase: boolean;
  wholeWord: boolean;
}

/** A point in the document: a text node and an offset in it. */
export interface TextPoint {
  key: NodeKey;
  offset: number;
}

/** One occurrence of the query; it may span text nodes of one block (e.g. "par**tly** bold"). */
export interface Match {
  start: TextPoint;
  end: TextPoint;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** Start offsets of `query` in `text`, with the options applied. Plain text matching, no regex syntax. */
export function findInText(text: string, query: string, { matchCase, wholeWord }: FindOptions): number[] {
  if (query === '') return [];
  const haystack = matchCase ? text : text.toLocaleLowerCase();
  const needle = matchCase ? query : query.toLocaleLowerCase();
  // Lower-casing can change lengths (rare: İ); then fall back to matching as typed.
  const [h, n] = haystack.length === text.length ? [haystack, needle] : [text, query];
  const found: number[] = [];
  let from = 0;
  for (;;) {
    const at = h.indexOf(n, from);
    if (at < 0) break;
    const end = at + n.length;
    const isWord = !wholeWord || (!WORD_CHAR.test(text[at - 1] ?? '') && !WORD_CHAR.test(text[end] ?? ''));
    if (isWord) {
      found.push(at);
      from = end;
    } else {
      from = at + 1;
    }
  }
  return found;
}

/** Runs of adjacent text nodes (one run per stretch of inline text in a block). */
function $textRuns(): TextNode[][] {
  const runs: TextNode[][] = [];
  let run: TextNode[] = [];
  let last: TextNode | null = null;
  for (const node of $getRoot().getAllTextNodes()) {
    if (last === null || node.getPreviousSibling() !== last) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    run.push(node);
    last = node;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Every match of `query` in the document, in reading order. Read or update context. */
export function $findMatches(query: string, options: FindOptions): Match[] {
  const matches: Match[] = [];
  if (query === '') return matches;
  for (const run of $textRuns()) {
    const texts = run.map((node) => node.getTextContent());
    const whole = texts.join('');
    const starts = findInText(whole, query, options);
    if (starts.length === 0) continue;
    // Map offsets in the joined text back to (node, offset).
    const bounds: number[] = [];
    let total = 0;
    for (const t of texts) {
      bounds.push(total);
      total += t.length;
    }
    const pointAt = (offset: number, isEnd: boolean): TextPoint => {
      let i = run.length - 1;
      while (i > 0 && (isEnd ? (bounds[i] ?? 0) >= offset : (bounds[i] ?? 0) > offset)) i--;
      return { key: (run[i] as TextNode).getKey(), offset: offset - (bounds[i] ?? 0) };
    };
    for (const at of starts) {
      matches.push({ start: pointAt(at, false), end: pointAt(at + query.length, true) });
    }
  }
  return matches;
}

/** Selects a match (update context); returns false when the document changed under it. */
export function $selectMatch(match: Match): boolean {
  const start = $getNodeByKey(match.start.key);
  const end = $getNodeByKey(match.end.key);
  if (!$isTextNode(start) || !$isTextNode(end)) return false;
  if (start.getTextContentSize() < match.start.offset || end.getTextContentSize() < match.end.offset)
    return false;
  const selection = $createRangeSelection();
  selection.anchor.set(match.start.key, match.start.offset, 'text');
  selection.focus.set(match.end.key, match.end.offset, 'text');
  selection.format = start.getFormat();
  selection.style = start.getStyle();
  $setSelection(selection);
  return true;
}

/** Replaces one match (update context). */
export function $replaceMatch(match: Match, replacement: string): boolean {
  if (!$selectMatch(match)) return false;
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  selection.insertText(replacement);
  return true;
}

/** Replaces every match, last first so earlier offsets stay right (update context). Returns the count. */
export function $replaceAll(query: string, options: FindOptions, replacement: string): number {
  const matches = $findMatches(query, options);
  for (let i = matches.length - 1; i >= 0; i--) $replaceMatch(matches[i] as Match, replacement);
  return matches.length;
}
