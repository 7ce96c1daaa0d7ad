/**
 * Multisite sign-in end to end against a real WordPress network (e2e/servers/wordpress-multisite.sh):
 * one login with several blogs → the author adds them all → one account per blog, each with its
 * own API endpoints, time zone and destination key → a draft published to the second blog lands
 * on that blog, over REST and (REST blocked) over XML-RPC.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wordpressMultisiteOrSkip, type MultisiteBlog } from '../../e2e/servers/wordpress-multisite';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { AccountSummary, PublishOptions } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { paragraphs, silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { PublishingService } from './PublishingService';

const wp = await wordpressMultisiteOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason
  ? `PublishingService with a WordPress multisite network (SKIPPED: ${wp.skipReason})`
  : 'PublishingService with a WordPress multisite network';

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
}

/** Like a host firewall in front of the REST API: every /wp-json request answers a 403 page. */
const restBlockedFetch: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.includes('/wp-json') || url.includes('rest_route=')) {
    return new Response('<html><body><h1>Forbidden</h1></body></html>', {
      status: 403,
      headers: { 'content-type': 'text/html' },
    });
  }
  return fetch(input, init);
};

describe.skipIf(!wp.server)(title, () => {
  const net = wp.server!;
  const marker = `sig-ms-svc-${Date.now().toString(36)}`;
  let dir: string | undefined;
  let drafts: DraftStore | undefined;

  async function freshService(fetchPort: typeof fetch = fetch): Promise<PublishingService> {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-multisite-'));
    drafts = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
    const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir: dir, appVersion: '0.1.0' }));
    return new PublishingService({
      drafts,
      dataDir: dir,
      settings: settingsPortFrom(conf as unknown as KeyValueStore),
      vault: new FileKeyVault({
        dataDir: dir,
        keyFile: path.join(os.tmpdir(), `signet-key-${path.basename(dir)}.key`),
      }),
      fetch: fetchPort,
      authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
      assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
      openExternal: async () => {},
      emit: () => {},
      log: silentLog,
    });
  }

  /** Signs in at `url` as the author and adds every blog of the login. */
  async function addAll(service: PublishingService, url: string): Promise<AccountSummary[]> {
    const signIn = await service.signIn(url, net.authorUser, net.authorAppPassword);
    return service.addAccounts(
      signIn.sessionId,
      signIn.blogs.map((b) => b.blogId),
    );
  }
  const accountOf = (accounts: AccountSummary[], blog: MultisiteBlog) => {
    const account = accounts.find((a) => a.siteUrl === blog.url);
    expect(account, `an account for ${blog.url}`).toBeDefined();
    return account!;
  };
  const options = (accountId: string): PublishOptions => ({
    accountId,
    postType: 'post',
    status: 'draft',
    tags: [],
    categories: [],
  });
  async function readBack(blog: MultisiteBlog, id: string): Promise<WpPost | null> {
    const res = await net.rest(blog, `/wp/v2/posts/${id}?context=edit`);
    if (res.status === 404) return null;
    expect(res.status).toBe(200);
    return (await res.json()) as WpPost;
  }

  beforeAll(() => net.reset());
  afterEach(async () => {
    await drafts?.close();
    drafts = undefined;
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  afterAll(() => net.reset());

  it('offers exactly the blogs of the login, the one signed in to first', async () => {
    const service = await freshService();
    const atMain = await service.signIn(net.url, net.authorUser, net.authorAppPassword);
    expect(atMain).toMatchObject({ siteUrl: net.url, siteName: net.main.name, userLogin: net.authorUser });
    expect(atMain.blogs).toEqual([
      { blogId: net.main.blogId, name: net.main.name, url: net.main.url },
      { blogId: net.second.blogId, name: net.second.name, url: net.second.url },
    ]);
    const atSecond = await service.signIn(`${net.second.url}/`, net.authorUser, net.authorAppPassword);
    expect(atSecond.siteName).toBe(net.second.name);
    expect(atSecond.blogs.map((b) => b.url)).toEqual([net.second.url, net.main.url]);
  });

  it('adds every blog as its own account (own REST root, time zone, destination key) and publishes to the second blog there', async () => {
    const service = await freshService();
    const accounts = await addAll(service, net.url);
    expect(accounts).toHaveLength(2);
    const main = accountOf(accounts, net.main);
    const second = accountOf(accounts, net.second);
    expect(main).toMatchObject({
      siteName: net.main.name,
      transport: 'rest',
      timeZone: net.main.timeZone,
      destinationKey: `wordpress:${net.url}`,
      hasCredential: true,
    });
    expect(second).toMatchObject({
      siteName: net.second.name,
      transport: 'rest',
      timeZone: net.second.timeZone,
      destinationKey: `wordpress:${net.second.url}:${net.second.blogId}`,
      hasCredential: true,
    });
    const stored = service.accounts.get(second.id)!;
    expect(stored.api).toEqual({
      transport: 'rest',
      restRoot: `${net.second.url}/wp-json/`,
      xmlrpcUrl: `${net.second.url}/xmlrpc.php`,
      blogId: net.second.blogId,
    });

    const draft = await drafts!.create({ title: `${marker} REST` });
    await drafts!.save({
      id: draft.id,
      title: `${marker} REST`,
      editorState: paragraphs('Written for the second blog.'),
    });
    const outcome = await service.publish(draft.id, options(second.id), 'ask');
    expect(outcome.kind).toBe('published');
    if (outcome.kind !== 'published') return;
    const onSecond = await readBack(net.second, outcome.remoteId);
    expect(onSecond).toMatchObject({ title: { raw: `${marker} REST` }, status: 'draft' });
    expect(onSecond!.content.raw).toContain('Written for the second blog.');
    expect((await readBack(net.main, outcome.remoteId))?.title.raw).not.toBe(`${marker} REST`);
    expect(Object.keys((await drafts!.get(draft.id)).destinations)).toEqual([second.destinationKey]);

    // The blog's own post list shows it as linked to the draft; the main blog's does not have it.
    const listed = await service.listRemotePosts(second.id, { type: 'post', page: 1, status: ['draft'] });
    expect(listed.items.find((p) => p.remoteId === outcome.remoteId)?.draftId).toBe(draft.id);
    const onMainList = await service.listRemotePosts(main.id, { type: 'post', page: 1, status: ['draft'] });
    expect(onMainList.items.map((p) => p.title)).not.toContain(`${marker} REST`);
  });

  it('names each blog the same whichever blog of the network the author signed in at', async () => {
    const viaMain = await addAll(await freshService(), net.url);
    const keysViaMain = viaMain.map((a) => [a.siteUrl, a.destinationKey]).sort();
    const viaSecond = await addAll(await freshService(), net.second.url);
    const keysViaSecond = viaSecond.map((a) => [a.siteUrl, a.destinationKey]).sort();
    expect(keysViaSecond).toEqual(keysViaMain);
    expect(new Set(keysViaMain.map(([, key]) => key)).size).toBe(2);
  });

  it('with REST blocked, adds the blogs over XML-RPC and publishes to the second blog through its endpoint and blog_id', async () => {
    const service = await freshService(restBlockedFetch);
    const accounts = await addAll(service, net.url);
    expect(accounts.map((a) => a.transport)).toEqual(['xmlrpc', 'xmlrpc']);
    const second = accountOf(accounts, net.second);
    expect(second.destinationKey).toBe(`wordpress:${net.second.url}:${net.second.blogId}`);
    expect(service.accounts.get(second.id)!.api).toMatchObject({
      transport: 'xmlrpc',
      xmlrpcUrl: `${net.second.url}/xmlrpc.php`,
      blogId: net.second.blogId,
    });

    const draft = await drafts!.create({ title: `${marker} XML-RPC` });
    await drafts!.save({
      id: draft.id,
      title: `${marker} XML-RPC`,
      editorState: paragraphs('Sent over XML-RPC.'),
    });
    const outcome = await service.publish(draft.id, options(second.id), 'ask');
    expect(outcome.kind).toBe('published');
    if (outcome.kind !== 'published') return;
    expect(await readBack(net.second, outcome.remoteId)).toMatchObject({
      title: { raw: `${marker} XML-RPC` },
      status: 'draft',
    });
    expect((await readBack(net.main, outcome.remoteId))?.title.raw).not.toBe(`${marker} XML-RPC`);
  });
});
