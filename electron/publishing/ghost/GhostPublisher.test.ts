/**
 * What the Ghost publisher puts on the wire, recorded by a loopback server: the parts the real
 * Ghost of the integration test cannot show (a newsletter email needs a mail service) and the
 * HTTP layer's timeouts. Everything else is proven against the real Ghost
 * (GhostPublisher.integration.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import { startHttp, type Loopback } from '../http/testing/loopback';
import type { OutgoingPost } from '../types';
import { GhostPublisher } from './GhostPublisher';

const KEY = `${'ab'.repeat(12)}:${'cd'.repeat(32)}`;
const POST = {
  id: '6b03f531984c826bf65404c9',
  title: 't',
  slug: 't',
  html: '<p>x</p>',
  status: 'published',
  updated_at: '2026-11-23T08:11:29.000Z',
  published_at: '2026-11-23T08:11:29.000Z',
  url: 'http://127.0.0.1/t/',
  tags: [],
};

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers like Ghost for the few routes these tests use; anything else is a 404. */
async function recorder(delayMs = 0): Promise<Loopback> {
  return startHttp((req, res) => {
    const answer = () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && path === '/ghost/api/admin/posts/') {
        res.statusCode = 201;
        res.end(JSON.stringify({ posts: [POST] }));
      } else if (req.method === 'GET' && path === '/ghost/api/admin/tags/') {
        res.end(JSON.stringify({ tags: [], meta: { pagination: { page: 1, pages: 1, total: 0 } } }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ errors: [{ type: 'NotFoundError', message: 'Resource not found' }] }));
      }
    };
    if (delayMs) setTimeout(answer, delayMs);
    else answer();
  });
}

const post = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
  type: 'post',
  title: 't',
  content: '<p>x</p>',
  status: 'publish',
  tags: [],
  categories: [],
  ...over,
});

describe('GhostPublisher on the wire', () => {
  it('sends HTML with ?source=html, a fresh Ghost token and Accept-Version, and no newsletter unless asked', async () => {
    server = await recorder();
    const publisher = new GhostPublisher({ siteUrl: server.url, adminApiKey: KEY, fetch });
    await publisher.createPost(post());
    await publisher.createPost(post({ status: 'draft', newsletter: 'weekly' }));
    await publisher.createPost(post({ newsletter: 'weekly' }));

    const creates = server.requests.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(3);
    const queries = creates.map((r) => new URL(r.url, 'http://x').searchParams);
    expect(queries.map((q) => q.get('source'))).toEqual(['html', 'html', 'html']);
    // Only a publish that names a newsletter carries one.
    expect(queries.map((q) => q.get('newsletter'))).toEqual([null, null, 'weekly']);
    for (const r of creates) {
      expect(r.headers.authorization).toMatch(/^Ghost [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(r.headers['accept-version']).toBe('v6.0');
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(r.body.toString()) as { posts: Array<Record<string, unknown>> };
      expect(body.posts[0]).toMatchObject({ title: 't', html: '<p>x</p>', tags: [] });
      expect(body.posts[0]).not.toHaveProperty('newsletter');
      expect(r.body.toString()).not.toContain('cd'.repeat(32));
    }
  });

  it('an answer slower than the time limit is TIMEOUT (uncertain: look before creating again)', async () => {
    server = await recorder(1500);
    const publisher = new GhostPublisher({ siteUrl: server.url, adminApiKey: KEY, fetch, timeoutMs: 300 });
    const error = await publishErrorOf(publisher.createPost(post()));
    expect(error.code).toBe('TIMEOUT');
    expect(error.retryable).toBe(true);
  });
});
