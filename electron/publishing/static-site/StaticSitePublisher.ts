/**
 * Publishing to a static site folder (Hugo, Jekyll, Eleventy): a post is a Markdown file with
 * front matter in the generator's layout, an image a file in the site's images folder. There is
 * no server: the "remote id" of a post or image is its path relative to the site folder, its
 * modification time the file's mtime (an edit made outside Signet since the last publish is a
 * conflict), and removal moves the file to `.signet-trash/` inside the site.
 */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { imageMimeType, safeAssetName } from '../../drafts/assets';
import { writeFileAtomic, isTempFileName } from '../../drafts/atomicFile';
import { nodeFs, type FsPort } from '../../drafts/fsPort';
import { splitFrontMatter, writeFrontMatter } from '../compose/markdown';
import { PublishError } from '../http/PublishError';
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
import { fsError } from './fsErrors';
import { GENERATOR_NAMES, slugify, type SiteLayout } from './siteLayout';
import { t } from '../../contract/i18n';

export const STATIC_SITE_CAPABILITIES: PublisherCapabilities = {
  drafts: true,
  // A post with a future date: the generator leaves it out until the site is built after it.
  scheduling: true,
  pendingReview: false,
  privatePosts: false,
  pages: true,
  tags: true,
  categories: true,
  excerpt: true,
  slug: true,
  mediaUpload: true,
  featuredImage: true,
  canonicalUrl: true,
  serverConflictDetection: false,
  delete: true,
  mediaLibrary: true,
  remotePosts: true,
  newsletter: false,
};

/** Inside the site folder: where removed posts go (never deleted for good unless forced). */
export const TRASH_DIR = '.signet-trash';

const MARKDOWN_FILE = /\.(md|markdown)$/i;
const JEKYLL_POST_NAME = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.(md|markdown)$/i;

export interface StaticSitePublisherOptions {
  layout: SiteLayout;
  fs?: FsPort;
  clock?: () => Date;
}

/** An upload may say which post it belongs to: its images then go to `images/<slug>/`. */
export type StaticMediaUpload = Parameters<Publisher['uploadMedia']>[0] & { slug?: string };

export class StaticSitePublisher implements Publisher {
  readonly capabilities = STATIC_SITE_CAPABILITIES;
  private readonly layout: SiteLayout;
  private readonly fs: FsPort;
  private readonly clock: () => Date;

  constructor(options: StaticSitePublisherOptions) {
    this.layout = options.layout;
    this.fs = options.fs ?? nodeFs;
    this.clock = options.clock ?? (() => new Date());
  }

  get folder(): string {
    return this.layout.folder;
  }

  // -------------------------------------------------------------------------------------------
  // Site

  async verify(): Promise<SiteIdentity> {
    const { folder } = this.layout;
    try {
      const stat = await this.fs.stat(folder);
      if (!stat.isDirectory())
        throw new PublishError('VALIDATION', t('error.staticSite.notAFolder', { folder }));
      // Writable? A probe file, written and removed the way posts are.
      const probe = path.join(folder, `.signet-probe-${process.pid}`);
      await writeFileAtomic(this.fs, probe, '');
      await this.fs.rm(probe, { force: true });
    } catch (error) {
      throw fsError(error, folder);
    }
    const user = userInfo();
    return {
      name: this.layout.title ?? path.basename(folder),
      url: this.layout.baseUrl ?? folderUrl(folder),
      userName: user,
      userLogin: user,
      timeZone: this.layout.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    };
  }

  // -------------------------------------------------------------------------------------------
  // Posts

  async createPost(post: OutgoingPost): Promise<RemotePost> {
    const slug = slugify(post.slug?.trim() || post.title);
    const date = this.dateOf(post);
    const wanted = this.pathFor(post.type, post.status, slug, date);
    const relative = await this.freeName(wanted);
    await this.writePost(relative, post, slugOfPath(relative, this.layout) ?? slug, date);
    return this.getPost(relative, post.type);
  }

  async updatePost(
    remoteId: string,
    post: OutgoingPost,
    options: { ifUnmodifiedSince?: string },
  ): Promise<RemotePost> {
    const current = this.resolve(remoteId);
    const stat = await this.statPost(remoteId);
    if (options.ifUnmodifiedSince !== undefined) {
      const since = Date.parse(options.ifUnmodifiedSince);
      if (Number.isFinite(since) && Math.floor(stat.mtimeMs) > since) {
        const existing = await this.getPost(remoteId, post.type);
        throw new PublishError('CONFLICT', t('error.staticSite.changedOutside', { file: remoteId }), {
          reason: 'file-changed',
          conflict: {
            remoteModifiedGmt: existing.modifiedGmt,
            remoteTitle: existing.title,
            remoteStatus: existing.status,
            permalink: existing.permalink,
          },
        });
      }
    }
    const previous = await this.readPost(remoteId, post.type);
    const slug = slugify(post.slug?.trim() || previous.slug || post.title);
    const date = this.dateOf(post, previous.dateGmt ?? undefined);
    const wanted = this.pathFor(post.type, post.status, slug, date);
    const relative = wanted === remoteId ? wanted : await this.freeName(wanted);
    await this.writePost(relative, post, slugOfPath(relative, this.layout) ?? slug, date);
    if (relative !== remoteId) {
      // The post moved (a new slug, or a Jekyll draft published): the old file goes.
      await this.fs.rm(current, { force: true }).catch((error: unknown) => {
        throw fsError(error, current);
      });
    }
    return this.getPost(relative, post.type);
  }

  async getPost(remoteId: string, type: PostType): Promise<RemotePost> {
    return this.readPost(remoteId, type);
  }

  async listPosts(query: ListPostsQuery): Promise<RemotePostPage> {
    let posts = await this.allPosts(query.type);
    if (query.status && query.status.length > 0) {
      const wanted = new Set<string>(query.status);
      posts = posts.filter((post) => wanted.has(post.status));
    }
    if (query.search && query.search.trim() !== '') {
      const needle = query.search.trim().toLowerCase();
      posts = posts.filter(
        (post) => post.title.toLowerCase().includes(needle) || post.content.toLowerCase().includes(needle),
      );
    }
    posts.sort(newestFirst);
    const perPage = Math.max(1, query.perPage);
    const page = Math.max(1, query.page);
    return {
      items: posts.slice((page - 1) * perPage, page * perPage),
      total: posts.length,
      totalPages: Math.max(1, Math.ceil(posts.length / perPage)),
    };
  }

  async deletePost(remoteId: string, type: PostType, options: { force: boolean }): Promise<void> {
    const file = this.resolve(remoteId);
    await this.statPost(remoteId);
    try {
      if (options.force) {
        await this.fs.rm(file, { force: true });
        return;
      }
      let target = path.join(this.layout.folder, TRASH_DIR, remoteId);
      await this.fs.mkdir(path.dirname(target), { recursive: true });
      if (await this.exists(target)) {
        const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
        target = target.replace(MARKDOWN_FILE, `.${stamp}.$1`);
      }
      await this.fs.rename(file, target);
    } catch (error) {
      throw fsError(error, file);
    }
    void type;
  }

  async findRecentPosts(query: RecentPostsQuery): Promise<RemotePost[]> {
    const since = Date.parse(query.since);
    const needle = query.search?.trim().toLowerCase();
    const posts = [...(await this.allPosts(query.type)), ...(await this.trashedPosts(query.type))];
    return posts
      .filter((post) => Date.parse(post.modifiedGmt) >= since)
      .filter((post) => needle === undefined || needle === '' || post.title.toLowerCase().includes(needle))
      .sort((a, b) => Date.parse(b.modifiedGmt) - Date.parse(a.modifiedGmt));
  }

  // -------------------------------------------------------------------------------------------
  // Media

  async uploadMedia(file: StaticMediaUpload): Promise<RemoteMedia> {
    const name = safeAssetName(file.fileName);
    const sub = file.slug ? slugify(file.slug) : '';
    const dir = sub === '' ? this.layout.imagesDir : `${this.layout.imagesDir}/${sub}`;
    const absoluteDir = this.resolve(dir);
    try {
      await this.fs.mkdir(absoluteDir, { recursive: true });
      const ext = path.extname(name);
      const stem = name.slice(0, name.length - ext.length);
      const digest = sha256(file.bytes);
      for (let n = 1; ; n++) {
        const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
        const target = path.join(absoluteDir, candidate);
        const existing = await this.fs.readFile(target).catch(() => null);
        if (existing !== null && sha256(existing) !== digest) continue;
        // The same bytes under this name already (an upload whose answer was lost): kept as is.
        if (existing === null) await writeFileAtomic(this.fs, target, file.bytes);
        return await this.mediaOf(`${dir}/${candidate}`, file.altText);
      }
    } catch (error) {
      throw fsError(error, absoluteDir);
    }
  }

  async listMedia(query: {
    page: number;
    perPage: number;
    search?: string;
  }): Promise<{ items: RemoteMedia[]; totalPages: number }> {
    let items = await this.allMedia();
    if (query.search && query.search.trim() !== '') {
      const needle = query.search.trim().toLowerCase();
      items = items.filter((item) => item.title.toLowerCase().includes(needle));
    }
    const perPage = Math.max(1, query.perPage);
    const page = Math.max(1, query.page);
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      totalPages: Math.max(1, Math.ceil(items.length / perPage)),
    };
  }

  async findRecentMedia(query: RecentMediaQuery): Promise<RemoteMedia[]> {
    const since = Date.parse(query.since);
    const name = safeAssetName(query.fileName);
    const ext = path.extname(name).toLowerCase();
    const stem = name.slice(0, name.length - ext.length).toLowerCase();
    return (await this.allMedia()).filter((item) => {
      const base = item.title.toLowerCase();
      const itemExt = path.extname(base);
      const itemStem = base.slice(0, base.length - itemExt.length);
      return (
        itemExt === ext &&
        (itemStem === stem || new RegExp(`^${escapeRegExp(stem)}-\\d+$`).test(itemStem)) &&
        Date.parse(item.uploadedGmt ?? '') >= since
      );
    });
  }

  // -------------------------------------------------------------------------------------------
  // Terms: a static site's tags and categories exist by being used in front matter.

  async searchTerms(taxonomy: 'tags' | 'categories', search: string): Promise<RemoteTerm[]> {
    const counts = new Map<string, { name: string; count: number }>();
    for (const post of await this.allPosts('post')) {
      for (const name of post[taxonomy]) {
        const key = name.toLowerCase();
        const entry = counts.get(key) ?? { name, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
    const needle = search.trim().toLowerCase();
    return [...counts.values()]
      .filter((term) => needle === '' || term.name.toLowerCase().includes(needle))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map((term) => ({ id: term.name, name: term.name, slug: slugify(term.name), count: term.count }));
  }

  async createTerm(_taxonomy: 'tags' | 'categories', name: string): Promise<RemoteTerm> {
    const clean = name.trim();
    if (clean === '') throw new PublishError('VALIDATION', t('error.staticSite.termNeedsName'));
    return { id: clean, name: clean, slug: slugify(clean), count: 0 };
  }

  // -------------------------------------------------------------------------------------------
  // Files

  /** The post's path relative to the site folder, by generator, type and status. */
  pathFor(type: PostType, status: PostStatus, slug: string, date: Date): string {
    const { layout } = this;
    const isDraft = status !== 'publish' && status !== 'future';
    if (type === 'page') return joinRelative(layout.pagesDir, `${slug}.md`);
    if (layout.generator === 'jekyll') {
      if (isDraft && layout.draftsDir !== null) return joinRelative(layout.draftsDir, `${slug}.md`);
      return joinRelative(layout.postsDir, `${date.toISOString().slice(0, 10)}-${slug}.md`);
    }
    return joinRelative(layout.postsDir, `${slug}.md`);
  }

  private dateOf(post: OutgoingPost, previous?: string): Date {
    const given = post.dateGmt !== undefined ? new Date(post.dateGmt) : undefined;
    if (given !== undefined && Number.isFinite(given.getTime())) return given;
    if (previous !== undefined && Number.isFinite(Date.parse(previous))) return new Date(previous);
    return this.clock();
  }

  private frontMatterOf(post: OutgoingPost, slug: string, date: Date): Record<string, unknown> {
    const { generator } = this.layout;
    const isDraft = post.status !== 'publish' && post.status !== 'future';
    const excerptKey = generator === 'hugo' ? 'summary' : generator === 'jekyll' ? 'excerpt' : 'description';
    const image = post.featuredMediaId ? this.mediaUrl(post.featuredMediaId) : undefined;
    const data: Record<string, unknown> = {
      title: post.title,
      date: date.toISOString(),
      // Jekyll keeps drafts in _drafts; the others read `draft: true`.
      draft: generator === 'jekyll' ? undefined : isDraft,
      slug,
      tags: post.type === 'post' && post.tags.length > 0 ? post.tags : undefined,
      categories: post.type === 'post' && post.categories.length > 0 ? post.categories : undefined,
      [excerptKey]: post.excerpt?.trim() ? post.excerpt.trim() : undefined,
      [generator === 'jekyll' ? 'canonical_url' : 'canonicalURL']: post.canonicalUrl || undefined,
    };
    if (image !== undefined) {
      if (generator === 'hugo') data.cover = { image };
      data.image = image;
    }
    // Jekyll cuts the excerpt at its `excerpt_separator`: Signet's read-more break.
    if (generator === 'jekyll' && post.content.includes('<!--more-->'))
      data.excerpt_separator = '<!--more-->';
    if (generator === 'jekyll' && post.type === 'page') data.permalink = `/${slug}/`;
    return data;
  }

  private async writePost(relative: string, post: OutgoingPost, slug: string, date: Date): Promise<void> {
    const file = this.resolve(relative);
    const body = post.content.endsWith('\n') || post.content === '' ? post.content : `${post.content}\n`;
    const text = writeFrontMatter(this.frontMatterOf(post, slug, date), body);
    try {
      await this.fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(this.fs, file, text);
    } catch (error) {
      throw fsError(error, path.dirname(file));
    }
  }

  private async readPost(remoteId: string, type: PostType, isTrashed = false): Promise<RemotePost> {
    const file = this.resolve(remoteId);
    const stat = await this.statPost(remoteId);
    let text: string;
    try {
      text = await this.fs.readFile(file, 'utf8');
    } catch (error) {
      throw fsError(error, file);
    }
    let data: Record<string, unknown> = {};
    let body = text;
    try {
      ({ data, body } = splitFrontMatter(text));
    } catch {
      // Front matter Signet cannot read: the file is still listed, by its name.
    }
    const name = path.posix.basename(remoteId);
    const slug =
      stringOf(data.slug) ?? slugOfPath(remoteId, this.layout) ?? slugify(name.replace(MARKDOWN_FILE, ''));
    const dateText = stringOf(data.date) ?? jekyllDate(name);
    const date = dateText !== undefined && Number.isFinite(Date.parse(dateText)) ? new Date(dateText) : null;
    const isDraftFile =
      this.layout.draftsDir !== null && (remoteId + '/').startsWith(`${this.layout.draftsDir}/`);
    const isDraft = isDraftFile || data.draft === true || data.published === false;
    const status: RemotePost['status'] = isTrashed
      ? 'trash'
      : isDraft
        ? 'draft'
        : date !== null && date.getTime() > this.clock().getTime()
          ? 'future'
          : 'publish';
    return {
      remoteId,
      type,
      title: stringOf(data.title) ?? name.replace(MARKDOWN_FILE, ''),
      content: body,
      excerpt: stringOf(data.summary) ?? stringOf(data.excerpt) ?? stringOf(data.description) ?? '',
      slug,
      status,
      dateGmt: date?.toISOString() ?? null,
      modifiedGmt: new Date(Math.floor(stat.mtimeMs)).toISOString(),
      permalink: this.permalinkOf(
        remoteId,
        type,
        slug,
        date,
        listOf(data.categories),
        stringOf(data.permalink),
      ),
      tags: listOf(data.tags),
      categories: listOf(data.categories),
      featuredMediaId: this.mediaIdOf(featuredImageOf(data)),
    };
  }

  private permalinkOf(
    remoteId: string,
    type: PostType,
    slug: string,
    date: Date | null,
    categories: string[],
    explicit: string | undefined,
  ): string {
    const { baseUrl, generator, permalinkStyle } = this.layout;
    if (baseUrl === null) return folderUrl(this.resolve(remoteId));
    const base = baseUrl.replace(/\/$/, '');
    if (explicit !== undefined && explicit.startsWith('/')) return `${base}${explicit}`;
    if (type === 'page') return `${base}/${slug}/`;
    if (generator === 'jekyll') {
      const when = date ?? this.clock();
      const y = when.toISOString().slice(0, 4);
      const m = when.toISOString().slice(5, 7);
      const d = when.toISOString().slice(8, 10);
      const cats = categories.map((category) => `${slugify(category)}/`).join('');
      if (permalinkStyle === 'pretty') return `${base}/${cats}${y}/${m}/${d}/${slug}/`;
      return `${base}/${cats}${y}/${m}/${d}/${slug}.html`;
    }
    return `${base}/posts/${slug}/`;
  }

  private async allPosts(type: PostType): Promise<RemotePost[]> {
    const { layout } = this;
    const dirs =
      type === 'page'
        ? [layout.pagesDir]
        : layout.draftsDir !== null
          ? [layout.postsDir, layout.draftsDir]
          : [layout.postsDir];
    const out: RemotePost[] = [];
    for (const dir of dirs) {
      for (const name of await this.listFiles(dir)) {
        if (!MARKDOWN_FILE.test(name) || isTempFileName(name) || /^(_index|index)\./i.test(name)) continue;
        out.push(await this.readPost(joinRelative(dir, name), type));
      }
    }
    return out;
  }

  private async trashedPosts(type: PostType): Promise<RemotePost[]> {
    const { layout } = this;
    const dirs =
      type === 'page'
        ? [layout.pagesDir]
        : [layout.postsDir, ...(layout.draftsDir ? [layout.draftsDir] : [])];
    const out: RemotePost[] = [];
    for (const dir of dirs) {
      const trashDir = joinRelative(TRASH_DIR, dir);
      for (const name of await this.listFiles(trashDir)) {
        if (MARKDOWN_FILE.test(name)) out.push(await this.readPost(joinRelative(trashDir, name), type, true));
      }
    }
    return out;
  }

  private async allMedia(): Promise<RemoteMedia[]> {
    const out: RemoteMedia[] = [];
    const dirs = [this.layout.imagesDir];
    while (dirs.length > 0) {
      const dir = dirs.pop()!;
      let entries: string[];
      try {
        entries = await this.fs.readdir(this.resolve(dir));
      } catch {
        continue;
      }
      for (const name of entries) {
        if (name.startsWith('.')) continue;
        const relative = `${dir}/${name}`;
        const stat = await this.fs.stat(this.resolve(relative)).catch(() => null);
        if (stat === null) continue;
        if (stat.isDirectory()) dirs.push(relative);
        else if (imageMimeType(name) !== null) out.push(await this.mediaOf(relative, ''));
      }
    }
    return out.sort((a, b) => Date.parse(b.uploadedGmt ?? '') - Date.parse(a.uploadedGmt ?? ''));
  }

  private async mediaOf(relative: string, altText: string): Promise<RemoteMedia> {
    const stat = await this.fs.stat(this.resolve(relative));
    return {
      remoteId: relative,
      url: this.mediaUrl(relative),
      altText,
      title: path.posix.basename(relative),
      mimeType: imageMimeType(relative) ?? 'application/octet-stream',
      uploadedGmt: new Date(Math.floor(stat.mtimeMs)).toISOString(),
      fileSize: stat.size,
    };
  }

  /** The address an image file is served at: under the site's path, without the static folder. */
  mediaUrl(relative: string): string {
    const { staticDir, baseUrl } = this.layout;
    const served =
      staticDir !== '' && relative.startsWith(`${staticDir}/`)
        ? relative.slice(staticDir.length + 1)
        : relative;
    const prefix = baseUrl === null ? '/' : new URL(baseUrl).pathname;
    return `${prefix}${served.split('/').map(encodeURIComponent).join('/')}`;
  }

  /**
   * The file on disk behind an image URL of this site (`/images/x.png` in a post's Markdown), or
   * null when the URL is not one of the site's files: for opening a post as a draft, whose
   * images are copied in as assets.
   */
  fileOfMediaUrl(url: string): string | null {
    const id = this.mediaIdOf(url);
    if (id === null) return null;
    try {
      return this.resolve(id);
    } catch {
      return null;
    }
  }

  /** The media id (path in the site) of an image URL written in front matter, when it is in the site. */
  private mediaIdOf(url: string | undefined): string | null {
    if (url === undefined) return null;
    const { staticDir, baseUrl } = this.layout;
    const prefix = baseUrl === null ? '/' : new URL(baseUrl).pathname;
    if (!url.startsWith(prefix)) return null;
    let served: string;
    try {
      served = decodeURIComponent(url.slice(prefix.length));
    } catch {
      return null;
    }
    return staticDir === '' ? served : `${staticDir}/${served}`;
  }

  private resolve(relative: string): string {
    const clean = relative.replace(/\\/g, '/');
    const file = path.resolve(this.layout.folder, ...clean.split('/'));
    const inside = path.relative(this.layout.folder, file);
    if (clean === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new PublishError(
        'NOT_FOUND',
        `"${relative}" is not a file of this site. Open the post from the site again.`,
        {
          reason: 'outside-site',
        },
      );
    }
    return file;
  }

  private async statPost(remoteId: string) {
    const file = this.resolve(remoteId);
    try {
      const stat = await this.fs.stat(file);
      if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      return stat;
    } catch (error) {
      await this.assertSiteFolder();
      throw new PublishError('NOT_FOUND', t('error.staticSite.fileGone', { file: remoteId }), {
        reason: 'file-missing',
        status: 404,
        cause: error,
      });
    }
  }

  private async assertSiteFolder(): Promise<void> {
    try {
      await this.fs.stat(this.layout.folder);
    } catch (error) {
      throw fsError(error, this.layout.folder);
    }
  }

  private async listFiles(relativeDir: string): Promise<string[]> {
    const dir = relativeDir === '' ? this.layout.folder : this.resolve(relativeDir);
    try {
      return await this.fs.readdir(dir);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') {
        await this.assertSiteFolder();
        return [];
      }
      throw fsError(error, dir);
    }
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await this.fs.stat(file);
      return true;
    } catch {
      return false;
    }
  }

  /** `wanted`, or `wanted` with `-2`, `-3`… when another post has that file. */
  private async freeName(wanted: string): Promise<string> {
    await this.assertSiteFolder();
    const ext = path.posix.extname(wanted);
    const stem = wanted.slice(0, wanted.length - ext.length);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? wanted : `${stem}-${n}${ext}`;
      if (!(await this.exists(this.resolve(candidate)))) return candidate;
    }
  }
}

function joinRelative(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The slug a post's file name gives (`2024-01-02-hello.md` → `hello`). */
function slugOfPath(relative: string, layout: SiteLayout): string | null {
  const name = path.posix.basename(relative);
  if (layout.generator === 'jekyll') {
    const match = JEKYLL_POST_NAME.exec(name);
    if (match) return match[4]!;
  }
  return MARKDOWN_FILE.test(name) ? name.replace(MARKDOWN_FILE, '') : null;
}

function jekyllDate(name: string): string | undefined {
  const match = JEKYLL_POST_NAME.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}T00:00:00Z` : undefined;
}

function featuredImageOf(data: Record<string, unknown>): string | undefined {
  const cover = data.cover;
  if (typeof cover === 'object' && cover !== null && typeof (cover as { image?: unknown }).image === 'string')
    return (cover as { image: string }).image;
  return (
    stringOf(data.image) ??
    stringOf(cover) ??
    (Array.isArray(data.images) ? stringOf(data.images[0]) : undefined)
  );
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(stringOf).filter((item): item is string => item !== undefined);
  if (typeof value === 'string')
    return value
      .split(value.includes(',') ? ',' : /\s+/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

function newestFirst(a: RemotePost, b: RemotePost): number {
  return Date.parse(b.dateGmt ?? b.modifiedGmt) - Date.parse(a.dateGmt ?? a.modifiedGmt);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `file:///path/to/site`: how a site without a web address is named. */
export function folderUrl(folder: string): string {
  return pathToFileURL(folder).href.replace(/\/+$/, '');
}

function userInfo(): string {
  try {
    return os.userInfo().username || 'author';
  } catch {
    return 'author';
  }
}

export { GENERATOR_NAMES };
