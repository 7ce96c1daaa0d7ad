/**
 * The publishing service with platforms other than WordPress, through the same commands the
 * renderer calls: the site folder a new user starts with, and Blogger (its strict fake, signed in
 * through a simulated browser) whose images go to the real WordPress's media library.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { Jimp, JimpMime } from 'jimp';
import { afterEach, describe, expect, it } from 'vitest';
import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { EventMap, EventName, PublishOptions, SignInResult } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { paragraphs, silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { createBloggerPlatform } from './blogger';
import { browserOpening, startFakeBlogger, type FakeBloggerHandle } from './blogger/testing/fakeBlogger';
import type { PlatformDefinition } from './platform';
import { PublishingService } from './PublishingService';

const wp = await wordpressOrSkip();

let dir: string;
let drafts: DraftStore;
let service: PublishingService;
let fake: FakeBloggerHandle | null = null;
let events: Array<{ event: EventName; payload: unknown }>;

async function freshService(platforms: Partial<Record<string, PlatformDefinition>> = {}): Promise<void> {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-platforms-'));
  events = [];
  drafts = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir: dir, appVersion: '0.1.0' }));
  service = new PublishingService({
    drafts,
    dataDir: dir,
    settings: settingsPortFrom(conf as unknown as KeyValueStore),
    vault: new FileKeyVault({
      dataDir: dir,
      keyFile: path.join(os.tmpdir(), `signet-key-${path.basename(dir)}.key`),
    }),
    fetch: globalThis.fetch,
    authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
    assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
    // The author's browser: approves at once and goes back to Signet's loopback listener.
    openExternal: async (url) => {
      await browserOpening(url);
    },
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      events.push({ event, payload });
    },
    log: silentLog,
    platforms,
  });
}

function options(accountId: string, extra: Partial<PublishOptions> = {}): PublishOptions {
  return { accountId, postType: 'post', status: 'publish', tags: [], categories: [], ...extra };
}

async function draftWithImage(title: string): Promise<string> {
  const draft = await drafts.create({ title });
  const png = await new Jimp({ width: 64, height: 32, color: 0x2266aaff }).getBuffer(JimpMime.png);
  const fileName = await drafts.addAsset(draft.id, 'band.png', png);
  const state = paragraphs('Before the image.');
  (state.root.children as unknown[]).push({
    type: 'image',
    version: 1,
    fileName,
    altText: 'A blue band',
    caption: '',
  });
  await drafts.save({ id: draft.id, title, editorState: state });
  return draft.id;
}

afterEach(async () => {
  await drafts?.close();
  await fake?.close();
  fake = null;
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

describe('PublishingService with the site folder every new user has', () => {
  it('adds it once, publishes Markdown with front matter and the image, and keeps it removed once removed', async () => {
    await freshService();
    await service.ensureDefaultSite();
    const [site] = await service.listAccounts();
    expect(site).toMatchObject({
      platform: 'static-site',
      transport: 'folder',
      hasCredential: true,
      siteName: 'My Signet site (on this computer)',
    });
    // A second start adds nothing.
    await service.ensureDefaultSite();
    expect(await service.listAccounts()).toHaveLength(1);

    const draftId = await draftWithImage('Harbour lights');
    const outcome = await service.publish(
      draftId,
      options(site!.id, { slug: 'harbour-lights', tags: ['sea'] }),
      'ask',
    );
    expect(outcome.kind).toBe('published');
    const post = await fsp.readFile(path.join(dir, 'site', 'content', 'posts', 'harbour-lights.md'), 'utf8');
    expect(post).toMatch(/^---\n/);
    expect(post).toContain('title: Harbour lights');
    expect(post).toContain('- sea');
    expect(post).toContain('Before the image.');
    const image = post.match(/!\[A blue band\]\(([^) ]+)/)?.[1];
    expect(image).toBeTruthy();
    const copied = await fsp.readdir(path.join(dir, 'site', 'static', 'images', 'harbour-lights'));
    expect(copied).toHaveLength(1);
    expect(image).toContain(copied[0]);

    await service.removeAccount(site!.id);
    await service.ensureDefaultSite();
    expect(await service.listAccounts()).toEqual([]);
  });
});

describe.skipIf(!wp.server)(
  `PublishingService with Blogger (strict fake) and a real WordPress${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
  () => {
    it('signs in through the browser, adds the blog, refuses images without a home, then stores them in WordPress’s library', async () => {
      const server = wp.server as WordPressServer;
      fake = await startFakeBlogger();
      const blogger = createBloggerPlatform({
        endpoints: {
          apiRoot: fake.apiRoot,
          authorizationEndpoint: fake.authorizationEndpoint,
          tokenEndpoint: fake.tokenEndpoint,
        },
        signInTimeoutMs: 10_000,
      });
      await freshService({ blogger });

      // The sign-in happens in the browser: the command answers at once, the result comes as an event.
      const answer = await service.connectAccount({
        platform: 'blogger',
        kind: 'oauth',
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
      });
      expect(answer).toEqual({ waitingForBrowser: true });
      await expect
        .poll(() => events.find((e) => e.event === 'signInCompleted'), { timeout: 10_000 })
        .toBeTruthy();
      const completed = events.find((e) => e.event === 'signInCompleted')!.payload as {
        result?: SignInResult;
        error?: { message: string };
      };
      expect(completed.error).toBeUndefined();
      const signIn = completed.result!;
      expect(signIn.blogs.length).toBe(fake.blogs.length);
      const accounts = await service.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
      const bloggerAccount = accounts.find((a) => a.platform === 'blogger')!;
      expect(bloggerAccount).toMatchObject({ hasCredential: true, transport: 'api' });
      expect(bloggerAccount.capabilities.mediaUpload).toBe(false);

      // Images need a home: refused before anything is sent.
      const draftId = await draftWithImage('Tide pools');
      const before = fake.requests.length;
      const refused = await service
        .publish(draftId, options(bloggerAccount.id), 'ask')
        .catch((e: unknown) => e);
      expect((refused as Error).message).toContain('cannot store images');
      expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);

      // With WordPress's media library as the home, the image is uploaded there and the post links to it.
      const wpSignIn = await service.signIn(server.url, server.user, server.appPassword);
      const all = await service.addAccounts(wpSignIn.sessionId, [wpSignIn.blogs[0]!.blogId]);
      const wordpress = all.find((a) => a.platform === 'wordpress')!;
      await service.updateAccountSettings(bloggerAccount.id, { mediaAccountId: wordpress.id });
      const published = await service.publish(draftId, options(bloggerAccount.id), 'ask');
      expect(published.kind).toBe('published');
      if (published.kind !== 'published') return;
      const entry = fake.entry(signIn.blogs[0]!.blogId, published.remoteId)!;
      expect(entry.status).toBe('LIVE');
      expect(entry.content).toContain('Before the image.');
      const src = entry.content.match(/<img[^>]+src="([^"]+)"/)?.[1] ?? '';
      expect(src.startsWith(`${server.url}/wp-content/uploads/`)).toBe(true);
      const uploaded = await fetch(src);
      expect(uploaded.status).toBe(200);
    });
  },
);
