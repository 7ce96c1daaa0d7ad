/**
 * The Ghost publisher against the real Ghost 6 of e2e/servers/ghost.sh. Every write is read back
 * through the Admin API directly (signed by the test helper, not by the code under test): what
 * the author would see in Ghost Admin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ghostOrSkip, type GhostServer } from '../../../e2e/servers/ghost';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import type { OutgoingPost, PostType } from '../types';
import { makePng } from '../wordpress/testing/png';
import { GhostPublisher } from './GhostPublisher';
import { ghostPlatform } from './platform';

const g = await ghostOrSkip();
if (g.skipReason) console.warn(`[skip] ${g.skipReason}`);
const title = g.skipReason
  ? `GhostPublisher (SKIPPED: ${g.skipReason})`
  : 'GhostPublisher against the real Ghost';
const m = `gh${Date.now().toString(36)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ServerPost {
  id: string;
  title: string;
  html: string | null;
  slug: string;
  status: string;
  custom_excerpt: string | null;
  canonical_url: string | null;
  feature_image: string | null;
  published_at: string | null;
  updated_at: string;
  tags: Array<{ name: string }>;
  email: unknown;
  newsletter: unknown;
}

const logs: string[] = [];
const deps = () => ({
  fetch: globalThis.fetch,
  log: { info: (msg: string) => logs.push(msg), warn: () => {}, error: () => {} },
  clock: () => new Date(),
  openExternal: async () => {},
  dataDir: '/nonexistent',
});

describe.skipIf(!g.server)(title, () => {
  const server = () => g.server as GhostServer;
  let publisher: GhostPublisher;

  const draft = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
    type: 'post',
    title: `${m} post`,
    content: '<p>Hello from Signet</p>',
    status: 'draft',
    tags: [],
    categories: [],
    ...over,
  });

  async function onServer(id: string, type: PostType = 'post'): Promise<ServerPost> {
    const kind = `${type}s`;
    const data = await server().adminJson<Record<string, ServerPost[]>>(
      `/${kind}/${id}/?formats=html&include=tags,email,newsletter`,
    );
    return data[kind]![0]!;
  }
  async function serverStatus(id: string, type: PostType = 'post'): Promise<number> {
    const res = await server().admin(`/${type}s/${id}/`);
    await res.body?.cancel();
    return res.status;
  }
  async function countTitled(title: string): Promise<number> {
    const data = await server().adminJson<{ meta: { pagination: { total: number } } }>(
      `/posts/?limit=1&fields=id&filter=${encodeURIComponent(`title:'${title}'`)}`,
    );
    return data.meta.pagination.total;
  }

  beforeAll(async () => {
    await server().reset();
    publisher = new GhostPublisher({ siteUrl: server().url, adminApiKey: server().adminApiKey, fetch });
  });

  it('signIn: checks the address and the key, and offers the one blog as a ready account', async () => {
    // Authors paste Ghost Admin's address too: it is cut back to the site's.
    const pending = await ghostPlatform.signIn!(
      { kind: 'api-key', siteUrl: `${server().url}/ghost/#/dashboard`, apiKey: ` ${server().adminApiKey} ` },
      deps(),
    );
    const keyId = server().adminApiKey.split(':')[0];
    expect(pending).toMatchObject({
      siteUrl: server().url,
      siteName: 'Signet Ghost Test Blog',
      userLogin: keyId,
      secret: server().adminApiKey,
    });
    expect(pending.blogs).toHaveLength(1);
    expect(pending.blogs[0]).toMatchObject({
      blogId: '1',
      name: 'Signet Ghost Test Blog',
      url: server().url,
    });
    expect(pending.blogs[0]!.account).toMatchObject({
      platform: 'ghost',
      siteUrl: server().url,
      api: { transport: 'api', restRoot: `${server().url}/ghost/api/admin/` },
      timeZone: 'Etc/UTC',
      capabilities: {
        serverConflictDetection: true,
        mediaLibrary: false,
        categories: false,
        canonicalUrl: true,
      },
    });
    expect(logs.join('\n')).not.toContain(server().adminApiKey.split(':')[1]);

    // The stored account gives a working publisher.
    const account = {
      ...pending.blogs[0]!.account,
      id: 'a1',
      destinationKey: 'ghost:x',
      createdAt: '',
      updatedAt: '',
      settings: { contentFormat: 'classic' as const, maxImageWidth: 2048 },
    };
    const fromAccount = await ghostPlatform.createPublisher(account, pending.secret, deps());
    expect((await fromAccount.verify()).name).toBe('Signet Ghost Test Blog');
    expect(ghostPlatform.body(account)).toEqual({ format: 'html', readMore: 'none', embeds: 'ghost' });
  });

  it('a wrong key is AUTH_FAILED with a sentence saying what to do, never the key', async () => {
    const [id, secret] = server().adminApiKey.split(':') as [string, string];
    const otherSecret = `${id}:${secret.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}`;
    const unknownId = `${'0'.repeat(24)}:${secret}`;
    for (const key of [otherSecret, unknownId]) {
      const error = await publishErrorOf(
        ghostPlatform.signIn!({ kind: 'api-key', siteUrl: server().url, apiKey: key }, deps()),
      );
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/Admin API key/);
      expect(error.message).toMatch(/Settings → Integrations/);
      expect(JSON.stringify(error.toJSON())).not.toContain(secret);
    }
    const unknown = await publishErrorOf(
      new GhostPublisher({ siteUrl: server().url, adminApiKey: unknownId, fetch }).createPost(draft()),
    );
    expect(unknown.reason).toBe('UNKNOWN_ADMIN_API_KEY');
    expect(unknown.message).toMatch(/does not know this Admin API key/);

    const content = await publishErrorOf(
      ghostPlatform.signIn!(
        { kind: 'api-key', siteUrl: server().url, apiKey: server().contentApiKey },
        deps(),
      ),
    );
    expect(content.code).toBe('AUTH_FAILED');
    expect(content.message).toMatch(/Content API key/);
    expect(content.message).not.toContain(server().contentApiKey);
  });

  it('an address without Ghost is NOT_FOUND with what to check; a closed port is OFFLINE', async () => {
    const notGhost = await publishErrorOf(
      ghostPlatform.signIn!(
        { kind: 'api-key', siteUrl: `${server().url}/no-such-blog`, apiKey: server().adminApiKey },
        deps(),
      ),
    );
    expect(notGhost.code).toBe('NOT_FOUND');
    expect(notGhost.message).toMatch(/No Ghost Admin API answers/);
    const offline = await publishErrorOf(
      ghostPlatform.signIn!(
        { kind: 'api-key', siteUrl: 'http://127.0.0.1:9', apiKey: server().adminApiKey },
        deps(),
      ),
    );
    expect(offline.code).toBe('OFFLINE');
  });

  it('creates a draft as HTML with title, excerpt, slug, canonical URL and tags (new and existing, any case)', async () => {
    await server().adminJson('/tags/', {
      method: 'POST',
      body: JSON.stringify({ tags: [{ name: `${m} Old` }] }),
    });
    const title = `${m} Fish & <Chips> “quoted” 😀`;
    const created = await publisher.createPost(
      draft({
        title,
        content: '<p>Salt &amp; vinegar &lt;3 — <b>ünïcødé</b></p><h2>Next</h2><p>More</p>',
        excerpt: 'Short & sweet',
        slug: `${m}-fish-and-chips`,
        canonicalUrl: 'https://example.com/original/fish',
        tags: [`${m} old`, `${m} New`, ` ${m}   New `, `${m} R&D`],
      }),
    );
    expect(created).toMatchObject({
      type: 'post',
      title,
      excerpt: 'Short & sweet',
      slug: `${m}-fish-and-chips`,
      status: 'draft',
      categories: [],
      featuredMediaId: null,
    });
    expect(created.content).toBe(
      '<p>Salt &amp; vinegar &lt;3 — <strong>ünïcødé</strong></p><h2 id="next">Next</h2><p>More</p>',
    );
    expect(created.tags).toEqual([`${m} Old`, `${m} New`, `${m} R&D`]);
    expect(created.modifiedGmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);

    const onSite = await onServer(created.remoteId);
    expect(onSite.title).toBe(title);
    expect(onSite.html).toBe(created.content);
    expect(onSite.custom_excerpt).toBe('Short & sweet');
    expect(onSite.slug).toBe(`${m}-fish-and-chips`);
    expect(onSite.canonical_url).toBe('https://example.com/original/fish');
    expect(onSite.status).toBe('draft');
    expect(onSite.tags.map((t) => t.name)).toEqual([`${m} Old`, `${m} New`, `${m} R&D`]);
    // The existing tag was reused, not doubled.
    const olds = await server().adminJson<{ tags: unknown[] }>(
      `/tags/?filter=${encodeURIComponent(`name:~'${m} old'`)}`,
    );
    expect(olds.tags).toHaveLength(1);
  });

  it('statuses: published without any newsletter email, scheduled at its date; undated schedule and pending are refused before sending', async () => {
    // A subscribed reader and an active newsletter: a publish *could* email someone.
    const member = await server().admin('/members/', {
      method: 'POST',
      body: JSON.stringify({ members: [{ email: 'reader@example.invalid', name: 'Reader' }] }),
    });
    expect([201, 422]).toContain(member.status); // 422: added by an earlier run
    await member.body?.cancel();
    const newsletters = await server().adminJson<{ newsletters: Array<{ status: string }> }>('/newsletters/');
    expect(newsletters.newsletters.some((n) => n.status === 'active')).toBe(true);

    const published = await publisher.createPost(draft({ title: `${m} published`, status: 'publish' }));
    expect(published.status).toBe('publish');
    expect(published.permalink).toMatch(new RegExp(`^${server().url}/.+/$`));
    const live = await onServer(published.remoteId);
    expect(live.status).toBe('published');
    // A plain publish sends no email: Ghost records none and names no newsletter.
    expect(live.email ?? null).toBeNull();
    expect(live.newsletter ?? null).toBeNull();
    const emails = await server().ownerJson<{ emails: Array<{ post_id: string }> }>('/emails/?limit=all');
    expect(emails.emails.filter((e) => e.post_id === published.remoteId)).toEqual([]);

    const goLive = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 86_400_000).toISOString();
    const scheduled = await publisher.createPost(
      draft({ title: `${m} scheduled`, status: 'future', dateGmt: goLive }),
    );
    expect(scheduled.status).toBe('future');
    expect(scheduled.dateGmt).toBe(goLive);
    const onSite = await onServer(scheduled.remoteId);
    expect(onSite.status).toBe('scheduled');
    expect(onSite.published_at).toBe(goLive);
    expect(onSite.newsletter ?? null).toBeNull();

    const undated = await publishErrorOf(
      publisher.createPost(draft({ title: `${m} undated`, status: 'future' })),
    );
    expect(undated.code).toBe('VALIDATION');
    expect(undated.message).toMatch(/needs the time it should go live/);
    const pending = await publishErrorOf(
      publisher.createPost(draft({ title: `${m} pending`, status: 'pending' })),
    );
    expect(pending.code).toBe('UNSUPPORTED');
    expect(pending.message).toMatch(/no “pending review” status/);
    expect(await countTitled(`${m} undated`)).toBe(0);
    expect(await countTitled(`${m} pending`)).toBe(0);

    // Ghost's own refusal (a schedule in the past) comes back in its words.
    const past = await publishErrorOf(
      publisher.createPost(
        draft({ title: `${m} past`, status: 'future', dateGmt: '2001-01-01T00:00:00.000Z' }),
      ),
    );
    expect(past.code).toBe('VALIDATION');
    expect(past.status).toBe(422);
    expect(past.message).toMatch(/^Ghost at 127\.0\.0\.1:\d+ did not accept the request: “.+”\./);
  });

  it('updates with the last known time: content, tags replaced then cleared, excerpt and canonical cleared, published', async () => {
    const created = await publisher.createPost(
      draft({
        title: `${m} to update`,
        tags: [`${m}-a`, `${m}-b`],
        excerpt: 'old',
        canonicalUrl: 'https://example.com/a',
      }),
    );
    const updated = await publisher.updatePost(
      created.remoteId,
      draft({
        title: `${m} updated`,
        content: '<p>Second version</p>',
        status: 'publish',
        tags: [`${m}-b`, `${m}-c`],
      }),
      { ifUnmodifiedSince: created.modifiedGmt },
    );
    expect(updated.remoteId).toBe(created.remoteId);
    expect(updated.status).toBe('publish');
    expect(updated.tags).toEqual([`${m}-b`, `${m}-c`]);
    const onSite = await onServer(created.remoteId);
    expect(onSite.title).toBe(`${m} updated`);
    expect(onSite.html).toBe('<p>Second version</p>');
    expect(onSite.custom_excerpt).toBeNull();
    expect(onSite.canonical_url).toBeNull();
    expect(onSite.status).toBe('published');
    expect(onSite.email ?? null).toBeNull();
    expect(onSite.tags.map((t) => t.name)).toEqual([`${m}-b`, `${m}-c`]);

    const cleared = await publisher.updatePost(
      created.remoteId,
      draft({ title: `${m} updated`, status: 'publish', tags: [] }),
      { ifUnmodifiedSince: updated.modifiedGmt },
    );
    expect(cleared.tags).toEqual([]);
    expect((await onServer(created.remoteId)).tags).toEqual([]);

    // Without a known time the caller means to overwrite: it goes through.
    const forced = await publisher.updatePost(
      created.remoteId,
      draft({ title: `${m} forced`, status: 'draft' }),
      {},
    );
    expect(forced.status).toBe('draft');
    expect((await onServer(created.remoteId)).title).toBe(`${m} forced`);
  });

  it('a change made on the server in between is refused by Ghost (409) as CONFLICT with what changed — never overwritten', async () => {
    const created = await publisher.createPost(draft({ title: `${m} mine` }));
    // Ghost compares `updated_at` to the second: let one pass so the server's edit is newer.
    await sleep(Math.max(0, Date.parse(created.modifiedGmt) + 1100 - Date.now()));
    await server().adminJson(`/posts/${created.remoteId}/`, {
      method: 'PUT',
      body: JSON.stringify({
        posts: [{ title: `${m} changed on the server`, updated_at: created.modifiedGmt }],
      }),
    });

    const error = await publishErrorOf(
      publisher.updatePost(created.remoteId, draft({ title: `${m} my second version` }), {
        ifUnmodifiedSince: created.modifiedGmt,
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.retryable).toBe(false);
    expect(error.conflict?.remoteTitle).toBe(`${m} changed on the server`);
    expect(error.conflict?.remoteStatus).toBe('draft');
    expect(Date.parse(error.conflict!.remoteModifiedGmt)).toBeGreaterThan(Date.parse(created.modifiedGmt));
    expect(error.message).toContain(`“${m} changed on the server” was changed on 127.0.0.1:`);
    expect(error.message).toMatch(/did not overwrite/);
    expect((await onServer(created.remoteId)).title).toBe(`${m} changed on the server`);

    // The author saw the difference and chose to replace it.
    const replaced = await publisher.updatePost(
      created.remoteId,
      draft({ title: `${m} my second version` }),
      {
        ifUnmodifiedSince: error.conflict!.remoteModifiedGmt,
      },
    );
    expect(replaced.title).toBe(`${m} my second version`);
  });

  it('gets one post as HTML and lists with search, status filter and pages; unknown ids are NOT_FOUND', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push((await publisher.createPost(draft({ title: `${m} listed ${n}` }))).remoteId);
    await publisher.createPost(draft({ title: `${m} listed published`, status: 'publish' }));

    const query = { type: 'post' as const, perPage: 2, search: `${m} listed`, status: ['draft' as const] };
    const first = await publisher.listPosts({ ...query, page: 1 });
    const second = await publisher.listPosts({ ...query, page: 2 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(first).toMatchObject({ total: 3, totalPages: 2 });
    expect([...first.items, ...second.items].map((p) => p.remoteId).sort()).toEqual([...ids].sort());
    expect([...first.items, ...second.items].every((p) => p.status === 'draft')).toBe(true);
    expect((await publisher.listPosts({ ...query, page: 5 })).items).toEqual([]);
    expect((await publisher.listPosts({ ...query, status: ['private'], page: 1 })).items).toEqual([]);

    const all = await publisher.listPosts({ type: 'post', page: 1, perPage: 10, search: `${m} listed` });
    expect(all.items.map((p) => p.title)).toContain(`${m} listed published`);
    const quoted = await publisher.listPosts({ type: 'post', page: 1, perPage: 10, search: `it's ${m}` });
    expect(quoted.items).toEqual([]);

    const got = await publisher.getPost(ids[0]!, 'post');
    expect(got).toEqual([...first.items, ...second.items].find((p) => p.remoteId === ids[0]));
    expect(got.content).toBe('<p>Hello from Signet</p>');

    for (const missingId of ['0123456789abcdef01234567', '42']) {
      const missing = await publishErrorOf(publisher.getPost(missingId, 'post'));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toMatch(/Signet can publish it again as a new copy/);
    }
  });

  it('pages: create, update, get, list and delete; a page’s id asked for as a post is NOT_FOUND', async () => {
    const page = await publisher.createPost({
      type: 'page',
      title: `${m} About`,
      content: '<p>About me</p>',
      status: 'publish',
      slug: `${m}-about`,
      tags: [],
      categories: [],
    });
    expect(page).toMatchObject({ type: 'page', title: `${m} About`, slug: `${m}-about`, status: 'publish' });
    expect((await onServer(page.remoteId, 'page')).html).toBe('<p>About me</p>');
    const updated = await publisher.updatePost(
      page.remoteId,
      {
        type: 'page',
        title: `${m} About us`,
        content: '<p>About us</p>',
        status: 'publish',
        tags: [],
        categories: [],
      },
      { ifUnmodifiedSince: page.modifiedGmt },
    );
    expect(updated.title).toBe(`${m} About us`);
    expect((await publisher.getPost(page.remoteId, 'page')).content).toBe('<p>About us</p>');
    const listed = await publisher.listPosts({ type: 'page', page: 1, perPage: 10, search: `${m} About` });
    expect(listed.items.map((p) => p.remoteId)).toEqual([page.remoteId]);
    expect((await publishErrorOf(publisher.getPost(page.remoteId, 'post'))).code).toBe('NOT_FOUND');
    await publisher.deletePost(page.remoteId, 'page', { force: true });
    expect(await serverStatus(page.remoteId, 'page')).toBe(404);
  });

  it('deletes for good (Ghost keeps no trash); deleting again is fine', async () => {
    const p = await publisher.createPost(draft({ title: `${m} doomed` }));
    await publisher.deletePost(p.remoteId, 'post', { force: false });
    expect(await serverStatus(p.remoteId)).toBe(404);
    expect((await publishErrorOf(publisher.getPost(p.remoteId, 'post'))).code).toBe('NOT_FOUND');
    await publisher.deletePost(p.remoteId, 'post', { force: true });
  });

  it('uploads a PNG made here; it is served as sent, used in content and as the feature image, then cleared', async () => {
    const bytes = makePng(3, 2, 7);
    const media = await publisher.uploadMedia({
      fileName: `${m} Grüße.png`,
      mimeType: 'image/png',
      bytes,
      altText: 'Three by two pixels',
    });
    expect(media).toMatchObject({ mimeType: 'image/png', altText: 'Three by two pixels' });
    expect(media.url).toMatch(new RegExp(`^${server().url}/content/images/\\d{4}/\\d\\d/.+\\.png$`));
    expect(media.remoteId).toBe(media.url);
    const served = new Uint8Array(await (await fetch(media.url)).arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(bytes))).toBe(true);

    const post = await publisher.createPost(
      draft({
        title: `${m} with image`,
        content: `<p>Look:</p><figure><img src="${media.url}" alt="Three by two pixels"></figure>`,
        featuredMediaId: media.remoteId,
      }),
    );
    expect(post.featuredMediaId).toBe(media.url);
    const onSite = await onServer(post.remoteId);
    expect(onSite.feature_image).toBe(media.url);
    expect(onSite.html).toContain(`src="${media.url}"`);
    expect(onSite.html).toContain('alt="Three by two pixels"');

    const cleared = await publisher.updatePost(post.remoteId, draft({ title: `${m} with image` }), {});
    expect(cleared.featuredMediaId).toBeNull();
    expect((await onServer(post.remoteId)).feature_image).toBeNull();

    const notImage = await publishErrorOf(
      publisher.uploadMedia({
        fileName: 'notes.txt',
        mimeType: 'text/plain',
        bytes: new TextEncoder().encode('hi'),
        altText: '',
      }),
    );
    expect(notImage.code).toBe('VALIDATION');
    expect(notImage.status).toBe(415);

    // No media library: nothing to list or find.
    expect((await publishErrorOf(publisher.listMedia({ page: 1, perPage: 10 }))).code).toBe('UNSUPPORTED');
    expect(
      await publisher.findRecentMedia({
        fileName: `${m} Grüße.png`,
        mimeType: 'image/png',
        since: new Date(0).toISOString(),
      }),
    ).toEqual([]);
  });

  it('tags: created and searched by name; another case gives the existing tag; categories are UNSUPPORTED', async () => {
    const tag = await publisher.createTerm('tags', `${m} Travel & Food`);
    expect(tag).toMatchObject({ name: `${m} Travel & Food` });
    const again = await publisher.createTerm('tags', `  ${m.toUpperCase()} travel   & food `);
    expect(again.id).toBe(tag.id);
    const found = await publisher.searchTerms('tags', `${m} travel`);
    expect(found.map((t) => t.id)).toEqual([tag.id]);
    expect(found[0]).toMatchObject({ name: `${m} Travel & Food`, count: 0 });
    expect((await publishErrorOf(publisher.searchTerms('categories', 'x'))).code).toBe('UNSUPPORTED');
    expect((await publishErrorOf(publisher.createTerm('categories', 'x'))).code).toBe('UNSUPPORTED');
  });

  it('findRecentPosts: a post created since the instant is found (by title word too), older ones are not', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const created = await publisher.createPost(draft({ title: `${m} lost answer` }));
    const found = await publisher.findRecentPosts({ type: 'post', since: before, search: `${m} lost` });
    expect(found.map((p) => p.remoteId)).toEqual([created.remoteId]);
    expect(found[0]!.content).toBe('<p>Hello from Signet</p>');
    const everything = await publisher.findRecentPosts({ type: 'post', since: before });
    expect(everything.map((p) => p.remoteId)).toContain(created.remoteId);
    const later = new Date(Date.parse(created.modifiedGmt) + 2000).toISOString();
    expect(await publisher.findRecentPosts({ type: 'post', since: later })).toEqual([]);
    expect(await publisher.findRecentPosts({ type: 'page', since: before, search: `${m} lost` })).toEqual([]);
  });
});
