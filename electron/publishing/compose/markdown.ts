import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import { HorizontalRuleNode, $createHorizontalRuleNode, $isHorizontalRuleNode } from '@lexical/extension';
import { $isLinkNode, LinkNode } from '@lexical/link';
import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CODE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type ElementTransformer,
  type TextMatchTransformer,
  type Transformer,
} from '@lexical/markdown';
import {
  $createLineBreakNode,
  $createTextNode,
  $getEditor,
  $getRoot,
  $isLineBreakNode,
  $isTextNode,
  LineBreakNode,
  type TextNode,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

import type { EditorStateJSON } from '../../contract';
import { parseEmbedUrl } from '../../contract/embeds';
import { composeHtml } from './compose';
import {
  SUPPORTED_EDITOR_STATE_VERSION,
  assertReadableEditorState,
  parseComposeState,
  createComposeEditor,
} from './composeEditor';
import { registerContentRules } from './contentRules';
import { importHtml } from './importHtml';
import { $createEmbedNode, $isEmbedNode, EmbedNode } from './nodes/EmbedNode';
import { $createImageNode, $isImageNode, ImageNode } from './nodes/ImageNode';
import { $createReadMoreNode, $isReadMoreNode, ReadMoreNode } from './nodes/ReadMoreNode';
import type { ComposedImage, ComposeWarning, ImageLocation } from './types';
import { isAllowedLinkUrl, isWebImageUrl } from './urls';
import { t } from '../../contract/i18n';

/**
 * Markdown for static sites (Hugo, Jekyll, Eleventy) and for moving drafts in and out of Signet:
 * `composeMarkdown` (saved editor state → CommonMark with a few inline HTML tags) and
 * `importMarkdown` (Markdown → the same nodes), both with `@lexical/markdown` on the composer's
 * headless editor, plus front matter (`splitFrontMatter`, `writeFrontMatter`).
 *
 * What Markdown cannot say is written as HTML rather than lost: underline, subscript,
 * superscript and highlight as `<u>`, `<sub>`, `<sup>`, `<mark>`; a table as the same clean HTML
 * `composeHtml` writes (Hugo shows raw HTML only with `markup.goldmark.renderer.unsafe = true`,
 * which the site Signet prepares sets). A line break is a backslash at the end of the line.
 * Images are `![alt](url "caption")`; their width and height are not written (a static site
 * sizes images itself).
 */

export interface MarkdownComposeOptions {
  /** The URL an image of the draft's assets has on the site (relative or absolute), or null. */
  images: (fileName: string) => ImageLocation | null;
  /** `wordpress`: the read-more break becomes `<!--more-->` (Hugo's and WordPress's). `none`: left out. */
  readMore: 'wordpress' | 'none';
}

export interface MarkdownComposeResult {
  markdown: string;
  warnings: ComposeWarning[];
  /** Every image of the draft, in document order, including those left out. */
  images: ComposedImage[];
}

/** An image of imported Markdown whose address is a relative path: the caller copies the file in. */
export interface ImportedImageRef {
  /** The path as written in the Markdown (URL-decoded), relative to the Markdown file. */
  reference: string;
  /** The asset file name the image node was given. */
  fileName: string;
}

export interface MarkdownImportResult {
  editorState: EditorStateJSON;
  images: ImportedImageRef[];
}

// ---------------------------------------------------------------------------------------------
// Transformers

const HTML_FORMATS: ReadonlyArray<readonly [TextFormatType, string]> = [
  ['underline', 'u'],
  ['highlight', 'mark'],
  ['subscript', 'sub'],
  ['superscript', 'sup'],
];

/** State of one compose call that the transformers need (they are module constants otherwise). */
interface ExportState {
  options: MarkdownComposeOptions;
  warnings: ComposeWarning[];
  images: ComposedImage[];
  /** A line holding only this is removed with the blank line before it (a block left out). */
  omit: string;
}

let exportState: ExportState | null = null;

/**
 * Every text node that is not code: its text with what Markdown or HTML would read as syntax
 * written as numeric character references (`<`, `[`, `]`, `&` before a reference, and a block
 * marker at the start of a line: `#`, `>`, `-`, `+`, `=`, `|`, `1.`), and `<u>`, `<mark>`,
 * `<sub>`, `<sup>` around it for the formats Markdown has no syntax for. `@lexical/markdown`
 * escapes `*`, `_`, `` ` ``, `~` and `\` itself, and reads `&#N;` back.
 */
const TEXT: TextMatchTransformer = {
  dependencies: [],
  type: 'text-match',
  export: (node, _exportChildren, exportFormat) => {
    if (!$isTextNode(node)) return null;
    if (node.hasFormat('code')) return codeSpan(node);
    const previous = node.getPreviousSibling();
    const atLineStart = previous === null || $isLineBreakNode(previous);
    const inner = exportFormat(node, escapeText(node.getTextContent(), atLineStart));
    const tags = HTML_FORMATS.filter(([format]) => node.hasFormat(format)).map(([, tag]) => tag);
    if (tags.length === 0) return inner;
    return (
      tags.map((tag) => `<${tag}>`).join('') +
      inner +
      [...tags]
        .reverse()
        .map((tag) => `</${tag}>`)
        .join('')
    );
  },
  importRegExp: /<(u|mark|sub|sup)>(.+?)<\/\1>/,
  regExp: /<(u|mark|sub|sup)>(.+?)<\/\1>$/,
  replace: (textNode, match) => {
    const format = HTML_FORMATS.find(([, tag]) => tag === match[1])?.[0];
    textNode.setTextContent(match[2] ?? '');
    if (format !== undefined && !textNode.hasFormat(format)) textNode.toggleFormat(format);
    return textNode;
  },
};

const ref = (char: string) => `&#${char.codePointAt(0)};`;

/**
 * Inline code holding a backtick, as CommonMark writes it: a fence one backtick longer than the
 * longest run inside, with a space inside the fence when the code starts or ends with a backtick.
 * `@lexical/markdown` always fences with one backtick, which a backtick inside ends early (the
 * rest of the "code" was read as Markdown and HTML; found by the hostile fuzz). Code without a
 * backtick is left to it (null), so its formats combine as before. Bold and italic still wrap it.
 */
function codeSpan(node: TextNode): string | null {
  const text = node.getTextContent();
  if (!text.includes('`')) return null;
  const longest = Math.max(...(text.match(/`+/g) ?? ['']).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  let out = `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
  if (node.hasFormat('italic')) out = `*${out}*`;
  if (node.hasFormat('bold')) out = `**${out}**`;
  return out;
}

/** Text as Markdown reads it literally (see TEXT). */
export function escapeText(text: string, atLineStart: boolean): string {
  let out = text
    .replace(/&(?=#\d+;|#[Xx][\dA-Fa-f]+;|[A-Za-z][\dA-Za-z]*;)/g, '&#38;')
    .replace(/[<[\]]/g, ref);
  if (atLineStart) {
    out = out.replace(/^(\s*)([#>+=|-])/, (_m, space: string, char: string) => space + ref(char));
    out = out.replace(/^(\s*\d+)([.)])/, (_m, digits: string, char: string) => digits + ref(char));
  }
  return out;
}

/** A line break inside a block: a backslash at the end of the line (CommonMark's hard break). */
const HARD_LINE_BREAK: TextMatchTransformer = {
  dependencies: [LineBreakNode],
  type: 'text-match',
  export: (node) => ($isLineBreakNode(node) ? '\\\n' : null),
  regExp: /$^/,
  replace: () => {},
};

/** A link Signet does not publish (not http(s) or mailto): its text is kept, as in composeHtml. */
const UNSAFE_LINK: TextMatchTransformer = {
  dependencies: [LinkNode],
  type: 'text-match',
  export: (node, exportChildren) => {
    if (!$isLinkNode(node) || isAllowedLinkUrl(node.getURL())) return null;
    const url = node.getURL();
    exportState?.warnings.push({
      code: 'LINK_REMOVED',
      message: t('publishing.compose.linkRemoved', { url }),
      url,
    });
    return exportChildren(node);
  },
  regExp: /$^/,
  replace: () => {},
};

const IMAGE_PATTERN =
  /!\[((?:[^\]\\\n]|\\.)*)\]\(\s*(?:<([^<>\n]*)>|([^\s()<>]+))(?:\s+"((?:[^"\\\n]|\\.)*)")?\s*\)/;

/** `![alt](url "caption")` → an image node; relative paths become an asset `fileName`. */
const IMAGE_INLINE: TextMatchTransformer = {
  dependencies: [ImageNode],
  type: 'text-match',
  importRegExp: IMAGE_PATTERN,
  regExp: new RegExp(`${IMAGE_PATTERN.source}$`),
  replace: (textNode, match) => {
    const altText = unescapeMarkdown(match[1] ?? '');
    const url = (match[2] ?? match[3] ?? '').trim();
    const caption = unescapeMarkdown(match[4] ?? '');
    const node = imageNodeFor(url, altText, caption);
    if (node === null) {
      textNode.setTextContent(altText);
      return;
    }
    textNode.replace(node);
  },
};

/** An image node at block level (the editor keeps images there). */
const IMAGE_BLOCK: ElementTransformer = {
  dependencies: [ImageNode],
  type: 'element',
  export: (node) => ($isImageNode(node) ? exportImage(node) : null),
  regExp: /$^/,
  replace: () => false,
};

const READ_MORE: ElementTransformer = {
  dependencies: [ReadMoreNode],
  type: 'element',
  export: (node) => {
    if (!$isReadMoreNode(node)) return null;
    return exportState?.options.readMore === 'none' ? exportState.omit : '<!--more-->';
  },
  regExp: /^<!--\s*more\s*-->\s*$/,
  replace: (parentNode) => {
    parentNode.replace($createReadMoreNode());
  },
};

const HORIZONTAL_RULE: ElementTransformer = {
  dependencies: [HorizontalRuleNode],
  type: 'element',
  export: (node) => ($isHorizontalRuleNode(node) ? '---' : null),
  regExp: /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/,
  replace: (parentNode) => {
    parentNode.replace($createHorizontalRuleNode());
  },
};

/**
 * A YouTube/Vimeo/tweet embed: its URL alone on a line (Hugo, Jekyll and Eleventy themes and
 * plugins turn such a line into the player; elsewhere it stays a readable link). A paragraph that
 * is nothing but an embeddable URL is read back as the embed.
 */
const EMBED: ElementTransformer = {
  dependencies: [EmbedNode],
  type: 'element',
  export: (node) => ($isEmbedNode(node) ? node.getURL() : null),
  regExp: /^<?(https?:\/\/[^\s<>]+)>?\s*$/,
  replace: (parentNode, _children, match) => {
    const parsed = parseEmbedUrl(match[1] ?? '');
    if (parsed === null || !$getEditor().hasNodes([EmbedNode])) return false;
    parentNode.replace($createEmbedNode({ url: parsed.url, provider: parsed.provider }));
  },
};

/** Signet's Markdown: CommonMark blocks and formats, its own nodes, and HTML for the rest. */
export const SIGNET_MARKDOWN_TRANSFORMERS: Transformer[] = [
  HEADING,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  READ_MORE,
  HORIZONTAL_RULE,
  IMAGE_BLOCK,
  EMBED,
  CODE,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  HARD_LINE_BREAK,
  TEXT,
  IMAGE_INLINE,
  UNSAFE_LINK,
  LINK,
];

// ---------------------------------------------------------------------------------------------
// Compose

/**
 * A draft's saved editor state → the Markdown body of a static-site post. Images get the URL the
 * `images` callback gives (an image it has none for is left out with `IMAGE_NOT_UPLOADED`), like
 * `composeHtml`. Throws `UnknownNodeTypeError` / `NewerEditorStateError` as `composeHtml` does.
 */
export function composeMarkdown(
  editorState: EditorStateJSON,
  options: MarkdownComposeOptions,
): MarkdownComposeResult {
  assertReadableEditorState(editorState);
  const nonce = randomBytes(6).toString('hex');
  const state: ExportState = { options, warnings: [], images: [], omit: `signet-omit-${nonce}` };
  // Tables go out as HTML: composed here, put back for a placeholder paragraph afterwards.
  const htmlBlocks = new Map<string, string>();
  const prepared = structuredClone(editorState);
  normalizeLinkUrls(prepared.root);
  const children = Array.isArray(prepared.root.children) ? (prepared.root.children as unknown[]) : [];
  children.forEach((child, index) => {
    if ((child as { type?: unknown }).type !== 'table') return;
    const composed = composeHtml(
      { root: { ...prepared.root, children: [child] } },
      { format: 'html', images: options.images, readMore: options.readMore },
    );
    state.warnings.push(...composed.warnings);
    const token = `signet-html-${nonce}-${index}`;
    htmlBlocks.set(token, inertToMarkdown(composed.html));
    children[index] = placeholderParagraph(token);
  });

  const editor = createComposeEditor();
  const parsed = parseComposeState(editor, prepared as EditorStateJSON);
  exportState = state;
  let markdown: string;
  try {
    markdown = parsed.read(() => $convertToMarkdownString(SIGNET_MARKDOWN_TRANSFORMERS, undefined, false), {
      editor,
    });
  } finally {
    exportState = null;
  }
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === state.omit) {
      if (out.length > 0 && out[out.length - 1] === '') out.pop();
      continue;
    }
    out.push(htmlBlocks.get(line) ?? line);
  }
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return {
    markdown: out.length > 0 ? `${out.join('\n')}\n` : '',
    warnings: state.warnings,
    images: state.images,
  };
}

/**
 * The text of an HTML block with Markdown's link and emphasis punctuation written as character
 * references (`[` → `&#91;`): CommonMark leaves an HTML block alone, but some site generators read
 * Markdown inside one (kramdown's `parse_block_html`, Python-Markdown's `md_in_html`), and there a
 * cell's words `[x](javascript:…)` became a link (found by the 1,000,000-input fuzz). A browser
 * shows the same characters either way, and `importMarkdown` reads them back as they were. The
 * HTML is composeHtml's: `<` and `>` only delimit tags (attributes and text escape them).
 */
function inertToMarkdown(html: string): string {
  return html.replace(
    />([^<]+)</g,
    (_, text: string) => `>${text.replace(/[[\]\\`*_~!]/g, (c) => `&#${c.charCodeAt(0)};`)}<`,
  );
}

/**
 * Link addresses as the URL parser writes them (`"`, `<`, `>`, spaces and backticks
 * percent-encoded), so no Markdown renderer can read a link's destination as raw HTML or end it
 * early. The address is the same one: browsers parse both spellings alike.
 */
function normalizeLinkUrls(node: Record<string, unknown>): void {
  const stack: Array<Record<string, unknown>> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if ((current.type === 'link' || current.type === 'autolink') && typeof current.url === 'string') {
      if (isAllowedLinkUrl(current.url)) current.url = new URL(current.url).href;
    }
    if (Array.isArray(current.children)) stack.push(...(current.children as Array<Record<string, unknown>>));
  }
}

function placeholderParagraph(token: string): Record<string, unknown> {
  return {
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, text: token, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

function exportImage(node: ImageNode): string {
  const state = exportState;
  if (state === null) return '';
  const fileName = node.getFileName();
  const src = fileName === undefined ? node.getSrc() : undefined;
  const altText = node.getAltText();
  const image: ComposedImage = { altText };
  if (fileName !== undefined) image.fileName = fileName;
  if (src !== undefined) image.src = src;
  state.images.push(image);
  const name =
    fileName !== undefined
      ? t('publishing.compose.imageName', { kind: 'file', name: fileName })
      : src !== undefined && !src.startsWith('data:')
        ? t('publishing.compose.imageName', { kind: 'url', name: src })
        : t('publishing.compose.imageName', { kind: 'pasted', name: '' });
  if (altText.trim() === '') {
    state.warnings.push({
      code: 'MISSING_ALT',
      message: t('publishing.compose.missingAlt', { image: name }),
      image,
    });
  }
  const url =
    fileName !== undefined
      ? state.options.images(fileName)?.url
      : src !== undefined && isWebImageUrl(src)
        ? src
        : undefined;
  if (url === undefined || url.trim() === '') {
    state.warnings.push({
      code: 'IMAGE_NOT_UPLOADED',
      message:
        fileName !== undefined
          ? t('publishing.compose.notCopied', { image: name })
          : t('publishing.compose.noWebAddress', { image: name }),
      image,
    });
    return state.omit;
  }
  const caption = node.getCaption().trim();
  const destination = /[\s()<>]/.test(url) ? `<${url.replace(/[<>\n]/g, encodeURIComponent)}>` : url;
  const title = caption === '' ? '' : ` "${caption.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;
  return `![${escapeAlt(altText.trim())}](${destination}${title})`;
}

function escapeAlt(text: string): string {
  return escapeText(text, false)
    .replace(/[\\*_`]/g, '\\$&')
    .replace(/\n/g, ' ');
}

function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
}

// ---------------------------------------------------------------------------------------------
// Import

let importImages: ImportedImageRef[] | null = null;

function imageNodeFor(url: string, altText: string, caption: string): ImageNode | null {
  if (isWebImageUrl(url)) return $createImageNode({ src: url, altText, caption });
  if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return null;
  // A relative path (or a site-absolute one, `/images/x.png`): an asset the caller copies in.
  let reference = url;
  try {
    reference = decodeURI(url);
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  const refs = importImages;
  if (refs === null) return null;
  const existing = refs.find((ref) => ref.reference === reference);
  const fileName = existing?.fileName ?? uniqueName(assetNameOf(reference), refs);
  if (existing === undefined) refs.push({ reference, fileName });
  return $createImageNode({ fileName, altText, caption });
}

function assetNameOf(reference: string): string {
  const base = path.posix.basename(reference.replace(/\\/g, '/').replace(/[?#].*$/, ''));
  const ext = path.posix.extname(base).toLowerCase();
  const stem = base
    .slice(0, base.length - ext.length)
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem || 'image'}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''}`;
}

function uniqueName(name: string, refs: ImportedImageRef[]): string {
  const taken = new Set(refs.map((ref) => ref.fileName.toLowerCase()));
  const ext = path.posix.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
  return candidate;
}

const HTML_BLOCK_START = /^ {0,3}<(table|figure)[\s>]/i;

/**
 * Markdown (without front matter) → the editor state of a new draft: the nodes the editor has,
 * with the editor's content rules (H1 → H2, images at block level, only web and email links).
 * Images with a relative path get an asset `fileName`, listed in `images` for the caller to copy.
 * A `<table>` or `<figure>` written as HTML is read as `importHtml` reads a blog's HTML.
 */
export function importMarkdown(markdown: string): MarkdownImportResult {
  const nonce = randomBytes(6).toString('hex');
  const htmlBlocks = new Map<string, string>();
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      kept.push(line);
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      kept.push(line);
      continue;
    }
    const start = HTML_BLOCK_START.exec(line);
    if (start) {
      const close = new RegExp(`</${start[1]}\\s*>`, 'i');
      const block: string[] = [line];
      while (!close.test(block[block.length - 1]!) && i + 1 < lines.length) block.push(lines[++i]!);
      const token = `signet-html-${nonce}-${htmlBlocks.size}`;
      htmlBlocks.set(token, block.join('\n'));
      kept.push('', token, '');
      continue;
    }
    kept.push(line);
  }

  const editor = createComposeEditor();
  registerContentRules(editor);
  const images: ImportedImageRef[] = [];
  importImages = images;
  try {
    editor.update(
      () => {
        $convertFromMarkdownString(kept.join('\n'), SIGNET_MARKDOWN_TRANSFORMERS, undefined, false, true);
        $splitSoftBreaks();
      },
      { discrete: true },
    );
  } finally {
    importImages = null;
  }
  const root = editor.getEditorState().toJSON().root as unknown as Record<string, unknown>;
  dropMarkdownState(root);
  // A paragraph emptied by moving its image to block level, or by a blank line Lexical kept.
  const blocks = root.children as Array<Record<string, unknown>>;
  const filled = blocks.filter(
    (child) =>
      !(
        child.type === 'paragraph' &&
        Array.isArray(child.children) &&
        (child.children as Array<{ type?: unknown; text?: unknown }>).every(
          (inline) =>
            inline.type === 'linebreak' || (inline.type === 'text' && String(inline.text).trim() === ''),
        )
      ),
  );
  if (filled.length > 0) root.children = filled;
  if (htmlBlocks.size > 0) {
    const children = (root.children as Array<Record<string, unknown>>).flatMap((child) => {
      const token = placeholderOf(child);
      const html = token === null ? undefined : htmlBlocks.get(token);
      if (html === undefined) return [child];
      return (importHtml(html).root.children as Array<Record<string, unknown>>) ?? [];
    });
    root.children = children;
  }
  return { editorState: { root, signetVersion: SUPPORTED_EDITOR_STATE_VERSION }, images };
}

/** The Markdown spelling Lexical remembers on nodes (`$` node state): a draft has no use for it. */
function dropMarkdownState(node: Record<string, unknown>): void {
  const stack: Array<Record<string, unknown>> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    delete current.$;
    if (Array.isArray(current.children)) stack.push(...(current.children as Array<Record<string, unknown>>));
  }
}

function placeholderOf(node: Record<string, unknown>): string | null {
  if (node.type !== 'paragraph' || !Array.isArray(node.children) || node.children.length !== 1) return null;
  const only = node.children[0] as { type?: unknown; text?: unknown };
  return only.type === 'text' && typeof only.text === 'string' ? only.text : null;
}

/**
 * CommonMark joins the lines of a paragraph with a soft break (a space when shown); Lexical's
 * import keeps them as text with a newline in it. A newline left in a text node becomes a space,
 * and a line ending in a backslash (a hard break) becomes a line break.
 */
function $splitSoftBreaks(): void {
  const stack: LexicalNode[] = [$getRoot()];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ($isTextNode(node)) {
      const text = node.getTextContent();
      if (node.hasFormat('code') || !text.includes('\n')) continue;
      if (node.getParent()?.getType() === 'code') {
        // A code block's lines are text and line breaks, as the editor keeps them.
        const lines = text.split('\n');
        node.setTextContent(lines[0] ?? '');
        let last: LexicalNode = node;
        for (const line of lines.slice(1)) {
          const br = $createLineBreakNode();
          last.insertAfter(br);
          last = br;
          if (line !== '') {
            const next = $createTextNode(line);
            br.insertAfter(next);
            last = next;
          }
        }
        continue;
      }
      const lines = text.split('\n');
      let pending = '';
      let current: TextNode = node;
      lines.forEach((line, index) => {
        if (index === lines.length - 1) {
          current.setTextContent(pending + line);
          return;
        }
        const hard = /(?:\\| {2,})$/.exec(line);
        if (hard === null) {
          pending += `${line.replace(/\s+$/, '')} `;
          return;
        }
        current.setTextContent(pending + line.slice(0, hard.index));
        pending = '';
        const br = $createLineBreakNode();
        current.insertAfter(br);
        const next = $createTextNode('');
        next.setFormat(current.getFormat());
        next.setStyle(current.getStyle());
        br.insertAfter(next);
        current = next;
      });
      continue;
    }
    const children = (node as { getChildren?: () => LexicalNode[] }).getChildren?.();
    if (children) stack.push(...children);
  }
}

// ---------------------------------------------------------------------------------------------
// Front matter

export type FrontMatterFormat = 'yaml' | 'toml';

export interface FrontMatter {
  /** `null` when the file has none. */
  format: FrontMatterFormat | null;
  data: Record<string, unknown>;
  body: string;
}

/**
 * Splits a Markdown file into its front matter (YAML between `---` lines, or TOML between `+++`
 * lines as Hugo writes it) and its body. Dates come back as ISO strings. A file without front
 * matter has `data` `{}`; front matter that does not parse throws an Error whose message says so.
 */
export function splitFrontMatter(text: string): FrontMatter {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^(---|\+\+\+)[ \t]*\n(?:([\s\S]*?)\n)?\1[ \t]*(?:\n|$)/.exec(source);
  if (!match) return { format: null, data: {}, body: source };
  const format: FrontMatterFormat = match[1] === '---' ? 'yaml' : 'toml';
  let data: unknown;
  try {
    data = format === 'yaml' ? parseYaml(match[2] ?? '') : parseToml(match[2] ?? '');
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(t('publishing.compose.badFrontMatter', { format, detail }), { cause: error });
  }
  const body = source.slice(match[0].length).replace(/^\n+/, '');
  const record =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  return { format, data: plainValues(record) as Record<string, unknown>, body };
}

function plainValues(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(plainValues);
  if (typeof value === 'object' && value !== null) {
    // smol-toml's TomlDate is a Date subclass; other objects are tables.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValues(item)]));
  }
  return value;
}

/** YAML front matter (`---`) followed by the body. Keys whose value is `undefined` are left out. */
export function writeFrontMatter(data: Record<string, unknown>, body: string): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
  const yaml = Object.keys(clean).length === 0 ? '' : stringifyYaml(clean, { lineWidth: 0 });
  return `---\n${yaml}---\n${body.length > 0 ? `\n${body}` : ''}`;
}
