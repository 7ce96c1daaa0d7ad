/**
 * Pure helpers of the Blogger publisher: Google's endpoints, the vault secret, times, statuses
 * and labels. No I/O here.
 */
import { PublishError } from '../http/PublishError';
import type { PostStatus, PostType, PublisherCapabilities } from '../types';
import { t } from '../../contract/i18n';

export const BLOGGER_SCOPE = 'https://www.googleapis.com/auth/blogger';

/** Where Signet talks to Google; tests point these at a fake on 127.0.0.1. */
export interface BloggerEndpoints {
  /** The API root; paths are `v3/...` below it. */
  apiRoot: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The `iss` Google puts in the authorization response. */
  issuer: string;
}

export const GOOGLE_ENDPOINTS: Readonly<BloggerEndpoints> = Object.freeze({
  apiRoot: 'https://blogger.googleapis.com/',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  issuer: 'https://accounts.google.com',
});

/** What every Blogger account can do (Blogger has no media upload, slug, excerpt or categories). */
export const BLOGGER_CAPABILITIES: Readonly<PublisherCapabilities> = Object.freeze({
  drafts: true,
  scheduling: true,
  pendingReview: false,
  privatePosts: false,
  pages: true,
  tags: true,
  categories: false,
  excerpt: false,
  slug: false,
  mediaUpload: false,
  featuredImage: false,
  canonicalUrl: false,
  // The discovery document offers no precondition (If-Match) on update: Signet compares `updated`.
  serverConflictDetection: false,
  delete: true,
  mediaLibrary: false,
  remotePosts: true,
  newsletter: false,
});

/**
 * Endpoints filled in from what an account stores, Google's where nothing is stored. The issuer
 * is Google's for Google's authorization endpoint, otherwise that endpoint's origin.
 */
export function endpointsFrom(stored: {
  restRoot?: string | undefined;
  authorizationEndpoint?: string | undefined;
  tokenEndpoint?: string | undefined;
}): BloggerEndpoints {
  const authorizationEndpoint = stored.authorizationEndpoint ?? GOOGLE_ENDPOINTS.authorizationEndpoint;
  const issuer =
    authorizationEndpoint === GOOGLE_ENDPOINTS.authorizationEndpoint
      ? GOOGLE_ENDPOINTS.issuer
      : new URL(authorizationEndpoint).origin;
  return {
    apiRoot: stored.restRoot ?? GOOGLE_ENDPOINTS.apiRoot,
    authorizationEndpoint,
    tokenEndpoint: stored.tokenEndpoint ?? GOOGLE_ENDPOINTS.tokenEndpoint,
    issuer,
  };
}

/**
 * Whether a URL may be used, and whether it is plain http on loopback (only a local fake may be
 * reached without TLS). Throws a sentence for anything else.
 */
export function isLoopbackHttp(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PublishError('VALIDATION', t('error.blogger.badEndpoint', { url }), {
      reason: 'bad-endpoint',
    });
  }
  if (u.protocol === 'https:') return false;
  if (u.protocol === 'http:' && u.hostname === '127.0.0.1') return true;
  throw new PublishError('VALIDATION', t('error.blogger.insecureEndpoint', { host: u.host }), {
    reason: 'insecure-endpoint',
  });
}

// ------------------------------------------------------------------ the vault secret

/** What the vault keeps for a Blogger account: the refresh token and the OAuth client's secret. */
export interface BloggerSecret {
  refreshToken: string;
  clientSecret?: string;
}

export function serializeBloggerSecret(secret: BloggerSecret): string {
  return JSON.stringify({
    v: 1,
    refreshToken: secret.refreshToken,
    ...(secret.clientSecret ? { clientSecret: secret.clientSecret } : {}),
  });
}

export function parseBloggerSecret(text: string): BloggerSecret {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const d = data as { refreshToken?: unknown; clientSecret?: unknown } | undefined;
  if (!d || typeof d !== 'object' || typeof d.refreshToken !== 'string' || d.refreshToken === '') {
    throw new PublishError('AUTH_FAILED', t('error.blogger.secretUnreadable'), { reason: 'bad-secret' });
  }
  return {
    refreshToken: d.refreshToken,
    ...(typeof d.clientSecret === 'string' && d.clientSecret !== '' && { clientSecret: d.clientSecret }),
  };
}

// ------------------------------------------------------------------ times

/** A Blogger RFC 3339 time (`2026-11-23T00:10:51.123-08:00`) as UTC ISO, or null. */
export function toUtcIso(value: string | undefined | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The fixed offset a Blogger time is written in (`-08:00`), or `UTC`; null when none is written. */
export function offsetOf(value: string | undefined): string | null {
  const m = /(Z|[+-]\d{2}:\d{2})$/.exec(value ?? '');
  if (!m?.[1]) return null;
  return m[1] === 'Z' || m[1] === '+00:00' || m[1] === '-00:00' ? 'UTC' : m[1];
}

/** The server's copy changed after `knownIso` (Blogger's `updated` has milliseconds; compared in full). */
export function changedSince(serverIso: string, knownIso: string): boolean {
  const server = Date.parse(serverIso);
  const known = Date.parse(knownIso);
  if (Number.isNaN(known)) return true;
  return server > known;
}

// ------------------------------------------------------------------ statuses

export type BloggerStatus = 'LIVE' | 'DRAFT' | 'SCHEDULED' | 'SOFT_TRASHED';

export function fromBloggerStatus(status: string): PostStatus | 'trash' {
  switch (status) {
    case 'LIVE':
      return 'publish';
    case 'SCHEDULED':
      return 'future';
    case 'SOFT_TRASHED':
      return 'trash';
    default:
      return 'draft';
  }
}

/** Blogger's list statuses for Signet's; pages have no schedule. Pending and private have no match. */
export function toBloggerStatuses(statuses: readonly PostStatus[], type: PostType): BloggerStatus[] {
  const out = new Set<BloggerStatus>();
  for (const s of statuses) {
    if (s === 'publish') out.add('LIVE');
    else if (s === 'draft') out.add('DRAFT');
    else if (s === 'future' && type === 'post') out.add('SCHEDULED');
  }
  return [...out];
}

// ------------------------------------------------------------------ labels

/** Blogger's limit for all of a post's labels, joined with commas. */
export const LABELS_MAX_CHARS = 200;

/**
 * Signet's tags as Blogger labels: trimmed, empty ones dropped, the same label once (Blogger
 * compares them without case). A comma cannot be in a label, and all of them together may have at
 * most 200 characters: both are refused with a sentence before anything is sent.
 */
export function labelsFor(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const label = tag.replace(/\s+/g, ' ').trim();
    if (!label) continue;
    if (label.includes(',')) {
      throw new PublishError('VALIDATION', t('error.blogger.labelComma', { tag: label }), {
        reason: 'label-comma',
      });
    }
    if (!out.some((o) => o.toLowerCase() === label.toLowerCase())) out.push(label);
  }
  const length = out.join(',').length;
  if (length > LABELS_MAX_CHARS) {
    throw new PublishError(
      'VALIDATION',
      t('error.blogger.labelsTooLong', { max: LABELS_MAX_CHARS, length }),
      { reason: 'labels-too-long' },
    );
  }
  return out;
}

/** “this post” / “this page”, for messages. */
export function nounOf(type: PostType): string {
  return t('error.publishing.thisItem', { type });
}

/** Blogger ids are 64-bit integers in decimal; anything else cannot be on the blog. */
export function bloggerId(remoteId: string, type: PostType): string {
  if (!/^\d{1,20}$/.test(remoteId)) {
    throw new PublishError('NOT_FOUND', t('error.blogger.badId', { id: remoteId, type }), {
      reason: 'bad-id',
    });
  }
  return remoteId;
}
