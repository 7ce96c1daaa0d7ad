/** Pure helpers for the Ghost publisher: addresses, statuses, dates and NQL filters. */
import { PublishError } from '../http/PublishError';
import type { PostStatus, PostType } from '../types';
import { t } from '../../contract/i18n';

export type GhostStatus = 'draft' | 'published' | 'scheduled' | 'sent';

/**
 * The site's address as Ghost's API wants it: http(s), no trailing slash, no query or fragment,
 * and without Ghost Admin's own `/ghost/…` part (authors often paste the admin address).
 * A bare host gets https://.
 */
export function ghostSiteUrl(input: string): string {
  const raw = input.trim();
  // `example.com:2368` has no scheme; `mailto:…` and `ftp://…` have one Signet refuses.
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    url = new URL('invalid:');
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    url.username ||
    url.password
  ) {
    throw new PublishError('VALIDATION', t('error.ghost.notAnAddress', { input: raw }), {
      reason: 'bad-site-url',
    });
  }
  const path = url.pathname.replace(/\/ghost(\/.*)?$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Where the Admin API lives for a site: `https://example.com/ghost/api/admin/`. */
export function adminApiRoot(siteUrl: string): string {
  return `${ghostSiteUrl(siteUrl)}/ghost/api/admin/`;
}

/** Signet's status as Ghost's, or why Ghost cannot hold it. */
export function toGhostStatus(status: PostStatus, type: PostType, title: string, host: string): GhostStatus {
  switch (status) {
    case 'draft':
      return 'draft';
    case 'publish':
      return 'published';
    case 'future':
      return 'scheduled';
    case 'pending':
      throw new PublishError(
        'UNSUPPORTED',
        t('error.ghost.noPending', { title: title || t('error.publishing.thisItem', { type }), host }),
        { reason: 'status-pending' },
      );
    case 'private':
      throw new PublishError(
        'UNSUPPORTED',
        t('error.ghost.noPrivate', {
          type,
          title: title || t('error.publishing.thisItem', { type }),
          host,
        }),
        { reason: 'status-private' },
      );
  }
}

export function fromGhostStatus(status: string | undefined): PostStatus {
  if (status === 'published' || status === 'sent') return 'publish';
  if (status === 'scheduled') return 'future';
  return 'draft';
}

/** Ghost's dates (`2026-11-23T08:11:29.000Z`) as UTC ISO with milliseconds; null when absent or unreadable. */
export function ghostDateToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * An instant as Ghost's NQL compares dates (the database's `YYYY-MM-DD HH:MM:SS` in UTC), rounded
 * down to the second: an ISO string with a `T` silently matches nothing (observed).
 */
export function nqlDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms))
    throw new PublishError('VALIDATION', t('error.publishing.notADate', { value: iso }), {
      reason: 'bad-date',
    });
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A value quoted for an NQL filter: `'it\'s'`. */
export function nqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Tag names cleaned (spaces folded, trimmed) and without repeats (case-insensitively), first spelling kept. */
export function uniqueTagNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const clean = name.replace(/\s+/g, ' ').trim();
    const key = clean.toLocaleLowerCase();
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}
