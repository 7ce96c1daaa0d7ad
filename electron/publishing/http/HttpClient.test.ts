/**
 * The HTTP layer against real servers on 127.0.0.1: how each kind of failure reaches the author.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFromResponse, HttpClient, parseJsonLenient, retryAfterMs, uploadTimeoutMs } from './HttpClient';
import { isPublishError, type PublishError } from './PublishError';
import { publishErrorOf } from './testing/publishErrorOf';
import {
  closedPort,
  selfSignedCertificate,
  sendJson,
  startHttp,
  startHttps,
  type Loopback,
} from './testing/loopback';

const SECRET = 'abcd EFGH ijkl MNOP qrst UVWX';
const AUTH = `Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}`;
const FORBIDDEN_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>403 Forbidden</title></head>' +
  "<body><h1>Forbidden</h1><p>You don't have permission to access this resource.</p></body></html>";

let server: Loopback;
let other: Loopback;
const http = new HttpClient({ fetch, timeoutMs: 5_000 });

beforeAll(async () => {
  other = await startHttp((_req, res) => sendJson(res, 200, { from: 'other' }));
  server = await startHttp((req, res, body) => {
    const path = (req.url ?? '').split('?')[0];
    switch (path) {
      case '/ok':
        return sendJson(res, 200, { ok: true, method: req.method, body: body.toString() });
      case '/notice':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(
          '<br />\n<b>Notice</b>:  Undefined index: x in <b>/var/www/plugin.php</b><br />\n{"ok":true}',
        );
      case '/401':
        return sendJson(res, 401, {
          code: 'rest_not_logged_in',
          message: 'You are not currently logged in.',
        });
      case '/403-html':
        res.writeHead(403, { 'content-type': 'text/html; charset=iso-8859-1' });
        return res.end(FORBIDDEN_PAGE);
      case '/403-json':
        return sendJson(res, 403, {
          code: 'rest_cannot_publish',
          message: 'Sorry, you are not allowed to publish posts.',
        });
      case '/404':
        return sendJson(res, 404, { code: 'rest_post_invalid_id', message: 'Invalid post ID.' });
      case '/409':
        return sendJson(res, 409, { code: 'conflict' });
      case '/429':
        return sendJson(res, 429, { code: 'too_many' }, { 'retry-after': '7' });
      case '/503':
        res.writeHead(503, { 'content-type': 'text/html' });
        return res.end('<h1>Service Unavailable</h1>');
      case '/slow':
        return; // never answers
      case '/reset':
        return req.socket.destroy();
      case '/same-site-redirect':
        res.writeHead(302, { location: '/ok' });
        return res.end();
      case '/post-307':
        res.writeHead(307, { location: '/ok' });
        return res.end();
      case '/post-302':
        res.writeHead(302, { location: '/ok' });
        return res.end();
      case '/cross-site-redirect':
        res.writeHead(301, { location: `${other.url}/steal` });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      default:
        res.writeHead(404);
        return res.end();
    }
  });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

function expectNoSecret(error: PublishError): void {
  const seen = [error.message, JSON.stringify(error), String(error), String(error.stack)].join('\n');
  expect(seen).not.toContain(SECRET);
  expect(seen).not.toContain(AUTH);
  expect(seen.toLowerCase()).not.toContain('authorization');
}

describe('HttpClient.send', () => {
  it('returns the answer with its status, URL and text; JSON with a PHP notice in front still parses', async () => {
    const res = await http.send({ url: `${server.url}/ok`, method: 'POST', body: 'hello' });
    expect(res.status).toBe(200);
    expect(parseJsonLenient(res.text)).toEqual({ ok: true, method: 'POST', body: 'hello' });
    const notice = await http.send({ url: `${server.url}/notice` });
    expect(parseJsonLenient(notice.text)).toEqual({ ok: true });
  });

  it('follows a redirect within the site; a 307 keeps the POST and its body, a 302 after POST becomes GET', async () => {
    expect((await http.send({ url: `${server.url}/same-site-redirect` })).url).toBe(`${server.url}/ok`);
    const kept = parseJsonLenient(
      (await http.send({ url: `${server.url}/post-307`, method: 'POST', body: 'x' })).text,
    );
    expect(kept).toEqual({ ok: true, method: 'POST', body: 'x' });
    const turned = parseJsonLenient(
      (await http.send({ url: `${server.url}/post-302`, method: 'POST', body: 'x' })).text,
    );
    expect(turned).toEqual({ ok: true, method: 'GET', body: '' });
  });

  it('never carries credentials to another site: a cross-site redirect is refused', async () => {
    const before = other.requests.length;
    const error = await publishErrorOf(
      http.send({ url: `${server.url}/cross-site-redirect`, headers: { authorization: AUTH } }),
    );
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain(`127.0.0.1:${other.port}`);
    expect(error.message).toMatch(/add it again with its new address/);
    expect(other.requests.length).toBe(before);
    expectNoSecret(error);
    // Without credentials (discovery) following is fine.
    const followed = await http.send({ url: `${server.url}/cross-site-redirect`, redirects: 'any' });
    expect(parseJsonLenient(followed.text)).toEqual({ from: 'other' });
  });

  it('stops a redirect loop', async () => {
    const error = await publishErrorOf(http.send({ url: `${server.url}/loop` }));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.reason).toBe('redirect-loop');
  });

  it('maps a port with nothing listening to OFFLINE: retryable, and the request never arrived', async () => {
    const port = await closedPort();
    const error = await publishErrorOf(
      http.send({ url: `http://127.0.0.1:${port}/x`, headers: { authorization: AUTH } }),
    );
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toBe(
      `Signet cannot reach 127.0.0.1:${port}. Check your connection; Signet will try again.`,
    );
    expect(error.retryable).toBe(true);
    expect(error.uncertain).toBe(false);
    expect(error.reason).toBe('ECONNREFUSED');
    expectNoSecret(error);
  });

  it('maps a server that never answers to TIMEOUT (uncertain: it may have acted)', async () => {
    const error = await publishErrorOf(http.send({ url: `${server.url}/slow`, timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.retryable).toBe(true);
    expect(error.uncertain).toBe(true);
    expect(error.message).toBe(
      `127.0.0.1:${server.port} did not answer within 0.3 seconds. The site may be slow or busy; Signet will try again.`,
    );
  });

  it('maps a connection that breaks off to OFFLINE, uncertain', async () => {
    const error = await publishErrorOf(http.send({ url: `${server.url}/reset`, method: 'POST', body: 'x' }));
    expect(error.code).toBe('OFFLINE');
    expect(error.uncertain).toBe(true);
    expect(error.message).toMatch(/broke off/);
  });

  it('rejects with the caller’s own AbortError when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = http.send({ url: `${server.url}/slow`, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(isPublishError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('TLS', () => {
  const cert = selfSignedCertificate();
  const reason = 'skipReason' in cert ? cert.skipReason : undefined;
  if (reason) console.warn(`[skip] TLS tests: ${reason}`);

  it.skipIf(!!reason)(
    'maps a self-signed certificate to TLS with what to do, and never falls back',
    async () => {
      const tls = await startHttps(cert as { key: string; cert: string }, (_req, res) =>
        sendJson(res, 200, {}),
      );
      try {
        const error = await publishErrorOf(
          http.send({ url: `${tls.url}/`, headers: { authorization: AUTH } }),
        );
        expect(error.code).toBe('TLS');
        expect(error.retryable).toBe(false);
        expect(error.message).toMatch(
          /^Signet could not make a secure connection to 127\.0\.0\.1:\d+: its certificate is self-signed/,
        );
        expect(error.message).toMatch(/site’s owner must fix its certificate/);
        expect(tls.requests).toHaveLength(0);
        expectNoSecret(error);
      } finally {
        await tls.close();
      }
    },
  );

  it('maps https spoken to a plain-http port to TLS (“does not speak HTTPS”)', async () => {
    const error = await publishErrorOf(http.send({ url: `${server.url.replace('http:', 'https:')}/ok` }));
    expect(error.code).toBe('TLS');
    expect(error.message).toMatch(/does not speak HTTPS at this address/);
  });
});

describe('errorFromResponse', () => {
  const judge = async (path: string, api: 'rest' | 'xmlrpc' = 'rest') =>
    errorFromResponse(await http.send({ url: `${server.url}${path}`, headers: { authorization: AUTH } }), {
      api,
      what: 'this post',
    });

  it('401 → AUTH_FAILED, saying what to check and where to make a new password', async () => {
    const error = await judge('/401');
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe(
      `WordPress at 127.0.0.1:${server.port} refused the user name or application password. ` +
        'Check both, or create a new application password under Users → Profile.',
    );
    expect(error.retryable).toBe(false);
    expectNoSecret(error);
  });

  it('403 with an HTML page → BLOCKED_BY_FIREWALL on REST, XMLRPC_DISABLED on xmlrpc.php', async () => {
    const rest = await judge('/403-html');
    expect(rest.code).toBe('BLOCKED_BY_FIREWALL');
    expect(rest.message).toMatch(/a security plugin or your host blocks Signet’s requests/);
    expect(rest.message).toMatch(/allow the WordPress REST API, or Signet can use XML-RPC/);
    const xmlrpc = await judge('/403-html', 'xmlrpc');
    expect(xmlrpc.code).toBe('XMLRPC_DISABLED');
    expect(xmlrpc.message).toMatch(/blocks XML-RPC/);
  });

  it('403 with JSON → FORBIDDEN; 404 → NOT_FOUND naming what; 409 → CONFLICT', async () => {
    expect((await judge('/403-json')).code).toBe('FORBIDDEN');
    const missing = await judge('/404');
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no longer has this post/);
    expect((await judge('/409')).code).toBe('CONFLICT');
  });

  it('429 → RATE_LIMITED with Retry-After; 5xx → SERVER_ERROR, retryable and uncertain', async () => {
    const limited = await judge('/429');
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBe(7000);
    expect(limited.retryable).toBe(true);
    expect(limited.message).toMatch(/try again in 7 seconds/);
    const down = await judge('/503');
    expect(down.code).toBe('SERVER_ERROR');
    expect(down.status).toBe(503);
    expect(down.retryable).toBe(true);
    expect(down.uncertain).toBe(true);
  });
});

describe('small parts', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '120' }), now)).toBe(120_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('parses JSON leniently but gives undefined for none', () => {
    expect(parseJsonLenient('\uFEFF[1,2]')).toEqual([1, 2]);
    expect(parseJsonLenient('Warning: x\n{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonLenient('<html>nope</html>')).toBeUndefined();
    expect(parseJsonLenient('')).toBeUndefined();
  });

  it('gives uploads more time the bigger they are', () => {
    expect(uploadTimeoutMs(1000)).toBe(120_000);
    expect(uploadTimeoutMs(50_000_000)).toBeGreaterThan(120_000);
  });
});
