/**
 * The theme preview against the real WordPress (127.0.0.1:8088) and Ghost (127.0.0.1:2368).
 * The service only reads: GET requests (the page, its stylesheets, WordPress REST's latest post
 * link), checked on every request it sends. The test itself publishes one post on the blog when
 * another test's reset left none to frame the preview in.
 * Skips with the reason when a server does not answer, fails instead under SIGNET_REQUIRE_SERVERS=1.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/types';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../accounts/types';
import { findExecutableHtml } from '../../security/testing/executable';
import { ensureGhost } from '../../../e2e/servers/ghost';
import { ensureWordPress } from '../../../e2e/servers/wordpress';
import { ThemePreviewService } from './ThemePreviewService';

const WORDPRESS = process.env.SIGNET_WP_URL ?? 'http://127.0.0.1:8088';
const GHOST = process.env.SIGNET_GHOST_URL ?? 'http://127.0.0.1:2368';

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.body?.cancel();
    return res.status < 500;
  } catch {
    return false;
  }
}

function account(platform: 'wordpress' | 'ghost', siteUrl: string, restRoot?: string): Account {
  return {
    id: `theme-${platform}`,
    platform,
    destinationKey: `${platform}:${siteUrl}`,
    siteUrl,
    siteName: platform,
    userLogin: 'reader',
    userName: 'Reader',
    api: { transport: platform === 'wordpress' ? 'rest' : 'api', ...(restRoot ? { restRoot } : {}) },
    timeZone: 'UTC',
    capabilities: {} as Account['capabilities'],
    settings: DEFAULT_ACCOUNT_SETTINGS,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const POST = {
  title: 'Theme preview check',
  html: '<p>Body of <strong>the</strong> post</p><script>alert(1)</script>',
};

let dataDir = '';
/** Counts what was sent: every request must be a GET. */
const methods: string[] = [];
const readOnlyFetch: typeof fetch = (input, init) => {
  methods.push((init?.method ?? 'GET').toUpperCase());
  if ((init?.method ?? 'GET').toUpperCase() !== 'GET') throw new Error('the theme preview may only read');
  return fetch(input, init);
};

beforeAll(async () => {
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-theme-'));
});
afterAll(async () => {
  await fsp.rm(dataDir, { recursive: true, force: true });
});

for (const [platform, url, restRoot] of [
  ['wordpress', WORDPRESS, `${WORDPRESS}/wp-json/`],
  ['ghost', GHOST, undefined],
] as const) {
  describe(`theme preview on the real ${platform}`, () => {
    let up = false;
    beforeAll(async () => {
      up = await answers(`${url}/`);
      if (!up && process.env.SIGNET_REQUIRE_SERVERS === '1')
        throw new Error(`${platform} at ${url} does not answer`);
    });

    it('frames the post in the blog’s page with its styles, caches it, and reads only', async (ctx) => {
      if (!up) ctx.skip(`${platform} at ${url} does not answer`);
      // The preview frames a post page; another test's reset may have left the blog with none. One
      // is published through the test server's own API access, not through the service (which only reads).
      await (platform === 'wordpress' ? await ensureWordPress() : await ensureGhost()).ensurePublishedPost();
      const service = new ThemePreviewService({ dataDir, fetch: readOnlyFetch });
      const a = account(platform, `${url}/`, restRoot);
      const first = await service.preview(a, POST);
      expect(first.fromCache).toBe(false);
      expect(first.html).toContain('<p>Body of <strong>the</strong> post</p>');
      expect(first.html).toContain('Theme preview check');
      const css = /href="data:text\/css;base64,([^"]*)"/.exec(first.html)?.[1] ?? '';
      expect(Buffer.from(css, 'base64').toString('utf8').length).toBeGreaterThan(1000); // the theme's real CSS
      expect(findExecutableHtml(first.html.replace(/<head>[\s\S]*<\/head>/, ''))).toEqual([]);
      expect(first.html).not.toMatch(/<script|onerror=|onload=/i);

      const cached = JSON.parse(await fsp.readFile(service.cacheFile(a.id), 'utf8')) as {
        fetchedAt: string;
        pageUrl: string;
        skeleton: { slot: string };
      };
      expect(cached.fetchedAt).toBe(first.fetchedAt);
      // A single post's page framed it (WordPress: REST's latest post; Ghost: the front page's first card).
      expect(cached.pageUrl).not.toBe(`${url}/`);
      expect(cached.skeleton.slot).toBe(platform === 'wordpress' ? '.entry-content' : '.gh-content');
      const second = await service.preview(a, POST);
      expect(second.fromCache).toBe(true);
      expect(second.fetchedAt).toBe(first.fetchedAt);
      expect(new Set(methods)).toEqual(new Set(['GET']));
    });

    it('offline with a kept copy: uses it and says so', async (ctx) => {
      if (!up) ctx.skip(`${platform} at ${url} does not answer`);
      const offline: typeof fetch = () =>
        Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
      const service = new ThemePreviewService({ dataDir, fetch: offline });
      const result = await service.preview(account(platform, `${url}/`, restRoot), POST, { refresh: true });
      expect(result.fromCache).toBe(true);
      expect(result.warnings.join(' ')).toMatch(/could not fetch the blog’s theme again.*Refresh theme/);
    });
  });
}

describe('theme preview without a kept copy', () => {
  it('offline: a clear message, nothing cached', async () => {
    const offline: typeof fetch = () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const service = new ThemePreviewService({ dataDir, fetch: offline });
    await expect(
      service.preview(
        { ...account('wordpress', 'http://127.0.0.1:9/', undefined), id: 'never-fetched' },
        POST,
      ),
    ).rejects.toThrow(/could not reach 127\.0\.0\.1:9 to fetch the blog’s theme, and has no copy of it yet/);
  });
});
