/**
 * What both WordPress publishers (REST and XML-RPC) must do against the real test WordPress.
 * Every write is read back through the site's own REST API as admin — what the author would see
 * in wp-admin — not through the publisher under test.
 */
import { expect, it } from 'vitest';
import { publishErrorOf } from '../../http/testing/publishErrorOf';
import type { OutgoingPost, PostType } from '../../types';
import type { WordPressPublisher } from '../types';
import { makePng } from './png';
import type { TestWordPress } from './testWordPress';

interface ServerPost {
  id: number;
  status: string;
  title: { raw: string };
  content: { raw: string };
  excerpt?: { raw: string };
  slug: string;
  date_gmt: string;
  modified_gmt: string;
  tags?: number[];
  categories?: number[];
  featured_media: number;
}

export interface PublisherSuiteOptions {
  server: () => TestWordPress;
  publisher: () => WordPressPublisher;
  /** Unique per run: every title, term and file name starts with it. */
  marker: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function publisherSuite({ server, publisher, marker: m }: PublisherSuiteOptions): void {
  const draft = (over: Partial<OutgoingPost> = {}): OutgoingPost => ({
    type: 'post',
    title: `${m} post`,
    content: '<!-- wp:paragraph -->\n<p>Hello from Signet</p>\n<!-- /wp:paragraph -->',
    status: 'draft',
    tags: [],
    categories: [],
    ...over,
  });

  async function onServer(id: string, type: PostType = 'post') {
    return server().restJson<ServerPost>(`/wp/v2/${type}s/${id}?context=edit`);
  }
  async function namesOf(taxonomy: 'tags' | 'categories', ids: number[] = []): Promise<string[]> {
    if (ids.length === 0) return [];
    const terms = await server().restJson<Array<{ name: string }>>(
      `/wp/v2/${taxonomy}?include=${ids.join(',')}&per_page=100`,
    );
    return terms.map((t) => t.name.replace(/&amp;/g, '&')).sort();
  }
  async function serverStatus(id: string, type: PostType = 'post'): Promise<number> {
    return (await server().rest(`/wp/v2/${type}s/${id}?context=edit`)).status;
  }
  async function countPosts(search: string): Promise<number> {
    const res = await server().rest(
      `/wp/v2/posts?search=${encodeURIComponent(search)}&status=publish,future,draft,pending,private&per_page=1`,
    );
    return Number(res.headers.get('x-wp-total'));
  }

  it('verify: names the site, the signed-in user and the site’s time zone', async () => {
    expect(await publisher().verify()).toEqual({
      name: 'Signet Test Blog',
      url: server().url,
      userName: 'admin',
      userLogin: 'admin',
      timeZone: 'Europe/Berlin',
    });
  });

  it('creates a draft with title, content, excerpt, slug, and tags and categories by name (new and existing)', async () => {
    const existingTag = await server().restJson<{ id: number }>('/wp/v2/tags', {
      method: 'POST',
      body: JSON.stringify({ name: `${m}-old` }),
    });
    const title = `${m} Fish & <Chips> “quoted” 😀`;
    const content =
      '<!-- wp:paragraph -->\n<p>Salt &amp; vinegar &lt;3 — ünïcødé</p>\n<!-- /wp:paragraph -->';
    const created = await publisher().createPost(
      draft({
        title,
        content,
        excerpt: 'Short & sweet',
        slug: `${m}-fish-and-chips`,
        tags: [`${m}-old`, `${m}-new`, `${m}-R&D`, ` ${m}-new `],
        categories: [`${m} Fresh`],
      }),
    );
    expect(created).toMatchObject({
      type: 'post',
      title,
      content,
      excerpt: 'Short & sweet',
      slug: `${m}-fish-and-chips`,
      status: 'draft',
    });
    expect([...created.tags].sort()).toEqual([`${m}-R&D`, `${m}-new`, `${m}-old`].sort());
    expect(created.categories).toEqual([`${m} Fresh`]);
    expect(created.modifiedGmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);

    const onSite = await onServer(created.remoteId);
    expect(onSite.title.raw).toBe(title);
    expect(onSite.content.raw).toBe(content);
    expect(onSite.excerpt?.raw).toBe('Short & sweet');
    expect(onSite.slug).toBe(`${m}-fish-and-chips`);
    expect(onSite.status).toBe('draft');
    expect(onSite.tags).toContain(existingTag.id);
    expect(await namesOf('tags', onSite.tags)).toEqual([`${m}-R&D`, `${m}-new`, `${m}-old`].sort());
    expect(await namesOf('categories', onSite.categories)).toEqual([`${m} Fresh`]);
    // The existing tag was reused, not doubled.
    const olds = await server().restJson<unknown[]>(`/wp/v2/tags?search=${encodeURIComponent(`${m}-old`)}`);
    expect(olds).toHaveLength(1);
  });

  it('statuses: pending, private, publish, and future at its date; future without a date is refused before sending', async () => {
    for (const status of ['pending', 'private', 'publish'] as const) {
      const p = await publisher().createPost(draft({ title: `${m} ${status}`, status }));
      expect(p.status).toBe(status);
      expect((await onServer(p.remoteId)).status).toBe(status);
    }
    const goLive = new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 86_400_000).toISOString();
    const scheduled = await publisher().createPost(
      draft({ title: `${m} scheduled`, status: 'future', dateGmt: goLive }),
    );
    expect(scheduled.status).toBe('future');
    expect(scheduled.dateGmt).toBe(goLive);
    const onSite = await onServer(scheduled.remoteId);
    expect(onSite.status).toBe('future');
    expect(`${onSite.date_gmt}.000Z`).toBe(goLive);

    const before = await countPosts(`${m} undated`);
    const error = await publishErrorOf(
      publisher().createPost(draft({ title: `${m} undated`, status: 'future' })),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/needs the time it should go live/);
    expect(await countPosts(`${m} undated`)).toBe(before);
  });

  it('updates: new title and content, tags replaced then cleared, published; the last known time passes the check', async () => {
    const created = await publisher().createPost(
      draft({ title: `${m} to update`, tags: [`${m}-a`, `${m}-b`], excerpt: 'old' }),
    );
    // No categories: WordPress files it under its default one, as wp-admin does.
    expect(created.categories).toEqual(['Uncategorized']);
    const updated = await publisher().updatePost(
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
    expect([...updated.tags].sort()).toEqual([`${m}-b`, `${m}-c`]);
    const onSite = await onServer(created.remoteId);
    expect(onSite.title.raw).toBe(`${m} updated`);
    expect(onSite.content.raw).toBe('<p>Second version</p>');
    expect(onSite.excerpt?.raw).toBe('');
    expect(onSite.status).toBe('publish');
    expect(await namesOf('tags', onSite.tags)).toEqual([`${m}-b`, `${m}-c`]);
    expect(updated.permalink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+/);

    const cleared = await publisher().updatePost(
      created.remoteId,
      draft({ title: `${m} updated`, status: 'publish', tags: [] }),
      {
        ifUnmodifiedSince: updated.modifiedGmt,
      },
    );
    expect(cleared.tags).toEqual([]);
    expect((await onServer(created.remoteId)).tags).toEqual([]);
  });

  it('a change made on the server in between is refused with CONFLICT and what changed — never overwritten', async () => {
    const created = await publisher().createPost(draft({ title: `${m} mine` }));
    // WordPress keeps modification times to the second: let one pass so the server's edit is newer.
    await sleep(Math.max(0, Date.parse(created.modifiedGmt) + 1100 - Date.now()));
    await server().restJson(`/wp/v2/posts/${created.remoteId}`, {
      method: 'POST',
      body: JSON.stringify({ title: `${m} changed on the server` }),
    });

    const error = await publishErrorOf(
      publisher().updatePost(created.remoteId, draft({ title: `${m} my second version` }), {
        ifUnmodifiedSince: created.modifiedGmt,
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.retryable).toBe(false);
    expect(error.conflict?.remoteTitle).toBe(`${m} changed on the server`);
    expect(Date.parse(error.conflict!.remoteModifiedGmt)).toBeGreaterThan(Date.parse(created.modifiedGmt));
    expect(error.message).toContain(`“${m} changed on the server” was changed on 127.0.0.1:`);
    expect(error.message).toMatch(/did not overwrite/);
    expect((await onServer(created.remoteId)).title.raw).toBe(`${m} changed on the server`);

    // The author saw the difference and chose to replace it.
    const replaced = await publisher().updatePost(
      created.remoteId,
      draft({ title: `${m} my second version` }),
      {
        ifUnmodifiedSince: error.conflict!.remoteModifiedGmt,
      },
    );
    expect(replaced.title).toBe(`${m} my second version`);
  });

  it('gets one post and lists with search, status filter and pages; an unknown id is NOT_FOUND', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push((await publisher().createPost(draft({ title: `${m} listed ${n}` }))).remoteId);
    await publisher().createPost(draft({ title: `${m} listed published`, status: 'publish' }));

    const query = { type: 'post' as const, perPage: 2, search: `${m} listed`, status: ['draft' as const] };
    const first = await publisher().listPosts({ ...query, page: 1 });
    const second = await publisher().listPosts({ ...query, page: 2 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(first).toMatchObject({ total: 3, totalPages: 2 });
    expect(second).toMatchObject({ total: 3, totalPages: 2 });
    expect([...first.items, ...second.items].map((p) => p.remoteId).sort()).toEqual([...ids].sort());
    expect([...first.items, ...second.items].every((p) => p.status === 'draft')).toBe(true);
    const beyond = await publisher().listPosts({ ...query, page: 5 });
    expect(beyond.items).toEqual([]);

    const all = await publisher().listPosts({ type: 'post', page: 1, perPage: 10, search: `${m} listed` });
    expect(all.items.map((p) => p.title)).toContain(`${m} listed published`);

    const got = await publisher().getPost(ids[0]!, 'post');
    expect(got).toEqual(first.items.concat(second.items).find((p) => p.remoteId === ids[0]));

    const missing = await publishErrorOf(publisher().getPost('99999999', 'post'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no longer has this post/);
  });

  it('pages: create, update, get and list; a page’s id asked for as a post is NOT_FOUND', async () => {
    const page = await publisher().createPost({
      type: 'page',
      title: `${m} About`,
      content: '<p>About me</p>',
      status: 'publish',
      slug: `${m}-about`,
      tags: [],
      categories: [],
    });
    expect(page).toMatchObject({ type: 'page', title: `${m} About`, slug: `${m}-about`, status: 'publish' });
    expect((await onServer(page.remoteId, 'page')).content.raw).toBe('<p>About me</p>');
    const updated = await publisher().updatePost(
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
    expect((await publisher().getPost(page.remoteId, 'page')).title).toBe(`${m} About us`);
    const listed = await publisher().listPosts({ type: 'page', page: 1, perPage: 10, search: `${m} About` });
    expect(listed.items.map((p) => p.remoteId)).toEqual([page.remoteId]);
    expect((await publishErrorOf(publisher().getPost(page.remoteId, 'post'))).code).toBe('NOT_FOUND');
  });

  it('deletes: to the trash, then for good; a draft straight away with force; deleting again is fine', async () => {
    const p = await publisher().createPost(draft({ title: `${m} doomed` }));
    await publisher().deletePost(p.remoteId, 'post', { force: false });
    expect((await onServer(p.remoteId)).status).toBe('trash');
    expect((await publisher().getPost(p.remoteId, 'post')).status).toBe('trash');
    await publisher().deletePost(p.remoteId, 'post', { force: true });
    expect(await serverStatus(p.remoteId)).toBe(404);
    expect((await publishErrorOf(publisher().getPost(p.remoteId, 'post'))).code).toBe('NOT_FOUND');
    await publisher().deletePost(p.remoteId, 'post', { force: true });

    const q = await publisher().createPost(draft({ title: `${m} doomed at once` }));
    await publisher().deletePost(q.remoteId, 'post', { force: true });
    expect(await serverStatus(q.remoteId)).toBe(404);
  });

  it('uploads a PNG made here (Unicode file name, alt text) and lists and finds it', async () => {
    const bytes = makePng(3, 2, 7);
    const media = await publisher().uploadMedia({
      fileName: `${m} Grüße.png`,
      mimeType: 'image/png',
      bytes,
      altText: 'Three by two pixels',
    });
    expect(media).toMatchObject({ mimeType: 'image/png', width: 3, height: 2 });
    expect(media.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/.+\.png$/);
    const served = new Uint8Array(await (await fetch(media.url)).arrayBuffer());
    expect(Buffer.from(served).equals(Buffer.from(bytes))).toBe(true);
    const onSite = await server().restJson<{ alt_text: string; title: { raw: string } }>(
      `/wp/v2/media/${media.remoteId}?context=edit`,
    );
    if (publisher().transport === 'rest') {
      expect(media.altText).toBe('Three by two pixels');
      expect(onSite.alt_text).toBe('Three by two pixels');
      expect(onSite.title.raw).toBe(`${m} Grüße`);
    } else {
      // XML-RPC cannot set an image's alt text; the alt stays in the post's HTML.
      expect(media.altText).toBe('');
    }

    const listed = await publisher().listMedia({ page: 1, perPage: 50 });
    expect(listed.items.map((i) => i.remoteId)).toContain(media.remoteId);
    const found = await publisher().listMedia({ page: 1, perPage: 10, search: m });
    expect(found.items.map((i) => i.remoteId)).toContain(media.remoteId);
    expect(found.items.find((i) => i.remoteId === media.remoteId)?.url).toBe(media.url);
  });

  it('featured image: set, shown on the site, cleared; an id not in the library is refused and changes nothing', async () => {
    const image = await publisher().uploadMedia({
      fileName: `${m}-featured.png`,
      mimeType: 'image/png',
      bytes: makePng(4, 4, 3),
      altText: '',
    });
    const post = await publisher().createPost(
      draft({ title: `${m} featured`, featuredMediaId: image.remoteId }),
    );
    expect(post.featuredMediaId).toBe(image.remoteId);
    expect((await onServer(post.remoteId)).featured_media).toBe(Number(image.remoteId));

    const error = await publishErrorOf(
      publisher().updatePost(
        post.remoteId,
        draft({ title: `${m} featured, broken`, featuredMediaId: '99999999' }),
        {},
      ),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/featured image is no longer in the media library/);
    const unchanged = await onServer(post.remoteId);
    expect(unchanged.featured_media).toBe(Number(image.remoteId));
    expect(unchanged.title.raw).toBe(`${m} featured`);

    const cleared = await publisher().updatePost(post.remoteId, draft({ title: `${m} featured` }), {});
    expect(cleared.featuredMediaId).toBeNull();
    expect((await onServer(post.remoteId)).featured_media).toBe(0);
  });

  it('terms: created and searched by name; the same name in another case or escaped gives the existing term', async () => {
    const tag = await publisher().createTerm('tags', `${m} R&D`);
    expect(tag.name).toBe(`${m} R&D`);
    const again = await publisher().createTerm('tags', `${m.toUpperCase()} r&d`);
    expect(again.id).toBe(tag.id);
    const found = await publisher().searchTerms('tags', m);
    expect(found.map((t) => t.id)).toContain(tag.id);
    expect(found.find((t) => t.id === tag.id)?.name).toBe(`${m} R&D`);

    const category = await publisher().createTerm('categories', `${m} Travel`);
    expect((await publisher().searchTerms('categories', `${m} Travel`)).map((t) => t.id)).toEqual([
      category.id,
    ]);
    const post = await publisher().createPost(
      draft({ title: `${m} in travel`, categories: [`${m} travel`] }),
    );
    expect((await onServer(post.remoteId)).categories).toEqual([Number(category.id)]);
  });
}
