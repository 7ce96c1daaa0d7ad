/** What to put in place of the text just before the caret, after one character was typed. */
export interface Replacement {
  /** How many characters before the caret (the typed one included) are replaced. */
  length: number;
  text: string;
}

// After these (or at the start of a block) a quote opens; after anything else it closes.
const OPENS_AFTER = /[\s([{<\u2014\u2013\-/“‘]/u;

/**
 * The smart-punctuation rule for `text` (the text node's content up to and including the
 * character just typed, which is its last one). `charBefore` is the character in the block just
 * before this text node, or null at the start of the block (dashes at the very start are left
 * alone: `---` there is the horizontal-rule shortcut).
 */
export function smartReplacement(text: string, charBefore: string | null): Replacement | null {
  const typed = text.at(-1);
  if (typed === undefined) return null;
  const atBlockStart = charBefore === null;
  // Inside an inline code span still being typed (`a--b): the Markdown shortcut will make it code.
  if (isInOpenBacktick(text)) return null;
  const before = text.length >= 2 ? text[text.length - 2] : (charBefore ?? undefined);
  switch (typed) {
    case '"':
    case "'": {
      const opens = before === undefined || OPENS_AFTER.test(before);
      if (typed === '"') return { length: 1, text: opens ? '“' : '”' };
      // An apostrophe inside or after a word ("don't", "the 90s'") closes.
      return { length: 1, text: opens ? '‘' : '’' };
    }
    case '-': {
      const isLeading = (n: number) => atBlockStart && text.length === n;
      if (text.endsWith('---') && !isLeading(3)) return { length: 3, text: '—' };
      if (text.endsWith('–-')) return { length: 2, text: '—' };
      if (text.endsWith('--') && !isLeading(2) && !text.endsWith('---')) return { length: 2, text: '–' };
      return null;
    }
    case '.':
      return text.endsWith('...') ? { length: 3, text: '…' } : null;
    default:
      return null;
  }
}

function isInOpenBacktick(text: string): boolean {
  let ticks = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1;
}
