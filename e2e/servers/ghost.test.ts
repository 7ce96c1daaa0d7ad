/**
 * Smoke test of the real test Ghost (e2e/servers/ghost.sh) and of its test helpers.
 * Skips with the reason when the server cannot run here; fails under SIGNET_REQUIRE_SERVERS=1.
 */
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ghostAdminToken, ghostOrSkip } from './ghost';

const g = await ghostOrSkip();
if (g.skipReason) console.warn(`[skip] ${g.skipReason}`);
const title = g.skipReason ? `Ghost test server (SKIPPED: ${g.skipReason})` : 'Ghost test server';

describe.skipIf(!g.server)(title, () => {
  const server = g.server!;

  it('is Ghost 6.65.0 on SQLite at 127.0.0.1, and its Admin API key works', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = await server.adminJson<{ config: { version: string; database: string; mail: string } }>(
      '/config/',
    );
    expect(config.config).toMatchObject({ version: '6.65.0', database: 'sqlite3', mail: 'stub' });
    const site = await server.adminJson<{ site: { title: string; url: string } }>('/site/');
    expect(site.site.title).toBe('Signet Ghost Test Blog');
    expect(site.site.url).toBe(`${server.url}/`);
    expect(server.adminApiKey).toMatch(/^[0-9a-f]{24}:[0-9a-f]{64}$/);
    expect(server.contentApiKey).toMatch(/^[0-9a-f]{26}$/);
  });

  it('refuses a request without a token (403) and with a token signed by another secret (401)', async () => {
    const none = await server.admin('/posts/?limit=1', { key: null });
    expect(none.status).toBe(403);
    await none.body?.cancel();
    const [id] = server.adminApiKey.split(':');
    const forged = await server.admin('/posts/?limit=1', {
      headers: { authorization: `Ghost ${ghostAdminToken(`${id}:${'0'.repeat(64)}`)}` },
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('INVALID_JWT');
  });

  it('listens on loopback only', async () => {
    const port = Number(new URL(server.url).port);
    const other = Object.values(await import('node:os').then((os) => os.networkInterfaces()))
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!other) return; // no other address on this machine
    const reached = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: other, port, timeout: 2000 });
      socket.on('connect', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
      socket.on('timeout', () => (socket.destroy(), resolve(false)));
    });
    expect(reached).toBe(false);
  });

  it('reset() deletes every post, page and tag; the owner session reads what integrations may not', async () => {
    const stamp = Date.now().toString(36);
    await server.adminJson('/posts/', {
      method: 'POST',
      body: JSON.stringify({ posts: [{ title: `smoke ${stamp}`, tags: [{ name: `smoke-${stamp}` }] }] }),
    });
    await server.adminJson('/pages/', {
      method: 'POST',
      body: JSON.stringify({ pages: [{ title: `smoke ${stamp}` }] }),
    });
    await server.reset();
    for (const kind of ['posts', 'pages', 'tags']) {
      const list = await server.adminJson<{ meta: { pagination: { total: number } } }>(
        `/${kind}/?limit=1&fields=id`,
      );
      expect(list.meta.pagination.total).toBe(0);
    }
    const emails = await server.ownerJson<{ emails: unknown[] }>('/emails/?limit=1');
    expect(Array.isArray(emails.emails)).toBe(true);

    // ensurePublishedPost() gives the empty site one published post, and no second one.
    await server.ensurePublishedPost();
    await server.ensurePublishedPost();
    const published = await server.adminJson<{ meta: { pagination: { total: number } } }>(
      '/posts/?limit=1&fields=id&filter=status:published',
    );
    expect(published.meta.pagination.total).toBe(1);
  });
});
