/**
 * A blog's CSS made safe to show inside Signet: comments removed, every `url()` made absolute
 * (http(s), or a raster `data:image`) or its declaration dropped, `@import` kept only as a list of
 * same-site URLs for the caller to fetch and inline, and anything that can run script or bind
 * behaviour (`expression()`, `javascript:`, `behavior`, `-moz-binding`) dropped, also when hidden
 * behind CSS escapes. `@font-face` is dropped too: the renderer's CSP loads no remote fonts.
 *
 * A small scanner that knows strings, comments, parentheses and braces, not a full CSS parser:
 * what it cannot read with confidence it drops.
 */
import { t } from '../../contract/i18n';

export interface SanitizedCss {
  css: string;
  /** Absolute URLs of same-site `@import`s, in order (the caller fetches and inlines them). */
  imports: string[];
  /** What was left out, for the author ("an @import from fonts.example"). */
  dropped: string[];
}

const DANGEROUS = /expression\(|javascript:|vbscript:|behavior:|-moz-binding|url\((['"]?)data:text\/html/i;
const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i;
const MAX_DEPTH = 20;

/** `css` with escapes and comments resolved and whitespace removed: what a browser would act on. */
export function decodeCss(css: string): string {
  return (
    css
      .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
      .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex: string) => {
        const code = parseInt(hex, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      })
      .replace(/\\(.)/g, '$1')
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\s\u0000-\u001f]+/g, '')
  );
}

/** Comments removed, strings kept as they are. */
function stripComments(css: string): string {
  let out = '';
  for (let i = 0; i < css.length;) {
    const c = css[i]!;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 2;
      out += ' ';
    } else if (c === '"' || c === "'") {
      const end = stringEnd(css, i);
      out += css.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function stringEnd(css: string, start: number): number {
  const quote = css[start];
  let i = start + 1;
  while (i < css.length && css[i] !== quote && css[i] !== '\n') i += css[i] === '\\' ? 2 : 1;
  return Math.min(css.length, i + 1);
}

/** Index of the first of `stops` at nesting level 0 (outside strings, parentheses, brackets), or -1. */
function findTopLevel(css: string, from: number, stops: string): number {
  let depth = 0;
  for (let i = from; i < css.length;) {
    const c = css[i]!;
    if (c === '"' || c === "'") {
      i = stringEnd(css, i);
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && stops.includes(c)) return i;
    i++;
  }
  return -1;
}

/** Index just after the `}` that closes the block opened at `open`, or the end. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length;) {
    const c = css[i]!;
    if (c === '"' || c === "'") {
      i = stringEnd(css, i);
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  return css.length;
}

function absoluteUrl(raw: string, base: string): string | null {
  const value = raw.trim();
  if (RASTER_DATA.test(value)) return value;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function cssString(value: string): string {
  return `"${value.replace(/["\\\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

const URL_TOKEN = /url\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|([^)"'\s]*))\s*\)/gi;

/** One declaration with its URLs made absolute, or null when it must go. */
function sanitizeDeclaration(decl: string, base: string): string | null {
  const trimmed = decl.trim();
  if (!trimmed) return null;
  const decoded = decodeCss(trimmed);
  if (DANGEROUS.test(decoded)) return null;
  if (/image-set\(|src\(/i.test(decoded)) return null; // string URLs this scanner does not rewrite
  const urls = decoded.match(/url\(/gi)?.length ?? 0;
  if (urls === 0) return trimmed;
  // An escape inside a declaration with a URL could hide where it points: not worth the risk.
  if (trimmed.includes('\\')) return null;
  let ok = true;
  let seen = 0;
  const rewritten = trimmed.replace(URL_TOKEN, (_m, dq?: string, sq?: string, bare?: string) => {
    seen++;
    const abs = absoluteUrl(dq ?? sq ?? bare ?? '', base);
    if (abs === null) ok = false;
    return `url(${cssString(abs ?? '')})`;
  });
  return ok && seen === urls ? rewritten : null;
}

function sanitizeBlock(
  css: string,
  base: string,
  out: SanitizedCss,
  depth: number,
  topLevel: boolean,
): string {
  let result = '';
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /[\s;]/.test(css[i]!)) i++;
    if (i >= css.length) break;
    const stop = findTopLevel(css, i, '{};');
    if (stop === -1 || css[stop] !== '{') {
      // A declaration (or a statement at-rule such as @import / @charset).
      const end = stop === -1 ? css.length : stop;
      const text = css.slice(i, end).trim();
      i = end + 1;
      if (text.startsWith('@')) {
        const name = /^@([\w-]+)/.exec(text)?.[1]?.toLowerCase();
        if (name === 'import' && topLevel) {
          const target = /^@import\s+(?:url\(\s*)?["']?([^"')\s]+)/i.exec(text)?.[1];
          const abs = target ? absoluteUrl(target, base) : null;
          if (abs && !abs.startsWith('data:') && sameSite(abs, base) && !/\\/.test(text))
            out.imports.push(abs);
          else
            out.dropped.push(
              target
                ? t('publishing.themePreview.dropped.import', { target })
                : t('publishing.themePreview.dropped.importUnreadable'),
            );
        } else if (name === 'layer' || name === 'namespace') {
          if (!/url\(|["']/.test(text)) result += `${text};`;
        }
        continue;
      }
      const decl = sanitizeDeclaration(text, base);
      if (decl !== null) result += `${decl};`;
      continue;
    }
    const prelude = css.slice(i, stop).trim();
    const end = blockEnd(css, stop);
    const body = css.slice(stop + 1, Math.max(stop + 1, end - 1));
    i = end;
    const decodedPrelude = decodeCss(prelude);
    if (/^@font-face/i.test(decodedPrelude)) {
      out.dropped.push(t('publishing.themePreview.dropped.webFont'));
      continue;
    }
    if (depth >= MAX_DEPTH || DANGEROUS.test(decodedPrelude) || /url\(/i.test(decodedPrelude)) continue;
    result += `${prelude}{${sanitizeBlock(body, base, out, depth + 1, false)}}`;
  }
  return result;
}

/** True when `url` is on the blog's own host (http or https, `www.` ignored). */
export function sameSite(url: string, base: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(base);
    const host = (h: string) => h.replace(/^www\./, '');
    return host(a.hostname) === host(b.hostname) && (a.protocol === 'https:' || a.protocol === 'http:');
  } catch {
    return false;
  }
}

/** `css` fetched from (or inlined in a page at) `baseUrl`, made safe and self-contained. */
export function sanitizeCss(css: string, baseUrl: string): SanitizedCss {
  const out: SanitizedCss = { css: '', imports: [], dropped: [] };
  out.css = sanitizeBlock(stripComments(css.replace(/^\uFEFF/, '')), baseUrl, out, 0, true);
  // Belt and braces: the whole result must not contain anything the checks above should have removed.
  if (DANGEROUS.test(decodeCss(out.css)) || /@import/i.test(decodeCss(out.css))) {
    return {
      css: '',
      imports: [],
      dropped: [...out.dropped, t('publishing.themePreview.dropped.uncleanable')],
    };
  }
  return out;
}
