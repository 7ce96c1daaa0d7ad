/**
 * "Preview in the blog's own look": one page of the blog (a single post's page when one is cheap
 * to find, else the front page), its stylesheets cleaned, kept per account in
 * `<data>/theme-cache/<account id>.json` with the time it was fetched, refreshed after a day or
 * when the author asks. Offline, the cached theme is used and the answer says so.
 *
 * Only GET requests without credentials, only to the blog's own host (stylesheets on other hosts
 * and their @imports are left out), sizes capped. The blog's content is treated as hostile
 * throughout (see frame.ts).
 */
import * as path from 'node:path';
import type { Account } from '../../accounts/types';
import { writeFileAtomic } from '../../drafts/atomicFile';
import { nodeFs, type FsPort } from '../../drafts/fsPort';
import { HttpClient, isHtml, parseJsonLenient, type FetchPort } from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import { buildFrame, extractSkeleton, GENERIC_SLOTS, type ThemeSkeleton } from './frame';
import { sameSite, sanitizeCss } from './sanitizeCss';
import { t } from '../../contract/i18n';

export const THEME_CACHE_VERSION = 1;
export const THEME_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_PAGE_BYTES = 3_000_000;
const MAX_CSS_BYTES = 1_500_000;
const MAX_TOTAL_CSS_BYTES = 4_000_000;
const MAX_STYLESHEETS = 30;
const MAX_IMPORT_DEPTH = 2;
const TIMEOUT_MS = 15_000;

export interface CachedTheme {
  version: number;
  accountId: string;
  /** UTC ISO time the page was fetched. */
  fetchedAt: string;
  pageUrl: string;
  skeleton: Pick<ThemeSkeleton, 'body' | 'bodyClass' | 'htmlLang' | 'slot'>;
  css: string;
  /** What was left out when it was fetched (for the author). */
  notes: string[];
}

export interface ThemePreviewResult {
  html: string;
  fetchedAt: string;
  fromCache: boolean;
  warnings: string[];
}

export interface ThemePreviewDeps {
  dataDir: string;
  fetch: FetchPort;
  fs?: FsPort;
  clock?: () => Date;
  log?: { warn(message: string, data?: Record<string, unknown>): void };
}

/** Theme previews need a web page: a blog on a platform Signet reaches over HTTP. */
export class ThemeUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThemeUnavailableError';
  }
}

export class ThemePreviewService {
  private readonly http: HttpClient;
  private readonly fs: FsPort;
  private readonly now: () => number;
  private readonly inFlight = new Map<string, Promise<CachedTheme>>();

  constructor(private readonly deps: ThemePreviewDeps) {
    this.http = new HttpClient({
      fetch: deps.fetch,
      timeoutMs: TIMEOUT_MS,
      userAgent: 'Signet (theme preview)',
    });
    this.fs = deps.fs ?? nodeFs;
    const clock = deps.clock;
    this.now = clock ? () => clock().getTime() : Date.now;
  }

  cacheFile(accountId: string): string {
    return path.join(this.deps.dataDir, 'theme-cache', `${accountId.replace(/[^\w-]/g, '_')}.json`);
  }

  /** The post in the blog's theme. `refresh`: fetch again even when the cache is fresh. */
  async preview(
    account: Account,
    post: { title: string; html: string },
    options: { refresh?: boolean } = {},
  ): Promise<ThemePreviewResult> {
    const site = siteUrlOf(account);
    const cached = await this.readCache(account.id);
    const fresh = cached !== null && this.now() - Date.parse(cached.fetchedAt) < THEME_MAX_AGE_MS;
    let theme: CachedTheme;
    let fromCache = false;
    const warnings: string[] = [];
    if (cached && fresh && !options.refresh) {
      theme = cached;
      fromCache = true;
    } else {
      try {
        theme = await this.fetchOnce(account, site);
      } catch (error) {
        if (!cached) throw asAuthorError(error, site);
        theme = cached;
        fromCache = true;
        const why = error instanceof PublishError ? error.message : t('error.theme.noAnswer');
        warnings.push(
          t('error.theme.fromCache', {
            why: why.replace(/\.$/, ''),
            when: new Date(cached.fetchedAt).toUTCString(),
          }),
        );
      }
    }
    warnings.push(...theme.notes);
    return {
      html: buildFrame(theme.skeleton, theme.css, post),
      fetchedAt: theme.fetchedAt,
      fromCache,
      warnings,
    };
  }

  private fetchOnce(account: Account, site: string): Promise<CachedTheme> {
    const running = this.inFlight.get(account.id);
    if (running) return running;
    const job = this.fetchTheme(account, site).finally(() => this.inFlight.delete(account.id));
    this.inFlight.set(account.id, job);
    return job;
  }

  private async fetchTheme(account: Account, site: string): Promise<CachedTheme> {
    const postUrl = await this.findPostPage(account, site).catch(() => null);
    let page = postUrl ? await this.getPage(postUrl).catch(() => null) : null;
    page ??= await this.getPage(site);
    let skeleton = extractSkeleton(page.text, page.url);
    // A front page listing posts: one post's own page frames a post better.
    if (GENERIC_SLOTS.has(skeleton.slot) && skeleton.postLink) {
      const postPage = await this.getPage(skeleton.postLink).catch(() => null);
      const postSkeleton = postPage ? extractSkeleton(postPage.text, postPage.url) : null;
      if (postPage && postSkeleton && !GENERIC_SLOTS.has(postSkeleton.slot)) {
        page = postPage;
        skeleton = postSkeleton;
      }
    }
    const notes: string[] = [];
    let css = '';
    let total = 0;
    let count = 0;
    const add = async (text: string, base: string, depth: number): Promise<string> => {
      const clean = sanitizeCss(text, base);
      notes.push(
        ...clean.dropped.map((d) =>
          d === t('publishing.themePreview.dropped.webFont')
            ? t('error.theme.noFonts')
            : t('error.theme.leftOut', { what: d }),
        ),
      );
      let prefix = '';
      for (const url of clean.imports) {
        if (depth >= MAX_IMPORT_DEPTH || count >= MAX_STYLESHEETS) break;
        const sheet = await this.getCss(url).catch(() => null);
        count++;
        if (sheet && total + sheet.length <= MAX_TOTAL_CSS_BYTES) {
          total += sheet.length;
          prefix += await add(sheet, url, depth + 1);
        }
      }
      return prefix + clean.css;
    };
    const skipped = new Set<string>();
    for (const ref of skeleton.stylesheets) {
      if (ref.kind === 'inline') {
        css += await add(ref.css, page.url, 0);
        continue;
      }
      if (!sameSite(ref.href, page.url)) {
        skipped.add(hostOf(ref.href));
        continue;
      }
      if (count >= MAX_STYLESHEETS) break;
      count++;
      const sheet = await this.getCss(ref.href).catch(() => null);
      if (sheet === null || total + sheet.length > MAX_TOTAL_CSS_BYTES) continue;
      total += sheet.length;
      const clean = await add(sheet, ref.href, 0);
      css += ref.media && !/[{};]/.test(ref.media) ? `@media ${ref.media}{${clean}}` : clean;
    }
    for (const host of skipped) notes.push(t('error.theme.leftOutHost', { host }));
    const theme: CachedTheme = {
      version: THEME_CACHE_VERSION,
      accountId: account.id,
      fetchedAt: new Date(this.now()).toISOString(),
      pageUrl: page.url,
      skeleton: {
        body: skeleton.body,
        bodyClass: skeleton.bodyClass,
        htmlLang: skeleton.htmlLang,
        slot: skeleton.slot,
      },
      css,
      notes: [...new Set(notes)],
    };
    await this.writeCache(theme).catch((error: unknown) =>
      this.deps.log?.warn('Signet could not keep the blog theme for later', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return theme;
  }

  /** A single post's page, cheaply: WordPress REST's latest post link, or the first post link on the front page. */
  private async findPostPage(account: Account, site: string): Promise<string | null> {
    if (account.platform === 'wordpress' && account.api.restRoot) {
      const root = account.api.restRoot;
      const url = root.includes('?rest_route=')
        ? `${root.replace(/\/?$/, '')}/wp/v2/posts&per_page=1&_fields=link`
        : `${root.replace(/\/?$/, '/')}wp/v2/posts?per_page=1&_fields=link`;
      const res = await this.http.send({ url, headers: { accept: 'application/json' } });
      const list = res.status === 200 ? parseJsonLenient(res.text) : undefined;
      const link = Array.isArray(list) ? (list[0] as { link?: unknown } | undefined)?.link : undefined;
      return typeof link === 'string' && sameSite(link, site) ? link : null;
    }
    return null;
  }

  private async getPage(url: string): Promise<{ url: string; text: string }> {
    const res = await this.http.send({ url, headers: { accept: 'text/html' }, redirects: 'same-site' });
    if (res.status !== 200 || !isHtml(res)) {
      throw new PublishError(
        res.status >= 500 ? 'SERVER_ERROR' : 'BAD_RESPONSE',
        t('error.theme.notAPage', { host: hostOf(url), status: String(res.status) }),
        { status: res.status },
      );
    }
    if (res.text.length > MAX_PAGE_BYTES) {
      throw new PublishError('BAD_RESPONSE', t('error.theme.tooLarge', { host: hostOf(url) }), {
        status: 200,
      });
    }
    return { url: res.url, text: res.text };
  }

  private async getCss(url: string): Promise<string | null> {
    const res = await this.http.send({ url, headers: { accept: 'text/css' } });
    if (res.status !== 200 || res.text.length > MAX_CSS_BYTES || isHtml(res)) return null;
    return res.text;
  }

  private async readCache(accountId: string): Promise<CachedTheme | null> {
    try {
      const data = JSON.parse(await this.fs.readFile(this.cacheFile(accountId), 'utf8')) as CachedTheme;
      const ok =
        data?.version === THEME_CACHE_VERSION &&
        data.accountId === accountId &&
        typeof data.fetchedAt === 'string' &&
        !Number.isNaN(Date.parse(data.fetchedAt)) &&
        typeof data.css === 'string' &&
        typeof data.skeleton?.body === 'string' &&
        Array.isArray(data.notes);
      return ok ? data : null;
    } catch {
      return null;
    }
  }

  private async writeCache(theme: CachedTheme): Promise<void> {
    const file = this.cacheFile(theme.accountId);
    await this.fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(this.fs, file, JSON.stringify(theme));
  }

  /** Forgets an account's theme (the account was removed). */
  async forget(accountId: string): Promise<void> {
    await this.fs.rm(this.cacheFile(accountId), { force: true });
  }
}

function siteUrlOf(account: Account): string {
  let url: URL | null;
  try {
    url = new URL(account.siteUrl);
  } catch {
    url = null;
  }
  if (account.platform === 'static-site' || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ThemeUnavailableError(
      t('error.theme.noAddress', { site: account.siteName || t('error.theme.thisBlog') }),
    );
  }
  return url.toString();
}

function asAuthorError(error: unknown, site: string): Error {
  if (error instanceof PublishError) {
    const offline = error.code === 'OFFLINE' || error.code === 'TIMEOUT';
    return new PublishError(
      error.code,
      offline
        ? t('error.theme.offline', { host: hostOf(site) })
        : t('error.theme.failed', { message: error.message.replace(/\.$/, '') }),
      { ...(error.status !== undefined && { status: error.status }) },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
