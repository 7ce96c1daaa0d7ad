/**
 * The blog's page turned into a frame for the preview, and the post put into it.
 *
 * A blog's page is content from the network (docs/security.md: a malicious or compromised blog
 * server), so nothing of it is passed on as it came: the page is parsed by happy-dom (scripts
 * never run, nothing loads) and written out again from an allow-list of elements and attributes.
 * No script, event handler, iframe, object, form, meta, base, link or style element, inline style,
 * SVG or `javascript:` URL can be in the result, because the writer has no way to produce them.
 * (DOMPurify cannot run on happy-dom, see compose/importHtml.ts, hence the walk.) Stylesheets are
 * collected separately and cleaned by `sanitizeCss`.
 */
import { Window } from 'happy-dom';
import type { Element, Node } from '../compose/dom';

/** Where the post goes and where its title goes in the stored skeleton (page comments are never kept). */
export const POST_SLOT = '<!--signet:post-->';
export const TITLE_SLOT = '<!--signet:title-->';

export type StylesheetRef = { kind: 'link'; href: string; media?: string } | { kind: 'inline'; css: string };

export interface ThemeSkeleton {
  /** The page's `<body>` attributes and content, cleaned, with POST_SLOT (and maybe TITLE_SLOT). */
  body: string;
  bodyClass: string;
  htmlLang: string;
  /** Stylesheets in document order (links are absolute, not fetched yet). */
  stylesheets: StylesheetRef[];
  /** Where the post was put: the selector that matched. */
  slot: string;
  /** A front page: the first post's own page on the same site (a better frame), if one is linked. */
  postLink?: string;
}

/** Slots that mean "this page is a list or a bare page", not a single post's page. */
export const GENERIC_SLOTS = new Set(['article', 'main', '[role="main"]', 'body']);
const POST_LINK_SELECTORS = [
  '.gh-card-link',
  '.post-card-content-link',
  '.entry-title a',
  '.wp-block-post-title a',
  'a[rel="bookmark"]',
  'a[href]',
];

const ALLOWED = new Set([
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col',
  'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1',
  'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav',
  'ol', 'p', 'picture', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]); // prettier-ignore

/** Dropped with everything inside: they run, embed, submit or only matter to a script. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
  'fencedframe', 'form', 'input', 'button', 'select', 'textarea', 'option', 'template', 'noscript', 'svg', 'math',
  'video', 'audio', 'source', 'track', 'canvas', 'dialog', 'title', 'head', 'xmp', 'plaintext', 'noembed',
  'noframes', 'param', 'slot',
]); // prettier-ignore

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'col']);

const GLOBAL_ATTRIBUTES = new Set(['class', 'id', 'title', 'lang', 'dir', 'role']);
const ELEMENT_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  time: new Set(['datetime']),
  blockquote: new Set(['cite']),
  details: new Set(['open']),
};
const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i;

/** Where the post goes, most specific first (WordPress classic and block themes, Ghost, generic). */
export const CONTENT_SELECTORS = [
  '.entry-content',
  '.wp-block-post-content',
  '.gh-content',
  '.post-content',
  '.article-content',
  'article',
  'main',
  '[role="main"]',
];
const TITLE_SELECTORS = [
  '.entry-title',
  '.wp-block-post-title',
  '.gh-article-title',
  '.article-title',
  '.post-title',
];

export interface UrlPolicy {
  /** The page's address: relative URLs are made absolute against it. null: the post (kept relative). */
  base: string | null;
  /** Extra schemes allowed for images (the post's local images: `signet-asset:`). */
  imageSchemes?: readonly string[];
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL the frame may hold, or null. */
export function safeUrl(value: string, policy: UrlPolicy, forImage: boolean): string | null {
  // eslint-disable-next-line no-control-regex -- what the URL parser itself ignores
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (cleaned === '') return null;
  if (forImage && RASTER_DATA.test(cleaned)) return cleaned;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (policy.base === null)
      return /^(\/|\.|[\w%-])/.test(cleaned) && !cleaned.startsWith('//') ? cleaned : null;
    try {
      return safeUrl(new URL(cleaned, policy.base).toString(), policy, forImage);
    } catch {
      return null;
    }
  }
  if (scheme === 'http' || scheme === 'https') {
    try {
      return new URL(cleaned).toString();
    } catch {
      return null;
    }
  }
  if (!forImage && scheme === 'mailto') return cleaned;
  if (forImage && policy.imageSchemes?.includes(scheme)) return cleaned;
  return null;
}

function attributes(element: Element, tag: string, policy: UrlPolicy): string {
  let out = '';
  const own = ELEMENT_ATTRIBUTES[tag];
  for (const rawName of element.getAttributeNames()) {
    const name = rawName.toLowerCase();
    let value = element.getAttribute(rawName) ?? '';
    const allowed = GLOBAL_ATTRIBUTES.has(name) || own?.has(name) || name.startsWith('aria-');
    if (!allowed) continue;
    if (name === 'href' || name === 'src' || name === 'cite') {
      const url = safeUrl(value, policy, name === 'src');
      if (url === null) continue;
      value = url;
    } else if (name === 'srcset') {
      const candidates: string[] = [];
      for (const candidate of value.split(',')) {
        const [url, ...descriptor] = candidate.trim().split(/\s+/);
        const safe = url ? safeUrl(url, policy, true) : null;
        if (safe !== null && !safe.includes(',')) candidates.push([safe, ...descriptor].join(' '));
      }
      if (candidates.length === 0) continue;
      value = candidates.join(', ');
    }
    out += ` ${name}="${escapeAttribute(value)}"`;
  }
  return out;
}

interface WriteOptions {
  policy: UrlPolicy;
  /** Elements whose children are replaced by a marker. */
  slots?: Map<Element, string>;
}

/** The cleaned HTML of `node`'s children. Iterative, so a deeply nested page cannot overflow the stack. */
export function writeChildren(root: Node, options: WriteOptions): string {
  let out = '';
  type Frame = { node: Node; index: number; close: string };
  const stack: Frame[] = [{ node: root, index: 0, close: '' }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const children = frame.node.childNodes;
    if (frame.index >= children.length) {
      out += frame.close;
      stack.pop();
      continue;
    }
    const child = children[frame.index++]!;
    if (child.nodeType === 3) {
      out += escapeText(child.textContent ?? '');
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const tag = element.tagName.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag) || tag.includes(':')) continue;
    const slot = options.slots?.get(element);
    if (!ALLOWED.has(tag)) {
      // Unknown or custom elements: their content stays, without them.
      if (stack.length < 400) stack.push({ node: element, index: 0, close: '' });
      continue;
    }
    const open = `<${tag}${attributes(element, tag, options.policy)}>`;
    if (VOID.has(tag)) {
      out += open;
      continue;
    }
    if (slot !== undefined) {
      out += `${open}${slot}</${tag}>`;
      continue;
    }
    if (stack.length >= 400) continue; // deeper than any real page: left out
    out += open;
    stack.push({ node: element, index: 0, close: `</${tag}>` });
  }
  return out;
}

function parserWindow(): Window {
  return new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  } as ConstructorParameters<typeof Window>[0]); // prettier-ignore
}

function withDocument<T>(
  html: string,
  f: (doc: ReturnType<Window['document']['implementation']['createHTMLDocument']>) => T,
): T {
  const window = parserWindow();
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    return f(doc as never);
  } finally {
    void window.happyDOM.close();
  }
}

/** Elements under `root` in document order, walked without recursion (happy-dom's querySelector recurses). */
function elementsUnder(root: Node, limit = 400): Element[] {
  const out: Element[] = [];
  const stack: Array<{ node: Node; index: number }> = [{ node: root, index: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.node.childNodes[frame.index++];
    if (child === undefined) {
      stack.pop();
      continue;
    }
    if (child.nodeType !== 1) continue;
    out.push(child as Element);
    if (stack.length < limit) stack.push({ node: child, index: 0 });
  }
  return out;
}

function first(root: Node, selectors: readonly string[]): [Element, string] | null {
  const elements = elementsUnder(root);
  for (const selector of selectors) {
    const found = elements.find((element) => element.matches(selector));
    if (found) return [found, selector];
  }
  return null;
}

function isInside(inner: Element, outer: Element): boolean {
  for (let node: Node | null = inner; node; node = node.parentNode) if (node === outer) return true;
  return false;
}

function enclosingArticle(element: Element): Element | null {
  for (let node: Node | null = element; node; node = node.parentNode)
    if (node.nodeType === 1 && (node as Element).tagName === 'ARTICLE') return node as Element;
  return null;
}

/** The page's skeleton with slots for the post, and its stylesheets. */
export function extractSkeleton(html: string, pageUrl: string): ThemeSkeleton {
  // Inline SVG and MathML are dropped anyway, and happy-dom's parser loses the rest of the page
  // after a <style> inside an <svg> (Ghost's Source theme has one in its subscribe button), so they
  // go before parsing. Only content can be lost this way, never let in: the writer below decides.
  const withoutForeign = html.replace(/<(svg|math)\b[\s\S]*?<\/\1\s*>/gi, '');
  return withDocument(withoutForeign, (doc) => {
    const stylesheets: StylesheetRef[] = [];
    for (const el of elementsUnder(doc as unknown as Node)) {
      const tag = el.tagName.toLowerCase();
      if (tag !== 'link' && tag !== 'style') continue;
      if (tag === 'style') {
        stylesheets.push({ kind: 'inline', css: el.textContent ?? '' });
        continue;
      }
      const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      const href = el.getAttribute('href');
      if (!rel.includes('stylesheet') || rel.includes('alternate') || !href) continue;
      try {
        const abs = new URL(href, pageUrl);
        if (abs.protocol !== 'http:' && abs.protocol !== 'https:') continue;
        const media = el.getAttribute('media')?.trim();
        stylesheets.push({
          kind: 'link',
          href: abs.toString(),
          ...(media && media !== 'all' ? { media } : {}),
        });
      } catch {
        // An unreadable address is left out.
      }
    }
    const body = doc.body as unknown as Element;
    const found = first(body as unknown as Node, CONTENT_SELECTORS);
    const container = found?.[0] ?? body;
    // A front page lists many posts: the first one frames the preview, the others go.
    const article = enclosingArticle(container);
    let postLink: string | undefined;
    if (article && GENERIC_SLOTS.has(found?.[1] ?? 'body')) {
      const link = first(article as unknown as Node, POST_LINK_SELECTORS)?.[0].getAttribute('href');
      const url = link ? safeUrl(link, { base: pageUrl }, false) : null;
      if (url && url.startsWith('http') && new URL(url).host === new URL(pageUrl).host && url !== pageUrl)
        postLink = url.replace(/#.*$/, '');
    }
    if (article?.parentNode) {
      for (const sibling of Array.from(article.parentNode.childNodes) as Node[])
        if (sibling !== article && sibling.nodeType === 1 && (sibling as Element).tagName === 'ARTICLE')
          sibling.parentNode?.removeChild(sibling);
    }
    const slots = new Map<Element, string>();
    const titleFound = first((article ?? body) as unknown as Node, TITLE_SELECTORS);
    if (titleFound && !isInside(container, titleFound[0]) && !isInside(titleFound[0], container))
      slots.set(titleFound[0], TITLE_SLOT);
    slots.set(container, POST_SLOT);
    const policy: UrlPolicy = { base: pageUrl };
    const bodyHtml = container === body ? POST_SLOT : writeChildren(body, { policy, slots });
    const cleanClass = (v: string | null) => (v ?? '').replace(/[^\w\s-]/g, '').trim();
    return {
      body: bodyHtml.includes(POST_SLOT) ? bodyHtml : `${bodyHtml}${POST_SLOT}`,
      bodyClass: cleanClass(body.getAttribute('class')),
      htmlLang: ((doc.documentElement as unknown as Element).getAttribute('lang') ?? '').replace(
        /[^\w-]/g,
        '',
      ),
      stylesheets,
      slot: found?.[1] ?? 'body',
      ...(postLink ? { postLink } : {}),
    };
  });
}

/** The post's HTML cleaned by the same allow-list (its relative and `signet-asset:` images stay). */
export function cleanPostHtml(html: string, imageSchemes: readonly string[] = ['signet-asset']): string {
  return withDocument(`<!doctype html><body>${html}`, (doc) =>
    writeChildren(doc.body as unknown as Node, { policy: { base: null, imageSchemes } }),
  );
}

/**
 * A policy the frame sets for itself on top of the one it inherits from the renderer (a srcdoc
 * document inherits its parent's CSP, and a `<meta>` policy can only narrow): no script of any
 * kind, styles only from the one `data:` stylesheet below, images from the web and the draft.
 */
export const FRAME_CSP =
  "default-src 'none'; style-src data:; img-src http: https: data: blob: signet-asset: 'self'; base-uri 'none'; form-action 'none'";

/** The whole frame document: skeleton + cleaned CSS + the post. */
export function buildFrame(
  skeleton: Pick<ThemeSkeleton, 'body' | 'bodyClass' | 'htmlLang'>,
  css: string,
  post: { title: string; html: string },
  imageSchemes?: readonly string[],
): string {
  const title = escapeText(post.title);
  const content = cleanPostHtml(post.html, imageSchemes);
  const hasTitleSlot = skeleton.body.includes(TITLE_SLOT);
  const body = skeleton.body
    .replace(TITLE_SLOT, () => title)
    .replace(POST_SLOT, () => (hasTitleSlot ? content : `<h1>${title}</h1>${content}`));
  const stylesheet = `data:text/css;base64,${Buffer.from(css, 'utf8').toString('base64')}`;
  return (
    `<!doctype html><html${skeleton.htmlLang ? ` lang="${escapeAttribute(skeleton.htmlLang)}"` : ''}><head>` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(FRAME_CSP)}">` +
    `<title>${title}</title><link rel="stylesheet" href="${stylesheet}"></head>` +
    `<body${skeleton.bodyClass ? ` class="${escapeAttribute(skeleton.bodyClass)}"` : ''}>${body}</body></html>`
  );
}
