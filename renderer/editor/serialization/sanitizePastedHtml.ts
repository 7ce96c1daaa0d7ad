import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

import { READ_MORE_ATTRIBUTE } from '../nodes/ReadMoreNode';
import { isAllowedImageSrc } from '../nodes/imageSources';
import { isAllowedLinkUrl } from '../utils/linkUrl';
import { placeStrayListItems } from '../../../electron/contract/strayListItems';

/**
 * Pasted HTML, cut down to what a blog post can hold.
 *
 * Web pages and word processors put scripts, styles, event handlers, forms, embeds and tracking
 * pixels on the clipboard next to the content. DOMPurify removes anything executable (and knows
 * the parser tricks, such as mutation XSS, that a hand-written filter misses). Signet's own pass
 * then applies the post's allow-list once more, element by element, so the output policy holds
 * even where DOMPurify was configured or behaves differently (it cannot walk happy-dom's DOM, for
 * one), and the rules after it remove what is harmless but does not belong in a post: non-web
 * links, hidden elements, 1×1 and known tracker images, and styling beyond emphasis.
 *
 * Pure apart from the DOM it needs for parsing: HTML string in, HTML string out.
 */

const ALLOWED_TAGS = [
  'a', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'code', 'kbd', 'samp', 'pre', 'sub', 'sup', 'mark',
  'p', 'br', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'img', 'figure', 'figcaption', 'hr',
]; // prettier-ignore

const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'colspan',
  'rowspan',
  'start',
  'style',
  READ_MORE_ATTRIBUTE,
];

/**
 * Where inline styles go before the page is parsed. Under Signet's CSP (`style-src 'self'`)
 * Chromium checks, and reports a violation for, every `style` attribute each time HTML is parsed or
 * a style is set — hundreds of milliseconds for a large page — and does not apply the style, so
 * `element.style` reads empty and word-processor emphasis would be lost. A data attribute costs
 * nothing; its declarations are read by {@link parseStyleDeclarations} and turned into elements.
 */
export const STYLE_ATTRIBUTE = 'data-signet-style';

// Elements removed together with everything inside them (DOMPurify's defaults already cover
// script, style, iframe, svg, math, template, noscript, audio and video).
const DROP_WITH_CONTENT = [
  'form',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'object',
  'embed',
  'canvas',
  'dialog',
  'map',
  'frame',
  'frameset',
];

// Inline styles carry nothing Signet keeps except the emphasis that Google Docs and Word express
// as CSS, which becomes <b>, <i>, <u>, <s>, <sub> and <sup> (see emphasisElements).

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: [...ALLOWED_ATTR, STYLE_ATTRIBUTE],
  // DOMPurify checks other attribute values as URLs; declarations are read as text, never applied.
  ADD_URI_SAFE_ATTR: [STYLE_ATTRIBUTE],
  ADD_FORBID_CONTENTS: DROP_WITH_CONTENT,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_DOM: true,
};

const TRACKER_HOSTS = [
  'google-analytics.com', 'googletagmanager.com', 'doubleclick.net', 'scorecardresearch.com', 'quantserve.com',
  'bat.bing.com', 'px.ads.linkedin.com', 'ct.pinterest.com', 'mc.yandex.ru', 'pixel.wp.com', 'stats.wp.com',
  'mailtrack.io', 'analytics.twitter.com', 'pixel.facebook.com', 'track.hubspot.com', 'pixel.mathtag.com',
]; // prettier-ignore

const TRACKER_PATHS = [
  /\/wf\/open\b/i, // SendGrid
  /\/track\/open\b/i, // Mailchimp, Mailgun
  /(^|\/)(pixel|beacon|spacer|blank|clear|transparent|1x1|tracking|open)\.(gif|png|jpe?g)$/i,
];

/**
 * The declarations of a `style` attribute's text, property names lower-cased, later ones winning,
 * `!important` and comments dropped. Only what the rules below ask for is ever looked at, so a
 * declaration this small parser misreads is one Signet would have dropped anyway.
 */
export function parseStyleDeclarations(text: string): Map<string, string> {
  const declarations = new Map<string, string>();
  const body = text.replace(/\/\*[\s\S]*?\*\//g, ' ');
  // Split at semicolons outside quotes and parentheses (`url("a;b")`).
  let start = 0;
  let depth = 0;
  let quote = '';
  const parts: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  for (const part of parts) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important\s*$/i, '')
      .trim();
    if (/^-?[a-z][a-z0-9-]*$/.test(property) && value !== '') declarations.set(property, value);
  }
  return declarations;
}

/** The element's inline declarations, from its renamed or (if the rename missed it) own `style`. */
function styleOf(element: Element): Map<string, string> {
  const text = [element.getAttribute(STYLE_ATTRIBUTE), element.getAttribute('style')]
    .filter((value): value is string => value !== null)
    .join(';');
  return parseStyleDeclarations(text);
}

/**
 * `style` attributes renamed to {@link STYLE_ATTRIBUTE} in every start tag, before any parsing.
 * Quoted attribute values are skipped, so text that merely contains `style=` is untouched. A tag
 * this does not match keeps its `style`, which is slower but handled the same way.
 */
export function renameStyleAttributes(html: string): string {
  return html.replace(/<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g, (tag) =>
    tag.replace(
      /("[^"]*"|'[^']*')|([\s/"'])style(?=\s*=)/gi,
      (match, quoted: string | undefined, before: string) =>
        quoted !== undefined ? match : `${before}${STYLE_ATTRIBUTE}`,
    ),
  );
}

/** True for `<img>` elements whose only job is to report that the page was seen. */
export function isTrackingImage(img: Element): boolean {
  const tiny = (value: string | null | undefined) =>
    value != null && /^\s*\d+(\.\d+)?\s*(px)?\s*$/i.test(value) && parseFloat(value) <= 2;
  if (tiny(img.getAttribute('width')) || tiny(img.getAttribute('height'))) return true;
  const style = styleOf(img);
  if (tiny(style.get('width')) || tiny(style.get('height'))) return true;
  const src = img.getAttribute('src') ?? '';
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (TRACKER_HOSTS.some((tracker) => host === tracker || host.endsWith(`.${tracker}`))) return true;
  if (host === 'facebook.com' || host.endsWith('.facebook.com')) return /^\/tr\/?$/i.test(url.pathname);
  return TRACKER_PATHS.some((pattern) => pattern.test(url.pathname));
}

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = styleOf(element);
  return (
    style.get('display')?.toLowerCase() === 'none' || style.get('visibility')?.toLowerCase() === 'hidden'
  );
}

const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS);
const ALLOWED_ATTR_SET = new Set([...ALLOWED_ATTR, STYLE_ATTRIBUTE]);
// Removed with their contents by the allow-list pass: DOMPurify's own list plus DROP_WITH_CONTENT.
const DROP_WITH_CONTENT_SET = new Set([
  ...DROP_WITH_CONTENT,
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'svg', 'math', 'audio', 'video',
  'head', 'title', 'meta', 'link', 'base', 'xmp', 'plaintext', 'colgroup',
]); // prettier-ignore

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

/**
 * The elements that say what the element's inline emphasis said, outermost first, and whether the
 * element itself is a `<b>` that its style un-bolds (Google Docs wraps a whole copy in
 * `<b style="font-weight:normal">`). Mirrors what Lexical's importDOM reads from `element.style`.
 */
function emphasisOf(element: Element): { tags: string[]; unbold: boolean } {
  const style = styleOf(element);
  const tags: string[] = [];
  const weight = style.get('font-weight')?.toLowerCase() ?? '';
  const numeric = Number(weight);
  const bold = weight === 'bold' || weight === 'bolder' || (weight !== '' && numeric >= 600);
  const normal = weight === 'normal' || weight === 'lighter' || (weight !== '' && numeric < 600);
  if (bold) tags.push('b');
  if (/^(italic|oblique)\b/i.test(style.get('font-style') ?? '')) tags.push('i');
  const decoration = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`;
  if (/\bunderline\b/i.test(decoration)) tags.push('u');
  if (/\bline-through\b/i.test(decoration)) tags.push('s');
  const align = style.get('vertical-align')?.toLowerCase();
  if (align === 'sub') tags.push('sub');
  else if (align === 'super') tags.push('sup');
  return { tags, unbold: normal && element.tagName.toLowerCase() === 'b' };
}

/** Inline emphasis turned into elements; every style attribute removed. */
function applyStyles(element: Element): void {
  const { tags, unbold } = emphasisOf(element);
  element.removeAttribute(STYLE_ATTRIBUTE);
  element.removeAttribute('style');
  if (tags.length > 0) {
    const doc = element.ownerDocument;
    const wrappers = tags.map((tag) => doc.createElement(tag));
    wrappers.reduce((outer, inner) => (outer.append(inner), inner));
    wrappers[wrappers.length - 1]!.append(...Array.from(element.childNodes));
    element.append(wrappers[0]!);
  }
  if (unbold) unwrap(element);
}

/** The post's allow-list, applied to every element and attribute that is left. */
function enforceAllowList(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    // An ancestor dropped earlier in this loop took this element with it.
    if (!root.contains(element)) continue;
    const tag = element.tagName.toLowerCase();
    if (DROP_WITH_CONTENT_SET.has(tag)) {
      element.remove();
      continue;
    }
    for (const name of element.getAttributeNames()) {
      const lower = name.toLowerCase();
      // A URL belongs only where the rules below check it: href on links, src on images.
      const misplacedUrl = (lower === 'href' && tag !== 'a') || (lower === 'src' && tag !== 'img');
      if (!ALLOWED_ATTR_SET.has(lower) || misplacedUrl) element.removeAttribute(name);
    }
    if (!ALLOWED_TAG_SET.has(tag)) unwrap(element);
  }
  const comments: Node[] = [];
  const collect = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === Node.COMMENT_NODE) comments.push(child);
      else collect(child);
    }
  };
  collect(root);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'blockquote', 'figure', 'figcaption',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'hr',
]); // prettier-ignore

/**
 * A Signet quote holds lines of text, not blocks (Lexical's quote is an inline container), but web
 * pages wrap quoted text in paragraphs. Each block inside a quote becomes a line of it.
 */
function flattenQuote(quote: Element): void {
  const doc = quote.ownerDocument;
  const lines: Node[][] = [[]];
  const visit = (parent: Node) => {
    for (const child of Array.from(parent.childNodes)) {
      const tag = child.nodeType === Node.ELEMENT_NODE ? (child as Element).tagName.toLowerCase() : '';
      if (BLOCK_TAGS.has(tag)) {
        lines.push([]);
        visit(child);
        lines.push([]);
      } else {
        lines[lines.length - 1]?.push(child);
      }
    }
  };
  visit(quote);
  const kept = lines.filter((line) =>
    line.some((node) => (node.textContent ?? '').trim() !== '' || node.nodeName === 'IMG'),
  );
  quote.replaceChildren();
  kept.forEach((line, index) => {
    if (index > 0) quote.append(doc.createElement('br'));
    quote.append(...line);
  });
}

const purifiers = new WeakMap<object, Purifier>();

function purifierFor(win: Window): Purifier {
  let purifier = purifiers.get(win);
  if (purifier === undefined) {
    purifier = DOMPurify(win as unknown as Parameters<typeof DOMPurify>[0]);
    purifiers.set(win, purifier);
  }
  return purifier;
}

// WordPress marks the excerpt end with an HTML comment, which sanitising would remove.
const MORE_COMMENT = /<!--\s*more\b[^>]*?-->/gi;

/**
 * Sanitises `html` and returns the `<body>` holding the result, in an inert document: hand it to
 * Lexical as is rather than serialising and parsing the page again.
 */
export function sanitizePastedHtmlToDom(html: string, win: Window = window): HTMLElement {
  const withMarkers = renameStyleAttributes(html.replace(MORE_COMMENT, `<hr ${READ_MORE_ATTRIBUTE}="">`));
  // DOMPurify answers null instead of a body when its parse of the page yields none (a page
  // opening with <template> and a second <body>, in happy-dom; found by the fuzz): nothing to paste.
  const body =
    (purifierFor(win).sanitize(withMarkers, PURIFY_CONFIG) as unknown as HTMLElement | null) ??
    win.document.implementation.createHTMLDocument('').body;
  enforceAllowList(body);

  // Hidden content first: a hidden element may wrap links or images that the rules below would
  // otherwise spend time on.
  for (const element of Array.from(body.querySelectorAll(`[${STYLE_ATTRIBUTE}], [style], [hidden]`))) {
    if (body.contains(element) && isHidden(element)) element.remove();
  }

  for (const anchor of Array.from(body.querySelectorAll('a'))) {
    const href = anchor.getAttribute('href')?.trim() ?? '';
    if (!isAllowedLinkUrl(href)) unwrap(anchor);
  }

  for (const img of Array.from(body.querySelectorAll('img'))) {
    const src = img.getAttribute('src')?.trim() ?? '';
    if (!isAllowedImageSrc(src) || isTrackingImage(img)) {
      img.remove();
      continue;
    }
    // Images are blocks in Signet; a linked image keeps the image and drops the link rather than
    // nesting a block inside an inline link.
    const anchor = img.closest('a');
    if (anchor !== null) anchor.before(img);
  }

  for (const element of Array.from(body.querySelectorAll(`[${STYLE_ATTRIBUTE}], [style]`)))
    applyStyles(element);

  // <pre><code>…</code></pre> is one code block, not a code block holding another.
  for (const code of Array.from(body.querySelectorAll('pre code'))) unwrap(code);
  // Innermost first, so a nested quote is flattened before its parent.
  for (const quote of Array.from(body.querySelectorAll('blockquote')).reverse()) flattenQuote(quote);

  // A figure left with neither image nor text (its tracker image was removed) is noise.
  for (const figure of Array.from(body.querySelectorAll('figure'))) {
    if (figure.querySelector('img') === null && (figure.textContent ?? '').trim() === '') figure.remove();
  }

  placeStrayListItems(body);

  return body;
}

/** {@link sanitizePastedHtmlToDom} as an HTML string. */
export function sanitizePastedHtml(html: string, win: Window = window): string {
  return sanitizePastedHtmlToDom(html, win).innerHTML;
}
