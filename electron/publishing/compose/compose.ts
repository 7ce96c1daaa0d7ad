import { $generateDOMFromNodes } from '@lexical/html';

import type { EditorStateJSON } from '../../contract';
import { toBlockMarkup } from './blockMarkup';
import { createCleanExportMap, isBlockElement, wrapInlineRuns, type ExportContext } from './cleanExport';
import { createComposeEditor, parseComposeState } from './composeEditor';
import {
  COMMENT_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  removeNode,
  toLexical,
  withServerDOM,
  type Element,
  type Node,
} from './dom';
import { serializeHtml } from './serializeHtml';
import type { ComposeOptions, ComposeResult } from './types';

/**
 * A draft's saved editor state → the body of a post: clean semantic HTML, or WordPress block
 * markup (`format: 'gutenberg'`) with the same content. Pure apart from the DOM it borrows for the
 * call; runs in plain Node (the main process, queued and bulk jobs) through Lexical headless.
 *
 * The HTML has no classes (but `language-x` on code), no styles, no `data-*`, and `dir` only for
 * right-to-left text: `<p>`, `<h2>`–`<h4>`, `<strong>`, `<em>`, `<u>`, `<s>`, `<code>`,
 * `<sub>`/`<sup>`/`<mark>`, `<br>`, `<a href>` (http, https and mailto only), nested
 * `<ul>`/`<ol>`/`<li>`, `<blockquote><p>`, `<pre><code>`, `<table><tbody><tr><th>|<td>`, `<hr>`,
 * `<figure><img><figcaption>` and `<!--more-->`. Top-level blocks are separated by a newline.
 * Embeds (YouTube, Vimeo, tweets) are the one exception to "no classes": each destination gets its
 * own embed form (`options.embeds`, see `$exportEmbed` in cleanExport.ts).
 *
 * Throws `UnknownNodeTypeError` for a node type Signet does not know, `NewerEditorStateError`
 * for a draft written by a newer Signet and `InvalidDocumentError` for a state Lexical cannot read; everything the author can fix is a warning instead.
 */
export function composeHtml(editorState: EditorStateJSON, options: ComposeOptions): ComposeResult {
  const context: ExportContext = {
    images: options.images,
    readMore: options.readMore,
    templateLinks: options.templateLinks === true,
    warnings: [],
    composedImages: [],
    mediaIds: new WeakMap(),
    embeds: options.embeds ?? 'link',
    format: options.format,
    embedFigures: new WeakMap(),
  };
  const html = withServerDOM((window) => {
    const editor = createComposeEditor({ export: createCleanExportMap(context) });
    const state = parseComposeState(editor, editorState);
    return state.read(
      () => {
        const container = window.document.createElement('div');
        $generateDOMFromNodes(toLexical(container), null, editor);
        tidy(container);
        const markup =
          options.format === 'gutenberg'
            ? toBlockMarkup(container, context.mediaIds, context.embedFigures)
            : Array.from(container.childNodes, serializeHtml).join('\n');
        return escapeCodeForWordPress(markup);
      },
      { editor },
    );
  });
  return { html, warnings: context.warnings, images: context.composedImages };
}

const LINE_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'TD', 'TH', 'FIGCAPTION']);
const FORMAT_TAGS = new Set(['STRONG', 'EM', 'U', 'S', 'SUB', 'SUP', 'MARK', 'CODE']);

/** What the exporters cannot see node by node: whitespace and structure across siblings. */
function tidy(container: Element): void {
  // Lexical marks the extra <br> it adds after a trailing line break; with trailing breaks
  // removed below, it has nothing to keep visible.
  for (const br of Array.from(container.querySelectorAll('br[data-lexical-managed-linebreak]'))) br.remove();
  for (const element of Array.from(container.querySelectorAll('*'))) {
    if (LINE_TAGS.has(element.tagName)) trimTrailingBreaks(element);
  }
  hoistBlocksOutOfParagraphs(container);
  // A draft whose root holds inline content (not written by the editor) still gets paragraphs.
  wrapInlineRuns(container, null);
  for (const element of Array.from(container.querySelectorAll('p, h1, h2, h3, h4, h5, h6'))) {
    if (isEmptyLine(element)) element.remove();
  }
  mergeAdjacentFormatting(container);
}

function trimTrailingBreaks(element: Element): void {
  for (let last = element.lastChild; last !== null; last = element.lastChild) {
    const isBreak = last.nodeName === 'BR';
    const isBlankText = last.nodeType === TEXT_NODE && (last.textContent ?? '').trim() === '';
    if (!isBreak && !isBlankText) return;
    removeNode(last);
  }
}

function isEmptyLine(element: Element): boolean {
  return (element.textContent ?? '').trim() === '' && element.querySelector('img') === null;
}

/**
 * A block (an image, a break) inside a paragraph: the editor's content rules move such nodes to
 * the top level, but a draft saved before a rule existed may still have one. HTML parsers would
 * split the paragraph anyway; splitting it here keeps the output what they will see.
 */
function hoistBlocksOutOfParagraphs(container: Element): void {
  for (const p of Array.from(container.children)) {
    if (p.tagName !== 'P') continue;
    const hasBlock = Array.from(p.childNodes).some(
      (child) => isBlockElement(child) || child.nodeType === COMMENT_NODE,
    );
    if (!hasBlock) continue;
    let current = p.cloneNode(false) as Element;
    const pieces: Node[] = [current];
    for (const child of Array.from(p.childNodes)) {
      if (isBlockElement(child) || child.nodeType === COMMENT_NODE) {
        pieces.push(child);
        current = p.cloneNode(false) as Element;
        pieces.push(current);
      } else {
        current.append(child);
      }
    }
    p.replaceWith(...pieces);
  }
}

/** `<strong>a</strong><strong><em>b</em></strong>` → `<strong>a<em>b</em></strong>`. */
function mergeAdjacentFormatting(root: Element): void {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    let child = element.firstElementChild;
    while (child !== null) {
      const next = child.nextSibling;
      if (
        next !== null &&
        next.nodeType === ELEMENT_NODE &&
        FORMAT_TAGS.has(child.tagName) &&
        child.tagName === (next as Element).tagName &&
        child.attributes.length === 0 &&
        (next as Element).attributes.length === 0
      ) {
        child.append(...Array.from(next.childNodes));
        removeNode(next);
        continue;
      }
      stack.push(child);
      child = child.nextElementSibling;
    }
  }
}

/**
 * Code as WordPress needs it, whichever format: `[` as `&#91;` so a shortcode in a code sample is
 * shown rather than run, and `//` of a URL alone on a line as `&#47;&#47;` so it is not turned
 * into an embed. The block editor's code block does the same (its `escape()` in
 * block-library/src/code/utils.js); both are plain character references anywhere else.
 */
function escapeCodeForWordPress(html: string): string {
  return html.replace(
    /(<code(?: class="[^"<>]*")?>)([^<]*)(<\/code>)/g,
    (_match, open: string, text: string, close: string) =>
      open +
      text.replace(/\[/g, '&#91;').replace(/^(\s*https?:)\/\/([^\s<>"]+\s*)$/gm, '$1&#47;&#47;$2') +
      close,
  );
}
