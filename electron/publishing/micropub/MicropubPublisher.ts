/**
 * Publishing to any Micropub site (W3C Micropub, JSON syntax) with an IndieAuth Bearer token.
 *
 * - A post is an `h-entry`: `name` (title), `content: [{html}]`, `category` (tags), `summary`
 *   (excerpt), `mp-slug`, `post-status: draft|published` (extension) and `published`. Its remote
 *   id is its URL (the `Location` of the create).
 * - Update = `action: update` with `replace` (and `delete` for what the author cleared); a 201
 *   answer moves the post to a new URL (new remote id). Delete = `action: delete`.
 * - Read back with `q=source&url=`. Micropub has no modification time nor stale-write check: the
 *   `updated` property (or `published`) stands in when the server keeps one; without it an edit
 *   made on the site cannot be noticed before an update.
 * - Listing uses `q=source` without `url` (the post-list extension). A server without it gives
 *   `remotePosts: false` and `findRecentPosts` returns [] — so a create whose answer was lost
 *   cannot be found again and a retry makes a second copy of the post (exactly-once is lost;
 *   at-least-once remains).
 * - Files go to the media endpoint from `q=config` (multipart, one part `file`, 201 + Location).
 * - Expired or refused access tokens are renewed once with the refresh token when there is one;
 *   `onTokensRefreshed` must store the new tokens (the old refresh token may be revoked).
 */
import { cleanFileName } from '../http/contentDisposition';
import {
  HttpClient,
  badResponse,
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
import { refreshTokens, type MicropubTokens } from './indieauth';
import { micropubError, type MicropubErrorContext } from './micropubErrors';
import { t } from '../../contract/i18n';

export const MICROPUB_CAPABILITIES: PublisherCapabilities = {
  drafts: true,
  scheduling: false,
  pendingReview: false,
  privatePosts: false,
  pages: false,
  tags: true,
  categories: false,
  excerpt: true,
  slug: true,
  mediaUpload: false,
  featuredImage: false,
  canonicalUrl: false,
  serverConflictDetection: false,
  delete: true,
  mediaLibrary: false,
  remotePosts: false,
  newsletter: false,
};

/** What a site can do beyond the base (found at sign-in: `q=config` and a list probe). */
export function micropubCapabilities(site: {
  mediaEndpoint?: string;
  sourceList: boolean;
}): PublisherCapabilities {
  return { ...MICROPUB_CAPABILITIES, mediaUpload: !!site.mediaEndpoint, remotePosts: site.sourceList };
}

export interface MicropubConfig {
  mediaEndpoint?: string;
  /** `q` values the server says it supports (extension), if it says. */
  queries?: string[];
  postTypes: Array<{ type: string; name: string }>;
}

export interface MicropubPublisherOptions {
  /** The author's profile URL (the site). */
  me: string;
  siteName?: string;
  userName?: string;
  endpoint: string;
  mediaEndpoint?: string;
  /** Where tokens are refreshed. */
  tokenEndpoint?: string;
  tokens: MicropubTokens;
  /** The server lists posts with `q=source` without `url`. */
  sourceList: boolean;
  fetch: FetchPort;
  timeoutMs?: number;
  clientId?: string;
  clock?: () => Date;
  /** Called with new tokens after a refresh; store them (the vault). */
  onTokensRefreshed?(tokens: MicropubTokens): Promise<void> | void;
}

const EPOCH = '1970-01-01T00:00:00.000Z';
/** Pages (of `LOOKUP_PAGE_SIZE`) `findRecentPosts` reads at most. */
const LOOKUP_PAGES = 5;
const LOOKUP_PAGE_SIZE = 20;

type Properties = Record<string, unknown[]>;
interface Mf2 {
  type?: unknown;
  properties: Properties;
}

function asMf2(data: unknown): Mf2 | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const props = (data as { properties?: unknown }).properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return undefined;
  const clean: Properties = {};
  for (const [k, v] of Object.entries(props as Record<string, unknown>))
    clean[k] = Array.isArray(v) ? v : [v];
  return { type: (data as { type?: unknown }).type, properties: clean };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Plain-text content (a string in mf2) as HTML paragraphs. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function firstString(props: Properties, name: string): string | undefined {
  const v = props[name]?.[0];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string')
    return (v as { value: string }).value;
  return undefined;
}

function contentHtml(props: Properties): string {
  const v = props.content?.[0];
  if (typeof v === 'string') return textToHtml(v);
  if (v && typeof v === 'object') {
    const { html, value } = v as { html?: unknown; value?: unknown };
    if (typeof html === 'string') return html;
    if (typeof value === 'string') return textToHtml(value);
  }
  return '';
}

function isoOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function slugOf(url: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const last = segments.at(-1) ?? '';
    return decodeURIComponent(last).replace(/\.[a-z0-9]{1,5}$/i, '');
  } catch {
    return '';
  }
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export class MicropubPublisher implements Publisher {
  readonly capabilities: PublisherCapabilities;
  private readonly http: HttpClient;
  private readonly host: string;
  private tokens: MicropubTokens;
  private refreshing: Promise<void> | null = null;
  private config: MicropubConfig | null = null;

  constructor(private readonly options: MicropubPublisherOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    this.host = hostOf(options.me);
    this.tokens = options.tokens;
    this.capabilities = micropubCapabilities({
      ...(options.mediaEndpoint !== undefined && { mediaEndpoint: options.mediaEndpoint }),
      sourceList: options.sourceList,
    });
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  // ---------------------------------------------------------------- plumbing

  private async refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const next = await refreshTokens(this.http, this.options.tokenEndpoint ?? '', this.tokens, {
          ...(this.options.clientId !== undefined && { clientId: this.options.clientId }),
          ...(this.options.clock !== undefined && { clock: this.options.clock }),
        });
        this.tokens = next;
        await this.options.onTokensRefreshed?.(next);
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private canRefresh(): boolean {
    return !!this.tokens.refreshToken && !!this.options.tokenEndpoint;
  }

  /** Sends with the Bearer token; renews it once on expiry or a 401; throws for any non-2xx. */
  private async send(
    request: {
      url: string;
      method?: string;
      json?: unknown;
      body?: Uint8Array;
      headers?: Record<string, string>;
      timeoutMs?: number;
    },
    ctx: MicropubErrorContext,
  ): Promise<HttpResponse> {
    const expired =
      this.tokens.expiresAt !== undefined &&
      Date.parse(this.tokens.expiresAt) <= this.now().getTime() + 30_000;
    if (expired && this.canRefresh()) await this.refresh();
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...request.headers,
        authorization: `Bearer ${this.tokens.accessToken}`,
      };
      let body: string | Uint8Array | undefined = request.body;
      if (request.json !== undefined) {
        headers['content-type'] = 'application/json; charset=utf-8';
        body = JSON.stringify(request.json);
      }
      const res = await this.http.send({
        url: request.url,
        method: request.method ?? 'GET',
        headers,
        ...(body !== undefined && { body }),
        ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
      });
      if (res.status >= 200 && res.status < 300) return res;
      const error = micropubError(res, ctx);
      if (error.code === 'AUTH_FAILED' && attempt === 0 && this.canRefresh()) {
        try {
          await this.refresh();
        } catch {
          throw error; // the refresh was refused too: sign in again
        }
        continue;
      }
      throw error;
    }
  }

  private queryUrl(params: Record<string, string | number | undefined>): string {
    const url = new URL(this.options.endpoint);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private json(res: HttpResponse, what: string): unknown {
    const data = isHtml(res) ? undefined : parseJsonLenient(res.text);
    if (data === undefined)
      throw badResponse(res, `${what}: ${isHtml(res) ? 'a web page instead of JSON' : 'no JSON'}`);
    return data;
  }

  // ---------------------------------------------------------------- identity

  /** `q=config`: media endpoint, post types, supported queries (unexpected answers count as `{}`). */
  async readConfig(): Promise<MicropubConfig> {
    const res = await this.send(
      { url: this.queryUrl({ q: 'config' }) },
      { action: t('error.micropub.action.readSettings') },
    );
    const data = (isHtml(res) ? undefined : parseJsonLenient(res.text)) as
      Record<string, unknown> | undefined;
    const media = typeof data?.['media-endpoint'] === 'string' ? data['media-endpoint'] : undefined;
    const q = Array.isArray(data?.q) ? data.q.filter((x): x is string => typeof x === 'string') : undefined;
    const postTypes = Array.isArray(data?.['post-types'])
      ? (data['post-types'] as unknown[])
          .filter(
            (t): t is { type: string; name?: unknown } =>
              !!t && typeof t === 'object' && typeof (t as { type?: unknown }).type === 'string',
          )
          .map((t) => ({ type: t.type, name: typeof t.name === 'string' ? t.name : t.type }))
      : [];
    let mediaEndpoint: string | undefined;
    if (media) {
      try {
        mediaEndpoint = new URL(media, this.options.endpoint).toString();
      } catch {
        mediaEndpoint = undefined;
      }
    }
    this.config = {
      ...(mediaEndpoint !== undefined && { mediaEndpoint }),
      ...(q !== undefined && { queries: q }),
      postTypes,
    };
    return this.config;
  }

  /** Whether `q=source` without `url` lists posts (the post-list extension). */
  async probeSourceList(): Promise<boolean> {
    try {
      const res = await this.send({ url: this.queryUrl({ q: 'source', limit: 1 }) }, {});
      const data = isHtml(res) ? undefined : parseJsonLenient(res.text);
      return !!data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items);
    } catch (error) {
      if (error instanceof PublishError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND'))
        return false;
      throw error;
    }
  }

  async verify(): Promise<SiteIdentity> {
    await this.readConfig();
    const url = this.options.me.replace(/\/+$/, '');
    return {
      name: this.options.siteName ?? this.host,
      url,
      userName: this.options.userName ?? this.host,
      userLogin: this.options.me,
      timeZone: 'UTC',
    };
  }

  // ---------------------------------------------------------------- posts

  private toRemotePost(remoteId: string, mf2: Mf2): RemotePost {
    const p = mf2.properties;
    const published = isoOrNull(firstString(p, 'published'));
    const updated = isoOrNull(firstString(p, 'updated'));
    const permalink = firstString(p, 'url') ?? remoteId;
    const status: PostStatus = firstString(p, 'post-status') === 'draft' ? 'draft' : 'publish';
    return {
      remoteId,
      type: 'post',
      title: firstString(p, 'name') ?? '',
      content: contentHtml(p),
      excerpt: firstString(p, 'summary') ?? '',
      slug: firstString(p, 'mp-slug') ?? slugOf(permalink),
      status,
      dateGmt: published,
      modifiedGmt: updated ?? published ?? EPOCH,
      permalink,
      tags: (p.category ?? []).filter((c): c is string => typeof c === 'string'),
      categories: [],
      featuredMediaId: null,
    };
  }

  private unsupported(post: Pick<OutgoingPost, 'type' | 'status' | 'title'>): void {
    const name = post.title
      ? t('outbox.notify.quotedTitle', { title: post.title })
      : t('error.micropub.thisPost');
    if (post.type === 'page') {
      throw new PublishError('UNSUPPORTED', t('error.micropub.noPages', { name, host: this.host }), {
        reason: 'type-page',
      });
    }
    const why: Partial<Record<PostStatus, string>> = {
      future: t('error.micropub.status.future', { name, host: this.host }),
      pending: t('error.micropub.status.pending', { name, host: this.host }),
      private: t('error.micropub.status.private', { name, host: this.host }),
    };
    const sentence = why[post.status];
    if (sentence) {
      throw new PublishError('UNSUPPORTED', t('error.micropub.status.sentence', { sentence }), {
        reason: `status-${post.status}`,
      });
    }
  }

  private properties(post: OutgoingPost): { set: Properties; cleared: string[] } {
    const set: Properties = {};
    const cleared: string[] = [];
    const title = post.title.trim();
    if (title) set.name = [title];
    else cleared.push('name');
    set.content = [{ html: post.content }];
    const tags = uniqueTags(post.tags);
    if (tags.length > 0) set.category = tags;
    else cleared.push('category');
    const excerpt = post.excerpt?.trim();
    if (excerpt) set.summary = [excerpt];
    else cleared.push('summary');
    set['post-status'] = [post.status === 'draft' ? 'draft' : 'published'];
    if (post.dateGmt) {
      const iso = isoOrNull(post.dateGmt);
      if (!iso) {
        throw new PublishError(
          'VALIDATION',
          t('error.micropub.badDate', {
            name: post.title
              ? t('outbox.notify.quotedTitle', { title: post.title })
              : t('error.micropub.thisPost'),
          }),
          {
            reason: 'bad-date',
          },
        );
      }
      set.published = [iso];
    }
    return { set, cleared };
  }

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    this.unsupported(post);
    const { set } = this.properties(post);
    const slug = post.slug?.trim();
    if (slug) set['mp-slug'] = [slug];
    const res = await this.send(
      { url: this.options.endpoint, method: 'POST', json: { type: ['h-entry'], properties: set } },
      { action: t('error.micropub.action.create') },
    );
    const location = res.headers.get('location');
    if (!location) {
      throw new PublishError('BAD_RESPONSE', t('error.micropub.noLocation', { host: this.host }), {
        status: res.status,
        reason: 'no-location',
        uncertain: true,
      });
    }
    const remoteId = new URL(location, res.url || this.options.endpoint).toString();
    const sent: RemotePost = {
      ...this.toRemotePost(remoteId, { properties: set }),
      slug: slug || slugOf(remoteId),
      modifiedGmt: isoOrNull(post.dateGmt) ?? this.now().toISOString(),
    };
    if (res.status === 202) return sent; // created later: not readable yet
    try {
      return await this.getPost(remoteId, post.type);
    } catch (error) {
      // Created; reading it back failed (no q=source, or a hiccup): what was sent stands in.
      if (error instanceof PublishError) return sent;
      throw error;
    }
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    this.unsupported(post);
    if (options.ifUnmodifiedSince) {
      const current = await this.getPost(remoteId, post.type);
      const known = Date.parse(options.ifUnmodifiedSince);
      if (current.modifiedGmt !== EPOCH && !Number.isNaN(known) && Date.parse(current.modifiedGmt) > known) {
        throw new PublishError(
          'CONFLICT',
          t('error.micropub.conflict', {
            title: current.title || post.title || t('error.micropub.thisPostCapital'),
            host: this.host,
          }),
          {
            reason: 'modified-on-server',
            conflict: {
              remoteModifiedGmt: current.modifiedGmt,
              remoteTitle: current.title,
              remoteStatus: current.status,
              permalink: current.permalink,
            },
          },
        );
      }
    }
    const { set, cleared } = this.properties(post);
    const res = await this.send(
      {
        url: this.options.endpoint,
        method: 'POST',
        json: {
          action: 'update',
          url: remoteId,
          replace: set,
          ...(cleared.length > 0 && { delete: cleared }),
        },
      },
      { action: t('error.micropub.action.update'), what: t('error.micropub.what.post') },
    );
    const location = res.status === 201 ? res.headers.get('location') : null;
    const nextId = location ? new URL(location, res.url || this.options.endpoint).toString() : remoteId;
    return this.getPost(nextId, post.type);
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    if (type === 'page')
      throw new PublishError('NOT_FOUND', t('error.micropub.noPagesHere', { host: this.host }), {
        reason: 'type-page',
      });
    let res: HttpResponse;
    try {
      res = await this.send(
        { url: this.queryUrl({ q: 'source', url: remoteId }) },
        { what: t('error.micropub.what.post'), action: t('error.micropub.action.read') },
      );
    } catch (error) {
      // The spec's own example answers an unknown post with 400 invalid_request.
      if (error instanceof PublishError && error.status === 400 && error.reason === 'invalid_request') {
        throw new PublishError(
          'NOT_FOUND',
          t('error.micropub.postGone', { host: this.host, url: remoteId }),
          { status: 400, reason: 'invalid_request' },
        );
      }
      throw error;
    }
    const mf2 = asMf2(this.json(res, 'post source'));
    if (!mf2) throw badResponse(res, 'a post source without properties');
    return this.toRemotePost(remoteId, mf2);
  }

  private requireList(): void {
    if (!this.options.sourceList) {
      throw new PublishError('UNSUPPORTED', t('error.micropub.noSourceList', { host: this.host }), {
        reason: 'no-source-list',
      });
    }
  }

  /** One page of `q=source` without url: the items and the cursor of the next page. */
  private async sourcePage(limit: number, after?: string): Promise<{ items: RemotePost[]; after?: string }> {
    const res = await this.send(
      { url: this.queryUrl({ q: 'source', limit, after }) },
      { action: t('error.micropub.action.list') },
    );
    const data = this.json(res, 'post list') as { items?: unknown; paging?: { after?: unknown } } | undefined;
    if (!data || !Array.isArray(data.items)) throw badResponse(res, 'a post list without items');
    const items: RemotePost[] = [];
    for (const item of data.items) {
      const mf2 = asMf2(item);
      const url = mf2 && firstString(mf2.properties, 'url');
      if (mf2 && url) items.push(this.toRemotePost(url, mf2));
    }
    const next = data.paging?.after;
    return { items, ...(typeof next === 'string' && next && { after: next }) };
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    this.requireList();
    if (query.type === 'page') return { items: [], total: 0, totalPages: 0 };
    const perPage = Math.min(Math.max(1, query.perPage), 100);
    let after: string | undefined;
    let page: { items: RemotePost[]; after?: string } = { items: [] };
    for (let n = 1; n <= Math.max(1, query.page); n++) {
      page = await this.sourcePage(perPage, after);
      after = page.after;
      if (!after && n < query.page)
        return { items: [], total: (n - 1) * perPage + page.items.length, totalPages: n };
    }
    const search = query.search?.trim().toLowerCase();
    const items = page.items.filter(
      (p) =>
        (!query.status || query.status.includes(p.status as PostStatus)) &&
        (!search || p.title.toLowerCase().includes(search) || p.content.toLowerCase().includes(search)),
    );
    const totalPages = after ? query.page + 1 : Math.max(1, query.page);
    return { items, total: (query.page - 1) * perPage + page.items.length + (after ? 1 : 0), totalPages };
  }

  async deletePost(remoteId: string, type: PostType, _options: { force: boolean }): Promise<void> {
    if (type === 'page')
      throw new PublishError('NOT_FOUND', t('error.micropub.noPagesHere', { host: this.host }), {
        reason: 'type-page',
      });
    await this.send(
      { url: this.options.endpoint, method: 'POST', json: { action: 'delete', url: remoteId } },
      { action: t('error.micropub.action.delete'), what: t('error.micropub.what.post') },
    );
  }

  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    // Without the list extension nothing can be found: a lost create is sent again (see above).
    if (!this.options.sourceList || query.type === 'page') return [];
    const since = Date.parse(query.since);
    const found: RemotePost[] = [];
    let after: string | undefined;
    for (let n = 0; n < LOOKUP_PAGES; n++) {
      const page = await this.sourcePage(LOOKUP_PAGE_SIZE, after);
      let older = 0;
      for (const post of page.items) {
        const at = Date.parse(post.modifiedGmt !== EPOCH ? post.modifiedGmt : (post.dateGmt ?? ''));
        if (Number.isNaN(at) || Number.isNaN(since) || at >= since) found.push(post);
        else older++;
      }
      after = page.after;
      if (!after || (page.items.length > 0 && older === page.items.length)) break;
    }
    return found;
  }

  // ---------------------------------------------------------------- media

  async uploadMedia(file: {
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    altText: string;
  }): Promise<RemoteMedia> {
    const endpoint = this.options.mediaEndpoint;
    if (!endpoint) {
      throw new PublishError('UNSUPPORTED', t('error.micropub.noMediaEndpoint', { host: this.host }), {
        reason: 'no-media-endpoint',
      });
    }
    const name = cleanFileName(file.fileName, file.mimeType);
    const form = new FormData();
    form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], name, { type: file.mimeType }));
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type') ?? '';
    const body = new Uint8Array(await encoded.arrayBuffer());
    const res = await this.send(
      {
        url: endpoint,
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
        timeoutMs: uploadTimeoutMs(body.length),
      },
      { action: t('error.micropub.action.upload'), what: t('error.micropub.what.image') },
    );
    const location = res.headers.get('location');
    if (!location) {
      throw new PublishError(
        'BAD_RESPONSE',
        t('error.micropub.mediaNoLocation', { host: hostOf(endpoint) }),
        { status: res.status, reason: 'no-location', retryable: true, uncertain: true },
      );
    }
    const url = new URL(location, res.url || endpoint).toString();
    return {
      remoteId: url,
      url,
      altText: file.altText,
      title: name,
      mimeType: file.mimeType,
      uploadedGmt: this.now().toISOString(),
      fileSize: file.bytes.length,
    };
  }

  async listMedia(_query: {
    page: number;
    perPage: number;
    search?: string;
  }): Promise<{ items: RemoteMedia[]; totalPages: number }> {
    throw new PublishError('UNSUPPORTED', t('error.micropub.noMediaLibrary', { host: this.host }), {
      reason: 'no-media-library',
    });
  }

  /** Micropub cannot list uploads: a lost upload is sent again (an unused copy may stay on the site). */
  async findRecentMedia(_query: RecentMediaQuery): Promise<RemoteMedia[]> {
    return [];
  }

  // ---------------------------------------------------------------- tags

  async searchTerms(taxonomy: 'tags' | 'categories', search: string): Promise<RemoteTerm[]> {
    if (taxonomy === 'categories') return [];
    const config = this.config ?? (await this.readConfig().catch(() => null));
    if (!config?.queries?.includes('category')) return [];
    const res = await this.send({ url: this.queryUrl({ q: 'category', search: search || undefined }) }, {});
    const data = this.json(res, 'tag list') as { categories?: unknown } | undefined;
    const names = Array.isArray(data?.categories)
      ? data.categories.filter((c): c is string => typeof c === 'string')
      : [];
    const needle = search.trim().toLowerCase();
    return uniqueTags(names)
      .filter((n) => !needle || n.toLowerCase().includes(needle))
      .map((name) => ({ id: name, name, slug: name }));
  }

  /** Micropub tags are plain words sent with the post: nothing to create on the server. */
  async createTerm(taxonomy: 'tags' | 'categories', name: string): Promise<RemoteTerm> {
    if (taxonomy === 'categories') {
      throw new PublishError('UNSUPPORTED', t('error.micropub.noCategories', { host: this.host }), {
        reason: 'no-categories',
      });
    }
    const tag = name.replace(/\s+/g, ' ').trim();
    return { id: tag, name: tag, slug: tag };
  }

  /** The tokens in use now (after a refresh, the new ones). */
  currentTokens(): MicropubTokens {
    return this.tokens;
  }
}
