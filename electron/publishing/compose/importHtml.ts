import { $generateNodesFromDOM } from '@lexical/html';
import { $createListNode, $isListItemNode } from '@lexical/list';
import {
  $createParagraphNode,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  type ElementNode,
  type LexicalNode,
} from 'lexical';

import type { EditorStateJSON } from '../../contract';
import { SUPPORTED_EDITOR_STATE_VERSION, createComposeEditor } from './composeEditor';
import { placeStrayListItems } from '../../contract/strayListItems';
import { registerContentRules } from './contentRules';
import {
  COMMENT_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  removeNode,
  replaceNode,
  toLexical,
  withServerDOM,
  type DocumentFragment,
  type Element,
  type Node,
} from './dom';
import { parseEmbedUrl, type ParsedEmbedUrl } from '../../contract/embeds';
import { READ_MORE_ATTRIBUTE } from './nodes/ReadMoreNode';
import { isAllowedImageSrc, isAllowedLinkUrl } from './urls';

/**
 * A post from a blog (HTML, or WordPress block markup) → the editor state of a new draft, with the
 * same nodes as the editor: paragraphs, headings, lists, quotes, code, tables, separators, images
 * (`src` = the remote URL, alt, caption from `<figcaption>`) and `<!--more-->` as the read-more
 * break. Block comments are dropped (block markup is HTML with comments around it), and so is
 * anything a post should not carry: scripts, styles, frames, embeds, forms, event handlers,
 * classes and inline styles, and links other than http(s)/mailto.
 *
 * The sanitizer is an allow-list walk over the parsed DOM, not DOMPurify: DOMPurify 3.4 cannot
 * work on happy-dom (it reads `nodeName` through `Node.prototype`'s getter, which happy-dom
 * answers with '' for elements, so it removes `<p>` and `<body>` and keeps `<script>` and
 * `onerror`). Nothing here needs a sanitizer to produce safe HTML anyway: the result is editor
 * JSON, and only the nodes below can appear in it.
 */
export function importHtml(html: string): EditorStateJSON {
  return withServerDOM((window) => {
    // A template's content is inert (nothing in it loads or runs) and, unlike happy-dom's
    // DOMParser, keeps the comments between blocks.
    const template = window.document.createElement('template');
    template.innerHTML = html.replace(INLINE_FOREIGN_CONTENT, '');
    const content = template.content;
    prepare(content);
    const editor = createComposeEditor();
    registerContentRules(editor);
    editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        appendAsBlocks(root, $generateNodesFromDOM(editor, toLexical(content)));
      },
      { discrete: true },
    );
    const { root } = editor.getEditorState().toJSON();
    return {
      root: root as unknown as Record<string, unknown>,
      signetVersion: SUPPORTED_EDITOR_STATE_VERSION,
    };
  });
}

/**
 * Inline SVG and MathML, cut out before parsing: happy-dom's parser (20 and 21) reads everything
 * after a `<script>` or `<style>` inside `<svg>` as that element's text, so a post with an SVG
 * icon would lose the rest of its content. Both are dropped with their content anyway.
 */
const INLINE_FOREIGN_CONTENT = /<(svg|math)[\s/>][\s\S]*?<\/\1\s*>/gi;

/** Removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'NOEMBED', 'NOFRAMES', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT',
  'EMBED', 'APPLET', 'SVG', 'MATH', 'AUDIO', 'VIDEO', 'CANVAS', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'OPTION',
  'TEXTAREA', 'DIALOG', 'MAP', 'HEAD', 'TITLE', 'META', 'LINK', 'BASE', 'XMP', 'PLAINTEXT', 'COLGROUP',
  'PORTAL', 'SLOT',
]); // prettier-ignore

/** Kept as elements; any other element is replaced by its children. */
const KEPT_TAGS = new Set([
  'A', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'STRIKE', 'DEL', 'CODE', 'KBD', 'SAMP', 'PRE', 'SUB', 'SUP', 'MARK',
  'P', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'TABLE', 'THEAD', 'TBODY',
  'TFOOT', 'TR', 'TH', 'TD', 'IMG', 'FIGURE', 'FIGCAPTION', 'HR',
]); // prettier-ignore

/** Attributes kept, per element; every other attribute (class, style, id, on*) is removed. */
const KEPT_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  A: new Set(['href']),
  IMG: new Set(['src', 'alt', 'width', 'height']),
  TD: new Set(['colspan', 'rowspan']),
  TH: new Set(['colspan', 'rowspan']),
  OL: new Set(['start']),
  HR: new Set([READ_MORE_ATTRIBUTE]),
  PRE: new Set(['data-language']),
};

const BLOCK_TAGS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'PRE', 'TABLE', 'FIGURE', 'HR', 'DIV',
  'SECTION', 'ARTICLE', 'ASIDE', 'HEADER', 'FOOTER', 'MAIN', 'NAV', 'DL', 'DD', 'DT', 'ADDRESS', 'DETAILS',
]); // prettier-ignore

const TABLE_PARTS = new Set(['THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH']);

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

function unwrap(element: Element): void {
  element.replaceWith(...Array.from(element.childNodes));
}

/** Every node under `root`, parents before children, collected before anything changes. */
function descendants(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root) out.push(node);
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/**
 * YouTube, Vimeo and tweet embeds in any blog's form → `<p><a href="URL">URL</a></p>`, the
 * paragraph the embed node imports (nodes/EmbedNode.ts), before the sanitizer drops the iframes,
 * scripts and classes they are made of: WordPress's embed block figure (`.wp-block-embed`, the URL
 * as text or, rendered, as an iframe or a link), Ghost's embed card (`.kg-embed-card`), and a bare
 * player iframe or tweet quote (`blockquote.twitter-tweet`) anywhere else. A URL alone in a
 * paragraph (the form WordPress auto-embeds) is the embed node's own import.
 */
function embedsToLinks(body: DocumentFragment): void {
  const doc = body.ownerDocument;
  const linkParagraph = (parsed: ParsedEmbedUrl) => {
    const p = doc.createElement('p');
    const a = doc.createElement('a');
    a.setAttribute('href', parsed.url);
    a.textContent = parsed.url;
    p.append(a);
    return p;
  };
  const embedIn = (element: Element): ParsedEmbedUrl | null => {
    const candidates: string[] = [];
    const wrapper = element.querySelector('.wp-block-embed__wrapper');
    if (wrapper !== null) candidates.push(wrapper.textContent ?? '');
    for (const frame of Array.from(element.querySelectorAll('iframe')))
      candidates.push(frame.getAttribute('src') ?? '');
    for (const link of Array.from(element.querySelectorAll('a')))
      candidates.push(link.getAttribute('href') ?? '');
    if (element.tagName === 'IFRAME') candidates.push(element.getAttribute('src') ?? '');
    for (const candidate of candidates) {
      // Player addresses may be scheme-relative (`//www.youtube.com/embed/…`).
      const parsed = parseEmbedUrl(candidate.trim().replace(/^\/\//, 'https://'));
      if (parsed !== null) return parsed;
    }
    return null;
  };
  const cards = body.querySelectorAll(
    'figure.wp-block-embed, figure.kg-embed-card, iframe, blockquote.twitter-tweet',
  );
  for (const element of Array.from(cards)) {
    if (!body.contains(element)) continue;
    const parsed = embedIn(element);
    if (parsed === null) continue;
    // A player alone in a paragraph (classic WordPress) takes the paragraph's place.
    const parent = element.parentElement;
    const alone =
      parent !== null &&
      parent.tagName === 'P' &&
      Array.from(parent.childNodes).every(
        (child) => child === element || (child.textContent ?? '').trim() === '',
      );
    (alone ? parent : element).replaceWith(linkParagraph(parsed));
  }
}

/** The parsed post, cut down to what Lexical should import. */
function prepare(body: DocumentFragment): void {
  const doc = body.ownerDocument;
  embedsToLinks(body);
  // Comments first: they are WordPress's block delimiters and its read-more mark.
  for (const node of descendants(body)) {
    if (node.nodeType !== COMMENT_NODE) continue;
    if (/^\s*more\b/i.test(node.textContent ?? '')) {
      const hr = doc.createElement('hr');
      hr.setAttribute(READ_MORE_ATTRIBUTE, '');
      replaceNode(node, [hr]);
    } else {
      removeNode(node);
    }
  }
  for (const node of descendants(body)) {
    if (!isElement(node) || !body.contains(node)) continue;
    const tag = node.tagName.toUpperCase();
    if (DROP_WITH_CONTENT.has(tag)) {
      node.remove();
      continue;
    }
    if (tag === 'PRE') {
      const language = languageOf(node) ?? languageOf(node.querySelector('code'));
      if (language !== undefined) node.setAttribute('data-language', language);
    }
    const kept = KEPT_ATTRIBUTES[tag];
    for (const name of node.getAttributeNames()) {
      if (kept === undefined || !kept.has(name.toLowerCase())) node.removeAttribute(name);
    }
    // WordPress's quote block puts the citation after the quoted paragraphs: a line of its own.
    if (tag === 'CITE' && node.parentElement?.tagName === 'BLOCKQUOTE') renameElement(node, 'p');
    else if (tag === 'A' && !isAllowedLinkUrl(node.getAttribute('href')?.trim() ?? '')) unwrap(node);
    else if (tag === 'IMG' && !isAllowedImageSrc(node.getAttribute('src')?.trim() ?? '')) node.remove();
    else if (tag === 'DIV') divToBlock(node);
    else if (!KEPT_TAGS.has(tag)) unwrap(node);
  }
  // <pre><code>…</code></pre> is one code block, not a code block holding another.
  for (const code of Array.from(body.querySelectorAll('pre code'))) unwrap(code);
  // A figure without an image (WordPress's table block) is only a wrapper; its caption is a line.
  for (const figure of Array.from(body.querySelectorAll('figure'))) {
    if (figure.querySelector('img') !== null) continue;
    for (const caption of Array.from(figure.querySelectorAll('figcaption'))) renameElement(caption, 'p');
    unwrap(figure);
  }
  // Paragraphs left empty (their image was unsafe) or empty spacers (`<p>&nbsp;</p>`): composing
  // drops them too.
  for (const block of Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6'))) {
    if ((block.textContent ?? '').trim() === '' && block.querySelector('img') === null) block.remove();
  }
  // A code block holds text: lists, cells and other blocks in a <pre> become its lines. Lexical's
  // own fix-up of a list item it found there threw ("insertAfter: list node is not parent of list
  // item node"; found by the 1,000,000-input fuzz, batch seed 158327709).
  for (const pre of Array.from(body.querySelectorAll('pre'))) {
    for (const element of Array.from(pre.querySelectorAll('*')).reverse()) {
      const tag = element.tagName.toUpperCase();
      if (!BLOCK_TAGS.has(tag) && !TABLE_PARTS.has(tag)) continue;
      const before = element.previousSibling;
      const after = element.nextSibling;
      if (before !== null && !(before.textContent ?? '').endsWith('\n'))
        element.before(doc.createTextNode('\n'));
      if (after !== null && !(after.textContent ?? '').startsWith('\n'))
        element.after(doc.createTextNode('\n'));
      unwrap(element);
    }
  }
  placeStrayListItems(body);
  // A list with no items (`<ul/>`, or one the parser moved out of a table with nothing in it):
  // Lexical would keep it as an empty list the author cannot see or remove.
  for (const list of Array.from(body.querySelectorAll('ul, ol'))) {
    if (list.querySelector('li') === null && (list.textContent ?? '').trim() === '') list.remove();
  }
  paragraphsFromLooseText(body);
}

function languageOf(element: Element | null): string | undefined {
  const match = /(?:^|\s)(?:language|lang)-([a-z0-9_+#.-]{1,32})(?:\s|$)/i.exec(element?.className ?? '');
  return match?.[1]?.toLowerCase();
}

function renameElement(element: Element, tag: string): Element {
  const renamed = element.ownerDocument.createElement(tag);
  renamed.append(...Array.from(element.childNodes));
  element.replaceWith(renamed);
  return renamed;
}

/** A `<div>` holding only text is a paragraph; one holding blocks is just a wrapper. */
function divToBlock(div: Element): void {
  const hasBlocks = Array.from(div.children).some((child) => BLOCK_TAGS.has(child.tagName));
  if (hasBlocks) unwrap(div);
  else renameElement(div, 'p');
}

/**
 * Content written without paragraph tags (WordPress's classic editor stores posts that way and
 * adds `<p>` and `<br>` when it shows them, with `wpautop`): at the top level, a blank line
 * separates paragraphs and a single line break is a `<br>`.
 */
function paragraphsFromLooseText(body: DocumentFragment): void {
  const doc = body.ownerDocument;
  let run: Node[] = [];
  const hasContent = (nodes: Node[]) =>
    nodes.some(
      (node) =>
        (node.textContent ?? '').trim() !== '' ||
        (isElement(node) && (node.tagName === 'IMG' || node.querySelector('img') !== null)),
    );
  const flush = (before: Node | null) => {
    while (run.length > 0 && run[run.length - 1]!.nodeName === 'BR') removeNode(run.pop()!);
    if (hasContent(run)) {
      const paragraph = doc.createElement('p');
      body.insertBefore(paragraph, before);
      paragraph.append(...run);
    } else {
      for (const node of run) removeNode(node);
    }
    run = [];
  };
  const add = (node: Node, before: Node) => {
    body.insertBefore(node, before);
    run.push(node);
  };
  for (const child of Array.from(body.childNodes)) {
    if (isElement(child) && BLOCK_TAGS.has(child.tagName)) {
      flush(child);
    } else if (child.nodeType !== TEXT_NODE) {
      run.push(child);
    } else {
      (child.textContent ?? '').split(/\n[ \t]*\n\s*/).forEach((text, index) => {
        if (index > 0) flush(child);
        text.split('\n').forEach((line, lineIndex) => {
          // A line break inside a paragraph, not at its start.
          if (lineIndex > 0 && hasContent(run)) add(doc.createElement('br'), child);
          if (line !== '') add(doc.createTextNode(line), child);
        });
      });
      removeNode(child);
    }
  }
  flush(null);
}

function isBlockNode(node: LexicalNode): boolean {
  return ($isElementNode(node) || $isDecoratorNode(node)) && !node.isInline();
}

/** Appends imported nodes to the root, giving loose inline content the paragraph it needs. */
function appendAsBlocks(root: ElementNode, nodes: LexicalNode[]): void {
  let paragraph: ElementNode | null = null;
  for (const node of nodes) {
    if ($isListItemNode(node)) {
      // An `<li>` outside any list.
      paragraph = null;
      root.append($createListNode('bullet').append(node));
    } else if (isBlockNode(node)) {
      paragraph = null;
      root.append(node);
    } else if ($isLineBreakNode(node) && paragraph === null) {
      continue;
    } else {
      if (paragraph === null) {
        paragraph = $createParagraphNode();
        root.append(paragraph);
      }
      paragraph.append(node);
    }
  }
}
