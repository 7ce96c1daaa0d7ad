/**
 * Publishing to Ghost (5 and 6) through its Admin API with an integration's Admin API key.
 *
 * Requests are made by the official client, `@tryghost/admin-api` (endpoints, body wrapping,
 * `Accept-Version`), with its `makeRequest` routed through Signet's HttpClient (timeouts, offline
 * and 5xx mapping, `net.fetch` in Electron) and its token made by `signAdminToken` (one signer for
 * everything). Image uploads are the exception: the client only uploads a file path or a
 * `form-data` stream, so uploads send their multipart body through the same HttpClient here.
 *
 * Ghost refuses a stale update itself (409 `UPDATE_COLLISION` on `updated_at`), takes HTML with
 * `?source=html`, keeps no trash (a delete is for good) and has no media library. A publish never
 * sends the newsletter unless the post names one (`OutgoingPost.newsletter`).
 */
import GhostAdminAPI, {
  type GhostAdminApi,
  type GhostAdminRequest,
  type GhostResource,
} from '@tryghost/admin-api';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { asciiFileName, cleanFileName } from '../http/contentDisposition';
import {
  badResponse,
  HttpClient,
  isHtml,
  parseJsonLenient,
  uploadTimeoutMs,
  type FetchPort,
  type HttpResponse,
} from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import type {
  ListPostsQuery,
  OutgoingPost,
  PostStatus,
  PostType,
  Publisher,
  PublisherCapabilities,
  RecentMediaQuery,
  RecentPostsQuery,
  RemoteMedia,
  RemotePost,
  RemotePostPage,
  RemoteTerm,
  SiteIdentity,
} from '../types';
import { parseAdminApiKey, signAdminToken, type AdminApiKey } from './adminApiKey';
import { conflictError, ghostError } from './ghostErrors';
import {
  adminApiRoot,
  fromGhostStatus,
  ghostDateToIso,
  ghostSiteUrl,
  nqlDate,
  nqlString,
  toGhostStatus,
  uniqueTagNames,
  type GhostStatus,
} from './ghostText';
import { t } from '../../contract/i18n';

export const GHOST_CAPABILITIES: PublisherCapabilities = Object.freeze({
  drafts: true,
  scheduling: true,
  pendingReview: false,
  privatePosts: false,
  pages: true,
  tags: true,
  categories: false,
  excerpt: true,
  slug: true,
  mediaUpload: true,
  featuredImage: true,
  canonicalUrl: true,
  serverConflictDetection: true,
  delete: true,
  /** Ghost's Admin API cannot list uploaded images. */
  mediaLibrary: false,
  remotePosts: true,
  newsletter: true,
});

/** The Admin API version Signet speaks (Ghost 6; Ghost 5 answers it too). */
export const GHOST_ACCEPT_VERSION = 'v6.0';

export interface GhostPublisherOptions {
  /** The site's address (`https://example.com`, or with its subfolder). */
  siteUrl: string;
  /** `<id>:<secret>` of a custom integration. */
  adminApiKey: string;
  fetch: FetchPort;
  timeoutMs?: number;
  /** Tests pin the clock that dates the tokens. */
  clock?: () => Date;
}

/** Pages of 100 a lookup reads at most: a lost create is among the newest posts. */
const LOOKUP_PAGES = 5;
const GHOST_ID = /^[0-9a-f]{24}$/;
/** The fields a conflict check reads. */
const POST_HEAD = 'id,title,status,updated_at,url';

const ghostTag = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  count: z.object({ posts: z.number() }).loose().optional(),
});
type GhostTag = z.infer<typeof ghostTag>;

const ghostPost = z
  .object({
    id: z.string(),
    title: z.string().nullable().optional(),
    slug: z.string().optional(),
    html: z.string().nullable().optional(),
    status: z.string(),
    custom_excerpt: z.string().nullable().optional(),
    published_at: z.string().nullable().optional(),
    updated_at: z.string(),
    url: z.string().nullable().optional(),
    feature_image: z.string().nullable().optional(),
    canonical_url: z.string().nullable().optional(),
    tags: z.array(ghostTag.loose()).optional(),
    newsletter: z.unknown().optional(),
    email: z.unknown().optional(),
  })
  .loose();
type GhostPost = z.infer<typeof ghostPost>;

const ghostSite = z
  .object({
    title: z.string(),
    url: z.string(),
    timezone: z.string().optional(),
    version: z.string().optional(),
  })
  .loose();

const pagination = z
  .object({ pagination: z.object({ page: z.number(), pages: z.number(), total: z.number() }).loose() })
  .loose();

export class GhostPublisher implements Publisher {
  readonly capabilities = GHOST_CAPABILITIES;
  readonly siteUrl: string;
  private readonly http: HttpClient;
  private readonly host: string;
  private readonly key: AdminApiKey;
  private readonly api: GhostAdminApi;
  private readonly clock: () => Date;

  constructor(options: GhostPublisherOptions) {
    // Checked here so the client never sees a malformed key (its own error would repeat it).
    this.key = parseAdminApiKey(options.adminApiKey);
    this.siteUrl = ghostSiteUrl(options.siteUrl);
    this.host = hostOf(this.siteUrl);
    this.clock = options.clock ?? (() => new Date());
    this.http = new HttpClient({
      fetch: options.fetch,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    this.api = new GhostAdminAPI({
      url: this.siteUrl,
      key: this.key.key,
      version: GHOST_ACCEPT_VERSION,
      userAgent: false,
      generateToken: (_key, audience) => signAdminToken(this.key, this.clock(), audience),
      makeRequest: (request) => this.send(request),
    });
  }

  /** The Admin API root, e.g. `https://example.com/ghost/api/admin/`. */
  get adminApiRoot(): string {
    return adminApiRoot(this.siteUrl);
  }

  // ---------------------------------------------------------------- plumbing

  /** The client's `makeRequest`: one request through HttpClient; Ghost's errors as PublishError. */
  private async send(request: GhostAdminRequest): Promise<unknown> {
    const url = new URL(request.url);
    for (const [k, v] of Object.entries(request.params ?? {})) {
      if (v === undefined || v === null || v === '') continue;
      url.searchParams.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    const method = request.method.toUpperCase();
    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    let body: string | undefined;
    if ((method === 'POST' || method === 'PUT') && request.data && typeof request.data === 'object') {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(request.data);
    }
    const res = await this.http.send({
      url: url.toString(),
      method,
      headers,
      ...(body !== undefined && { body }),
    });
    return this.answer(res);
  }

  private answer(res: HttpResponse): unknown {
    if (res.status < 200 || res.status >= 300) throw ghostError(res);
    if (res.status === 204 || res.text.trim() === '') return '';
    const data = isHtml(res) ? undefined : parseJsonLenient(res.text);
    if (data === undefined || data === null || typeof data !== 'object') {
      throw badResponse(res, isHtml(res) ? 'a web page instead of JSON' : 'no JSON');
    }
    return data;
  }

  private bad(detail: string): PublishError {
    return badResponse({ url: this.adminApiRoot, status: 200 }, detail);
  }

  private parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw this.bad(`unexpected ${what}`);
    return parsed.data;
  }

  private resource(type: PostType): GhostResource {
    return type === 'page' ? this.api.pages : this.api.posts;
  }

  private noun(type: PostType): string {
    return type === 'page' ? 'page' : 'post';
  }

  /** A Ghost id, or NOT_FOUND without asking (an id from elsewhere cannot be Ghost's). */
  private ghostId(remoteId: string, type: PostType): string {
    if (!GHOST_ID.test(remoteId)) {
      throw new PublishError(
        'NOT_FOUND',
        t('error.ghost.badId', { host: this.host, type, id: remoteId.slice(0, 40) }),
        { reason: 'bad-id' },
      );
    }
    return remoteId;
  }

  // ---------------------------------------------------------------- identity

  async verify(): Promise<SiteIdentity> {
    const site = this.parse(ghostSite, await this.api.site.read(), 'site');
    // /site/ answers without a key: make one signed request so a wrong key shows here.
    await this.api.posts.browse({ limit: 1, fields: 'id' });
    return {
      name: site.title,
      url: ghostSiteUrl(site.url),
      userName: t('publishing.ghost.userName'),
      userLogin: this.key.id,
      timeZone: site.timezone || 'Etc/UTC',
    };
  }

  // ---------------------------------------------------------------- posts

  private toRemotePost(p: GhostPost, type: PostType): RemotePost {
    const modified = ghostDateToIso(p.updated_at);
    if (!modified) throw this.bad(`a ${type} without a modification time`);
    return {
      remoteId: p.id,
      type,
      title: p.title ?? '',
      content: p.html ?? '',
      excerpt: p.custom_excerpt ?? '',
      slug: p.slug ?? '',
      status: fromGhostStatus(p.status),
      dateGmt: ghostDateToIso(p.published_at),
      modifiedGmt: modified,
      permalink: p.url ?? '',
      tags: (p.tags ?? []).map((t) => t.name),
      categories: [],
      featuredMediaId: p.feature_image || null,
    };
  }

  /**
   * Tags as Ghost should link them: an existing tag by its id whatever the case the author typed
   * (Ghost itself would add a second tag "travel" beside "Travel"), a new one by its name.
   */
  private async tagRefs(names: readonly string[]): Promise<Array<{ id: string } | { name: string }>> {
    const wanted = uniqueTagNames(names);
    if (wanted.length === 0) return [];
    const existing: GhostTag[] = [];
    for (let i = 0; i < wanted.length; i += 20) {
      const filter = wanted
        .slice(i, i + 20)
        .map((n) => `name:~${nqlString(n)}`)
        .join(',');
      existing.push(
        ...this.parse(z.array(ghostTag), await this.api.tags.browse({ limit: 'all', filter }), 'tags'),
      );
    }
    return wanted.map((name) => {
      const key = name.toLocaleLowerCase();
      const same = existing.filter((t) => t.name.toLocaleLowerCase() === key);
      const tag = same.find((t) => t.name === name) ?? same[0];
      return tag ? { id: tag.id } : { name };
    });
  }

  private async body(post: OutgoingPost): Promise<Record<string, unknown>> {
    const status: GhostStatus = toGhostStatus(post.status, post.type, post.title, this.host);
    if (status === 'scheduled' && !post.dateGmt) {
      throw new PublishError(
        'VALIDATION',
        t('error.publishing.scheduleNeedsDate', {
          title: post.title || t('error.publishing.thisItem', { type: post.type }),
          host: this.host,
        }),
        { reason: 'future-without-date' },
      );
    }
    const featureImage = post.featuredMediaId?.trim() || null;
    if (featureImage && !/^https?:\/\//i.test(featureImage)) {
      throw new PublishError(
        'VALIDATION',
        t('error.ghost.featuredNotUploaded', {
          title: post.title || t('error.publishing.thisItem', { type: post.type }),
          host: this.host,
        }),
        { reason: 'featured-image-not-url' },
      );
    }
    const body: Record<string, unknown> = {
      title: post.title,
      html: post.content,
      status,
      custom_excerpt: post.excerpt?.trim() ? post.excerpt : null,
      feature_image: featureImage,
      canonical_url: post.canonicalUrl?.trim() || null,
    };
    body.tags = await this.tagRefs(post.tags);
    if (post.slug?.trim()) body.slug = post.slug.trim();
    if (post.dateGmt) {
      const ms = Date.parse(post.dateGmt);
      if (Number.isNaN(ms)) {
        throw new PublishError('VALIDATION', t('error.ghost.badDate', { date: post.dateGmt }), {
          reason: 'bad-date',
        });
      }
      body.published_at = new Date(ms).toISOString();
    }
    return body;
  }

  private writeQuery(post: OutgoingPost): Record<string, string> {
    const query: Record<string, string> = { source: 'html', formats: 'html', include: 'tags' };
    // The newsletter goes out only when the author chose one, and only with the publish itself.
    const newsletter = post.newsletter?.trim();
    if (newsletter && (post.status === 'publish' || post.status === 'future')) query.newsletter = newsletter;
    return query;
  }

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    const body = await this.body(post);
    const created = await this.resource(post.type).add(body, this.writeQuery(post));
    return this.toRemotePost(this.parse(ghostPost, created, this.noun(post.type)), post.type);
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    const id = this.ghostId(remoteId, post.type);
    const body = await this.body(post);
    // Ghost requires the `updated_at` the client last saw and refuses (409) when the server's is
    // newer. Without one, the caller means to overwrite: send the server's own.
    const updatedAt = options.ifUnmodifiedSince
      ? ghostDateToIso(options.ifUnmodifiedSince)
      : (await this.readPost(id, post.type, POST_HEAD)).updated_at;
    if (!updatedAt) {
      throw new PublishError(
        'VALIDATION',
        t('error.publishing.notADate', { value: options.ifUnmodifiedSince }),
        {
          reason: 'bad-date',
        },
      );
    }
    let edited: unknown;
    try {
      edited = await this.resource(post.type).edit(
        { id, ...body, updated_at: updatedAt },
        this.writeQuery(post),
      );
    } catch (error) {
      if (error instanceof PublishError && error.code === 'CONFLICT') {
        const current = await this.readPost(id, post.type, POST_HEAD);
        throw conflictError(this.host, post.type, {
          remoteModifiedGmt: ghostDateToIso(current.updated_at) ?? current.updated_at,
          remoteTitle: current.title ?? '',
          remoteStatus: fromGhostStatus(current.status),
          permalink: current.url ?? '',
        });
      }
      throw error;
    }
    return this.toRemotePost(this.parse(ghostPost, edited, this.noun(post.type)), post.type);
  }

  private async readPost(id: string, type: PostType, fields?: string): Promise<GhostPost> {
    const got = await this.resource(type).read(
      { id },
      fields ? { fields } : { formats: 'html', include: 'tags' },
    );
    return this.parse(ghostPost, got, this.noun(type));
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    return this.toRemotePost(await this.readPost(this.ghostId(remoteId, type), type), type);
  }

  private async browse(
    type: PostType,
    query: Record<string, string | number | undefined>,
  ): Promise<{ items: RemotePost[]; page: number; pages: number; total: number }> {
    const got = await this.resource(type).browse({ formats: 'html', include: 'tags', ...query });
    const items = this.parse(z.array(ghostPost), got, `${this.noun(type)} list`);
    const meta = pagination.safeParse((got as { meta?: unknown }).meta);
    const p = meta.success ? meta.data.pagination : { page: 1, pages: 1, total: items.length };
    return {
      items: items.map((i) => this.toRemotePost(i, type)),
      page: p.page,
      pages: p.pages,
      total: p.total,
    };
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    const limit = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    const parts: string[] = [];
    if (query.status?.length) {
      const statuses = ghostStatusesOf(query.status);
      if (statuses.length === 0) return { items: [], total: 0, totalPages: 0 };
      parts.push(`status:[${statuses.join(',')}]`);
    }
    if (query.search?.trim()) parts.push(`title:~${nqlString(query.search.trim())}`);
    const result = await this.browse(query.type, {
      page,
      limit,
      order: 'updated_at desc',
      ...(parts.length > 0 && { filter: parts.join('+') }),
    });
    return { items: result.items, total: result.total, totalPages: result.pages };
  }

  /** Ghost keeps no trash: with or without `force`, the post is deleted for good. */
  async deletePost(remoteId: string, type: PostType, _options: { force: boolean }): Promise<void> {
    try {
      await this.resource(type).delete({ id: this.ghostId(remoteId, type) });
    } catch (error) {
      // Already gone: what was asked for is true (a retried delete).
      if (error instanceof PublishError && error.code === 'NOT_FOUND') return;
      throw error;
    }
  }

  // ---------------------------------------------------------------- lookups (the outbox)

  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    const since = nqlDate(query.since);
    const parts = [`updated_at:>=${nqlString(since)}`];
    if (query.search?.trim()) parts.push(`title:~${nqlString(query.search.trim())}`);
    const out: RemotePost[] = [];
    for (let page = 1; page <= LOOKUP_PAGES; page++) {
      const result = await this.browse(query.type, {
        filter: parts.join('+'),
        order: 'updated_at desc',
        limit: 100,
        page,
      });
      out.push(...result.items);
      if (page >= result.pages) break;
    }
    const sinceMs = Date.parse(`${since.replace(' ', 'T')}Z`);
    return out.filter((p) => Date.parse(p.modifiedGmt) >= sinceMs);
  }

  /** Ghost cannot list uploads, so a lost upload cannot be found: it is uploaded again. */
  async findRecentMedia(_query: RecentMediaQuery): Promise<RemoteMedia[]> {
    return [];
  }

  // ---------------------------------------------------------------- tags

  private noCategories(): PublishError {
    return new PublishError('UNSUPPORTED', t('error.ghost.noCategories'), {
      reason: 'no-categories',
    });
  }

  private toRemoteTerm(t: GhostTag): RemoteTerm {
    return { id: t.id, name: t.name, slug: t.slug, ...(t.count && { count: t.count.posts }) };
  }

  async searchTerms(taxonomy: 'tags' | 'categories', search: string): Promise<RemoteTerm[]> {
    if (taxonomy !== 'tags') throw this.noCategories();
    const got = await this.api.tags.browse({
      limit: 20,
      include: 'count.posts',
      order: 'name asc',
      ...(search.trim() && { filter: `name:~${nqlString(search.trim())}` }),
    });
    return this.parse(z.array(ghostTag), got, 'tags').map((t) => this.toRemoteTerm(t));
  }

  async createTerm(taxonomy: 'tags' | 'categories', name: string): Promise<RemoteTerm> {
    if (taxonomy !== 'tags') throw this.noCategories();
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) throw new PublishError('VALIDATION', t('error.ghost.tagNeedsName'), { reason: 'empty-term' });
    // The same name in another case is the same tag to the author (and to Ghost's slugs).
    const found = await this.api.tags.browse({ limit: 100, filter: `name:~${nqlString(clean)}` });
    const same = this.parse(z.array(ghostTag), found, 'tags').find(
      (t) => t.name.toLocaleLowerCase() === clean.toLocaleLowerCase(),
    );
    if (same) return this.toRemoteTerm(same);
    return this.toRemoteTerm(this.parse(ghostTag, await this.api.tags.add({ name: clean }), 'tag'));
  }

  // ---------------------------------------------------------------- media

  async uploadMedia(file: {
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    altText: string;
  }): Promise<RemoteMedia> {
    const name = asciiFileName(cleanFileName(file.fileName, file.mimeType));
    const boundary = `----SignetGhost${randomBytes(12).toString('hex')}`;
    const field = (n: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          `Content-Type: ${file.mimeType}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from(`\r\n${field('purpose', 'image')}${field('ref', name)}--${boundary}--\r\n`),
    ]);
    const res = await this.http.send({
      url: `${this.adminApiRoot}images/upload/`,
      method: 'POST',
      headers: {
        accept: 'application/json',
        authorization: `Ghost ${signAdminToken(this.key, this.clock())}`,
        'accept-version': GHOST_ACCEPT_VERSION,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body: new Uint8Array(body),
      timeoutMs: uploadTimeoutMs(file.bytes.byteLength),
    });
    const data = this.answer(res);
    const images = z
      .object({ images: z.array(z.object({ url: z.string() }).loose()).min(1) })
      .safeParse(data);
    if (!images.success) throw badResponse(res, 'unexpected upload answer');
    const url = images.data.images[0]!.url;
    return {
      remoteId: url,
      url,
      altText: file.altText,
      title: name.replace(/\.[A-Za-z0-9]{1,5}$/, ''),
      mimeType: file.mimeType,
      uploadedGmt: this.clock().toISOString(),
      fileSize: file.bytes.byteLength,
    };
  }

  async listMedia(_query: { page: number; perPage: number; search?: string }): Promise<{
    items: RemoteMedia[];
    totalPages: number;
  }> {
    throw new PublishError('UNSUPPORTED', t('error.ghost.noMediaLibrary', { host: this.host }), {
      reason: 'no-media-library',
    });
  }
}

/** Signet's statuses as Ghost's (pending and private have none). */
export function ghostStatusesOf(statuses: readonly PostStatus[]): GhostStatus[] {
  const out = new Set<GhostStatus>();
  for (const s of statuses) {
    if (s === 'draft') out.add('draft');
    if (s === 'publish') {
      out.add('published');
      out.add('sent');
    }
    if (s === 'future') out.add('scheduled');
  }
  return [...out];
}
