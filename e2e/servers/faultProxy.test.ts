import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteOriginIn, seededRandom, startFaultProxy, type FaultProxy } from './faultProxy';

let upstream: http.Server;
let received: string[];
let proxy: FaultProxy;

beforeAll(async () => {
  received = [];
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${req.headers.host} ${body}`);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, echo: body, padding: 'x'.repeat(2000) }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  proxy = await startFaultProxy({ target: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const post = (path: string, body: string, timeoutMs = 3000) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });

describe('the fault-injecting proxy', () => {
  it('forwards untouched requests with the target as Host', async () => {
    proxy.setPlan(null);
    const response = await post('/wp-json/wp/v2/posts', 'hello');
    expect(response.status).toBe(201);
    expect(((await response.json()) as { echo: string }).echo).toBe('hello');
    expect(received.at(-1)).toMatch(/^POST \/wp-json\/wp\/v2\/posts 127\.0\.0\.1:\d+ hello$/);
  });

  it('drops the answer after the server acted on the request', async () => {
    proxy.setPlan(() => ({ kind: 'drop-response' }));
    const before = received.length;
    await expect(post('/create', 'once')).rejects.toThrow();
    expect(received.length).toBe(before + 1); // it reached the server
    expect(proxy.log().at(-1)).toMatchObject({ fault: 'drop-response', forwarded: true, status: 201 });
  });

  it('answers 502/503 and 429 with Retry-After without reaching the server', async () => {
    const before = received.length;
    proxy.setPlan(() => ({ kind: 'status', status: 503, retryAfterSeconds: 7 }));
    const unavailable = await post('/x', 'a');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    proxy.setPlan(() => ({ kind: 'rate-limit', retryAfterSeconds: 2 }));
    const limited = await post('/x', 'b');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(received.length).toBe(before);
    expect(
      proxy
        .log()
        .slice(-2)
        .map((e) => e.forwarded),
    ).toEqual([false, false]);
  });

  it('resets the connection halfway through the body', async () => {
    proxy.setPlan(() => ({ kind: 'reset-mid-body' }));
    const response = await post('/x', 'c');
    expect(response.status).toBe(201);
    await expect(response.text()).rejects.toThrow();
  });

  it('delays the answer past a client timeout', async () => {
    proxy.setPlan(() => ({ kind: 'delay', ms: 1500 }));
    await expect(post('/x', 'd', 300)).rejects.toThrow(/timeout|aborted/i);
    proxy.setPlan(null);
  });

  it('picks the same random faults for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    for (const value of first) expect(value).toBeGreaterThanOrEqual(0);
  });

  it('injects random faults at about the asked rate, only on matching requests', async () => {
    proxy.setRandomFaults({ rate: 0.5, seed: 7, kinds: ['status'], filter: (r) => r.method === 'POST' });
    const start = proxy.log().length;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post('/r', String(i))).status);
    const gets = await fetch(`${proxy.url}/g`);
    expect(gets.status).toBe(201);
    const faults = statuses.filter((s) => s !== 201).length;
    expect(faults).toBeGreaterThan(8);
    expect(faults).toBeLessThan(32);
    expect(
      proxy
        .log()
        .slice(start)
        .filter((e) => e.fault !== null),
    ).toHaveLength(faults);
    proxy.setPlan(null);
  });

  it('refuses a target that is not on 127.0.0.1', async () => {
    await expect(startFaultProxy({ target: 'http://example.com/' })).rejects.toThrow(/127\.0\.0\.1/);
  });
});

describe('the fault proxy as a full reverse proxy', () => {
  let blog: http.Server;
  let blogOrigin: string;

  beforeAll(async () => {
    blog = http.createServer((req, res) => {
      const png = req.url === '/image.png';
      if (req.url === '/old') {
        res.writeHead(301, { location: `${blogOrigin}/new` });
        res.end();
        return;
      }
      const body = png
        ? Buffer.from(`\x89PNG ${blogOrigin}`, 'latin1')
        : Buffer.from(
            JSON.stringify({ home: `${blogOrigin}/`, url: `${blogOrigin}/?p=1` }).replaceAll('/', '\\/') +
              ` <a href="${blogOrigin}/x">é</a>`,
          );
      res.writeHead(200, {
        'content-type': png ? 'image/png' : 'application/json; charset=UTF-8',
        link: `<${blogOrigin}/wp-json/>; rel="https://api.w.org/"`,
        'content-length': body.length,
        'x-host': req.headers.host ?? '',
      });
      res.end(body);
    });
    await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
    blogOrigin = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => blog.close(() => resolve()));
  });

  it('rewrites the plain and JSON-escaped origin', () => {
    expect(rewriteOriginIn('a http://h:1/x "http:\\/\\/h:1\\/y"', 'http://h:1', 'http://p:2')).toBe(
      'a http://p:2/x "http:\\/\\/p:2\\/y"',
    );
  });

  it('rewrites the origin in headers and text bodies, with a correct length', async () => {
    const rewriting = await startFaultProxy({ target: blogOrigin, rewriteOrigin: true });
    try {
      const response = await fetch(`${rewriting.url}/wp-json/`);
      const text = await response.text();
      expect(text).not.toContain(blogOrigin.slice('http://'.length));
      expect(JSON.parse(text.slice(0, text.indexOf(' <a'))) as unknown).toEqual({
        home: `${rewriting.url}/`,
        url: `${rewriting.url}/?p=1`,
      });
      expect(text).toContain(`<a href="${rewriting.url}/x">é</a>`);
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(response.headers.get('link')).toBe(`<${rewriting.url}/wp-json/>; rel="https://api.w.org/"`);
      expect(response.headers.get('x-host')).toBe(new URL(blogOrigin).host);
      const moved = await fetch(`${rewriting.url}/old`, { redirect: 'manual' });
      expect(moved.headers.get('location')).toBe(`${rewriting.url}/new`);
      // Binary bodies pass untouched.
      const image = Buffer.from(await (await fetch(`${rewriting.url}/image.png`)).arrayBuffer());
      expect(image.toString('latin1')).toBe(`\x89PNG ${blogOrigin}`);
    } finally {
      await rewriting.close();
    }
  });

  it('leaves answers alone without rewriteOrigin', async () => {
    const plain = await startFaultProxy({ target: blogOrigin });
    try {
      const response = await fetch(`${plain.url}/wp-json/`);
      expect(response.headers.get('link')).toContain(blogOrigin);
      expect(await response.text()).toContain(`${blogOrigin}/x`);
    } finally {
      await plain.close();
    }
  });

  it('goes down (connections refused) and comes back up on the same port', async () => {
    const switchable = await startFaultProxy({ target: blogOrigin });
    try {
      expect((await fetch(`${switchable.url}/a`)).status).toBe(200);
      await switchable.setDown(true);
      const refused = await fetch(`${switchable.url}/b`).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Error);
      expect(String((refused as Error & { cause?: { code?: string } }).cause?.code)).toBe('ECONNREFUSED');
      await switchable.setDown(false);
      expect((await fetch(`${switchable.url}/c`)).status).toBe(200);
      expect(switchable.log().map((e) => e.path)).toEqual(['/a', '/c']);
    } finally {
      await switchable.close();
    }
  });
});
