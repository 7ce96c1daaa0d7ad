import type { ParsedEmbedUrl } from '../../contract/embeds';
import { COMMENT_NODE, ELEMENT_NODE, type Element, type Node } from './dom';
import { openTag, serializeChildren, serializeHtml } from './serializeHtml';

/**
 * Clean post HTML → WordPress block markup, so the post opens in the block editor as blocks
 * rather than one "Classic" block. Each block is written the way WordPress 6.1's block editor
 * saves it (wp-includes/js/dist/block-library.js, the blocks' `save()`): the editor re-runs
 * `save()` on the parsed attributes and calls the block invalid when the markup differs, so
 * classes and attributes here are exactly the ones `save()` writes, no more:
 *
 * - paragraph `<p>` (className unsupported), `{"direction":"rtl"}` → `dir="rtl"`;
 * - heading `<h3>` with `{"level":3}`, no attributes for level 2 (the default). WordPress 6.2 and
 *   later add `class="wp-block-heading"` and accept the class-less form through a deprecation;
 *   6.1 would reject the class;
 * - list `<ul>`/`<ol>` (`{"ordered":true}`, `start`) holding `list-item` blocks (6.1's list is
 *   made of inner blocks); a sublist is a `list` block inside its item;
 * - quote `<blockquote class="wp-block-quote">` holding paragraph blocks;
 * - code `<pre class="wp-block-code"><code>`; the language goes on `<pre>` as an extra class
 *   (`{"className":"language-ts"}`), which every block supports, instead of on `<code>`, which
 *   `save()` would not write back;
 * - separator `<hr class="wp-block-separator has-alpha-channel-opacity">`;
 * - image `<figure class="wp-block-image size-full"><img class="wp-image-ID">` with
 *   `{"id":ID,"sizeSlug":"full","linkDestination":"none"}` for uploaded media (a remote image has
 *   neither id nor size); caption `<figcaption class="wp-element-caption">`. No width/height:
 *   `save()` would then require `is-resized`, and WordPress adds the uploaded file's size itself;
 * - table `<figure class="wp-block-table"><table><tbody>`; a table with merged cells, which the
 *   6.1 table block cannot express, becomes a Custom HTML block so it is kept as it is;
 * - read more `<!--more-->` in a `more` block;
 * - embed (YouTube, Vimeo, a tweet) `<figure class="wp-block-embed is-type-video is-provider-youtube
 *   wp-block-embed-youtube"><div class="wp-block-embed__wrapper">` with the URL on a line of its
 *   own, `{"url":…,"type":"video"|"rich","providerNameSlug":…,"responsive":true}`: what the
 *   block editor saves for a pasted URL. (With a working oEmbed preview it adds the aspect-ratio
 *   classes as a `className` attribute; without one, as here, WordPress saves none, and renders the
 *   player when it shows the post.)
 */

interface Block {
  name: string;
  attributes: Record<string, unknown>;
  html: string;
}

/** Like WordPress's `serializeAttributes`: JSON that cannot end the comment it lives in. */
function serializeAttributes(attributes: Record<string, unknown>): string {
  return JSON.stringify(attributes)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022');
}

/** One block with its comment delimiters, spaced the way the block editor writes them. */
function delimit({ name, attributes, html }: Block): string {
  const attrs = Object.keys(attributes).length > 0 ? `${serializeAttributes(attributes)} ` : '';
  return `<!-- wp:${name} ${attrs}-->\n${html}\n<!-- /wp:${name} -->`;
}

/** Inner blocks are separated like top-level ones. */
function joinBlocks(blocks: Block[]): string {
  return blocks.map(delimit).join('\n\n');
}

/** `element`'s start tag, `inner` (markup, not text), and its end tag. */
function wrap(element: Element, inner: string): string {
  return `${openTag(element)}${inner}</${element.localName}>`;
}

function shallow(element: Element, tag: string, className?: string): Element {
  const copy = element.ownerDocument.createElement(tag);
  if (className !== undefined) copy.setAttribute('class', className);
  return copy;
}

function paragraph(p: Element): Block {
  const isRtl = p.getAttribute('dir') === 'rtl';
  return { name: 'paragraph', attributes: isRtl ? { direction: 'rtl' } : {}, html: serializeHtml(p) };
}

function heading(h: Element): Block {
  const level = Number(h.tagName.slice(1));
  const copy = shallow(h, h.localName);
  return {
    name: 'heading',
    attributes: level === 2 ? {} : { level },
    html: wrap(copy, serializeChildren(h)),
  };
}

function list(element: Element): Block {
  const isOrdered = element.tagName === 'OL';
  const attributes: Record<string, unknown> = {};
  if (isOrdered) attributes.ordered = true;
  const copy = shallow(element, element.localName);
  const start = element.getAttribute('start');
  if (isOrdered && start !== null) {
    attributes.start = Number(start);
    copy.setAttribute('start', start);
  }
  const items = Array.from(element.children)
    .filter((child) => child.tagName === 'LI')
    .map(listItem);
  return { name: 'list', attributes, html: wrap(copy, joinBlocks(items)) };
}

function listItem(li: Element): Block {
  const content: Node[] = [];
  const sublists: Block[] = [];
  for (const child of Array.from(li.childNodes)) {
    const tag = child.nodeType === ELEMENT_NODE ? (child as Element).tagName : '';
    if (tag === 'UL' || tag === 'OL') sublists.push(list(child as Element));
    else content.push(child);
  }
  const inner = content.map(serializeHtml).join('') + sublists.map(delimit).join('\n\n');
  return { name: 'list-item', attributes: {}, html: wrap(shallow(li, 'li'), inner) };
}

function quote(blockquote: Element, mediaIds: WeakMap<Element, number>): Block {
  // Usually one paragraph of lines; a draft saved before the editor flattened quotes may hold
  // other blocks, which a quote block holds as well.
  return {
    name: 'quote',
    attributes: {},
    html: wrap(
      shallow(blockquote, 'blockquote', 'wp-block-quote'),
      joinBlocks(blocksOf(blockquote, mediaIds)),
    ),
  };
}

function code(pre: Element): Block {
  const codeElement = pre.querySelector('code');
  const language = /(?:^|\s)(language-[^\s]+)/.exec(codeElement?.getAttribute('class') ?? '')?.[1];
  const copy = shallow(pre, 'pre', language ? `wp-block-code ${language}` : 'wp-block-code');
  const text = shallow(pre, 'code');
  text.textContent = codeElement?.textContent ?? pre.textContent ?? '';
  copy.append(text);
  return { name: 'code', attributes: language ? { className: language } : {}, html: serializeHtml(copy) };
}

function separator(hr: Element): Block {
  const copy = shallow(hr, 'hr', 'wp-block-separator has-alpha-channel-opacity');
  // Void elements the way React (and so the block editor's `save()`) writes them: `<hr/>`.
  return { name: 'separator', attributes: {}, html: openTag(copy, true) };
}

function image(figure: Element, mediaIds: WeakMap<Element, number>): Block {
  const img = figure.querySelector('img')!;
  const id = mediaIds.get(img);
  const copy = shallow(figure, 'figure', id !== undefined ? 'wp-block-image size-full' : 'wp-block-image');
  const newImg = shallow(img, 'img');
  newImg.setAttribute('src', img.getAttribute('src') ?? '');
  newImg.setAttribute('alt', img.getAttribute('alt') ?? '');
  if (id !== undefined) newImg.setAttribute('class', `wp-image-${id}`);
  let inner = openTag(newImg, true);
  const figcaption = figure.querySelector('figcaption');
  if (figcaption !== null) {
    const caption = shallow(figcaption, 'figcaption', 'wp-element-caption');
    caption.append(...Array.from(figcaption.cloneNode(true).childNodes));
    inner += serializeHtml(caption);
  }
  return {
    name: 'image',
    attributes: id !== undefined ? { id, sizeSlug: 'full', linkDestination: 'none' } : {},
    html: wrap(copy, inner),
  };
}

function table(element: Element): Block {
  if (element.querySelector('[colspan], [rowspan]') !== null)
    return { name: 'html', attributes: {}, html: serializeHtml(element) };
  return {
    name: 'table',
    attributes: {},
    html: wrap(shallow(element, 'figure', 'wp-block-table'), serializeHtml(element)),
  };
}

function embed(figure: Element, parsed: ParsedEmbedUrl): Block {
  return {
    name: 'embed',
    attributes: {
      url: parsed.url,
      type: parsed.provider === 'twitter' ? 'rich' : 'video',
      providerNameSlug: parsed.provider,
      responsive: true,
    },
    html: serializeHtml(figure),
  };
}

/** Exported embed figures and what they embed (`ExportContext.embedFigures`). */
type EmbedFigures = WeakMap<Element, ParsedEmbedUrl>;

function blockOf(node: Node, mediaIds: WeakMap<Element, number>, embeds?: EmbedFigures): Block | null {
  if (node.nodeType === COMMENT_NODE) {
    return (node as unknown as { data: string }).data.trim() === 'more'
      ? { name: 'more', attributes: {}, html: '<!--more-->' }
      : null;
  }
  if (node.nodeType !== ELEMENT_NODE) return null;
  const element = node as Element;
  switch (element.tagName) {
    case 'P':
      return paragraph(element);
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
      return heading(element);
    case 'UL':
    case 'OL':
      return list(element);
    case 'BLOCKQUOTE':
      return quote(element, mediaIds);
    case 'PRE':
      return code(element);
    case 'HR':
      return separator(element);
    case 'FIGURE': {
      const embedded = embeds?.get(element);
      if (embedded !== undefined) return embed(element, embedded);
      if (element.querySelector('img') !== null) return image(element, mediaIds);
      // Another destination's embed card: kept as it is.
      return { name: 'html', attributes: {}, html: serializeHtml(element) };
    }
    case 'TABLE':
      return table(element);
    default:
      // Nothing else reaches the top level of a composed post; keep it verbatim if it ever does.
      return { name: 'html', attributes: {}, html: serializeHtml(element) };
  }
}

function blocksOf(parent: Element, mediaIds: WeakMap<Element, number>, embeds?: EmbedFigures): Block[] {
  const blocks: Block[] = [];
  for (const node of Array.from(parent.childNodes)) {
    const block = blockOf(node, mediaIds, embeds);
    if (block !== null) blocks.push(block);
  }
  return blocks;
}

/** The block markup for the top-level children of a composed post's container. */
export function toBlockMarkup(
  container: Element,
  mediaIds: WeakMap<Element, number>,
  embeds?: EmbedFigures,
): string {
  return joinBlocks(blocksOf(container, mediaIds, embeds));
}
