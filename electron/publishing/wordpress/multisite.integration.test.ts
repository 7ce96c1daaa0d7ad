/**
 * The WordPress publishers against a real multisite network (e2e/servers/wordpress-multisite.sh):
 * discovery of a subdirectory blog, `wp.getUsersBlogs` through the REST and the XML-RPC
 * publisher (exactly the login's blogs), and a post written to the second blog landing there and
 * nowhere else — over REST (the blog's own REST root) and XML-RPC (its endpoint and blog_id).
 * Skips with the reason when the network cannot run here; fails under SIGNET_REQUIRE_SERVERS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordpressMultisiteOrSkip, type MultisiteBlog } from '../../../e2e/servers/wordpress-multisite';
import { HttpClient } from '../http/HttpClient';
import { PublishError } from '../http/PublishError';
import type { OutgoingPost } from '../types';
import { createWordPressPublisher } from './createWordPressPublisher';
import { discoverWordPress } from './discover';
import { listUsersBlogsXmlRpc } from './WordPressXmlRpcPublisher';

const wp = await wordpressMultisiteOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason
  ? `WordPress publishers on a multisite network (SKIPPED: ${wp.skipReason})`
  : 'WordPress publishers on a multisite network';

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
  author: number;
}

describe.skipIf(!wp.server)(title, () => {
  const net = wp.server!;
  const marker = `sig-ms-${Date.now().toString(36)}`;
  /** What `wp.getUsersBlogs` should say about a blog. */
  const listed = (blog: MultisiteBlog, isAdmin = false) => ({
    blogId: blog.blogId,
    name: blog.name,
    url: blog.url,
    xmlrpcUrl: `${blog.url}/xmlrpc.php`,
    isAdmin,
  });
  const post = (what: string): OutgoingPost => ({
    type: 'post',
    title: `${marker} ${what}`,
    content: `<!-- wp:paragraph --><p>${what} on the second blog.</p><!-- /wp:paragraph -->`,
    status: 'draft',
    tags: [],
    categories: [],
  });
  /** The post, read back through one blog's own REST API (null when that blog has no such post). */
  async function readBack(blog: MultisiteBlog, id: string): Promise<WpPost | null> {
    const res = await net.rest(blog, `/wp/v2/posts/${id}?context=edit`);
    if (res.status === 404) return null;
    expect(res.status).toBe(200);
    return (await res.json()) as WpPost;
  }

  beforeAll(() => net.reset());
  afterAll(() => net.reset());

  it('discovers a subdirectory blog as itself: its own REST root, XML-RPC endpoint and time zone', async () => {
    const site = await discoverWordPress(`${net.second.url}/`, fetch);
    expect(site).toMatchObject({
      siteUrl: net.second.url,
      name: net.second.name,
      restRoot: `${net.second.url}/wp-json/`,
      xmlrpcUrl: `${net.second.url}/xmlrpc.php`,
      timeZone: 'America/New_York',
      applicationPasswords: true,
    });
    const main = await discoverWordPress(net.url, fetch);
    expect(main).toMatchObject({ siteUrl: net.url, name: net.main.name, timeZone: 'Europe/Berlin' });
  });

  it('lists exactly the blogs of the login, through the REST and the XML-RPC publisher, from any blog', async () => {
    const mine = [listed(net.main), listed(net.second)];
    for (const blog of [net.main, net.second]) {
      const viaRest = await createWordPressPublisher(
        { siteUrl: blog.url, userLogin: net.authorUser, transport: 'rest' },
        net.authorAppPassword,
        fetch,
      );
      expect(viaRest.transport).toBe('rest');
      expect(await viaRest.listUsersBlogs()).toEqual(mine);

      const viaXmlRpc = await createWordPressPublisher(
        { siteUrl: blog.url, userLogin: net.authorUser, transport: 'xmlrpc' },
        net.authorAppPassword,
        fetch,
      );
      expect(viaXmlRpc.transport).toBe('xmlrpc');
      expect(await viaXmlRpc.listUsersBlogs()).toEqual(mine);
    }
    // The third blog exists (its administrator sees it) but is not the author's.
    const all = await listUsersBlogsXmlRpc(
      new HttpClient({ fetch }),
      `${net.url}/xmlrpc.php`,
      net.user,
      net.appPassword,
    );
    expect(all).toEqual([listed(net.main, true), listed(net.second, true), listed(net.third, true)]);
  });

  it('publishes to the second blog over REST: the post is there, not on the main blog', async () => {
    const site = await discoverWordPress(net.second.url, fetch);
    const publisher = await createWordPressPublisher(
      { siteUrl: site.siteUrl, userLogin: net.authorUser, transport: 'rest', restRoot: site.restRoot },
      net.authorAppPassword,
      fetch,
    );
    const created = await publisher.createPost(post('Over REST'));
    const onSecond = await readBack(net.second, created.remoteId);
    expect(onSecond).toMatchObject({ title: { raw: `${marker} Over REST` }, status: 'draft' });
    expect(onSecond!.content.raw).toContain('Over REST on the second blog.');
    expect(created.permalink.startsWith(`${net.second.url}/`)).toBe(true);
    const onMain = await readBack(net.main, created.remoteId);
    expect(onMain?.title.raw).not.toBe(`${marker} Over REST`);
  });

  it('publishes to the second blog over XML-RPC (its endpoint, its blog_id): the post is there, not on the main blog', async () => {
    const publisher = await createWordPressPublisher(
      {
        siteUrl: net.second.url,
        userLogin: net.authorUser,
        transport: 'xmlrpc',
        xmlrpcUrl: `${net.second.url}/xmlrpc.php`,
        blogId: net.second.blogId,
      },
      net.authorAppPassword,
      fetch,
    );
    const created = await publisher.createPost(post('Over XML-RPC'));
    const onSecond = await readBack(net.second, created.remoteId);
    expect(onSecond).toMatchObject({ title: { raw: `${marker} Over XML-RPC` }, status: 'draft' });
    const onMain = await readBack(net.main, created.remoteId);
    expect(onMain?.title.raw).not.toBe(`${marker} Over XML-RPC`);
    // An update goes to the same blog too.
    const updated = await publisher.updatePost(
      created.remoteId,
      { ...post('Over XML-RPC, edited'), status: 'publish' },
      { ifUnmodifiedSince: created.modifiedGmt },
    );
    expect(updated.status).toBe('publish');
    expect(await readBack(net.second, created.remoteId)).toMatchObject({
      title: { raw: `${marker} Over XML-RPC, edited` },
      status: 'publish',
    });
  });

  it('cannot publish to a blog of the network the login is not a member of', async () => {
    const site = await discoverWordPress(net.third.url, fetch);
    const publisher = await createWordPressPublisher(
      { siteUrl: site.siteUrl, userLogin: net.authorUser, transport: 'rest', restRoot: site.restRoot },
      net.authorAppPassword,
      fetch,
    );
    const refused = await publisher.createPost(post('Not mine')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PublishError);
    const posts = await net.restJson<WpPost[]>(
      net.third,
      `/wp/v2/posts?status=draft,publish&search=${marker}&context=edit`,
    );
    expect(posts).toEqual([]);
  });
});
