import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

import { READ_MORE_ATTRIBUTE } from '../nodes/ReadMoreNode';
import { isAllowedImageSrc } from '../nodes/imageSources';
import { isAllowedLinkUrl } from '../utils/linkUrl';

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
// as CSS (Lexical reads these back into bold/italic/…), and white-space, which marks code.
const KEPT_STYLE_PROPERTIES = [
  'font-weight',
  'font-style',
  'text-decoration',
  'text-decoration-line',
  'vertical-align',
  'white-space',
];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
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

/** True for `<img>` elements whose only job is to report that the page was seen. */
export function isTrackingImage(img: Element): boolean {
  const tiny = (value: string | null) =>
    value !== null && /^\s*\d+(\.\d+)?\s*(px)?\s*$/i.test(value) && parseFloat(value) <= 2;
  const style = (img as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (tiny(img.getAttribute('width')) || tiny(img.getAttribute('height'))) return true;
  if (style !== undefined && (tiny(style.width) || tiny(style.height))) return true;
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

function isHidden(element: HTMLElement): boolean {
  const style = element.style as CSSStyleDeclaration | undefined;
  if (style === undefined) return false;
  return style.display === 'none' || style.visibility === 'hidden' || element.hasAttribute('hidden');
}

const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS);
const ALLOWED_ATTR_SET = new Set(ALLOWED_ATTR);
// Removed with their contents by the allow-list pass: DOMPurify's own list plus DROP_WITH_CONTENT.
const DROP_WITH_CONTENT_SET = new Set([
  ...DROP_WITH_CONTENT,
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'svg', 'math', 'audio', 'video',
  'head', 'title', 'meta', 'link', 'base', 'xmp', 'plaintext', 'colgroup',
]); // prettier-ignore

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function filterStyle(element: HTMLElement): void {
  const style = element.style as CSSStyleDeclaration | undefined;
  if (style === undefined || !element.hasAttribute('style')) return;
  const kept: string[] = [];
  for (const property of KEPT_STYLE_PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value) kept.push(`${property}: ${value}`);
  }
  if (kept.length > 0) element.setAttribute('style', kept.join('; '));
  else element.removeAttribute('style');
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
      if (!ALLOWED_ATTR_SET.has(name.toLowerCase())) element.removeAttribute(name);
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

export function sanitizePastedHtml(html: string, win: Window = window): string {
  const withMarkers = html.replace(MORE_COMMENT, `<hr ${READ_MORE_ATTRIBUTE}="">`);
  const body = purifierFor(win).sanitize(withMarkers, PURIFY_CONFIG) as unknown as HTMLElement;
  enforceAllowList(body);

  // Hidden content first: a hidden element may wrap links or images that the rules below would
  // otherwise spend time on.
  for (const element of Array.from(body.querySelectorAll<HTMLElement>('[style], [hidden]'))) {
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

  for (const element of Array.from(body.querySelectorAll<HTMLElement>('[style]'))) filterStyle(element);

  // <pre><code>…</code></pre> is one code block, not a code block holding another.
  for (const code of Array.from(body.querySelectorAll('pre code'))) unwrap(code);
  // Innermost first, so a nested quote is flattened before its parent.
  for (const quote of Array.from(body.querySelectorAll('blockquote')).reverse()) flattenQuote(quote);

  // A figure left with neither image nor text (its tracker image was removed) is noise.
  for (const figure of Array.from(body.querySelectorAll('figure'))) {
    if (figure.querySelector('img') === null && (figure.textContent ?? '').trim() === '') figure.remove();
  }

  return body.innerHTML;
}
