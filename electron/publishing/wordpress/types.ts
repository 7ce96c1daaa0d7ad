import type { Publisher, PublisherCapabilities } from '../types';
import type { PublishErrorCode } from '../http/PublishError';

export type WordPressTransport = 'rest' | 'xmlrpc';

/** Why one of the two APIs cannot be used, as found by discovery (shown, never thrown). */
export interface ApiProblem {
  code: PublishErrorCode;
  message: string;
}

/** What `discoverWordPress` learns about a site without signing in. */
export interface WordPressSite {
  /** The canonical home URL (WordPress's `home`, no trailing slash). */
  siteUrl: string;
  name: string;
  /** e.g. `https://example.com/wp-json/` or `https://example.com/?rest_route=/`; null when unusable. */
  restRoot: string | null;
  xmlrpcUrl: string | null;
  /** Application Passwords are on (the REST index announces them). */
  applicationPasswords: boolean;
  /** `…/wp-admin/authorize-application.php`, when the site offers sign-in without pasting. */
  authorizeUrl: string | null;
  /** IANA zone, or a fixed offset like `+01:00`; null when the REST index could not be read. */
  timeZone: string | null;
  isMultisite?: boolean;
  /** Why REST is not usable (a firewall, a server error), when the site is WordPress but REST is not. */
  restProblem: ApiProblem | null;
  xmlrpcProblem: ApiProblem | null;
}

/** One blog the login may publish to (a multisite network has several). */
export interface WordPressBlog {
  blogId: string;
  name: string;
  url: string;
  xmlrpcUrl: string;
  isAdmin: boolean;
}

/** The non-secret settings of a WordPress account (spread an account's `api` into it). */
export interface WordPressConfig {
  siteUrl: string;
  userLogin: string;
  transport: WordPressTransport | 'auto';
  restRoot?: string | null;
  xmlrpcUrl?: string | null;
  /** A blog of a multisite network (XML-RPC); default 1. */
  blogId?: string;
  /** Known from discovery; XML-RPC alone only tells a fixed offset. */
  timeZone?: string | null;
  /** Known from discovery; lets a refused login say "application passwords are off". */
  applicationPasswords?: boolean;
  timeoutMs?: number;
}

export interface WordPressPublisher extends Publisher {
  readonly transport: WordPressTransport;
  /** Every blog this login can publish to (XML-RPC `wp.getUsersBlogs`; REST alone knows only this one). */
  listUsersBlogs(): Promise<WordPressBlog[]>;
}

const COMMON: Omit<PublisherCapabilities, 'serverConflictDetection'> = {
  drafts: true,
  scheduling: true,
  pendingReview: true,
  privatePosts: true,
  pages: true,
  tags: true,
  categories: true,
  excerpt: true,
  slug: true,
  mediaUpload: true,
  featuredImage: true,
  canonicalUrl: false,
  delete: true,
  mediaLibrary: true,
  remotePosts: true,
  newsletter: false,
};

/** REST has no stale-write check: Signet compares `modified_gmt` itself before an update. */
export const REST_CAPABILITIES: PublisherCapabilities = Object.freeze({
  ...COMMON,
  serverConflictDetection: false,
});
/** `wp.editPost` refuses a stale edit itself (`if_not_modified_since` → fault 409). */
export const XMLRPC_CAPABILITIES: PublisherCapabilities = Object.freeze({
  ...COMMON,
  serverConflictDetection: true,
});
