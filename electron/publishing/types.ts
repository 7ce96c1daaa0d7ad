/**
 * What every publishing platform implements. The UI and the outbox branch on `capabilities`,
 * never on a platform's name. Adding a platform = one folder + one line in the registry.
 */

import type { PlatformId, PostType, PublishStatus, PublisherCapabilities } from '../contract/publishing';

export type { PlatformId, PostType, PublisherCapabilities };
/** The post statuses Signet offers; each platform maps them to its own. */
export type PostStatus = PublishStatus;

/** The post as a destination will receive it: composed HTML with remote image URLs. */
export interface OutgoingPost {
  type: PostType;
  title: string;
  /** Final HTML (or Gutenberg block markup) with remote image URLs. */
  content: string;
  excerpt?: string;
  slug?: string;
  status: PostStatus;
  /** UTC ISO date-time; for `future` the time it goes live. */
  dateGmt?: string;
  /** Term names; the publisher finds or creates them. */
  tags: string[];
  categories: string[];
  /** The remote media id of the featured image. */
  featuredMediaId?: string;
  canonicalUrl?: string;
  /**
   * Ghost: the slug of the newsletter to email this post to when it is published. Absent (the
   * default): no email is sent. Platforms without newsletters ignore it.
   */
  newsletter?: string;
}

/** A post as the server has it. */
export interface RemotePost {
  remoteId: string;
  type: PostType;
  title: string;
  /** Raw stored content (block markup or HTML). */
  content: string;
  excerpt: string;
  slug: string;
  status: PostStatus | 'trash';
  /** UTC ISO. */
  dateGmt: string | null;
  /** UTC ISO; the server's own modification time, compared before an update. */
  modifiedGmt: string;
  permalink: string;
  tags: string[];
  categories: string[];
  featuredMediaId: string | null;
}

export interface RemotePostPage {
  items: RemotePost[];
  total: number;
  totalPages: number;
}

export interface RemoteMedia {
  remoteId: string;
  url: string;
  altText: string;
  title: string;
  mimeType: string;
  width?: number;
  height?: number;
  /** UTC ISO: when it was uploaded (known to the lookups). */
  uploadedGmt?: string;
  /** Bytes of the stored file, when the blog tells it. */
  fileSize?: number;
}

export interface RemoteTerm {
  id: string;
  name: string;
  slug: string;
  count?: number;
}

export interface SiteIdentity {
  name: string;
  url: string;
  /** The signed-in user's display name and login. */
  userName: string;
  userLogin: string;
  /** IANA zone (`Europe/Berlin`) or a fixed offset (`+02:00`). */
  timeZone: string;
}

export interface ListPostsQuery {
  type: PostType;
  page: number;
  perPage: number;
  search?: string;
  status?: Array<PostStatus>;
}

/** What `findRecentPosts` looks for: a post this login may have created moments ago. */
export interface RecentPostsQuery {
  type: PostType;
  /** UTC ISO: only posts created or changed at or after this instant. */
  since: string;
  /** Narrows the search by a word of the title (the server's own search). */
  search?: string;
}

/** What `findRecentMedia` looks for: a file this login may have uploaded moments ago. */
export interface RecentMediaQuery {
  /** The file name as given to `uploadMedia` (the publisher cleans it the same way). */
  fileName: string;
  mimeType: string;
  /** UTC ISO: only items uploaded at or after this instant. */
  since: string;
}

export interface Publisher {
  readonly capabilities: PublisherCapabilities;
  verify(): Promise<SiteIdentity>;
  createPost(post: OutgoingPost): Promise<RemotePost>;
  /** Refuses (PublishError `CONFLICT`) when the post changed on the server after `ifUnmodifiedSince`. */
  updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost>;
  getPost(remoteId: string, type: PostType): Promise<RemotePost>;
  listPosts(query: ListPostsQuery): Promise<RemotePostPage>;
  /** Moves to the trash, or deletes for good with `force`. */
  deletePost(remoteId: string, type: PostType, options: { force: boolean }): Promise<void>;
  uploadMedia(file: {
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    altText: string;
  }): Promise<RemoteMedia>;
  listMedia(query: {
    page: number;
    perPage: number;
    search?: string;
  }): Promise<{ items: RemoteMedia[]; totalPages: number }>;
  searchTerms(taxonomy: 'tags' | 'categories', search: string): Promise<RemoteTerm[]>;
  createTerm(taxonomy: 'tags' | 'categories', name: string): Promise<RemoteTerm>;
  /**
   * This login's posts of one type, in any status (the trash too), created or changed at or after
   * `since`, newest first: where a create whose answer was lost would be (no idempotency key
   * exists, so the outbox looks before it creates again).
   */
  findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]>;
  /** Media items named like `fileName` (the blog may have added `-1`, `-scaled`) uploaded at or after `since`. */
  findRecentMedia(query: RecentMediaQuery): Promise<RemoteMedia[]>;
}

/**
 * One request that changes the blog, recorded (on disk, by the outbox) before it is sent and
 * cleared once its answer is stored in the draft. `contentHash` is `journalHash(title, content)`
 * of what was sent.
 */
export type JournalStep =
  | { step: 'upload'; fileName: string; startedAt: string }
  | { step: 'create'; startedAt: string; title: string; contentHash: string }
  | { step: 'update'; startedAt: string; remoteId: string; contentHash: string }
  | { step: 'delete'; startedAt: string; remoteId: string };

/**
 * How publishing tells the outbox what it is about to send (`begin`) and that the answer is stored
 * (`settle`), and learns what an earlier attempt left unclear (sent, answer never received), so it
 * looks on the blog before repeating it. The outbox's `JobJournal` is one.
 */
export interface PublishJournal {
  readonly unclear: JournalStep | undefined;
  begin(step: JournalStep): Promise<void>;
  settle(): Promise<void>;
  /** Each step of the publish as it starts (the outbox turns it into `jobProgress`). */
  progress?(step: 'compose' | 'upload' | 'send', message: string, done: number, total: number): void;
}

/** For callers outside the outbox: nothing recorded, nothing unclear. */
export const NO_JOURNAL: PublishJournal = Object.freeze({
  unclear: undefined,
  begin: async () => {},
  settle: async () => {},
});
