/**
 * What every publishing platform implements. The UI and the outbox branch on `capabilities`,
 * never on a platform's name. Adding a platform = one folder + one line in the registry.
 */

import type { PostType, PublishStatus, PublisherCapabilities } from '../contract/publishing';

export type { PostType, PublisherCapabilities };
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
}
