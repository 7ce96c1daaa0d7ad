/**
 * Exactly once without an idempotency key: what the publish path records before a request that
 * changes the blog, and how it recognises on the blog the result of a request whose answer was
 * lost (a timeout, a reset, a 5xx after sending, the app killed mid-request).
 */
import { createHash } from 'node:crypto';

import type { RemoteMedia, RemotePost } from './types';
import { decodeWpText } from './wordpress/wpText';

/**
 * How far the blog's clock may be behind this computer's: a lookup accepts what the blog dates
 * this much before the step started.
 */
export const LOOKUP_SKEW_MS = 10 * 60_000;

/** Whitespace collapsed, entities decoded, NFC: the blog may store text a little differently. */
export function normalizeForCompare(text: string): string {
  return decodeWpText(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The hash of a post's title and content as sent, compared (normalized) with what the blog holds. */
export function journalHash(title: string, content: string): string {
  return createHash('sha256')
    .update(JSON.stringify([normalizeForCompare(title), normalizeForCompare(content)]))
    .digest('hex');
}

export function postHash(post: Pick<RemotePost, 'title' | 'content'>): string {
  return journalHash(post.title, post.content);
}

/** `startedAt` minus the skew, as an ISO instant. */
export function lookupSince(startedAt: string): string {
  const ms = Date.parse(startedAt);
  return new Date((Number.isNaN(ms) ? Date.now() : ms) - LOOKUP_SKEW_MS).toISOString();
}

/**
 * The post a lost create made, among this user's recent posts: same title (normalized), not
 * already linked to a draft, created at or after `since`; one whose title and content hash to
 * what was sent wins, else the earliest with the title (the blog may have filtered the content,
 * so it is not always comparable).
 */
export function pickLostPost(
  candidates: readonly RemotePost[],
  sent: { title: string; contentHash: string },
  options: { since: string; linked: ReadonlySet<string> },
): RemotePost | null {
  const since = Math.floor(Date.parse(options.since) / 1000);
  const title = normalizeForCompare(sent.title);
  const fits = candidates.filter((post) => {
    if (options.linked.has(post.remoteId)) return false;
    if (normalizeForCompare(post.title) !== title) return false;
    // A scheduled post is dated in the future; any other new post is dated when it was created.
    const dated = post.dateGmt ? Math.floor(Date.parse(post.dateGmt) / 1000) : Infinity;
    return post.status === 'future' || dated >= since;
  });
  const exact = fits.filter((post) => postHash(post) === sent.contentHash);
  const pool = exact.length > 0 ? exact : fits;
  return [...pool].sort((a, b) => Number(a.remoteId) - Number(b.remoteId))[0] ?? null;
}

/** The media item a lost upload made: not known to any draft, the same size when the blog tells it. */
export function pickLostMedia(
  candidates: readonly RemoteMedia[],
  sent: { bytes: number },
  options: { known: ReadonlySet<string> },
): RemoteMedia | null {
  const fits = candidates.filter(
    (m) => !options.known.has(m.remoteId) && (m.fileSize === undefined || m.fileSize === sent.bytes),
  );
  return [...fits].sort((a, b) => Number(a.remoteId) - Number(b.remoteId))[0] ?? null;
}
