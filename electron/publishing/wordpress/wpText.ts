/** Small conversions between WordPress's stored forms and Signet’s. */
import { decodeXmlEntities } from '../http/xml';
import { PublishError } from '../http/PublishError';
import type { PostType } from '../types';
import { t } from '../../contract/i18n';

/**
 * WordPress stores some text HTML-escaped (a tag "R&D" is saved as `R&amp;D`); this gives the
 * text back as the author typed it.
 */
export function decodeWpText(text: string): string {
  return decodeXmlEntities(text.replace(/&nbsp;/g, '\u00a0'));
}

/**
 * The key two term names are equal by, the way WordPress decides a term exists: markup removed
 * (WordPress strips it on save), entities decoded, whitespace collapsed, case ignored.
 */
export function termKey(name: string): string {
  return decodeWpText(name.replace(/<[^>]*>/g, ''))
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The longest run of letters, digits, `-` and `_` in a name: what WordPress's search can match. */
export function searchWord(name: string): string {
  const words = name.match(/[\p{L}\p{N}_-]+/gu) ?? [];
  return words.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** WordPress's `gmt_offset` (hours, may be fractional) as `+05:30`. */
export function offsetToZone(hours: number): string {
  const sign = hours < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(hours) * 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

/** The site's zone from the REST index: `timezone_string` if set, else the offset. */
export function siteTimeZone(timezoneString: unknown, gmtOffset: unknown): string | null {
  if (typeof timezoneString === 'string' && timezoneString.trim()) return timezoneString.trim();
  const offset = typeof gmtOffset === 'string' ? Number(gmtOffset) : gmtOffset;
  return typeof offset === 'number' && Number.isFinite(offset) ? offsetToZone(offset) : null;
}

/** REST `date_gmt` / `modified_gmt` (`2026-11-23T03:50:54`, UTC without a zone) → UTC ISO. */
export function restGmtToIso(value: unknown): string | null {
  if (typeof value !== 'string' || !value || value.startsWith('0000')) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(hasZone ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A UTC ISO instant as WordPress's `date_gmt` (`YYYY-MM-DDTHH:MM:SS`). */
export function isoToRestGmt(iso: string, host: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new PublishError('VALIDATION', t('error.wordpress.badDate', { date: iso, host }), {
      reason: 'bad-date',
    });
  }
  return new Date(ms).toISOString().slice(0, 19);
}

/** Compares two instants to the second (WordPress keeps `modified_gmt` to the second). */
export function isNewerThan(serverIso: string, knownIso: string): boolean {
  const server = Math.floor(Date.parse(serverIso) / 1000);
  const known = Math.floor(Date.parse(knownIso) / 1000);
  if (Number.isNaN(known)) return true;
  return server > known;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Names without blanks and duplicates (by `termKey`), first spelling kept. */
export function uniqueTermNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = termKey(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** "this post" / "this page", for messages. */
export function postNoun(type: PostType): string {
  return t('error.publishing.thisItem', { type });
}

/** A stored remote id as WordPress's numeric post id; anything else cannot be on the blog. */
export function wordpressPostId(remoteId: string): number {
  const n = Number(remoteId);
  if (!Number.isInteger(n) || n <= 0) {
    throw new PublishError('NOT_FOUND', t('error.wordpress.badPostId', { id: remoteId }), {
      reason: 'bad-id',
    });
  }
  return n;
}
