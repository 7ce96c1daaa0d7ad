import { Window } from 'happy-dom';

import type { Element, Node } from '../../publishing/compose/dom';

/**
 * Test-only: "could this output run script, or load something that can?" for what Signet writes
 * (pasted content, the HTML and Markdown composed for a blog).
 *
 * Two independent looks, so one parser's quirk cannot hide a finding:
 * - the output parsed by a real HTML parser (happy-dom, inert: a `<template>` whose content never
 *   runs or loads) and every element and attribute checked: script-ish and embedding elements,
 *   `on*` handlers, dangerous schemes in any URL attribute (href, src, srcset, xlink:href, action,
 *   formaction, data, …), `srcdoc`, and styles with `expression(`, `javascript:`, bindings;
 * - a plain-text scan of the raw markup for script-ish tags and handler attributes wherever they
 *   stand, which does not depend on how a parser nests them.
 * Markdown is checked as what a renderer with raw HTML on (Hugo's `unsafe`) would produce: its raw
 * HTML outside code as above, plus link and image destinations, autolinks and link definitions.
 */

export interface Finding {
  rule:
    | 'element'
    | 'event-handler'
    | 'url-scheme'
    | 'srcdoc'
    | 'style'
    | 'raw-tag'
    | 'raw-handler'
    | 'markdown-url';
  detail: string;
}

/** Elements that run script, embed another document, or change how the page loads. */
const EXECUTABLE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe', 'meta', 'base',
  'link', 'style', 'svg', 'math', 'template', 'noscript', 'form', 'input', 'button', 'isindex', 'xmp', 'plaintext',
  'set', 'animate', 'animatetransform', 'animatemotion', 'use', 'foreignobject', 'handler', 'listener', 'import',
  'import-map', 'param', 'textarea', 'select', 'video', 'audio', 'source', 'track', 'image', 'html', 'body',
  'head', 'title',
]); // prettier-ignore

/** Attributes whose value is fetched or navigated to. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'data', 'codebase', 'background', 'poster', 'lowsrc', 'dynsrc', 'cite',
  'longdesc', 'ping', 'usemap', 'manifest', 'icon', 'profile', 'xlink:href', 'xml:base', 'from', 'to', 'values',
  'by', 'archive', 'classid', 'content',
]); // prettier-ignore

const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);

const SCRIPT_SCHEMES = new Set(['javascript', 'vbscript', 'livescript', 'mocha', 'jscript', 'ecmascript']);

// A raster data: image shown by an <img> runs nothing.
const RASTER_DATA = /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i;

/**
 * The scheme a browser would see: ASCII tab and newlines removed anywhere, C0 controls and
 * spaces trimmed at the ends (the URL standard's preprocessing). null when there is none.
 */
export function urlScheme(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return match ? match[1]!.toLowerCase() : null;
}

/** True when navigating to or loading `value` from `attribute` of a `tag` could run script. */
export function isDangerousUrl(value: string, tag = 'a', attribute = 'href'): boolean {
  const scheme = urlScheme(value);
  if (scheme === null) return false;
  if (SCRIPT_SCHEMES.has(scheme)) return true;
  if (scheme === 'data') {
    const cleaned = value.replace(/[\t\n\r]/g, '').trim();
    return !(
      tag === 'img' &&
      (attribute === 'src' || SRCSET_ATTRIBUTES.has(attribute)) &&
      RASTER_DATA.test(cleaned)
    );
  }
  return false;
}

/** CSS with escapes and comments resolved, checked for what can run script or bind behaviour. */
export function isDangerousStyle(css: string): boolean {
  const decoded = css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex: string) => {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    })
    .replace(/\\(.)/g, '$1')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\s\u0000-\u001f]+/g, '');
  return /expression\(|javascript:|vbscript:|behavior:|-moz-binding|@import|url\((['"]?)data:text\/html/i.test(
    decoded,
  );
}

let parserWindow: Window | null = null;

function parse(html: string): Node {
  parserWindow ??= new Window({ settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true, disableIframePageLoading: true } }); // prettier-ignore
  const template = parserWindow.document.createElement('template');
  template.innerHTML = html;
  return template.content as unknown as Node;
}

function elementsUnder(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1) {
        out.push(child as Element);
        if ((child as Element).tagName === 'TEMPLATE')
          stack.push((child as unknown as { content: Node }).content);
      }
      stack.push(child);
    }
  }
  return out;
}

/** What in `html` could run script when a browser shows it. Empty: nothing. */
export function findExecutableHtml(html: string): Finding[] {
  const findings: Finding[] = [];
  for (const element of elementsUnder(parse(html))) {
    const tag = element.tagName.toLowerCase();
    if (EXECUTABLE_ELEMENTS.has(tag) && !isTrustedEmbedElement(element))
      findings.push({ rule: 'element', detail: `<${tag}>` });
    for (const rawName of element.getAttributeNames()) {
      const name = rawName.toLowerCase();
      const value = element.getAttribute(rawName) ?? '';
      const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
      if (local.startsWith('on')) findings.push({ rule: 'event-handler', detail: `<${tag} ${name}>` });
      else if (name === 'srcdoc') findings.push({ rule: 'srcdoc', detail: `<${tag} srcdoc>` });
      else if (name === 'style' && isDangerousStyle(value))
        findings.push({ rule: 'style', detail: `<${tag} style="${value}">` });
      else if (SRCSET_ATTRIBUTES.has(name)) {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0] ?? '';
          if (isDangerousUrl(url, tag, name))
            findings.push({ rule: 'url-scheme', detail: `<${tag} ${name}="${value}">` });
        }
      } else if (URL_ATTRIBUTES.has(name) || URL_ATTRIBUTES.has(local)) {
        // `content` matters on <meta> only (refresh), which is an element finding already.
        const url = name === 'content' ? value.replace(/^[^;]*;\s*url\s*=\s*/i, '') : value;
        if (isDangerousUrl(url, tag, local))
          findings.push({ rule: 'url-scheme', detail: `<${tag} ${name}="${value}">` });
      }
    }
  }
  findings.push(...scanRawMarkup(html));
  return findings;
}

const RAW_TAGS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'svg', 'math', 'meta', 'base',
  'link', 'style', 'form', 'template', 'noscript', 'xmp', 'plaintext', 'isindex', 'import',
]); // prettier-ignore

/**
 * The plain-text look: every start or end tag in `text` as a tokenizer reads it (quoted attribute
 * values skipped, comments skipped), flagged when its name is script-ish or it has a handler
 * attribute. It does not build a tree, so it holds where parsers disagree on nesting.
 */
export function scanRawMarkup(text: string): Finding[] {
  const findings: Finding[] = [];
  let i = 0;
  while ((i = text.indexOf('<', i)) !== -1) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    const open = /^<\s*(\/?)\s*([a-z][^\s/>]*)/i.exec(text.slice(i, i + 200));
    if (open === null) {
      i++;
      continue;
    }
    const name = open[2]!.toLowerCase().replace(/\0/g, '');
    if (RAW_TAGS.has(name) && !isTrustedEmbedTag(name, text.slice(i, text.indexOf('>', i) + 1)))
      findings.push({ rule: 'raw-tag', detail: `<${open[1]}${name}` });
    let j = i + open[0].length;
    // Attributes up to the tag's end, as the HTML tokenizer splits them.
    const attribute = /[\s/]*([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?/y;
    while (j < text.length && text[j] !== '>') {
      attribute.lastIndex = j;
      const match = attribute.exec(text);
      if (match === null || match[0].length === 0) {
        j++;
        continue;
      }
      if (/^on/i.test(match[1]!.replace(/\0/g, '')))
        findings.push({ rule: 'raw-handler', detail: `<${name} ${match[1]}=` });
      j += match[0].length;
    }
    i = j + 1;
  }
  return findings;
}

/**
 * The embed players a destination's embed form frames on purpose (Ghost's embed card):
 * YouTube's and Vimeo's players and Twitter's widget script, at their exact https addresses.
 */
const TRUSTED_FRAME_SRC =
  /^https:\/\/(www\.youtube\.com\/embed\/|player\.vimeo\.com\/video\/)[\w-]+(\?[\w=&;.-]*)?$/;
const TRUSTED_SCRIPT_SRC = 'https://platform.twitter.com/widgets.js';

function isTrustedEmbedTag(name: string, tag: string): boolean {
  if (name !== 'iframe' && name !== 'script') return false;
  if (/^<\s*\//.test(tag)) return true; // An end tag: its start tag was judged.
  const src = /\ssrc="([^"]*)"/.exec(tag)?.[1]?.replace(/&amp;/g, '&') ?? '';
  return name === 'iframe' ? TRUSTED_FRAME_SRC.test(src) : src === TRUSTED_SCRIPT_SRC;
}

function isTrustedEmbedElement(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  const src = element.getAttribute('src') ?? '';
  if (tag === 'iframe') return TRUSTED_FRAME_SRC.test(src) && !element.hasAttribute('srcdoc');
  if (tag === 'script') return src === TRUSTED_SCRIPT_SRC && (element.textContent ?? '').trim() === '';
  return false;
}

const NAMED_ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }; // prettier-ignore

/** Entity references and backslash escapes resolved, as a Markdown renderer reads a destination. */
function decodeMarkdownDestination(value: string): string {
  return value
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&#(x[0-9a-f]+|\d+);?/gi, (_m, code: string) => {
      const n = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
    })
    .replace(/&([a-z]+);/gi, (m, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? m);
}

/** Markdown with its code (fenced, indented and inline) removed: code is shown, never run. */
function withoutCode(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence !== null) {
      if (open && open[1]!.startsWith(fence) && line.trim() === open[1]) fence = null;
      continue;
    }
    // A backtick fence's info string holds no backtick (CommonMark 4.5): "```a``b```" is a
    // paragraph with a code span in it, not the start of a code block.
    if (open && !(open[1]!.startsWith('`') && open[2]!.includes('`'))) {
      fence = open[1]!;
      continue;
    }
    out.push(line);
  }
  return withoutCodeSpans(out.join('\n'));
}

/** Inline code spans removed as CommonMark finds them: a backslash escapes a backtick outside code. */
function withoutCodeSpans(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char !== '`') {
      out += char;
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    // The closing run has exactly n backticks.
    let close = -1;
    for (let j = i + n; j < text.length;) {
      if (text[j] !== '`') {
        j++;
        continue;
      }
      let m = 0;
      while (text[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close === -1) {
      out += text.slice(i, i + n);
      i += n;
    } else {
      out += ' ';
      i = close + n;
    }
  }
  return out;
}

/** What in Markdown (rendered with raw HTML allowed) could run script. */
export function findExecutableMarkdown(markdown: string): Finding[] {
  const text = withoutCode(markdown);
  const findings = findExecutableHtml(text);
  const destinations: Array<[string, string]> = [];
  // Inline links and images: `](dest` or `](<dest>`.
  for (const match of text.matchAll(/(!?)\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]*)/g))
    destinations.push([match[1] === '!' ? 'img' : 'a', match[2]!.replace(/^<|>$/g, '')]);
  // Link reference definitions.
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm))
    destinations.push(['a', match[1]!.replace(/^<|>$/g, '')]);
  // Autolinks.
  for (const match of text.matchAll(/<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi))
    destinations.push(['a', match[1]!]);
  for (const [tag, raw] of destinations) {
    const url = decodeMarkdownDestination(raw);
    if (isDangerousUrl(url, tag, tag === 'img' ? 'src' : 'href'))
      findings.push({ rule: 'markdown-url', detail: `${tag === 'img' ? 'image' : 'link'} to ${raw}` });
  }
  return findings;
}

/** The text a reader sees in `html` (tags removed, references decoded), spaces collapsed. */
export function visibleText(html: string): string {
  return (parse(html).textContent ?? '').replace(/\s+/g, ' ');
}

/** One readable line per finding, for an assertion message. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((finding) => `${finding.rule}: ${finding.detail}`).join('\n');
}
