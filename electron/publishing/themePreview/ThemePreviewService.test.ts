/**
 * The service against a real HTTP server on 127.0.0.1 playing a hostile blog: a stylesheet on
 * another host, @imports, a huge page; and the cache's day, refresh and offline rules.
 */
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_SETTINGS, type Account } from '../../accounts/types';
import { ThemePreviewService, THEME_MAX_AGE_MS } from './ThemePreviewService';

let server: http.Server;
let base = '';
let other = '';
const hits: string[] = [];
let pageBody = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${req.url}`);
    const host = req.headers.host ?? '';
    if (req.url === '/') {
      res.setHeader('content-type', pageBody.startsWith('{') ? 'application/json' : 'text/html');
      res.end(pageBody);
    } else if (req.url === '/style.css') {
      res.setHeader('content-type', 'text/css');
      res.end(
        '@import url(/more.css);@import url(//' +
          host.replace('127.0.0.1', 'localhost') +
          '/x.css);body{color:rgb(1,2,3);background:url(bg.png)}',
      );
    } else if (req.url === '/more.css') {
      res.setHeader('content-type', 'text/css');
      res.end('.more{margin:0;width:expression(alert(1))}');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
  other = `http://localhost:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dataDir = '';
beforeEach(async () => {
  hits.length = 0;
  dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-theme-unit-'));
  pageBody = `<!doctype html><html><head>
    <link rel="stylesheet" href="/style.css"><link rel="stylesheet" href="${other}/theirs.css">
    <style>h1{font-size:3em}</style><script>alert(1)</script></head>
    <body><header>Site</header><main><article><div class="entry-content">old</div></article></main></body></html>`;
});

function account(): Account {
  return {
    id: 'acc_theme',
    platform: 'ghost',
    destinationKey: `ghost:${base}/`,
    siteUrl: `${base}/`,
    siteName: 'Test',
    userLogin: 'u',
    userName: 'U',
    api: { transport: 'api' },
    timeZone: 'UTC',
    capabilities: {} as Account['capabilities'],
    settings: DEFAULT_ACCOUNT_SETTINGS,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function cssOf(html: string): string {
  return Buffer.from(/href="data:text\/css;base64,([^"]*)"/.exec(html)![1]!, 'base64').toString('utf8');
}

const POST = { title: 'Hello', html: '<p>Post</p>' };

describe('ThemePreviewService', () => {
  it('takes the blog’s own styles (imports inlined, bad parts dropped) and nothing from other hosts', async () => {
    const service = new ThemePreviewService({ dataDir, fetch });
    const result = await service.preview(account(), POST);
    const css = cssOf(result.html);
    expect(css).toBe(
      `.more{margin:0;}body{color:rgb(1,2,3);background:url("${base}/bg.png");}h1{font-size:3em;}`,
    );
    expect(hits.every((h) => h.startsWith('GET 127.0.0.1:'))).toBe(true);
    expect(hits.some((h) => h.includes('theirs.css') || h.includes('x.css'))).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/styles localhost:\d+ serves/);
    expect(result.html).toContain('<div class="entry-content"><h1>Hello</h1><p>Post</p></div>');
    expect(result.html).not.toContain('<script');
  });

  it('keeps the theme for a day, fetches again after it or on refresh, and falls back to it offline', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const clock = () => new Date(now);
    let online = true;
    const port: typeof fetch = (input, init) =>
      online
        ? fetch(input, init)
        : Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    const service = new ThemePreviewService({ dataDir, fetch: port, clock });
    const first = await service.preview(account(), POST);
    expect(first).toMatchObject({ fromCache: false, fetchedAt: '2026-11-23T10:00:00.000Z' });
    const count = hits.length;

    now += THEME_MAX_AGE_MS - 1000;
    expect(await service.preview(account(), POST)).toMatchObject({ fromCache: true });
    expect(hits.length).toBe(count);

    expect(await service.preview(account(), POST, { refresh: true })).toMatchObject({ fromCache: false });
    expect(hits.length).toBeGreaterThan(count);

    now += THEME_MAX_AGE_MS + 1000;
    online = false;
    const offline = await service.preview(account(), POST);
    expect(offline.fromCache).toBe(true);
    expect(offline.warnings[0]).toMatch(/could not fetch the blog’s theme again .*Refresh theme/);
  });

  it('a cache file that is damaged is ignored, not trusted', async () => {
    const service = new ThemePreviewService({ dataDir, fetch });
    await fsp.mkdir(path.dirname(service.cacheFile('acc_theme')), { recursive: true });
    await fsp.writeFile(
      service.cacheFile('acc_theme'),
      '{"version":1,"accountId":"acc_theme","fetchedAt":"x"',
    );
    expect(await service.preview(account(), POST)).toMatchObject({ fromCache: false });
  });

  it('a page that is not HTML: says what to do', async () => {
    pageBody = '{"not":"html"}';
    const service = new ThemePreviewService({ dataDir, fetch });
    await expect(service.preview(account(), POST)).rejects.toThrow(
      /did not send a web page.*opens in a browser/,
    );
  });

  it('a static site has no theme to fetch', async () => {
    const service = new ThemePreviewService({ dataDir, fetch });
    await expect(service.preview({ ...account(), platform: 'static-site' }, POST)).rejects.toThrow(
      /Use the plain preview/,
    );
    expect(hits).toEqual([]);
  });
});
