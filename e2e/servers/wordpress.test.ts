/**
 * Smoke test of the real test WordPress (e2e/servers/wordpress.sh) and of its failure switches.
 * Skips with the reason when the server cannot run here; fails under SIGNET_REQUIRE_SERVERS=1.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WORDPRESS_SWITCHES, wordpressOrSkip, type WordPressSwitch } from './wordpress';

const wp = await wordpressOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason ? `WordPress test server (SKIPPED: ${wp.skipReason})` : 'WordPress test server';

function xmlString(s: string): string {
  return `<value><string>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</string></value>`;
}

describe.skipIf(!wp.server)(title, () => {
  const server = wp.server!;
  const unique = `signet-smoke-${Date.now().toString(36)}`;

  async function getUsersBlogs(user = server.user, password = server.appPassword) {
    const res = await fetch(`${server.url}/xmlrpc.php`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body:
        '<?xml version="1.0"?><methodCall><methodName>wp.getUsersBlogs</methodName><params>' +
        `<param>${xmlString(user)}</param><param>${xmlString(password)}</param></params></methodCall>`,
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  }
  function faultCode(xml: string): number | null {
    const m = /<fault>[\s\S]*?<name>faultCode<\/name>\s*<value>\s*<int>(-?\d+)<\/int>/.exec(xml);
    return m ? Number(m[1]) : null;
  }
  async function siteIndex() {
    const res = await fetch(`${server.url}/?rest_route=/`);
    return (await res.json()) as { name: string; timezone_string: string; authentication: unknown };
  }
  async function meStatus(password = server.appPassword): Promise<number> {
    const auth = `Basic ${Buffer.from(`${server.user}:${password}`).toString('base64')}`;
    return (await server.rest('/wp/v2/users/me?context=edit', { headers: { authorization: auth } })).status;
  }
  async function expectNormal(): Promise<void> {
    expect(await meStatus()).toBe(200);
    const blogs = await getUsersBlogs();
    expect(blogs.status).toBe(200);
    expect(faultCode(blogs.body)).toBeNull();
    expect(await siteIndex()).toHaveProperty(['authentication', 'application-passwords']);
  }
  async function withSwitch(name: WordPressSwitch, check: () => Promise<void>): Promise<void> {
    await server.setSwitch(name, true);
    try {
      await check();
    } finally {
      await server.setSwitch(name, false);
    }
    await expectNormal();
  }

  afterEach(async () => {
    for (const name of WORDPRESS_SWITCHES) await server.setSwitch(name, false);
  });
  afterAll(async () => {
    const posts = await server.restJson<Array<{ id: number }>>(`/wp/v2/posts?search=${unique}&status=any`);
    for (const p of posts) await server.rest(`/wp/v2/posts/${p.id}?force=true`, { method: 'DELETE' });
  });

  it('is on loopback and announces its REST API (Link rel="https://api.w.org/")', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toContain(`<${server.url}/wp-json/>; rel="https://api.w.org/"`);
    const index = await siteIndex();
    expect(index.name).toBe('Signet Test Blog');
    expect(index.timezone_string).toBe('Europe/Berlin');
    expect(index).toHaveProperty(['authentication', 'application-passwords']);
  });

  it('accepts the application passwords (admin and author) and answers 401 to a wrong one', async () => {
    const admin = await server.restJson<{ slug: string; roles: string[] }>('/wp/v2/users/me?context=edit');
    expect(admin.roles).toContain('administrator');
    const author = await server.restJson<{ roles: string[] }>('/wp/v2/users/me?context=edit', {
      as: 'author',
    });
    expect(author.roles).toEqual(['author']);

    expect(await meStatus('abcd efgh ijkl mnop qrst uvwx')).toBe(401);
    const anonymous = await server.rest('/wp/v2/users/me', { as: null });
    expect(anonymous.status).toBe(401);
  });

  it('creates a post with a tag and reads it back', async () => {
    const tag = await server.restJson<{ id: number }>('/wp/v2/tags', {
      method: 'POST',
      body: JSON.stringify({ name: `${unique}-tag` }),
    });
    const created = await server.restJson<{ id: number; status: string }>('/wp/v2/posts', {
      method: 'POST',
      as: 'author',
      body: JSON.stringify({
        title: `${unique} post`,
        content: '<p>Hello from Signet</p>',
        status: 'draft',
        tags: [tag.id],
      }),
    });
    expect(created.status).toBe('draft');
    const read = await server.restJson<{
      title: { raw: string };
      content: { raw: string };
      tags: number[];
      author: number;
    }>(`/wp/v2/posts/${created.id}?context=edit`);
    expect(read.title.raw).toBe(`${unique} post`);
    expect(read.content.raw).toBe('<p>Hello from Signet</p>');
    expect(read.tags).toEqual([tag.id]);
    await server.rest(`/wp/v2/tags/${tag.id}?force=true`, { method: 'DELETE' });
  });

  it('answers XML-RPC wp.getUsersBlogs with the application password', async () => {
    const ok = await getUsersBlogs();
    expect(ok.status).toBe(200);
    expect(faultCode(ok.body)).toBeNull();
    expect(ok.body).toContain('<string>Signet Test Blog</string>');
    expect(ok.body).toContain(`<string>${server.url}/xmlrpc.php</string>`);
    expect(faultCode((await getUsersBlogs(server.user, 'wrong wrong wrong wrong')).body)).toBe(403);
  });

  it('switch no-app-passwords: the site index lacks them and Basic auth fails', async () => {
    await withSwitch('no-app-passwords', async () => {
      expect(await siteIndex()).not.toHaveProperty(['authentication', 'application-passwords']);
      expect(await meStatus()).toBe(401);
      expect(faultCode((await getUsersBlogs()).body)).toBe(403);
    });
  });

  it('switch rest-firewall: REST answers 403 with an HTML page; the site and XML-RPC still work', async () => {
    await withSwitch('rest-firewall', async () => {
      for (const p of ['/wp-json/', '/wp-json/wp/v2/posts', '/?rest_route=/wp/v2/users/me']) {
        const res = await fetch(`${server.url}${p}`);
        expect(res.status, p).toBe(403);
        expect(res.headers.get('content-type'), p).toMatch(/^text\/html/);
        expect(await res.text()).toContain('<h1>Forbidden</h1>');
      }
      expect((await fetch(`${server.url}/`)).status).toBe(200);
      expect(faultCode((await getUsersBlogs()).body)).toBeNull();
    });
  });

  it('switch rest-500: REST answers 500', async () => {
    await withSwitch('rest-500', async () => {
      const res = await server.rest('/wp/v2/posts');
      expect(res.status).toBe(500);
      expect(((await res.json()) as { code: string }).code).toBe('internal_server_error');
      expect((await fetch(`${server.url}/?rest_route=/`)).status).toBe(500);
    });
  });

  it('switch no-xmlrpc: /xmlrpc.php answers 403 with an HTML page; REST still works', async () => {
    await withSwitch('no-xmlrpc', async () => {
      const res = await getUsersBlogs();
      expect(res.status).toBe(403);
      expect(res.type).toMatch(/^text\/html/);
      expect(await meStatus()).toBe(200);
    });
  });

  it('switch xmlrpc-disabled: XML-RPC answers HTTP 405 with fault 405 "XML-RPC services are disabled"', async () => {
    await withSwitch('xmlrpc-disabled', async () => {
      const res = await getUsersBlogs();
      expect(res.status).toBe(405);
      expect(faultCode(res.body)).toBe(405);
      expect(res.body).toContain('XML-RPC services are disabled on this site.');
    });
  });

  it('switch no-auth-header: REST sees no credentials; XML-RPC (credentials in the body) works', async () => {
    await withSwitch('no-auth-header', async () => {
      expect(await meStatus()).toBe(401);
      expect(faultCode((await getUsersBlogs()).body)).toBeNull();
    });
  });

  it('refuses unknown switch names', async () => {
    await expect(server.setSwitch('no-such-switch' as WordPressSwitch, true)).rejects.toThrow(/unknown/);
  });

  it('reset() leaves a clean site: no posts, pages, media, tags; only the default category', async () => {
    const cat = await server.restJson<{ id: number }>('/wp/v2/categories', {
      method: 'POST',
      body: JSON.stringify({ name: `${unique}-cat` }),
    });
    await server.restJson('/wp/v2/posts', {
      method: 'POST',
      body: JSON.stringify({ title: `${unique} published`, status: 'publish', categories: [cat.id] }),
    });
    await server.restJson('/wp/v2/pages', { method: 'POST', body: JSON.stringify({ title: 'A page' }) });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await server.restJson('/wp/v2/media', {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="dot.png"' },
      body: png,
    });
    await server.setSwitch('rest-500', true);

    await server.reset();

    const all = '?status=publish,future,draft,pending,private,trash&context=edit';
    expect(await server.restJson<unknown[]>(`/wp/v2/posts${all}`)).toEqual([]);
    expect(await server.restJson<unknown[]>(`/wp/v2/pages${all}`)).toEqual([]);
    expect(await server.restJson<unknown[]>('/wp/v2/media')).toEqual([]);
    expect(await server.restJson<unknown[]>('/wp/v2/tags?hide_empty=false')).toEqual([]);
    const cats = await server.restJson<Array<{ slug: string }>>('/wp/v2/categories?hide_empty=false');
    expect(cats.map((c) => c.slug)).toEqual(['uncategorized']);

    // ensurePublishedPost() gives the empty site one published post, and no second one.
    await server.ensurePublishedPost();
    await server.ensurePublishedPost();
    expect(await server.restJson<unknown[]>('/wp/v2/posts?status=publish')).toHaveLength(1);
  });
});
