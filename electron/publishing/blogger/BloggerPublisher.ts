/**
 * Publishing to one Blogger blog through Blogger API v3 with a Google OAuth access token.
 *
 * Blogger's model: a post is inserted as a draft (`isDraft=true`) or live; `publish` (with
 * `publishDate`, in the future = scheduled) and `revert` (back to draft) move it between states;
 * `update` (PUT) replaces title, content and labels. Pages work the same way but cannot be
 * scheduled. There is no media upload, slug, excerpt, featured image or category, and no
 * stale-write check: before an update Signet reads `updated` and refuses when the blog's copy is
 * newer than the one it last wrote (as for WordPress REST).
 */
import { z } from 'zod';
import { HttpClient, parseJsonLenient, type FetchPort, type HttpResponse } from '../http/HttpClient';
import { PublishError } from '../http/PublishError';
import type {
  ListPostsQuery,
  OutgoingPost,
  PostStatus,
  PostType,
  Publisher,
  RecentMediaQuery,
  RecentPostsQuery,
  RemoteMedia,
  RemotePost,
  RemotePostPage,
  RemoteTerm,
  SiteIdentity,
} from '../types';
import { badBloggerResponse, bloggerApiError, bloggerConflict, signInAgain } from './bloggerErrors';
import type { GoogleTokens } from './bloggerOAuth';
import {
  BLOGGER_CAPABILITIES,
  bloggerId,
  changedSince,
  fromBloggerStatus,
  labelsFor,
  nounOf,
  offsetOf,
  toBloggerStatuses,
  toUtcIso,
  type BloggerStatus,
} from './bloggerText';
import { t } from '../../contract/i18n';

export interface BloggerPublisherOptions {
  /** Blogger's id of the blog (account.api.blogId). */
  blogId: string;
  /** `https://blogger.googleapis.com/` (the fake's origin in tests). */
  apiRoot: string;
  tokens: GoogleTokens;
  fetch: FetchPort;
  timeoutMs?: number | undefined;
  clock: () => Date;
}

const entrySchema = z
  .object({
    id: z.string(),
    title: z.string().optional(),
    content: z.string().optional(),
    labels: z.array(z.string()).optional(),
    published: z.string().optional(),
    updated: z.string().optional(),
    url: z.string().optional(),
    status: z.string().optional(),
    etag: z.string().optional(),
    author: z.object({ id: z.string().optional() }).loose().optional(),
  })
  .loose();
type Entry = z.infer<typeof entrySchema>;
const listSchema = z
  .object({ items: z.array(entrySchema).optional(), nextPageToken: z.string().optional() })
  .loose();
const blogSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    url: z.string().optional(),
    updated: z.string().optional(),
  })
  .loose();
const blogListSchema = z.object({ items: z.array(blogSchema).optional() }).loose();
const userSchema = z.object({ id: z.string(), displayName: z.string().optional() }).loose();
export type BloggerBlog = z.infer<typeof blogSchema>;

/** Posts of 50 a lookup reads at most: a lost create is among this user's newest posts. */
const LOOKUP_PAGE_SIZE = 50;
const LOOKUP_PAGES = 5;
const ALL_POST_STATUSES: BloggerStatus[] = ['LIVE', 'DRAFT', 'SCHEDULED', 'SOFT_TRASHED'];
const ALL_PAGE_STATUSES: BloggerStatus[] = ['LIVE', 'DRAFT', 'SOFT_TRASHED'];

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

interface CallOptions {
  query?: Query;
  json?: unknown;
  /** For NOT_FOUND: "this post". */
  what?: string;
}

export class BloggerPublisher implements Publisher {
  readonly capabilities = BLOGGER_CAPABILITIES;
  private readonly http: HttpClient;
  private userId: string | undefined;
  /** Page tokens already seen by `listPosts`, per query: `tokens[n]` opens page n + 2. */
  private readonly pageTokens = new Map<string, string[]>();

  constructor(private readonly options: BloggerPublisherOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
  }

  // ---------------------------------------------------------------- plumbing

  private url(path: string, query: Query = {}): string {
    const url = new URL(path.replace(/^\/+/, ''), this.options.apiRoot);
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v as readonly string[]) url.searchParams.append(k, item);
      else url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  /** One API request with the access token; a 401 renews the token and tries once more. */
  async call(
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<{ data: unknown; res: HttpResponse }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json; charset=UTF-8';
      body = JSON.stringify(opts.json);
    }
    const url = this.url(path, opts.query);
    let res: HttpResponse | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.options.tokens.accessToken();
      res = await this.http.send({
        url,
        method,
        headers: { ...headers, authorization: `Bearer ${token}` },
        ...(body !== undefined && { body }),
      });
      if (res.status !== 401) break;
      this.options.tokens.invalidate(token);
    }
    if (!res) throw new Error('unreachable');
    if (res.status === 401) throw signInAgain('unauthorized', 401);
    if (res.status < 200 || res.status >= 300) throw bloggerApiError(res, opts.what);
    if (res.status === 204 || res.text.trim() === '') return { data: undefined, res };
    const data = parseJsonLenient(res.text);
    if (data === undefined) throw badBloggerResponse(res, 'no JSON');
    return { data, res };
  }

  private parse<T>(schema: z.ZodType<T>, data: unknown, res: HttpResponse, what: string): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw badBloggerResponse(res, `unexpected ${what}`);
    return parsed.data;
  }

  private base(type: PostType): string {
    return `v3/blogs/${encodeURIComponent(this.options.blogId)}/${type === 'page' ? 'pages' : 'posts'}`;
  }

  private now(): number {
    return this.options.clock().getTime();
  }

  /**
   * A Blogger entry as Signet's RemotePost. `status` is only in answers to `view=ADMIN` reads;
   * after a write, `assumed` (what the write did) stands in for it.
   */
  private toRemotePost(e: Entry, type: PostType, res: HttpResponse, assumed?: PostStatus): RemotePost {
    const modified = toUtcIso(e.updated);
    if (!modified) throw badBloggerResponse(res, `a ${type} without a modification time`);
    const status = e.status ? fromBloggerStatus(e.status) : (assumed ?? 'draft');
    return {
      remoteId: e.id,
      type,
      title: e.title ?? '',
      content: e.content ?? '',
      excerpt: '',
      slug: '',
      status,
      dateGmt: toUtcIso(e.published),
      modifiedGmt: modified,
      permalink: e.url ?? '',
      tags: type === 'post' ? (e.labels ?? []) : [],
      categories: [],
      featuredMediaId: null,
    };
  }

  /** What a publish did: scheduled when its date is still ahead. */
  private publishedStatus(e: Entry): PostStatus {
    const at = e.published ? Date.parse(e.published) : Number.NaN;
    return !Number.isNaN(at) && at > this.now() ? 'future' : 'publish';
  }

  // ---------------------------------------------------------------- identity

  /** The signed-in Google user (`users/self`). */
  async user(): Promise<{ id: string; displayName: string }> {
    const { data, res } = await this.call('GET', 'v3/users/self');
    const u = this.parse(userSchema, data, res, 'user');
    this.userId = u.id;
    return { id: u.id, displayName: u.displayName ?? '' };
  }

  /** Every blog this Google account may publish to (`blogs.listByUser self`). */
  async listBlogs(): Promise<BloggerBlog[]> {
    const { data, res } = await this.call('GET', 'v3/users/self/blogs', { query: { view: 'AUTHOR' } });
    return this.parse(blogListSchema, data, res, 'blog list').items ?? [];
  }

  async verify(): Promise<SiteIdentity> {
    const [user, blog] = await Promise.all([
      this.user(),
      this.call('GET', `v3/blogs/${encodeURIComponent(this.options.blogId)}`, {
        what: t('error.blogger.thisBlog'),
      }),
    ]);
    const b = this.parse(blogSchema, blog.data, blog.res, 'blog');
    return {
      name: b.name ?? '',
      url: (b.url ?? '').replace(/\/+$/, ''),
      userName: user.displayName,
      userLogin: user.id,
      // Blogger does not name the blog's zone; its times carry the offset they were written in.
      timeZone: offsetOf(b.updated) ?? 'UTC',
    };
  }

  // ---------------------------------------------------------------- posts

  private checkStatus(post: OutgoingPost): void {
    if (post.status === 'pending' || post.status === 'private') {
      throw new PublishError(
        'VALIDATION',
        t('error.blogger.noStatus', { status: post.status, type: post.type }),
        { reason: `unsupported-status-${post.status}` },
      );
    }
    if (post.status === 'future' && !post.dateGmt) {
      throw new PublishError(
        'VALIDATION',
        t('error.publishing.scheduleNeedsDate', {
          title: post.title || t('error.publishing.thisItem', { type: post.type }),
          host: 'Blogger',
        }),
        { reason: 'future-without-date' },
      );
    }
    if (post.type === 'page' && post.status === 'future' && Date.parse(post.dateGmt ?? '') > this.now()) {
      throw new PublishError(
        'VALIDATION',
        t('error.blogger.noPageScheduling', {
          title: post.title || t('error.publishing.thisItem', { type: 'page' }),
        }),
        { reason: 'page-scheduling' },
      );
    }
  }

  private body(post: OutgoingPost): Record<string, unknown> {
    const body: Record<string, unknown> = { title: post.title, content: post.content };
    if (post.type === 'post') body.labels = labelsFor(post.tags);
    return body;
  }

  /** The date a publish should carry: the requested one, or none (now). Pages take no date. */
  private publishDate(post: OutgoingPost): string | undefined {
    if (post.type === 'page' || !post.dateGmt) return undefined;
    if (post.status !== 'future' && post.status !== 'publish') return undefined;
    const ms = Date.parse(post.dateGmt);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }

  private async publishEntry(type: PostType, id: string, publishDate: string | undefined) {
    const { data, res } = await this.call('POST', `${this.base(type)}/${id}/publish`, {
      query: { publishDate },
      what: nounOf(type),
    });
    const e = this.parse(entrySchema, data, res, type);
    return this.toRemotePost(e, type, res, this.publishedStatus(e));
  }

  private async revertEntry(type: PostType, id: string) {
    const { data, res } = await this.call('POST', `${this.base(type)}/${id}/revert`, { what: nounOf(type) });
    return this.toRemotePost(this.parse(entrySchema, data, res, type), type, res, 'draft');
  }

  /** A step after the post exists failed: the error carries its id, so the outbox can finish it. */
  private written(error: unknown, remoteId: string, type: PostType): unknown {
    if (!(error instanceof PublishError) || error.remoteId) return error;
    return new PublishError(error.code, t('error.blogger.savedAsDraft', { message: error.message, type }), {
      retryable: error.retryable,
      uncertain: error.uncertain,
      remoteId,
      ...(error.status !== undefined && { status: error.status }),
      ...(error.reason !== undefined && { reason: error.reason }),
      ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      cause: error,
    });
  }

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    this.checkStatus(post);
    const body = this.body(post);
    const date = this.publishDate(post);
    // Published now: one request. A draft, or a dated publish: insert a draft, then publish it.
    const liveAtOnce = post.status === 'publish' && !date;
    const { data, res } = await this.call('POST', this.base(post.type), {
      query: liveAtOnce ? {} : { isDraft: true },
      json: body,
    });
    const created = this.toRemotePost(
      this.parse(entrySchema, data, res, post.type),
      post.type,
      res,
      liveAtOnce ? 'publish' : 'draft',
    );
    if (post.status === 'draft' || liveAtOnce) return created;
    try {
      return await this.publishEntry(post.type, created.remoteId, date);
    } catch (error) {
      throw this.written(error, created.remoteId, post.type);
    }
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    const id = bloggerId(remoteId, post.type);
    this.checkStatus(post);
    const body = this.body(post);
    // Blogger has no stale-write check (and the status only comes with view=ADMIN): read first.
    const current = await this.readEntry(id, post.type, false);
    if (options.ifUnmodifiedSince && changedSince(current.modifiedGmt, options.ifUnmodifiedSince)) {
      throw bloggerConflict(post.type, {
        remoteModifiedGmt: current.modifiedGmt,
        remoteTitle: current.title,
        remoteStatus: current.status,
        permalink: current.permalink,
      });
    }
    if (current.status === 'trash') {
      throw new PublishError('NOT_FOUND', t('error.blogger.inTrash', { type: post.type }), {
        reason: 'in-trash',
      });
    }
    const { data, res } = await this.call('PUT', `${this.base(post.type)}/${id}`, {
      json: { id, ...body },
      what: nounOf(post.type),
    });
    let result = this.toRemotePost(
      this.parse(entrySchema, data, res, post.type),
      post.type,
      res,
      current.status as PostStatus,
    );
    const date = this.publishDate(post);
    const want = post.status;
    if (want === 'draft') {
      if (current.status === 'publish' || current.status === 'future')
        result = await this.revertEntry(post.type, id);
    } else if (current.status === 'draft') {
      result = await this.publishEntry(post.type, id, date);
    } else if (want === 'future' || (date && current.status === 'future')) {
      // A new time for a scheduled (or live) post: back to draft, then publish at that time.
      if (!current.dateGmt || !date || Date.parse(current.dateGmt) !== Date.parse(date)) {
        await this.revertEntry(post.type, id);
        result = await this.publishEntry(post.type, id, date);
      }
    } else if (current.status === 'future') {
      // Scheduled, now to be published at once.
      result = await this.publishEntry(post.type, id, undefined);
    }
    return result;
  }

  private async readEntry(id: string, type: PostType, fetchBody: boolean): Promise<RemotePost> {
    const { data, res } = await this.call('GET', `${this.base(type)}/${id}`, {
      query: { view: 'ADMIN', ...(type === 'post' && !fetchBody && { fetchBody: false }) },
      what: nounOf(type),
    });
    return this.toRemotePost(this.parse(entrySchema, data, res, type), type, res);
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    return this.readEntry(bloggerId(remoteId, type), type, true);
  }

  /** One page of a list; `token` continues where the last page ended. */
  private async listPage(
    type: PostType,
    statuses: readonly BloggerStatus[],
    maxResults: number,
    token: string | undefined,
    extra: Query = {},
  ): Promise<{ items: RemotePost[]; entries: Entry[]; next: string | undefined }> {
    const { data, res } = await this.call('GET', this.base(type), {
      query: { view: 'ADMIN', status: statuses, maxResults, pageToken: token, ...extra },
    });
    const list = this.parse(listSchema, data, res, `${type} list`);
    const entries = list.items ?? [];
    return {
      items: entries.map((e) => this.toRemotePost(e, type, res)),
      entries,
      next: list.nextPageToken || undefined,
    };
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    const perPage = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    const all =
      query.type === 'page'
        ? ALL_PAGE_STATUSES.filter((s) => s !== 'SOFT_TRASHED')
        : ALL_POST_STATUSES.slice(0, 3);
    const statuses = query.status?.length ? toBloggerStatuses(query.status, query.type) : all;
    if (statuses.length === 0) return { items: [], total: 0, totalPages: 0 };
    // Blogger pages with tokens: walk to page n once, then remember the tokens.
    const key = JSON.stringify([query.type, statuses, perPage]);
    const tokens = this.pageTokens.get(key) ?? [];
    this.pageTokens.set(key, tokens);
    const extra: Query = query.type === 'post' ? { orderBy: 'UPDATED' } : {};
    let token: string | undefined;
    for (let p = 1; p < page; p++) {
      const known = tokens[p - 1];
      if (known) {
        token = known;
        continue;
      }
      const skipped = await this.listPage(query.type, statuses, perPage, token, {
        ...extra,
        fetchBodies: false,
      });
      if (!skipped.next) return { items: [], total: (p - 1) * perPage + skipped.items.length, totalPages: p };
      tokens[p - 1] = skipped.next;
      token = skipped.next;
    }
    const got = await this.listPage(query.type, statuses, perPage, token, extra);
    if (got.next) tokens[page - 1] = got.next;
    let items = got.items;
    if (query.search) {
      // Blogger's own search covers live posts only: filter this page by the words instead.
      const words = query.search.toLowerCase().split(/\s+/).filter(Boolean);
      items = items.filter((p) => {
        const text = `${p.title} ${p.content}`.toLowerCase();
        return words.every((w) => text.includes(w));
      });
    }
    // Blogger gives no totals: what is known so far, and one more page when there is one.
    const totalPages = got.next ? page + 1 : page;
    return { items, total: (page - 1) * perPage + got.items.length + (got.next ? 1 : 0), totalPages };
  }

  async deletePost(remoteId: string, type: PostType, options: { force: boolean }): Promise<void> {
    const id = bloggerId(remoteId, type);
    try {
      await this.call('DELETE', `${this.base(type)}/${id}`, {
        query: { useTrash: !options.force },
        what: nounOf(type),
      });
    } catch (error) {
      // Already gone: what was asked for is true (a retried delete).
      if (error instanceof PublishError && error.code === 'NOT_FOUND') return;
      throw error;
    }
  }

  // ---------------------------------------------------------------- labels (tags)

  async searchTerms(taxonomy: 'tags' | 'categories', search: string): Promise<RemoteTerm[]> {
    if (taxonomy === 'categories') return [];
    // Blogger has no list of labels: gather them from the newest posts.
    const got = await this.listPage('post', ['LIVE', 'DRAFT', 'SCHEDULED'], 100, undefined, {
      fetchBodies: false,
      orderBy: 'UPDATED',
    });
    const counts = new Map<string, { name: string; count: number }>();
    for (const p of got.items) {
      for (const label of p.tags) {
        const key = label.toLowerCase();
        const c = counts.get(key) ?? { name: label, count: 0 };
        c.count++;
        counts.set(key, c);
      }
    }
    const needle = search.trim().toLowerCase();
    return [...counts.values()]
      .filter((c) => c.name.toLowerCase().includes(needle))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map((c) => ({ id: c.name, name: c.name, slug: c.name, count: c.count }));
  }

  async createTerm(taxonomy: 'tags' | 'categories', name: string): Promise<RemoteTerm> {
    if (taxonomy === 'categories') {
      throw new PublishError('UNSUPPORTED', t('error.blogger.noCategories'), { reason: 'no-categories' });
    }
    // A label exists as soon as a post carries it.
    const [label] = labelsFor([name]);
    if (!label)
      throw new PublishError('VALIDATION', t('error.blogger.labelNeedsName'), {
        reason: 'empty-label',
      });
    return { id: label, name: label, slug: label };
  }

  // ---------------------------------------------------------------- media (none)

  async uploadMedia(file: Parameters<Publisher['uploadMedia']>[0]): Promise<RemoteMedia> {
    throw new PublishError('UNSUPPORTED', t('error.blogger.noMediaUpload', { file: file.fileName }), {
      reason: 'no-media-upload',
      retryable: false,
    });
  }

  async listMedia(): Promise<{ items: RemoteMedia[]; totalPages: number }> {
    return { items: [], totalPages: 0 };
  }

  async findRecentMedia(_query: RecentMediaQuery): Promise<RemoteMedia[]> {
    return [];
  }

  // ---------------------------------------------------------------- lookups (the outbox)

  /**
   * This user's posts changed at or after `since`, newest first. Read by `updated` (not with
   * `startDate`, which filters by the publish date: a backdated or scheduled post would be missed).
   */
  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    if (this.userId === undefined) await this.user();
    const since = Date.parse(query.since);
    const word = query.search?.toLowerCase();
    const out: RemotePost[] = [];
    let token: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const got =
        query.type === 'post'
          ? await this.listPage('post', ALL_POST_STATUSES, LOOKUP_PAGE_SIZE, token, { orderBy: 'UPDATED' })
          : await this.listPage('page', ALL_PAGE_STATUSES, LOOKUP_PAGE_SIZE, token);
      let older = false;
      got.items.forEach((p, i) => {
        if (Date.parse(p.modifiedGmt) < since) {
          older = true;
          return;
        }
        const author = got.entries[i]?.author?.id;
        if (author !== undefined && author !== this.userId) return;
        if (word && !p.title.toLowerCase().includes(word)) return;
        out.push(p);
      });
      // Posts come newest first; pages come in no stated order, so they are read to the end.
      if ((older && query.type === 'post') || !got.next) break;
      token = got.next;
    }
    return out.sort((a, b) => Date.parse(b.modifiedGmt) - Date.parse(a.modifiedGmt));
  }
}
