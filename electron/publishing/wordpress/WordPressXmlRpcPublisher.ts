/**
 * Publishing through WordPress's XML-RPC API (`xmlrpc.php`), the fallback when a host blocks or
 * strips REST. The application password travels in each call's parameters.
 *
 * Uses the `wp.*` methods only: `metaWeblog.editPost` without `mt_keywords` clears a post's tags
 * (PLATFORMS.md). `wp.editPost` refuses a stale edit itself (`if_not_modified_since` → fault 409).
 */
import { cleanFileName } from '../http/contentDisposition';
import { HttpClient, uploadTimeoutMs, type FetchPort } from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import { callXmlRpc, XmlRpcDateTime, XmlRpcFault, type XmlRpcParam, type XmlRpcValue } from '../http/xmlrpc';
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
import { XMLRPC_CAPABILITIES, type WordPressBlog, type WordPressPublisher } from './types';
import { mediaNameMatches } from './mediaNames';
import { conflictError, faultError, type WordPressErrorContext } from './wordpressErrors';
import {
  decodeWpText,
  offsetToZone,
  postNoun,
  searchWord,
  termKey,
  uniqueTermNames,
  wordpressPostId,
} from './wpText';
import { t } from '../../contract/i18n';
import { formatList } from '../../contract/i18n/format';

export interface WordPressXmlRpcPublisherOptions {
  siteUrl: string;
  xmlrpcUrl: string;
  userLogin: string;
  /** The application password. */
  secret: string;
  fetch: FetchPort;
  /** A blog of a multisite network; default 1. */
  blogId?: string;
  timeoutMs?: number;
  /** The site's IANA zone from discovery (XML-RPC itself only tells the offset). */
  timeZone?: string | null;
  applicationPasswords?: boolean;
  /** Tells scheduled posts from published ones (XML-RPC calls both "publish"). */
  clock?: () => number;
}

type Taxonomy = 'tags' | 'categories';
const WP_TAXONOMY: Record<Taxonomy, string> = { tags: 'post_tag', categories: 'category' };
const ALL_STATUSES: PostStatus[] = ['publish', 'future', 'draft', 'pending', 'private'];
const KNOWN_STATUSES = new Set<string>([...ALL_STATUSES, 'trash']);
/** Pages of 100 a lookup reads at most: a lost create is among the newest changes. */
const LOOKUP_PAGES = 5;

// ------------------------------------------------------------------ reading values

type Struct = { [member: string]: XmlRpcValue };

function isStruct(v: XmlRpcValue | undefined): v is Struct {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof XmlRpcDateTime)
  );
}
function str(v: XmlRpcValue | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}
function num(v: XmlRpcValue | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
function date(v: XmlRpcValue | undefined): string | null {
  return v instanceof XmlRpcDateTime ? v.toUtcIso() : null;
}
function list(v: XmlRpcValue | undefined): XmlRpcValue[] {
  return Array.isArray(v) ? v : [];
}

class Unreadable extends Error {}

function struct(v: XmlRpcValue, what: string): Struct {
  if (!isStruct(v)) throw new Unreadable(`expected ${what}`);
  return v;
}

// ------------------------------------------------------------------ the blogs of a login

/** `wp.getUsersBlogs` (every blog of a multisite login); `blogger.getUsersBlogs` where that is missing. */
export async function listUsersBlogsXmlRpc(
  http: HttpClient,
  xmlrpcUrl: string,
  userLogin: string,
  secret: string,
): Promise<WordPressBlog[]> {
  let value: XmlRpcValue;
  try {
    value = await callXmlRpc(http, xmlrpcUrl, 'wp.getUsersBlogs', [userLogin, secret]);
  } catch (error) {
    if (!(error instanceof XmlRpcFault)) throw error;
    if (error.faultCode !== -32601) throw faultError(error, xmlrpcUrl);
    try {
      value = await callXmlRpc(http, xmlrpcUrl, 'blogger.getUsersBlogs', ['', userLogin, secret]);
    } catch (inner) {
      throw inner instanceof XmlRpcFault ? faultError(inner, xmlrpcUrl) : inner;
    }
  }
  return list(value)
    .filter(isStruct)
    .map((b) => ({
      blogId: str(b.blogid),
      name: decodeWpText(str(b.blogName)),
      url: str(b.url).replace(/\/+$/, ''),
      xmlrpcUrl: str(b.xmlrpc) || xmlrpcUrl,
      isAdmin: b.isAdmin === true,
    }));
}

// ------------------------------------------------------------------ the publisher

export class WordPressXmlRpcPublisher implements WordPressPublisher {
  readonly transport = 'xmlrpc' as const;
  readonly capabilities = XMLRPC_CAPABILITIES;
  private readonly http: HttpClient;
  private readonly host: string;
  private readonly blogId: string | number;
  private userId: string | null = null;

  constructor(private readonly options: WordPressXmlRpcPublisherOptions) {
    this.http = new HttpClient({
      fetch: options.fetch,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    this.host = hostOf(options.siteUrl);
    const id = options.blogId ?? '1';
    this.blogId = /^\d+$/.test(id) ? Number(id) : id;
  }

  /** A `wp.*` call: blog id, login and password first, then `args`. */
  private async wp(
    method: string,
    args: XmlRpcParam[],
    ctx: WordPressErrorContext & { timeoutMs?: number } = {},
  ): Promise<XmlRpcValue> {
    try {
      return await callXmlRpc(
        this.http,
        this.options.xmlrpcUrl,
        method,
        [this.blogId, this.options.userLogin, this.options.secret, ...args],
        {
          ...(ctx.timeoutMs !== undefined && { timeoutMs: ctx.timeoutMs }),
          ...(ctx.what !== undefined && { what: ctx.what }),
        },
      );
    } catch (error) {
      if (error instanceof XmlRpcFault) {
        throw faultError(error, this.options.xmlrpcUrl, {
          ...ctx,
          ...(this.options.applicationPasswords === false && { applicationPasswordsOff: true }),
        });
      }
      throw error;
    }
  }

  private unreadable(detail: string): PublishError {
    return new PublishError(
      'BAD_RESPONSE',
      t('error.wordpress.xmlrpcUnreadable', { host: this.host, detail }),
      { reason: detail, retryable: true, uncertain: true },
    );
  }

  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Unreadable) throw this.unreadable(error.message);
      throw error;
    }
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  // ---------------------------------------------------------------- identity

  async verify(): Promise<SiteIdentity> {
    // One call at a time, so a wrong password costs one failed login, not two.
    const profile = await this.wp('wp.getProfile', [['basic']]);
    const siteOptions = await this.wp('wp.getOptions', [['blog_title', 'home_url', 'time_zone']]);
    const user = this.read(() => struct(profile, 'a profile'));
    const o = this.read(() => struct(siteOptions, 'site options'));
    const option = (name: string) => (isStruct(o[name]) ? (o[name] as Struct).value : undefined);
    const offset = num(option('time_zone'));
    return {
      name: decodeWpText(str(option('blog_title'))),
      url: (str(option('home_url')) || this.options.siteUrl).replace(/\/+$/, ''),
      userName: decodeWpText(str(user.display_name) || str(user.username)),
      userLogin: str(user.username) || this.options.userLogin,
      timeZone: this.options.timeZone || (offset !== undefined ? offsetToZone(offset) : 'UTC'),
    };
  }

  listUsersBlogs(): Promise<WordPressBlog[]> {
    return listUsersBlogsXmlRpc(
      this.http,
      this.options.xmlrpcUrl,
      this.options.userLogin,
      this.options.secret,
    );
  }

  // ---------------------------------------------------------------- posts

  private toRemotePost(v: XmlRpcValue): RemotePost {
    return this.read(() => {
      const p = struct(v, 'a post');
      const id = str(p.post_id);
      const modified = date(p.post_modified_gmt);
      if (!id || !modified) throw new Unreadable('a post without id or modification time');
      const type: PostType = str(p.post_type) === 'page' ? 'page' : 'post';
      const terms = list(p.terms).filter(isStruct);
      const names = (taxonomy: string) =>
        terms.filter((t) => str(t.taxonomy) === taxonomy).map((t) => decodeWpText(str(t.name)));
      const thumb = isStruct(p.post_thumbnail) ? str(p.post_thumbnail.attachment_id) : '';
      const dateGmt = date(p.post_date_gmt);
      let status = str(p.post_status);
      // WordPress's XML-RPC reports scheduled posts as "publish"; the date tells them apart.
      if (status === 'publish' && dateGmt && Date.parse(dateGmt) > this.now()) status = 'future';
      return {
        remoteId: id,
        type,
        title: str(p.post_title),
        content: str(p.post_content),
        excerpt: str(p.post_excerpt),
        slug: str(p.post_name),
        status: (KNOWN_STATUSES.has(status) ? status : 'draft') as RemotePost['status'],
        dateGmt,
        modifiedGmt: modified,
        permalink: str(p.link),
        tags: type === 'post' ? names('post_tag') : [],
        categories: type === 'post' ? names('category') : [],
        featuredMediaId: thumb && thumb !== '0' ? thumb : null,
      };
    });
  }

  private contentStruct(post: OutgoingPost, isUpdate: boolean): Record<string, XmlRpcParam> {
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
    const content: Record<string, XmlRpcParam> = {
      post_type: post.type,
      post_status: post.status,
      post_title: post.title,
      post_content: post.content,
    };
    if (post.type === 'post') content.post_excerpt = post.excerpt ?? '';
    else if (post.excerpt !== undefined) content.post_excerpt = post.excerpt;
    if (post.slug) content.post_name = post.slug;
    if (post.dateGmt) {
      const when = new Date(post.dateGmt);
      if (Number.isNaN(when.getTime())) {
        throw new PublishError(
          'VALIDATION',
          t('error.wordpress.badDate', { date: post.dateGmt, host: this.host }),
          { reason: 'bad-date' },
        );
      }
      content.post_date_gmt = XmlRpcDateTime.fromDate(when);
    }
    if (post.featuredMediaId) content.post_thumbnail = Number(post.featuredMediaId) || post.featuredMediaId;
    else if (isUpdate) content.post_thumbnail = 0; // empty deletes the featured image
    if (post.type === 'post') {
      const tags = uniqueTermNames(post.tags);
      const categories = uniqueTermNames(post.categories);
      // An empty `terms` list makes WordPress replace (so clear) the tags; names are found or
      // created by WordPress. No categories leaves WordPress's choice (its default category).
      content.terms = { post_tag: [] };
      const names: Record<string, string[]> = {};
      if (tags.length) names.post_tag = tags;
      if (categories.length) names.category = categories;
      if (Object.keys(names).length) content.terms_names = names;
    }
    return content;
  }

  /** Refuses to report success when WordPress dropped part of the post without saying so. */
  private checkApplied(post: OutgoingPost, got: RemotePost): void {
    const problems: string[] = [];
    if (post.type === 'post') {
      const has = (names: string[]) => new Set(names.map(termKey));
      const gotTags = has(got.tags);
      const wantTags = uniqueTermNames(post.tags).map(termKey);
      if (wantTags.length !== gotTags.size || !wantTags.every((k) => gotTags.has(k)))
        problems.push(t('error.wordpress.part.tags'));
      const gotCats = has(got.categories);
      const wantCats = uniqueTermNames(post.categories).map(termKey);
      if (wantCats.length > 0 && !wantCats.every((k) => gotCats.has(k)))
        problems.push(t('error.wordpress.part.categories'));
    }
    if (
      (post.featuredMediaId ?? null) !== (got.featuredMediaId ?? null) &&
      (post.featuredMediaId || got.featuredMediaId)
    ) {
      problems.push(t('error.wordpress.part.featuredImage'));
    }
    if (problems.length > 0) {
      throw new PublishError(
        'VALIDATION',
        t('error.wordpress.notApplied', { host: this.host, type: post.type, parts: formatList(problems) }),
        { reason: `not-applied: ${problems.join(', ')}`, remoteId: got.remoteId },
      );
    }
  }

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    const id = str(await this.wp('wp.newPost', [this.contentStruct(post, false)]));
    if (!/^\d+$/.test(id)) throw this.unreadable('wp.newPost gave no post id');
    const got = await this.getPost(id, post.type);
    this.checkApplied(post, got);
    return got;
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    const content = this.contentStruct(post, true);
    if (options.ifUnmodifiedSince) {
      const since = new Date(options.ifUnmodifiedSince);
      if (!Number.isNaN(since.getTime())) content.if_not_modified_since = XmlRpcDateTime.fromDate(since);
    }
    try {
      await this.wp('wp.editPost', [wordpressPostId(remoteId), content], { what: postNoun(post.type) });
    } catch (error) {
      if (error instanceof PublishError && error.code === 'CONFLICT') {
        const server = await this.getPost(remoteId, post.type);
        throw conflictError(this.host, post.type, {
          remoteModifiedGmt: server.modifiedGmt,
          remoteTitle: server.title,
          remoteStatus: server.status,
          permalink: server.permalink,
        });
      }
      throw error;
    }
    const got = await this.getPost(remoteId, post.type);
    this.checkApplied(post, got);
    return got;
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    const value = await this.wp('wp.getPost', [wordpressPostId(remoteId), ['post', 'terms']], {
      what: postNoun(type),
    });
    const post = this.toRemotePost(value);
    if (post.type !== type) {
      throw new PublishError(
        'NOT_FOUND',
        t('error.wordpress.wrongType', { host: this.host, type, id: remoteId, actual: post.type }),
        { reason: 'wrong-type' },
      );
    }
    return post;
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    const perPage = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    const offset = (page - 1) * perPage;
    // XML-RPC tells no total: ask for one more than a page to know whether another follows.
    const value = await this.wp('wp.getPosts', [
      {
        post_type: query.type,
        post_status: (query.status?.length ? query.status : ALL_STATUSES).join(','),
        number: perPage + 1,
        offset,
        orderby: 'date',
        order: 'DESC',
        ...(query.search ? { s: query.search } : {}),
      },
      ['post', 'terms'],
    ]);
    const all = list(value).map((v) => this.toRemotePost(v));
    const hasMore = all.length > perPage;
    const items = all.slice(0, perPage);
    return { items, total: offset + items.length + (hasMore ? 1 : 0), totalPages: hasMore ? page + 1 : page };
  }

  async deletePost(remoteId: string, type: PostType, options: { force: boolean }): Promise<void> {
    const id = wordpressPostId(remoteId);
    const gone = (error: unknown) => error instanceof PublishError && error.code === 'NOT_FOUND';
    try {
      // wp.deletePost moves to the trash, and deletes a post already there for good: look first,
      // so a plain delete never destroys a trashed post.
      const before = await this.wp('wp.getPost', [id, ['post_status']], { what: postNoun(type) });
      const inTrash = isStruct(before) && str(before.post_status) === 'trash';
      if (inTrash && !options.force) return;
      await this.wp('wp.deletePost', [id], { what: postNoun(type) });
      if (!options.force || inTrash) return;
      const after = await this.wp('wp.getPost', [id, ['post_status']]);
      if (isStruct(after) && str(after.post_status) === 'trash') await this.wp('wp.deletePost', [id]);
    } catch (error) {
      if (gone(error)) return; // already gone: what was asked for is true (a retried delete)
      throw error;
    }
  }

  // ---------------------------------------------------------------- lookups (the outbox)

  /** The signed-in user's id (asked once). */
  private async ownUserId(): Promise<string> {
    if (this.userId === null) {
      const profile = await this.wp('wp.getProfile', [['basic']]);
      this.userId = this.read(() => str(struct(profile, 'a profile').user_id));
    }
    return this.userId;
  }

  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    const author = await this.ownUserId();
    const since = Date.parse(query.since);
    const word = query.search ? searchWord(query.search) : '';
    const out: RemotePost[] = [];
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      // wp.getPosts filters neither by author nor by date: newest changes first, filtered here.
      const value = await this.wp('wp.getPosts', [
        {
          post_type: query.type,
          post_status: [...ALL_STATUSES, 'trash'].join(','),
          number: 100,
          offset: page * 100,
          orderby: 'modified',
          order: 'DESC',
          ...(word ? { s: word } : {}),
        },
        ['post', 'terms'],
      ]);
      const items = list(value);
      const posts = items.map((v) => ({
        post: this.toRemotePost(v),
        author: isStruct(v) ? str(v.post_author) : '',
      }));
      for (const { post, author: by } of posts) {
        if (by === author && Math.floor(Date.parse(post.modifiedGmt) / 1000) >= Math.floor(since / 1000))
          out.push(post);
      }
      const oldest = posts.at(-1)?.post.modifiedGmt;
      if (items.length < 100 || (oldest && Date.parse(oldest) < since)) break;
    }
    return out;
  }

  async findRecentMedia(query: RecentMediaQuery): Promise<RemoteMedia[]> {
    const name = cleanFileName(query.fileName, query.mimeType);
    const since = Math.floor(Date.parse(query.since) / 1000);
    const out: RemoteMedia[] = [];
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      // Newest first; it tells no uploader, so the name, the time and the size must do.
      const value = await this.wp('wp.getMediaLibrary', [{ number: 100, offset: page * 100 }]);
      const items = this.read(() =>
        list(value).map((v) => {
          const m = struct(v, 'a media item');
          const meta = isStruct(m.metadata) ? m.metadata : {};
          const width = num(meta.width);
          const height = num(meta.height);
          const fileSize = num(meta.filesize);
          const uploaded = date(m.date_created_gmt);
          return {
            file: str(meta.file) || str(m.link),
            media: {
              remoteId: str(m.attachment_id),
              url: str(m.link),
              altText: '',
              title: str(m.title),
              mimeType: str(m.type),
              ...(width !== undefined && { width }),
              ...(height !== undefined && { height }),
              ...(fileSize !== undefined && { fileSize }),
              ...(uploaded && { uploadedGmt: uploaded }),
            } satisfies RemoteMedia,
          };
        }),
      );
      let older = false;
      for (const { file, media } of items) {
        const at = media.uploadedGmt ? Math.floor(Date.parse(media.uploadedGmt) / 1000) : Infinity;
        if (at < since) {
          older = true;
          continue;
        }
        if (mediaNameMatches(name, { title: media.title, file })) out.push(media);
      }
      if (older || items.length < 100) break;
    }
    return out;
  }

  // ---------------------------------------------------------------- terms

  private toRemoteTerm(v: XmlRpcValue): RemoteTerm {
    return this.read(() => {
      const t = struct(v, 'a term');
      const count = num(t.count);
      return {
        id: str(t.term_id),
        name: decodeWpText(str(t.name)),
        slug: str(t.slug),
        ...(count !== undefined && { count }),
      };
    });
  }

  async searchTerms(taxonomy: Taxonomy, search: string): Promise<RemoteTerm[]> {
    const filter: Record<string, XmlRpcParam> = {
      number: 20,
      hide_empty: false,
      orderby: 'count',
      order: 'DESC',
    };
    if (search.trim()) filter.search = search.trim();
    const value = await this.wp('wp.getTerms', [WP_TAXONOMY[taxonomy], filter]);
    return list(value).map((t) => this.toRemoteTerm(t));
  }

  async createTerm(taxonomy: Taxonomy, name: string): Promise<RemoteTerm> {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean) {
      throw new PublishError('VALIDATION', t('error.wordpress.termNeedsName', { taxonomy }), {
        reason: 'empty-term',
      });
    }
    try {
      const id = str(await this.wp('wp.newTerm', [{ name: clean, taxonomy: WP_TAXONOMY[taxonomy] }]));
      return this.toRemoteTerm(await this.wp('wp.getTerm', [WP_TAXONOMY[taxonomy], Number(id)]));
    } catch (error) {
      if (!(error instanceof PublishError) || error.code !== 'VALIDATION' || !/exists/i.test(error.message))
        throw error;
      // It exists already (perhaps spelled differently): find it by name.
      const found = await this.findTerm(taxonomy, clean);
      if (!found) throw error;
      return found;
    }
  }

  /**
   * A term by name. WordPress searches names as stored (`R&amp;D`), so a name with markup
   * characters is looked for by its longest plain word, then matched exactly.
   */
  private async findTerm(taxonomy: Taxonomy, name: string): Promise<RemoteTerm | null> {
    const key = termKey(name);
    const word = searchWord(name);
    for (const search of word && word !== name ? [name, word] : [name]) {
      const value = await this.wp('wp.getTerms', [
        WP_TAXONOMY[taxonomy],
        { search, number: 100, hide_empty: false },
      ]);
      const match = list(value)
        .map((t) => this.toRemoteTerm(t))
        .find((t) => termKey(t.name) === key);
      if (match) return match;
    }
    return null;
  }

  // ---------------------------------------------------------------- media

  async uploadMedia(file: {
    fileName: string;
    mimeType: string;
    bytes: Uint8Array;
    altText: string;
  }): Promise<RemoteMedia> {
    const name = cleanFileName(file.fileName, file.mimeType);
    const value = await this.wp(
      'wp.uploadFile',
      [{ name, type: file.mimeType, bits: file.bytes, overwrite: false }],
      {
        timeoutMs: uploadTimeoutMs(Math.ceil(file.bytes.byteLength * 1.4)),
        what: t('error.wordpress.what.upload'),
      },
    );
    // XML-RPC cannot set an image's alt text (protected meta): the alt stays in the post's HTML.
    return this.read(() => {
      const m = struct(value, 'an upload');
      const meta = isStruct(m.metadata) ? m.metadata : {};
      const width = num(meta.width);
      const height = num(meta.height);
      const id = str(m.attachment_id) || str(m.id);
      if (!id) throw new Unreadable('an upload without id');
      return {
        remoteId: id,
        url: str(m.url) || str(m.link),
        altText: '',
        title: str(m.title) || name,
        mimeType: str(m.type) || file.mimeType,
        ...(width !== undefined && { width }),
        ...(height !== undefined && { height }),
      };
    });
  }

  async listMedia(query: {
    page: number;
    perPage: number;
    search?: string;
  }): Promise<{ items: RemoteMedia[]; totalPages: number }> {
    const perPage = Math.min(100, Math.max(1, Math.floor(query.perPage)));
    const page = Math.max(1, Math.floor(query.page));
    const offset = (page - 1) * perPage;
    let items: RemoteMedia[];
    if (query.search) {
      // wp.getMediaLibrary cannot search; attachments are posts, and wp.getPosts can.
      const value = await this.wp('wp.getPosts', [
        { post_type: 'attachment', post_status: 'inherit', s: query.search, number: perPage + 1, offset },
        ['post'],
      ]);
      items = this.read(() =>
        list(value).map((v) => {
          const p = struct(v, 'an attachment');
          return {
            remoteId: str(p.post_id),
            url: str(p.guid),
            altText: '',
            title: str(p.post_title),
            mimeType: str(p.post_mime_type),
          };
        }),
      );
    } else {
      const value = await this.wp('wp.getMediaLibrary', [{ number: perPage + 1, offset }]);
      items = this.read(() =>
        list(value).map((v) => {
          const m = struct(v, 'a media item');
          const meta = isStruct(m.metadata) ? m.metadata : {};
          const width = num(meta.width);
          const height = num(meta.height);
          return {
            remoteId: str(m.attachment_id),
            url: str(m.link),
            altText: '',
            title: str(m.title),
            mimeType: str(m.type),
            ...(width !== undefined && { width }),
            ...(height !== undefined && { height }),
          };
        }),
      );
    }
    const hasMore = items.length > perPage;
    return { items: items.slice(0, perPage), totalPages: hasMore ? page + 1 : page };
  }
}
