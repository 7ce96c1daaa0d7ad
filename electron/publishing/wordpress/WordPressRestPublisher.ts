/**
 * Publishing through the WordPress REST API (`/wp/v2`) with an Application Password (HTTP Basic).
 *
 * WordPress has no stale-write check and sometimes accepts bad ids silently (PLATFORMS.md), so
 * this publisher compares `modified_gmt` itself before an update and checks what came back after
 * every write.
 */
import { z } from 'zod';
import { attachmentDisposition, cleanFileName } from '../http/contentDisposition';
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
  RemoteMedia,
  RecentMediaQuery,
  RecentPostsQuery,
  RemotePost,
  RemotePostPage,
  RemoteTerm,
  SiteIdentity,
} from '../types';
import { REST_CAPABILITIES, type WordPressBlog, type WordPressPublisher } from './types';
import { appPasswordsDisabled, conflictError, restError } from './wordpressErrors';
import {
  decodeWpText,
  isNewerThan,
  isoToRestGmt,
  mapLimit,
  postNoun,
  restGmtToIso,
  searchWord,
  siteTimeZone,
  termKey,
  uniqueTermNames,
  wordpressPostId,
} from './wpText';
import { listUsersBlogsXmlRpc } from './WordPressXmlRpcPublisher';
import { mediaNameMatches } from './mediaNames';
import { t } from '../../contract/i18n';
import { formatList } from '../../contract/i18n/format';

export interface WordPressRestPublisherOptions {
  siteUrl: string;
  /** `https://example.com/wp-json/` or `https://example.com/?rest_route=/`. */
  restRoot: string;
  userLogin: string;
  /** The application password. */
  secret: string;
  fetch: FetchPort;
  timeoutMs?: number;
  /** Lets `listUsersBlogs` ask XML-RPC, and `verify` tell a stripped Authorization header from a wrong password. */
  xmlrpcUrl?: string | null;
  applicationPasswords?: boolean;
}

type Taxonomy = 'tags' | 'categories';
const MEDIA_FIELDS = 'id,source_url,alt_text,title,mime_type,media_details';
const ALL_STATUSES: PostStatus[] = ['publish', 'future', 'draft', 'pending', 'private'];
/** Pages of 100 a lookup reads at most: a lost create is among this user's newest posts. */
const LOOKUP_PAGES = 5;
const KNOWN_STATUSES = new Set<string>([...ALL_STATUSES, 'trash']);

const rawField = z.union([
  z.object({ raw: z.string().optional(), rendered: z.string().optional() }),
  z.string(),
]);
const embeddedTerm = z.object({ id: z.number(), name: z.string(), taxonomy: z.string().optional() });
const wpPost = z.object({
  id: z.number(),
  type: z.string().optional(),
  status: z.string(),
  title: rawField.optional(),
  content: rawField.optional(),
  excerpt: rawField.optional(),
  slug: z.string().optional(),
  date_gmt: z.string().nullable().optional(),
  modified_gmt: z.string().nullable().optional(),
  link: z.string().optional(),
  tags: z.array(z.number()).optional(),
  categories: z.array(z.number()).optional(),
  featured_media: z.number().optional(),
  _embedded: z
    .object({ 'wp:term': z.array(z.array(embeddedTerm.loose()).nullable()).optional() })
    .loose()
    .optional(),
});
type WpPost = z.infer<typeof wpPost>;
const wpTerm = z.object({ id: z.number(), name: z.string(), slug: z.string(), count: z.number().optional() });
type WpTerm = z.infer<typeof wpTerm>;
const wpMedia = z.object({
  id: z.number(),
  source_url: z.string(),
  alt_text: z.string().optional(),
  title: rawField.optional(),
  mime_type: z.string().optional(),
  media_details: z
    .object({
      width: z.number().optional(),
      height: z.number().optional(),
      file: z.string().optional(),
      filesize: z.number().optional(),
    })
    .loose()
    .nullable()
    .optional()
    .catch(null),
  date_gmt: z.string().nullable().optional(),
});
type WpMedia = z.infer<typeof wpMedia>;
const termExists = z.object({ code: z.literal('term_exists'), data: z.object({ term_id: z.number() }) });
const wpUser = z.object({
  id: z.number(),
  name: z.string(),
  username: z.string().optional(),
  slug: z.string(),
});
const wpIndex = z
  .object({
    name: z.string().optional(),
    url: z.string().optional(),
    home: z.string().optional(),
    timezone_string: z.string().optional(),
    gmt_offset: z.union([z.number(), z.string()]).optional(),
    authentication: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
  })
  .loose();

function raw(field: z.infer<typeof rawField> | undefined): string {
  if (field === undefined) return '';
  if (typeof field === 'string') return field;
  return field.raw ?? decodeWpText(field.rendered ?? '');
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Builds a REST URL for both root forms (`/wp-json/` and `?rest_route=/`). */
export function restUrl(
  restRoot: string,
  route: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const url = new URL(restRoot);
  const clean = route.replace(/^\/+/, '');
  if (url.searchParams.has('rest_route')) url.searchParams.set('rest_route', `/${clean}`);
  else url.pathname = `${url.pathname.replace(/\/?$/, '/')}${clean}`;
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export function basicAuthorization(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

interface CallOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  what?: string;
  timeoutMs?: number;
  auth?: boolean;
  /** Statuses handed back instead of thrown (e.g. 400 to read `term_exists`). */
  passStatus?: number[];
}

export class WordPressRestPublisher implements WordPressPublisher {
  readonly transport = 'rest' as const;
  readonly capabilities = REST_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly host: string;
  private userId: number | null = null;

  constructor(private readonly options: WordPressRestPublisherOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    this.host = hostOf(options.siteUrl);
  }

  // ---------------------------------------------------------------- plumbing

  private async call(
    method: string,
    route: string,
    opts: CallOptions = {},
  ): Promise<{ data: unknown; res: HttpResponse }> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.auth !== false)
      headers.authorization = basicAuthorization(this.options.userLogin, this.options.secret);
    let body: string | Uint8Array | undefined = opts.body;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json; charset=UTF-8';
      body = JSON.stringify(opts.json);
    }
    const res = await this.http.send({
      url: restUrl(this.options.restRoot, route, opts.query),
      method,
      headers,
      ...(body !== undefined && { body }),
      ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    });
    if ((res.status < 200 || res.status >= 300) && !opts.passStatus?.includes(res.status)) {
      throw restError(res, {
        ...(opts.what !== undefined && { what: opts.what }),
        ...(this.options.applicationPasswords === false && { applicationPasswordsOff: true }),
      });
    }
    const data = isHtml(res) ? undefined : parseJsonLenient(res.text);
    if (data === undefined) throw badResponse(res, isHtml(res) ? 'a web page instead of JSON' : 'no JSON');
    return { data, res };
  }

  private parse<T>(schema: z.ZodType<T>, data: unknown, res: HttpResponse, what: string): T {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw badResponse(res, `unexpected ${what}`);
    return parsed.data;
  }

  private route(type: PostType): string {
    return type === 'page' ? 'wp/v2/pages' : 'wp/v2/posts';
  }

  // ---------------------------------------------------------------- identity

  async verify(): Promise<SiteIdentity> {
    const [index, me] = await Promise.allSettled([
      this.call('GET', '', {
        auth: false,
        query: { _fields: 'name,url,home,timezone_string,gmt_offset,authentication' },
      }),
      this.call('GET', 'wp/v2/users/me', { query: { context: 'edit', _fields: 'id,name,username,slug' } }),
    ]);
    const indexData = index.status === 'fulfilled' ? wpIndex.safeParse(index.value.data).data : undefined;
    if (me.status === 'rejected') {
      const error = me.reason as unknown;
      if (error instanceof PublishError && error.code === 'AUTH_FAILED') {
        throw await this.explainRefusedLogin(error, indexData);
      }
      throw error;
    }
    if (index.status === 'rejected') throw index.reason;
    if (!indexData) throw badResponse(index.value.res, 'unexpected site index');
    const user = this.parse(wpUser, me.value.data, me.value.res, 'user');
    return {
      name: decodeWpText(indexData.name ?? ''),
      url: (indexData.home ?? indexData.url ?? this.options.siteUrl).replace(/\/+$/, ''),
      userName: decodeWpText(user.name),
      userLogin: user.username ?? user.slug,
      timeZone: siteTimeZone(indexData.timezone_string, indexData.gmt_offset) ?? 'UTC',
    };
  }

  /** A 401 can mean a wrong password, Application Passwords off, or a host that strips the header. */
  private async explainRefusedLogin(
    error: PublishError,
    index: z.infer<typeof wpIndex> | undefined,
  ): Promise<PublishError> {
    const auth = index?.authentication;
    if (index && (!auth || Array.isArray(auth) || !('application-passwords' in auth))) {
      return appPasswordsDisabled(this.host, 'no application-passwords in the site index', 401);
    }
    if (this.options.xmlrpcUrl) {
      try {
        await listUsersBlogsXmlRpc(
          this.http,
          this.options.xmlrpcUrl,
          this.options.userLogin,
          this.options.secret,
        );
      } catch {
        return error; // XML-RPC refused it too (or is unusable): the password is the likely cause
      }
      return new PublishError('AUTH_FAILED', t('error.wordpress.authHeaderStripped', { host: this.host }), {
        status: 401,
        reason: 'authorization-header-stripped',
      });
    }
    return error;
  }

  async listUsersBlogs(): Promise<WordPressBlog[]> {
    if (this.options.xmlrpcUrl) {
      try {
        return await listUsersBlogsXmlRpc(
          this.http,
          this.options.xmlrpcUrl,
          this.options.userLogin,
          this.options.secret,
        );
      } catch (error) {
        if (!(error instanceof PublishError) || error.code !== 'XMLRPC_DISABLED') throw error;
      }
    }
    const identity = await this.verify();
    return [
      {
        blogId: '1',
        name: identity.name,
        url: identity.url,
        xmlrpcUrl: this.options.xmlrpcUrl ?? '',
        isAdmin: false,
      },
    ];
  }

  // ---------------------------------------------------------------- posts

  private toRemotePost(p: WpPost, type: PostType, res: HttpResponse): RemotePost {
    const modified = restGmtToIso(p.modified_gmt);
    if (!modified) throw badResponse(res, 'a post without a modification time');
    const groups = p._embedded?.['wp:term'] ?? [];
    const terms = groups.flat().filter((t): t is z.infer<typeof embeddedTerm> => !!t);
    const namesOf = (ids: number[] | undefined, taxonomy: string) =>
      (ids ?? []).map((id) => {
        const t = terms.find((x) => x.id === id && (!x.taxonomy || x.taxonomy === taxonomy));
        return t ? decodeWpText(t.name) : `#${id}`;
      });
    return {
      remoteId: String(p.id),
      type,
      title: raw(p.title),
      content: raw(p.content),
      excerpt: raw(p.excerpt),
      slug: p.slug ?? '',
      status: (KNOWN_STATUSES.has(p.status) ? p.status : 'draft') as RemotePost['status'],
      dateGmt: restGmtToIso(p.date_gmt),
      modifiedGmt: modified,
      permalink: p.link ?? '',
      tags: type === 'post' ? namesOf(p.tags, 'post_tag') : [],
      categories: type === 'post' ? namesOf(p.categories, 'category') : [],
      featuredMediaId: p.featured_media ? String(p.featured_media) : null,
    };
  }

  /** Embedded term names may be missing (a plugin filtering `_embed`): fetch them then. */
  private async withTermNames(post: RemotePost): Promise<RemotePost> {
    const fix = async (names: string[], taxonomy: Taxonomy): Promise<string[]> => {
      const missing = names.filter((n) => /^#\d+$/.test(n)).map((n) => n.slice(1));
      if (missing.length === 0) return names;
      const { data, res } = await this.call('GET', `wp/v2/${taxonomy}`, {
        query: { include: missing.join(','), per_page: 100, _fields: 'id,name,slug' },
      });
      const found = this.parse(z.array(wpTerm.partial({ slug: true })), data, res, 'terms');
      return names.map((n) => {
        const t = /^#\d+$/.test(n) ? found.find((f) => String(f.id) === n.slice(1)) : undefined;
        return t ? decodeWpText(t.name) : n;
      });
    };
    return {
      ...post,
      tags: await fix(post.tags, 'tags'),
      categories: await fix(post.categories, 'categories'),
    };
  }

  private async body(post: OutgoingPost, isUpdate: boolean): Promise<Record<string, unknown>> {
    if (post.status === 'future' && !post.dateGmt) {
      throw new PublishError(
        'VALIDATION',
        t('error.publishing.scheduleNeedsDate', {
          title: post.title || t('error.micropub.thisPost'),
          host: this.host,
        }),
        { reason: 'future-without-date' },
      );
    }
    const body: Record<string, unknown> = {
      title: post.title,
      content: post.content,
      status: post.status,
    };
    if (post.type === 'post') body.excerpt = post.excerpt ?? '';
    else if (post.excerpt !== undefined) body.excerpt = post.excerpt;
    if (post.slug !== undefined && post.slug !== '') body.slug = post.slug;
    if (post.dateGmt) body.date_gmt = isoToRestGmt(post.dateGmt, this.host);
    if (post.featuredMediaId) {
      body.featured_media = await this.existingMediaId(post.featuredMediaId);
    } else if (isUpdate) {
      body.featured_media = 0;
    }
    if (post.type === 'post') {
      body.tags = await this.termIds('tags', post.tags);
      // No categories leaves WordPress's choice (its default category), as wp-admin does.
      const categories = await this.termIds('categories', post.categories);
      if (categories.length > 0) body.categories = categories;
    }
    return body;
  }

  /** WordPress keeps the old featured image when given an unknown id (PLATFORMS.md): check first. */
  private async existingMediaId(id: string): Promise<number> {
    const n = Number(id);
    try {
      if (!Number.isInteger(n) || n <= 0) throw new PublishError('NOT_FOUND', 'bad id');
      await this.call('GET', `wp/v2/media/${n}`, {
        query: { context: 'edit', _fields: 'id' },
        what: t('error.wordpress.what.image'),
      });
      return n;
    } catch (error) {
      if (error instanceof PublishError && error.code === 'NOT_FOUND') {
        throw new PublishError('VALIDATION', t('error.wordpress.invalidAttachment', { host: this.host }), {
          reason: 'featured-media-missing',
        });
      }
      throw error;
    }
  }

  /** Refuses to report success when WordPress dropped part of the post without saying so. */
  private checkApplied(sent: Record<string, unknown>, got: WpPost, type: PostType): void {
    const problems: string[] = [];
    if (Array.isArray(sent.tags) && !sameIds(sent.tags as number[], got.tags ?? []))
      problems.push(t('error.wordpress.part.tags'));
    const sentCats = sent.categories as number[] | undefined;
    if (sentCats && sentCats.length > 0 && !sameIds(sentCats, got.categories ?? []))
      problems.push(t('error.wordpress.part.categories'));
    if (typeof sent.featured_media === 'number' && (got.featured_media ?? 0) !== sent.featured_media) {
      problems.push(t('error.wordpress.part.featuredImage'));
    }
    if (problems.length > 0) {
      throw new PublishError(
        'VALIDATION',
        t('error.wordpress.notApplied', { host: this.host, type, parts: formatList(problems) }),
        { reason: `not-applied: ${problems.join(', ')}`, remoteId: String(got.id) },
      );
    }
  }

  private postQuery(): Record<string, string> {
    return { context: 'edit', _embed: 'wp:term' };
  }

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    const body = await this.body(post, false);
    const { data, res } = await this.call('POST', this.route(post.type), {
      query: this.postQuery(),
      json: body,
    });
    const got = this.parse(wpPost, data, res, 'post');
    this.checkApplied(body, got, post.type);
    return this.withTermNames(this.toRemotePost(got, post.type, res));
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    const id = wordpressPostId(remoteId);
    if (options.ifUnmodifiedSince) {
      // No server-side check exists: read first, refuse when the server's copy is newer.
      const { data, res } = await this.call('GET', `${this.route(post.type)}/${id}`, {
        query: { context: 'edit', _fields: 'id,status,title,modified_gmt,link' },
        what: postNoun(post.type),
      });
      const current = this.parse(
        wpPost.pick({ id: true, status: true, title: true, modified_gmt: true, link: true }),
        data,
        res,
        'post',
      );
      const modified = restGmtToIso(current.modified_gmt);
      if (!modified) throw badResponse(res, 'a post without a modification time');
      if (isNewerThan(modified, options.ifUnmodifiedSince)) {
        throw conflictError(this.host, post.type, {
          remoteModifiedGmt: modified,
          remoteTitle: raw(current.title),
          remoteStatus: current.status,
          permalink: current.link ?? '',
        });
      }
    }
    const body = await this.body(post, true);
    const { data, res } = await this.call('POST', `${this.route(post.type)}/${id}`, {
      query: this.postQuery(),
      json: body,
      what: postNoun(post.type),
    });
    const got = this.parse(wpPost, data, res, 'post');
    this.checkApplied(body, got, post.type);
    return this.withTermNames(this.toRemotePost(got, post.type, res));
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    const { data, res } = await this.call('GET', `${this.route(type)}/${wordpressPostId(remoteId)}`, {
      query: this.postQuery(),
      what: postNoun(type),
    });
    return this.withTermNames(this.toRemotePost(this.parse(wpPost, data, res, 'post'), type, res));
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    const perPage = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    const statuses = query.status?.length ? query.status : ALL_STATUSES;
    const q = {
      ...this.postQuery(),
      page,
      per_page: perPage,
      status: statuses.join(','),
      ...(query.search ? { search: query.search } : {}),
    };
    let result: { data: unknown; res: HttpResponse };
    try {
      result = await this.call('GET', this.route(query.type), { query: q });
    } catch (error) {
      // Past the last page WordPress answers 400 rest_post_invalid_page_number.
      if (error instanceof PublishError && error.reason === 'rest_post_invalid_page_number') {
        const probe = await this.call('GET', this.route(query.type), {
          query: { ...q, page: 1, per_page: 1, _fields: 'id' },
        });
        const total = totals(probe.res).total ?? 0;
        return { items: [], total, totalPages: Math.ceil(total / perPage) };
      }
      throw error;
    }
    const posts = this.parse(z.array(wpPost), result.data, result.res, 'post list');
    const items = await Promise.all(
      posts.map((p) => this.withTermNames(this.toRemotePost(p, query.type, result.res))),
    );
    const t = totals(result.res);
    return { items, total: t.total ?? items.length, totalPages: t.totalPages ?? page };
  }

  async deletePost(remoteId: string, type: PostType, options: { force: boolean }): Promise<void> {
    try {
      await this.call('DELETE', `${this.route(type)}/${wordpressPostId(remoteId)}`, {
        query: options.force ? { force: 'true', _fields: 'id' } : { _fields: 'id' },
        what: postNoun(type),
      });
    } catch (error) {
      // Already in the trash, or already gone: what was asked for is true (a retried delete).
      if (error instanceof PublishError && (error.status === 410 || error.status === 404)) return;
      throw error;
    }
  }

  // ---------------------------------------------------------------- lookups (the outbox)

  /** The signed-in user's id (asked once). */
  private async ownUserId(): Promise<number> {
    if (this.userId === null) {
      const { data, res } = await this.call('GET', 'wp/v2/users/me', { query: { _fields: 'id' } });
      this.userId = this.parse(z.object({ id: z.number() }), data, res, 'user').id;
    }
    return this.userId;
  }

  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    const author = await this.ownUserId();
    const since = wholeSecondsZ(query.since);
    const word = query.search ? searchWord(query.search) : '';
    const out: RemotePost[] = [];
    for (let page = 1; page <= LOOKUP_PAGES; page++) {
      let result: { data: unknown; res: HttpResponse };
      try {
        result = await this.call('GET', this.route(query.type), {
          query: {
            ...this.postQuery(),
            author,
            status: [...ALL_STATUSES, 'trash'].join(','),
            // Created or changed since: a post created then is among them whatever its date says.
            modified_after: since,
            ...(word ? { search: word } : {}),
            orderby: 'date',
            order: 'desc',
            per_page: 100,
            page,
          },
        });
      } catch (error) {
        if (error instanceof PublishError && error.reason === 'rest_post_invalid_page_number') break;
        throw error;
      }
      const posts = this.parse(z.array(wpPost), result.data, result.res, 'post list');
      out.push(...posts.map((p) => this.toRemotePost(p, query.type, result.res)));
      if (page >= (totals(result.res).totalPages ?? page)) break;
    }
    return out.filter((p) => !isNewerThan(since, p.modifiedGmt));
  }

  async findRecentMedia(query: RecentMediaQuery): Promise<RemoteMedia[]> {
    const author = await this.ownUserId();
    const name = cleanFileName(query.fileName, query.mimeType);
    const title = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    const word = searchWord(title);
    const { data, res } = await this.call('GET', 'wp/v2/media', {
      query: {
        context: 'edit',
        author,
        modified_after: wholeSecondsZ(query.since),
        ...(word ? { search: word } : {}),
        orderby: 'date',
        order: 'desc',
        per_page: 100,
        _fields: `${MEDIA_FIELDS},date_gmt`,
      },
    });
    return this.parse(z.array(wpMedia), data, res, 'media list')
      .filter((m) =>
        mediaNameMatches(name, {
          title: raw(m.title),
          file: m.media_details?.file ?? m.source_url,
        }),
      )
      .map((m) => this.toRemoteMedia(m));
  }

  // ---------------------------------------------------------------- terms

  private toRemoteTerm(t: WpTerm): RemoteTerm {
    return {
      id: String(t.id),
      name: decodeWpText(t.name),
      slug: t.slug,
      ...(t.count !== undefined && { count: t.count }),
    };
  }

  async searchTerms(taxonomy: Taxonomy, search: string): Promise<RemoteTerm[]> {
    const { data, res } = await this.call('GET', `wp/v2/${taxonomy}`, {
      query: {
        search: search.trim() || undefined,
        per_page: 20,
        orderby: 'count',
        order: 'desc',
        hide_empty: 'false',
        _fields: 'id,name,slug,count',
      },
    });
    return this.parse(z.array(wpTerm), data, res, 'terms').map((t) => this.toRemoteTerm(t));
  }

  async createTerm(taxonomy: Taxonomy, name: string): Promise<RemoteTerm> {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) {
      throw new PublishError('VALIDATION', t('error.wordpress.termNeedsName', { taxonomy }), {
        reason: 'empty-term',
      });
    }
    const created = await this.call('POST', `wp/v2/${taxonomy}`, {
      json: { name: clean },
      passStatus: [400],
    });
    if (created.res.status !== 400)
      return this.toRemoteTerm(this.parse(wpTerm, created.data, created.res, 'term'));
    // It exists already (perhaps spelled differently): WordPress names its id.
    const exists = termExists.safeParse(created.data);
    if (!exists.success) throw restError(created.res);
    const { data, res } = await this.call('GET', `wp/v2/${taxonomy}/${exists.data.data.term_id}`, {
      query: { _fields: 'id,name,slug,count' },
    });
    return this.toRemoteTerm(this.parse(wpTerm, data, res, 'term'));
  }

  private async findTerm(taxonomy: Taxonomy, name: string): Promise<number | null> {
    const key = termKey(name);
    const { data, res } = await this.call('GET', `wp/v2/${taxonomy}`, {
      query: { search: name, per_page: 100, hide_empty: 'false', _fields: 'id,name,slug,parent' },
    });
    const terms = this.parse(z.array(wpTerm.extend({ parent: z.number().optional() })), data, res, 'terms');
    const matches = terms.filter((t) => termKey(t.name) === key);
    const exact = matches.find((t) => decodeWpText(t.name) === name);
    const top = matches.find((t) => !t.parent);
    return (exact ?? top ?? matches[0])?.id ?? null;
  }

  private async termIds(taxonomy: Taxonomy, names: readonly string[]): Promise<number[]> {
    const ids = await mapLimit(uniqueTermNames(names), 4, async (name) => {
      const found = await this.findTerm(taxonomy, name);
      return found ?? Number((await this.createTerm(taxonomy, name)).id);
    });
    return [...new Set(ids)];
  }

  // ---------------------------------------------------------------- media

  private toRemoteMedia(m: WpMedia): RemoteMedia {
    return {
      remoteId: String(m.id),
      url: m.source_url,
      altText: m.alt_text ?? '',
      title: raw(m.title),
      mimeType: m.mime_type ?? '',
      ...(m.media_details?.width !== undefined && { width: m.media_details.width }),
      ...(m.media_details?.height !== undefined && { height: m.media_details.height }),
      ...(m.media_details?.filesize !== undefined && { fileSize: m.media_details.filesize }),
      ...(restGmtToIso(m.date_gmt) && { uploadedGmt: restGmtToIso(m.date_gmt)! }),
    };
  }

  async uploadMedia(file: {
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    altText: string;
  }): Promise<RemoteMedia> {
    const name = cleanFileName(file.fileName, file.mimeType);
    const title = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    const { data, res } = await this.call('POST', 'wp/v2/media', {
      // alt_text and title ride along in the query, so one request sets them.
      query: { context: 'edit', alt_text: file.altText || undefined, title, _fields: MEDIA_FIELDS },
      body: file.bytes,
      headers: {
        'content-type': file.mimeType,
        'content-disposition': attachmentDisposition(name),
      },
      timeoutMs: uploadTimeoutMs(file.bytes.byteLength),
      what: t('error.wordpress.what.upload'),
    });
    let media = this.parse(wpMedia, data, res, 'media');
    if (file.altText && (media.alt_text ?? '') !== file.altText.trim()) {
      const again = await this.call('POST', `wp/v2/media/${media.id}`, {
        query: { context: 'edit', _fields: MEDIA_FIELDS },
        json: { alt_text: file.altText },
      });
      media = this.parse(wpMedia, again.data, again.res, 'media');
    }
    return this.toRemoteMedia(media);
  }

  async listMedia(query: {
    page: number;
    perPage: number;
    search?: string;
  }): Promise<{ items: RemoteMedia[]; totalPages: number }> {
    const perPage = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    try {
      const { data, res } = await this.call('GET', 'wp/v2/media', {
        query: {
          context: 'edit',
          page,
          per_page: perPage,
          search: query.search || undefined,
          _fields: MEDIA_FIELDS,
        },
      });
      const items = this.parse(z.array(wpMedia), data, res, 'media list').map((m) => this.toRemoteMedia(m));
      return { items, totalPages: totals(res).totalPages ?? page };
    } catch (error) {
      if (error instanceof PublishError && error.reason === 'rest_post_invalid_page_number')
        return { items: [], totalPages: page - 1 };
      throw error;
    }
  }
}

/** `2026-11-23T05:45:10Z`: an instant as WordPress's date filters read it (whole seconds, rounded down). */
function wholeSecondsZ(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms))
    throw new PublishError('VALIDATION', t('error.publishing.notADate', { value: iso }), {
      reason: 'bad-date',
    });
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

function totals(res: HttpResponse): { total?: number; totalPages?: number } {
  const total = Number(res.headers.get('x-wp-total'));
  const totalPages = Number(res.headers.get('x-wp-totalpages'));
  return {
    ...(res.headers.has('x-wp-total') && Number.isFinite(total) && { total }),
    ...(res.headers.has('x-wp-totalpages') && Number.isFinite(totalPages) && { totalPages }),
  };
}
