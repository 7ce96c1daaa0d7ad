import { CodeHighlightNode, CodeNode } from '@lexical/code';
import { HorizontalRuleNode } from '@lexical/extension';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode, $isListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import {
  LineBreakNode,
  ParagraphNode,
  TabNode,
  TextNode,
  type DOMExportOutput,
  type DOMExportOutputMap,
  type ElementNode,
  type Klass,
  type LexicalEditor,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';

import { $document, COMMENT_NODE, ELEMENT_NODE, fromLexical, type Element, type Node } from './dom';
import { EmbedNode } from './nodes/EmbedNode';
import { ImageNode } from './nodes/ImageNode';
import { ReadMoreNode } from './nodes/ReadMoreNode';
import type { ComposedImage, ComposeOptions, ComposeWarning } from './types';
import { isTemplateLinkUrl } from '../../contract';
import { embedPlayerUrl, parseEmbedUrl, type ParsedEmbedUrl } from '../../contract/embeds';
import { isAllowedLinkUrl, isWebImageUrl } from './urls';
import { t } from '../../contract/i18n';

/**
 * Clean HTML export for every node class of a draft, installed as the headless editor's
 * `html.export` map so Lexical's own `$generateDOMFromNodes` walks the tree. Each exporter builds
 * the semantic element itself instead of cleaning what the node's `exportDOM` writes for the
 * clipboard (theme classes, `white-space` styles, `<b><strong>` pairs, `value` and `data-*`
 * attributes): there is then nothing to strip, and nothing Lexical adds in a later version leaks
 * into a post.
 */

export interface ExportContext {
  images: ComposeOptions['images'];
  readMore: ComposeOptions['readMore'];
  templateLinks: boolean;
  warnings: ComposeWarning[];
  composedImages: ComposedImage[];
  /** WordPress attachment ids of exported `<img>` elements, for block markup. */
  mediaIds: WeakMap<Element, number>;
  /** How embeds are written (`ComposeOptions.embeds`); a plain link when absent. */
  embeds?: ComposeOptions['embeds'];
  /** The output format; `html` when absent. */
  format?: ComposeOptions['format'];
  /** Exported WordPress embed figures and what they embed, for block markup. */
  embedFigures?: WeakMap<Element, ParsedEmbedUrl>;
}

/** What an `after` callback returns to keep the element it changed in place (not `replaceWith` itself). */
const KEEP = undefined;

type Exporter<T extends LexicalNode> = (editor: LexicalEditor, node: T) => DOMExportOutput;

/** Outermost first: `<strong><em>x</em></strong>`; code innermost, since it is the most specific. */
const FORMAT_TAGS: ReadonlyArray<readonly [TextFormatType, string]> = [
  ['bold', 'strong'],
  ['italic', 'em'],
  // Underline stays `<u>`: authors set it on purpose, every blog keeps it, and there is no
  // semantic element that means "underlined" without a style attribute.
  ['underline', 'u'],
  ['strikethrough', 's'],
  ['subscript', 'sub'],
  ['superscript', 'sup'],
  ['highlight', 'mark'],
  ['code', 'code'],
];

/** Elements that are blocks in the exported HTML (everything else is phrasing content). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'TABLE', 'HR',
]); // prettier-ignore

export function isBlockElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE && BLOCK_TAGS.has(node.nodeName);
}

function isBlank(node: ElementNode): boolean {
  return node.getTextContent().trim() === '';
}

function setDirection(element: Element, node: ElementNode): void {
  // Left-to-right is every blog's default; only right-to-left needs saying.
  if (node.getDirection() === 'rtl') element.setAttribute('dir', 'rtl');
}

const $exportText: Exporter<TextNode> = (_editor, node) => {
  const doc = $document();
  let out: Node = doc.createTextNode(node.getTextContent());
  for (let i = FORMAT_TAGS.length - 1; i >= 0; i--) {
    const [format, tag] = FORMAT_TAGS[i]!;
    if (!node.hasFormat(format)) continue;
    const wrapper = doc.createElement(tag);
    wrapper.append(out);
    out = wrapper;
  }
  return { element: out };
};

const $exportLineBreak: Exporter<LineBreakNode> = () => ({ element: $document().createElement('br') });

const $exportParagraph: Exporter<ParagraphNode> = (_editor, node) => {
  if (isBlank(node)) return { element: null };
  const p = $document().createElement('p');
  setDirection(p, node);
  return { element: p };
};

const $exportHeading: Exporter<HeadingNode> = (_editor, node) => {
  if (isBlank(node)) return { element: null };
  // The editor's content rules: H1 is the post's title, and H5/H6 read as H4.
  const tag = node.getTag();
  const heading = $document().createElement(tag === 'h1' ? 'h2' : tag === 'h5' || tag === 'h6' ? 'h4' : tag);
  setDirection(heading, node);
  return { element: heading };
};

/** Wraps runs of phrasing content that sit directly in `parent` into paragraphs. */
export function wrapInlineRuns(parent: Element, direction: string | null): void {
  const doc = parent.ownerDocument;
  let paragraph: Element | null = null;
  for (const child of Array.from(parent.childNodes)) {
    if (isBlockElement(child) || child.nodeType === COMMENT_NODE) {
      paragraph = null;
      continue;
    }
    if (paragraph === null) {
      paragraph = doc.createElement('p');
      if (direction === 'rtl') paragraph.setAttribute('dir', 'rtl');
      parent.insertBefore(paragraph, child);
    }
    paragraph.append(child);
  }
}

const $exportQuote: Exporter<QuoteNode> = (_editor, node) => {
  if (isBlank(node)) return { element: null };
  const quote = $document().createElement('blockquote');
  setDirection(quote, node);
  // A Signet quote holds lines of text; a blog's quote holds paragraphs.
  return {
    element: quote,
    after: (generated) => {
      if (generated) wrapInlineRuns(fromLexical(generated), node.getDirection());
      return KEEP;
    },
  };
};

const $exportList: Exporter<ListNode> = (_editor, node) => {
  if (node.getChildrenSize() === 0) return { element: null };
  const ordered = node.getListType() === 'number';
  const list = $document().createElement(ordered ? 'ol' : 'ul');
  const start = node.getStart();
  if (ordered && start !== 1) list.setAttribute('start', String(start));
  setDirection(list, node);
  return {
    element: list,
    after: (generated) => {
      if (generated) nestSublists(fromLexical(generated));
      return KEEP;
    },
  };
};

/**
 * Lexical keeps a sublist in a list item of its own; HTML puts it inside the item it belongs to.
 * The sublist's own item was exported as a bare fragment, so the sublist sits directly in the list.
 */
function nestSublists(list: Element): void {
  for (const child of Array.from(list.children)) {
    if (child.tagName !== 'UL' && child.tagName !== 'OL') continue;
    const previous = child.previousElementSibling;
    if (previous !== null && previous.tagName === 'LI') {
      previous.append(child);
    } else {
      // A sublist with no item before it (the list starts indented) gets an item of its own.
      const item = list.ownerDocument.createElement('li');
      child.before(item);
      item.append(child);
    }
  }
}

const $exportListItem: Exporter<ListItemNode> = (_editor, node) => {
  const children = node.getChildren();
  if (children.length > 0 && children.every((child) => $isListNode(child))) {
    return { element: $document().createDocumentFragment() };
  }
  const item = $document().createElement('li');
  setDirection(item, node);
  return { element: item };
};

const $exportCode: Exporter<CodeNode> = (_editor, node) => {
  const text = node.getTextContent();
  if (text.trim() === '') return { element: null };
  const doc = $document();
  const pre = doc.createElement('pre');
  const code = doc.createElement('code');
  // The one class a post keeps: `language-x` is how highlighters (Prism, highlight.js) and
  // WordPress's code block plugins find the language.
  const language = node.getLanguage();
  if (language !== undefined && language !== null && /^[a-z0-9][a-z0-9_+#.-]{0,31}$/i.test(language))
    code.setAttribute('class', `language-${language.toLowerCase()}`);
  // A code block is plain text: line breaks and tabs are its text content, and its highlight
  // spans carry nothing.
  code.textContent = text;
  pre.append(code);
  return { element: pre, $getChildNodes: () => [] };
};

function $exportLink(context: ExportContext): Exporter<LinkNode> {
  return (_editor, node) => {
    const url = node.getURL();
    if (!isAllowedLinkUrl(url) && !(context.templateLinks && isTemplateLinkUrl(url))) {
      context.warnings.push({
        code: 'LINK_REMOVED',
        message: t('publishing.compose.linkRemoved', { url }),
        url,
      });
      return { element: $document().createDocumentFragment() };
    }
    const anchor = $document().createElement('a');
    anchor.setAttribute('href', url);
    return { element: anchor };
  };
}

const $exportTable: Exporter<TableNode> = () => {
  const doc = $document();
  const table = doc.createElement('table');
  const body = doc.createElement('tbody');
  table.append(body);
  return { element: table, append: (rows) => body.append(fromLexical<Node>(rows)) };
};

const $exportTableRow: Exporter<TableRowNode> = () => ({
  element: $document().createElement('tr'),
});

const $exportTableCell: Exporter<TableCellNode> = (_editor, node) => {
  const cell = $document().createElement(node.hasHeader() ? 'th' : 'td');
  if (node.getColSpan() > 1) cell.setAttribute('colspan', String(node.getColSpan()));
  if (node.getRowSpan() > 1) cell.setAttribute('rowspan', String(node.getRowSpan()));
  return {
    element: cell,
    // Lexical keeps paragraphs in cells; a cell of a blog's table (WordPress's table block among
    // them) holds phrasing content, so paragraphs become lines.
    after: (generated) => {
      if (!generated) return KEEP;
      const element = fromLexical(generated);
      let isFirst = true;
      for (const paragraph of Array.from(element.children)) {
        if (paragraph.tagName !== 'P') continue;
        if (!isFirst) paragraph.before(element.ownerDocument.createElement('br'));
        paragraph.replaceWith(...Array.from(paragraph.childNodes));
        isFirst = false;
      }
      return KEEP;
    },
  };
};

const $exportHorizontalRule: Exporter<HorizontalRuleNode> = () => ({
  element: $document().createElement('hr'),
});

function $exportImage(context: ExportContext): Exporter<ImageNode> {
  return (_editor, node) => {
    const fileName = node.getFileName();
    const src = fileName === undefined ? node.getSrc() : undefined;
    const altText = node.getAltText();
    const image: ComposedImage = { altText };
    if (fileName !== undefined) image.fileName = fileName;
    if (src !== undefined) image.src = src;
    context.composedImages.push(image);
    if (altText.trim() === '') {
      context.warnings.push({
        code: 'MISSING_ALT',
        message: t('publishing.compose.missingAlt', { image: describeImage(image) }),
        image,
      });
    }

    // The caller's URL is used as given (the preview passes the app's local asset URL); a `src`
    // in the draft must be a web address, since a data: image would bloat or break the post.
    const location = fileName !== undefined ? context.images(fileName) : null;
    const url =
      fileName !== undefined ? location?.url : src !== undefined && isWebImageUrl(src) ? src : undefined;
    if (url === undefined || url.trim() === '') {
      context.warnings.push({
        code: 'IMAGE_NOT_UPLOADED',
        message:
          fileName !== undefined
            ? t('publishing.compose.notUploaded', { image: describeImage(image) })
            : t('publishing.compose.noWebAddress', { image: describeImage(image) }),
        image,
      });
      return { element: null };
    }

    const doc = $document();
    const figure = doc.createElement('figure');
    const img = doc.createElement('img');
    img.setAttribute('src', url);
    // An empty alt marks the image as decorative; a file name would be read aloud as noise.
    img.setAttribute('alt', altText.trim());
    // The draft's own size wins (the author's intent); the uploaded file's size fills the gap.
    const width = node.getWidth() ?? positiveInt(location?.width);
    const height = node.getHeight() ?? positiveInt(location?.height);
    if (width !== undefined) img.setAttribute('width', String(width));
    if (height !== undefined) img.setAttribute('height', String(height));
    figure.append(img);
    const remoteId = location?.remoteId;
    if (remoteId !== undefined && /^[1-9]\d{0,15}$/.test(remoteId))
      context.mediaIds.set(img, Number(remoteId));
    const caption = node.getCaption().trim();
    if (caption !== '') {
      const figcaption = doc.createElement('figcaption');
      figcaption.textContent = caption;
      figure.append(figcaption);
    }
    return { element: figure };
  };
}

function describeImage(image: ComposedImage): string {
  if (image.fileName !== undefined)
    return t('publishing.compose.imageName', { kind: 'file', name: image.fileName });
  if (image.src === undefined) return t('publishing.compose.imageName', { kind: 'none', name: '' });
  if (image.src.startsWith('data:')) return t('publishing.compose.imageName', { kind: 'pasted', name: '' });
  const name = image.src.length > 80 ? `${image.src.slice(0, 77)}…` : image.src;
  return t('publishing.compose.imageName', { kind: 'url', name });
}

function positiveInt(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

function $exportReadMore(context: ExportContext): Exporter<ReadMoreNode> {
  return () => {
    if (context.readMore === 'none') return { element: null };
    // A comment cannot be an export element; a fragment holding one can.
    const fragment = $document().createDocumentFragment();
    fragment.append($document().createComment('more'));
    return { element: fragment };
  };
}

/**
 * A YouTube video, Vimeo video or tweet, in the destination's own embed form:
 *
 * - `link`: `<p><a href="URL">URL</a></p>`, for blogs without embeds;
 * - `wordpress`, block markup: the embed block's figure (`blockMarkup.ts` adds its delimiters);
 * - `wordpress`, HTML: the bare URL in a paragraph of its own, which WordPress's auto-embed turns
 *   into the player (its `autoembed` looks for a URL alone in a `<p>`);
 * - `ghost`: Ghost's embed card `<figure class="kg-card kg-embed-card">` around the provider's
 *   own embed markup (the player's iframe, or the tweet's blockquote and widget script), which
 *   Ghost's HTML import keeps as an embed card.
 *
 * A URL the embed parser refuses (a hand-edited draft) is published as a link when it is a web
 * address, and left out with a warning otherwise.
 */
function $exportEmbed(context: ExportContext): Exporter<EmbedNode> {
  return (_editor, node) => {
    const doc = $document();
    const url = node.getURL();
    const parsed = parseEmbedUrl(url);
    const linkParagraph = (href: string) => {
      const p = doc.createElement('p');
      const a = doc.createElement('a');
      a.setAttribute('href', href);
      a.textContent = href;
      p.append(a);
      return { element: p };
    };
    if (parsed === null) {
      if (isAllowedLinkUrl(url)) return linkParagraph(url);
      context.warnings.push({
        code: 'LINK_REMOVED',
        message: t('publishing.compose.badEmbed', { url }),
        url,
      });
      return { element: null };
    }
    switch (context.embeds ?? 'link') {
      case 'link':
        return linkParagraph(parsed.url);
      case 'wordpress': {
        if (context.format !== 'gutenberg') {
          const p = doc.createElement('p');
          p.textContent = parsed.url;
          return { element: p };
        }
        const figure = doc.createElement('figure');
        const type = parsed.provider === 'twitter' ? 'rich' : 'video';
        figure.setAttribute(
          'class',
          `wp-block-embed is-type-${type} is-provider-${parsed.provider} wp-block-embed-${parsed.provider}`,
        );
        const wrapper = doc.createElement('div');
        wrapper.setAttribute('class', 'wp-block-embed__wrapper');
        // The block's `save()` puts the URL on a line of its own, which WordPress's auto-embed needs.
        wrapper.textContent = `\n${parsed.url}\n`;
        figure.append(wrapper);
        context.embedFigures?.set(figure, parsed);
        return { element: figure };
      }
      case 'ghost':
        return { element: ghostEmbedCard(parsed) };
    }
  };
}

/** Ghost's embed card around the provider's standard embed markup. */
function ghostEmbedCard(parsed: ParsedEmbedUrl): Element {
  const doc = $document();
  const figure = doc.createElement('figure');
  figure.setAttribute('class', 'kg-card kg-embed-card');
  const player = embedPlayerUrl(parsed);
  if (player !== null) {
    const iframe = doc.createElement('iframe');
    const youtube = parsed.provider === 'youtube';
    iframe.setAttribute('width', youtube ? '560' : '640');
    iframe.setAttribute('height', youtube ? '315' : '360');
    iframe.setAttribute('src', player);
    iframe.setAttribute('title', youtube ? 'YouTube video player' : 'Vimeo video player');
    iframe.setAttribute('frameborder', '0');
    iframe.setAttribute(
      'allow',
      youtube
        ? 'accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share'
        : 'autoplay; fullscreen; picture-in-picture',
    );
    if (youtube) iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    iframe.setAttribute('allowfullscreen', '');
    figure.append(iframe);
    return figure;
  }
  // A tweet: Twitter's embed code is a quote linking to the tweet, which its widget script turns
  // into the tweet (and which stays a readable link where the script does not run).
  const quote = doc.createElement('blockquote');
  quote.setAttribute('class', 'twitter-tweet');
  const link = doc.createElement('a');
  link.setAttribute('href', parsed.url);
  link.textContent = parsed.url;
  quote.append(link);
  const script = doc.createElement('script');
  script.setAttribute('async', '');
  script.setAttribute('src', 'https://platform.twitter.com/widgets.js');
  script.setAttribute('charset', 'utf-8');
  figure.append(quote, script);
  return figure;
}

/** The `html.export` map for a compose call: one exporter for every node class a draft may hold. */
export function createCleanExportMap(context: ExportContext): DOMExportOutputMap {
  const entries: Array<[Klass<LexicalNode>, Exporter<never>]> = [
    [TextNode, $exportText],
    [TabNode, $exportText],
    [CodeHighlightNode, $exportText],
    [LineBreakNode, $exportLineBreak],
    [ParagraphNode, $exportParagraph],
    [HeadingNode, $exportHeading],
    [QuoteNode, $exportQuote],
    [ListNode, $exportList],
    [ListItemNode, $exportListItem],
    [LinkNode, $exportLink(context)],
    [CodeNode, $exportCode],
    [TableNode, $exportTable],
    [TableRowNode, $exportTableRow],
    [TableCellNode, $exportTableCell],
    [HorizontalRuleNode, $exportHorizontalRule],
    [ImageNode, $exportImage(context)],
    [ReadMoreNode, $exportReadMore(context)],
    [EmbedNode, $exportEmbed(context)],
  ];
  return new Map(entries as Array<[Klass<LexicalNode>, Exporter<LexicalNode>]>);
}
