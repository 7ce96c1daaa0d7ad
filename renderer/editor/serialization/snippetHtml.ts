import { sanitizePastedHtmlToDom } from './sanitizePastedHtml';

/**
 * A snippet node's stored HTML, made safe to show and to turn into editor nodes.
 *
 * The main process writes that HTML clean, but it travels in the draft file, which a synced folder
 * or a hand edit can change, so it is treated like a paste: the same sanitiser, the same
 * allow-list (no scripts, event handlers, styles or non-web links survive).
 */
export function sanitizeSnippetHtmlToDom(html: string, win: Window = window): HTMLElement {
  return sanitizePastedHtmlToDom(html, win);
}

export function sanitizeSnippetHtml(html: string, win: Window = window): string {
  return sanitizeSnippetHtmlToDom(html, win).innerHTML;
}

const BLOCK = /^(P|DIV|H[1-6]|LI|PRE|BLOCKQUOTE|FIGURE|FIGCAPTION|TR|HR|UL|OL|TABLE)$/;

function textOf(node: Node, parts: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) parts.push(child.textContent ?? '');
    else if (child.nodeName === 'BR') parts.push('\n');
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const isBlock = BLOCK.test(child.nodeName);
      if (isBlock) parts.push('\n');
      textOf(child, parts);
      if (isBlock) parts.push('\n');
    }
  }
}

const textCache = new Map<string, string>();
const TEXT_CACHE_SIZE = 64;

/**
 * The snippet's text, one line per block, for word counts and plain-text copies. Word counts run
 * after every pause in typing, so the last few answers are kept.
 */
export function snippetHtmlText(html: string): string {
  const cached = textCache.get(html);
  if (cached !== undefined) return cached;
  let text: string;
  if (typeof DOMParser === 'undefined') {
    text = html.replace(/<[^>]*>/g, ' ');
  } else {
    const parts: string[] = [];
    // An inert document: nothing in it loads or runs, so no sanitising is needed to read its text.
    textOf(new DOMParser().parseFromString(html, 'text/html').body, parts);
    text = parts.join('');
  }
  text = text.replace(/\n{2,}/g, '\n').trim();
  if (textCache.size >= TEXT_CACHE_SIZE) textCache.delete(textCache.keys().next().value as string);
  textCache.set(html, text);
  return text;
}
