/**
 * Link addresses the editor accepts. Blog posts only ever need web and email links, and anything
 * else (javascript:, data:, file:, custom app schemes) is either dangerous or meaningless to a
 * reader, so the allow-list is deliberately short.
 */

import { isTemplateLinkUrl } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';

export type LinkUrlResult = { ok: true; url: string } | { ok: false; message: string };

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** True when `url` is a complete http(s) or mailto URL that may be stored in a link. */
export function isAllowedLinkUrl(url: string): boolean {
  // Control characters and whitespace survive URL parsing in odd ways (e.g. "java\tscript:"), so
  // refuse them outright rather than trusting the parser to normalise them safely.
  if (url.length === 0 || /[\s\p{Cc}]/u.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.hostname.length > 0;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
// A bare host the author typed without a scheme: "example.com", "example.com/path", "localhost:3000".
const BARE_HOST = /^(localhost|[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+)(:\d{1,5})?([/?#]\S*)?$/u;

/**
 * Turns what the author typed into a stored link address, or explains why it cannot be one.
 * Adds `https://` to bare host names and `mailto:` to email addresses because that is what
 * authors mean when they paste "example.com" or "me@example.com".
 */
export function validateLinkUrl(input: string, options: { allowTemplates?: boolean } = {}): LinkUrlResult {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, message: t('editor.link.error.empty') };
  // In a snippet: `{{post.originalUrl}}`, `mailto:{{author.email}}`, filled in when it is used.
  if (options.allowTemplates === true && isTemplateLinkUrl(raw)) return { ok: true, url: raw };
  if (/\s/.test(raw)) return { ok: false, message: t('editor.link.error.spaces') };

  let candidate = raw;
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  // "localhost:3000" and "example.com:8080" parse as a scheme followed by a port; treat those as hosts.
  const isHostWithPort = scheme !== undefined && /^[^:]+:\d{1,5}([/?#]|$)/.test(raw);
  if (scheme === undefined || isHostWithPort) {
    if (EMAIL.test(raw)) candidate = `mailto:${raw}`;
    else if (raw.startsWith('//')) candidate = `https:${raw}`;
    else if (BARE_HOST.test(raw)) candidate = `https://${raw}`;
    else {
      return {
        ok: false,
        message: t('editor.link.error.notAddress'),
      };
    }
  } else if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') {
    return {
      ok: false,
      message: t('editor.link.error.scheme', { scheme }),
    };
  }

  if (!isAllowedLinkUrl(candidate)) {
    return { ok: false, message: t('editor.link.error.malformed') };
  }
  return { ok: true, url: candidate };
}
