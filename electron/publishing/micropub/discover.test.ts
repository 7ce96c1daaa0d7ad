import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../http/HttpClient';
import { startHttp, type Loopback } from '../http/testing/loopback';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import { canonicalProfileUrl, discoverIndieAuth, htmlLinks, parseLinkHeader } from './discover';
import { startFakeMicropub, type DiscoveryMode, type FakeMicropub } from './testing/fakeSite';

const http = new HttpClient({ fetch, timeoutMs: 5000 });

describe('canonicalProfileUrl', () => {
  it('adds a scheme and a path, lowercases the host', () => {
    expect(canonicalProfileUrl('Example.COM')).toBe('http://example.com/');
    expect(canonicalProfileUrl(' https://example.com ')).toBe('https://example.com/');
    expect(canonicalProfileUrl('https://example.com/users?id=100')).toBe('https://example.com/users?id=100');
  });

  it('refuses what can never be a profile URL', () => {
    for (const bad of [
      '',
      'mailto:user@example.com',
      'https://example.com/foo/../bar',
      'https://example.com/#me',
      'https://user:pass@example.com/',
    ]) {
      expect(() => canonicalProfileUrl(bad), bad).toThrow(/not a web address/);
    }
  });
});

describe('link parsing', () => {
  it('reads Link headers with several links and rel lists, resolving relative URLs', () => {
    const links = parseLinkHeader(
      '</auth>; rel="authorization_endpoint", <https://t.example/token>;rel=token_endpoint, <https://x/>; title="a,b"; rel="micropub me"',
      'https://example.com/page',
    );
    expect(links).toEqual([
      { url: 'https://example.com/auth', rels: ['authorization_endpoint'] },
      { url: 'https://t.example/token', rels: ['token_endpoint'] },
      { url: 'https://x/', rels: ['micropub', 'me'] },
    ]);
  });

  it('reads <link> elements in document order, any attribute order, ignoring comments', () => {
    const html = `<html><head><!-- <link rel="micropub" href="/wrong"> -->
      <link href='/mp?x=1&amp;y=2' rel='micropub'>
      <link rel="stylesheet authorization_endpoint" href="https://auth.example/">
      <link rel=token_endpoint href=/token></head></html>`;
    expect(htmlLinks(html, 'https://example.com/')).toEqual([
      { url: 'https://example.com/mp?x=1&y=2', rels: ['micropub'] },
      { url: 'https://auth.example/', rels: ['stylesheet', 'authorization_endpoint'] },
      { url: 'https://example.com/token', rels: ['token_endpoint'] },
    ]);
  });
});

describe('discoverIndieAuth against the fake site', () => {
  let site: FakeMicropub | undefined;
  let page: Loopback | undefined;
  afterEach(async () => {
    await site?.close();
    await page?.close();
    site = undefined;
    page = undefined;
  });

  const modes: DiscoveryMode[] = ['metadata-header', 'metadata-html', 'legacy-header', 'legacy-html'];
  for (const discovery of modes) {
    it(`finds the endpoints (${discovery})`, async () => {
      site = await startFakeMicropub({ discovery, siteName: 'Ada’s notes' });
      const found = await discoverIndieAuth(http, site.origin);
      expect(found.enteredUrl).toBe(site.me);
      expect(found.authorizationEndpoint).toBe(site.authorizationEndpoint);
      expect(found.tokenEndpoint).toBe(site.tokenEndpoint);
      expect(found.micropub).toBe(site.micropubEndpoint);
      expect(found.siteName).toBe('Ada’s notes');
      if (discovery.startsWith('metadata')) {
        expect(found.issuer).toBe(site.issuer);
        expect(found.metadataUrl).toBe(`${site.origin}/.well-known/oauth-authorization-server`);
      } else {
        expect(found.issuer).toBeUndefined();
      }
    });
  }

  it('follows a redirect from the typed URL and remembers both URLs', async () => {
    site = await startFakeMicropub();
    const found = await discoverIndieAuth(http, `${site.origin}/www`);
    expect(found.seenUrls).toEqual([`${site.origin}/www`, site.me]);
    expect(found.profileUrl).toBe(site.me);
  });

  it('prefers the Link header over the HTML, and indieauth-metadata over the legacy rels', async () => {
    page = await startHttp((req, res) => {
      if (req.url === '/meta') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: `${page!.url}/`,
            authorization_endpoint: '/a2',
            token_endpoint: '/t2',
            code_challenge_methods_supported: ['S256'],
          }),
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html', Link: '</mp-header>; rel="micropub"' });
      res.end(
        '<link rel="micropub" href="/mp-html"><link rel="authorization_endpoint" href="/a1"><link rel="token_endpoint" href="/t1"><link rel="indieauth-metadata" href="/meta">',
      );
    });
    const found = await discoverIndieAuth(http, page.url);
    expect(found.micropub).toBe(`${page.url}/mp-header`);
    expect(found.authorizationEndpoint).toBe(`${page.url}/a2`);
    expect(found.tokenEndpoint).toBe(`${page.url}/t2`);
  });

  it('refuses metadata whose issuer is not a prefix of its URL', async () => {
    page = await startHttp((req, res) => {
      if (req.url === '/meta') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: 'https://elsewhere.example/',
            authorization_endpoint: '/a',
            token_endpoint: '/t',
          }),
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html', Link: '</meta>; rel="indieauth-metadata"' });
      res.end('<title>x</title>');
    });
    const error = await publishErrorOf(discoverIndieAuth(http, page.url));
    expect(error.reason).toBe('bad-issuer');
    expect(error.message).toMatch(/issuer/);
  });

  it('refuses a server without PKCE S256', async () => {
    page = await startHttp((req, res) => {
      if (req.url === '/meta') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: `${page!.url}/`,
            authorization_endpoint: '/a',
            token_endpoint: '/t',
            code_challenge_methods_supported: ['plain'],
          }),
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html', Link: '</meta>; rel="indieauth-metadata"' });
      res.end('');
    });
    expect((await publishErrorOf(discoverIndieAuth(http, page.url))).reason).toBe('no-pkce-s256');
  });

  it('says so when the page has no IndieAuth links at all, or is missing', async () => {
    page = await startHttp((req, res) => {
      res.writeHead(req.url === '/gone' ? 404 : 200, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>Plain site</title></head></html>');
    });
    const none = await publishErrorOf(discoverIndieAuth(http, page.url));
    expect(none.code).toBe('VALIDATION');
    expect(none.reason).toBe('no-indieauth');
    expect(none.message).toMatch(/no IndieAuth links/);
    const gone = await publishErrorOf(discoverIndieAuth(http, `${page.url}/gone`));
    expect(gone.code).toBe('NOT_FOUND');
  });
});
