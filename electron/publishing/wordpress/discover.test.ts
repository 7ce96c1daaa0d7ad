/**
 * Discovery's reading of addresses and links, and its fallbacks, against loopback servers that
 * answer the way WordPress does in setups the test WordPress does not have (plain permalinks,
 * no Link header, a moved site). The real WordPress is in discover.integration.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PublishError } from '../http/PublishError';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import { closedPort, sendJson, startHttp, type Handler, type Loopback } from '../http/testing/loopback';
import { discoverWordPress, parseHtmlLinks, parseLinkHeader, siteUrlCandidates } from './discover';

describe('siteUrlCandidates', () => {
  it.each([
    ['example.com', ['https://example.com/', 'http://example.com/']],
    ['  Example.com/blog  ', ['https://example.com/blog/', 'http://example.com/blog/']],
    ['127.0.0.1:8088', ['https://127.0.0.1:8088/', 'http://127.0.0.1:8088/']],
    ['http://127.0.0.1:8088', ['http://127.0.0.1:8088/']],
    ['https://example.com/blog/wp-admin/post.php?post=3', ['https://example.com/blog/']],
    ['https://example.com/wp-login.php', ['https://example.com/']],
    ['https://example.com/xmlrpc.php', ['https://example.com/']],
    ['https://example.com/wp-json/wp/v2/posts', ['https://example.com/']],
    ['https://user:pw@example.com/#top', ['https://example.com/']],
    ['<https://example.com/2024/05/a-post/>', ['https://example.com/2024/05/a-post/']],
  ])('%s → %j', (input, expected) => {
    expect(siteUrlCandidates(input)).toEqual(expected);
  });

  it.each(['', '   ', 'not a site', 'ftp://example.com', 'mailto:me@example.com', 'http://'])(
    'refuses %j',
    (input) => {
      expect(() => siteUrlCandidates(input)).toThrow(PublishError);
    },
  );
});

describe('links', () => {
  it('reads rel links from a Link header with several entries', () => {
    expect(
      parseLinkHeader(
        '<https://example.com/wp-json/>; rel="https://api.w.org/", <https://example.com/?p=5>; rel=shortlink, <https://example.com/wp-json/wp/v2/pages/5>; rel="alternate"; type="application/json"',
      ),
    ).toEqual([
      { rel: 'https://api.w.org/', href: 'https://example.com/wp-json/' },
      { rel: 'shortlink', href: 'https://example.com/?p=5' },
      { rel: 'alternate', href: 'https://example.com/wp-json/wp/v2/pages/5' },
    ]);
    expect(parseLinkHeader(null)).toEqual([]);
  });

  it('reads <link> tags in any attribute order and quoting', () => {
    const html =
      '<head><link rel="https://api.w.org/" href="https://example.com/wp-json/" />' +
      "<link href='https://example.com/xmlrpc.php?rsd' type='application/rsd+xml' title='RSD' rel='EditURI'>" +
      '<link rel=stylesheet href=/a.css></head>';
    expect(parseHtmlLinks(html)).toEqual([
      { rel: 'https://api.w.org/', href: 'https://example.com/wp-json/' },
      { rel: 'EditURI', href: 'https://example.com/xmlrpc.php?rsd' },
      { rel: 'stylesheet', href: '/a.css' },
    ]);
  });
});

describe('discoverWordPress on loopback sites', () => {
  const servers: Loopback[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (handler: Handler) => {
    const s = await startHttp(handler);
    servers.push(s);
    return s;
  };
  const indexFor = (url: string) => ({
    name: 'Plain &amp; Simple',
    url,
    home: url,
    gmt_offset: 5.5,
    timezone_string: '',
    namespaces: ['oembed/1.0', 'wp/v2'],
    authentication: {
      'application-passwords': { endpoints: { authorization: `${url}/wp-admin/authorize-application.php` } },
    },
  });
  const hello =
    '<?xml version="1.0"?><methodResponse><params><param><value><string>Hello!</string></value></param></params></methodResponse>';

  it('finds REST through ?rest_route=/ when the home page has no Link (plain permalinks), and XML-RPC at /xmlrpc.php', async () => {
    const site = await serve((req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/' && url.searchParams.get('rest_route') === '/') {
        return sendJson(res, 200, indexFor(site.url));
      }
      if (url.pathname === '/xmlrpc.php' && req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(hello);
      }
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('<html><head><title>Plain &amp; Simple – Just a blog</title></head></html>');
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('Not found');
    });
    const found = await discoverWordPress(`${site.url}/`, fetch);
    expect(found).toEqual({
      siteUrl: site.url,
      name: 'Plain & Simple',
      restRoot: `${site.url}/?rest_route=%2F`,
      xmlrpcUrl: `${site.url}/xmlrpc.php`,
      applicationPasswords: true,
      authorizeUrl: `${site.url}/wp-admin/authorize-application.php`,
      timeZone: '+05:30',
      restProblem: null,
      xmlrpcProblem: null,
    });
  });

  it('follows the site to its new address (redirect to another port) and answers the canonical home', async () => {
    const moved = await serve((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, {
          'content-type': 'text/html',
          link: `<${moved.url}/wp-json/>; rel="https://api.w.org/"`,
        });
        return res.end('<html></html>');
      }
      if (req.url?.startsWith('/wp-json/')) return sendJson(res, 200, indexFor(moved.url));
      res.writeHead(404);
      res.end();
    });
    const old = await serve((_req, res) => {
      res.writeHead(301, { location: `${moved.url}/` });
      res.end();
    });
    const found = await discoverWordPress(old.url, fetch);
    expect(found.siteUrl).toBe(moved.url);
    expect(found.restRoot).toBe(`${moved.url}/wp-json/`);
  });

  it('an address typed without a scheme: tries https, then http on a plain-http port', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, {
          'content-type': 'text/html',
          link: `<${site.url}/wp-json/>; rel="https://api.w.org/"`,
        });
        return res.end('<html></html>');
      }
      if (req.url?.startsWith('/wp-json/')) return sendJson(res, 200, indexFor(site.url));
      res.writeHead(404);
      res.end();
    });
    const found = await discoverWordPress(`127.0.0.1:${site.port}`, fetch);
    expect(found.restRoot).toBe(`${site.url}/wp-json/`);
  });

  it('a site that is not WordPress → NOT_WORDPRESS saying what to check', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>My shop</title></head><body>Hello</body></html>');
    });
    const error = await publishErrorOf(discoverWordPress(site.url, fetch));
    expect(error).toBeInstanceOf(PublishError);
    expect(error.code).toBe('NOT_WORDPRESS');
    expect(error.message).toBe(
      `Signet found a website at 127.0.0.1:${site.port}, but not WordPress: it offers neither the WordPress REST API ` +
        'nor XML-RPC. Check the address — use the blog’s home page, such as https://example.com/blog — or choose ' +
        'another kind of blog.',
    );
  });

  it('nothing listening → OFFLINE', async () => {
    const port = await closedPort();
    const error = await publishErrorOf(discoverWordPress(`http://127.0.0.1:${port}`, fetch));
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toBe(
      `Signet cannot reach 127.0.0.1:${port}. Check your connection; Signet will try again.`,
    );
  });
});
