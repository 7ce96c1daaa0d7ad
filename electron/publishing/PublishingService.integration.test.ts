/**
 * The publishing service end to end against the real WordPress on loopback: sign in, add the
 * account, publish a draft with an image, update it, a real conflicting edit made on the server,
 * open a blog post as a draft, delete from the blog, and the XML-RPC fallback.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { Jimp, JimpMime } from 'jimp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { EventMap, EventName, PublishOptions } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { paragraphs, silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { PublishingService, toAppError } from './PublishingService';

const wp = await wordpressOrSkip();
const server = wp.server as WordPressServer;

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
}

let dir: string;
let drafts: DraftStore;
let service: PublishingService;
const events: Array<{ event: EventName; payload: unknown }> = [];

async function freshService(): Promise<void> {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-publishing-'));
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
    openExternal: async () => {},
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      events.push({ event, payload });
    },
    log: silentLog,
  });
}

async function addAccount(): Promise<string> {
  const signIn = await service.signIn(server.url, server.user, server.appPassword);
  const [account] = await service.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
  return account!.id;
}

function options(accountId: string, extra: Partial<PublishOptions> = {}): PublishOptions {
  return { accountId, postType: 'post', status: 'publish', tags: [], categories: [], ...extra };
}

describe.skipIf(!wp.server)(
  `PublishingService with a real WordPress${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
  () => {
    beforeAll(async () => {
      await server.reset();
    });
    afterEach(async () => {
      await server.setSwitch('rest-firewall', false);
      await drafts?.close();
      if (dir) await fsp.rm(dir, { recursive: true, force: true });
    });
    afterAll(async () => {
      await server.reset();
    });

    it('signs in, stores the account with its password encrypted, refuses a wrong password', async () => {
      await freshService();
      const accountId = await addAccount();
      const [account] = await service.listAccounts();
      expect(account).toMatchObject({
        id: accountId,
        siteName: 'Signet Test Blog',
        hasCredential: true,
        transport: 'rest',
      });
      expect(account!.timeZone).toBe('Europe/Berlin');
      const onDisk = await fsp.readFile(path.join(dir, 'secrets.json'), 'utf8');
      expect(onDisk).not.toContain(server.appPassword);
      expect(onDisk).not.toContain(server.appPassword.replace(/ /g, ''));

      const refused = await service
        .signIn(server.url, server.user, 'abcd efgh ijkl mnop qrst uvwx')
        .catch((e: unknown) => e);
      expect(toAppError(refused)?.code).toBe('AUTH_FAILED');
      expect(toAppError(refused)?.message).toMatch(/application password/);

      await service.removeAccount(accountId);
      expect(await service.listAccounts()).toEqual([]);
      expect(await fsp.readFile(path.join(dir, 'secrets.json'), 'utf8')).not.toContain(
        `account:${accountId}`,
      );
    });

    it('publishes with a scaled image uploaded once, updates the same post, and never overwrites a server edit silently', async () => {
      await freshService();
      const accountId = await addAccount();
      await service.updateAccountSettings(accountId, { maxImageWidth: 640 });
      const draft = await drafts.create({ title: 'Service test post' });
      const wide = await new Jimp({ width: 1600, height: 400, color: 0x2266aaff }).getBuffer(JimpMime.png);
      const fileName = await drafts.addAsset(draft.id, 'wide.png', wide);
      const state = paragraphs('Before the image.');
      (state.root.children as unknown[]).push({
        type: 'image',
        version: 1,
        fileName,
        altText: 'A wide blue band',
        caption: '',
      });
      await drafts.save({ id: draft.id, title: 'Service test post', editorState: state });

      const first = await service.publish(draft.id, options(accountId), 'ask');
      expect(first.kind).toBe('published');
      if (first.kind !== 'published') return;
      const post = await server.restJson<WpPost>(`/wp/v2/posts/${first.remoteId}?context=edit`);
      expect(post.status).toBe('publish');
      expect(post.content.raw).toContain('Before the image.');
      const media =
        await server.restJson<Array<{ id: number; media_details: { width: number } }>>(
          '/wp/v2/media?per_page=100',
        );
      expect(media).toHaveLength(1);
      expect(media[0]!.media_details.width).toBe(640);
      expect(post.content.raw).toContain(`wp-image-${media[0]!.id}`);
      const stored = await drafts.get(draft.id);
      const dest = Object.values(stored.destinations)[0]!;
      expect(dest.remoteId).toBe(first.remoteId);
      expect(dest.permalink).toBe(first.permalink);

      // Again: the same post, no second upload.
      await drafts.save({ id: draft.id, title: 'Service test post, edited', editorState: state });
      const second = await service.publish(draft.id, options(accountId), 'ask');
      expect(second).toMatchObject({ kind: 'published', remoteId: first.remoteId });
      expect(await server.restJson<unknown[]>('/wp/v2/media?per_page=100')).toHaveLength(1);
      expect((await server.restJson<WpPost[]>('/wp/v2/posts?per_page=100')).map((p) => p.id)).toEqual([
        Number(first.remoteId),
      ]);

      // Someone edits the post on the blog: Signet shows the conflict and sends nothing.
      await new Promise((resolve) => setTimeout(resolve, 1100)); // modified_gmt has one-second resolution
      await server.restJson(`/wp/v2/posts/${first.remoteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Edited in wp-admin', content: 'The editor rewrote this.' }),
      });
      const conflict = await service.publish(draft.id, options(accountId), 'ask');
      expect(conflict.kind).toBe('conflict');
      if (conflict.kind === 'conflict') {
        expect(conflict.server.title).toBe('Edited in wp-admin');
        expect(conflict.server.text).toContain('The editor rewrote this.');
        expect(conflict.localText).toContain('Before the image.');
      }
      expect((await server.restJson<WpPost>(`/wp/v2/posts/${first.remoteId}?context=edit`)).title.raw).toBe(
        'Edited in wp-admin',
      );

      // Take the server's version: it becomes the draft, the author's text stays a revision.
      const taken = await service.publish(draft.id, options(accountId), 'takeServer');
      expect(taken.kind).toBe('tookServerVersion');
      const afterTake = await drafts.get(draft.id);
      expect(afterTake.title).toBe('Edited in wp-admin');
      expect(JSON.stringify(afterTake.editorState)).toContain('The editor rewrote this.');
      const revisions = await drafts.listRevisions(draft.id);
      expect(revisions.some((r) => r.reason === 'conflict' && r.title === 'Service test post, edited')).toBe(
        true,
      );

      // Edited on the blog again; this time the author overwrites on purpose.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await server.restJson(`/wp/v2/posts/${first.remoteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Edited once more' }),
      });
      await drafts.save({ id: draft.id, title: 'Mine wins', editorState: paragraphs('Final words.') });
      expect((await service.publish(draft.id, options(accountId), 'ask')).kind).toBe('conflict');
      expect((await service.publish(draft.id, options(accountId), 'overwrite')).kind).toBe('published');
      expect((await server.restJson<WpPost>(`/wp/v2/posts/${first.remoteId}?context=edit`)).title.raw).toBe(
        'Mine wins',
      );

      // Remove from the blog: the post goes to the blog's trash, the draft forgets the link.
      await service.deleteRemotePost(draft.id, accountId, false);
      expect((await server.restJson<WpPost>(`/wp/v2/posts/${first.remoteId}?context=edit`)).status).toBe(
        'trash',
      );
      expect(Object.keys((await drafts.get(draft.id)).destinations)).toEqual([]);
      expect(events.some((e) => e.event === 'publishProgress')).toBe(true);
    });

    it('lists the blog’s posts and opens one as a linked draft (once)', async () => {
      await freshService();
      const accountId = await addAccount();
      const created = await server.restJson<{ id: number }>('/wp/v2/posts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Written in wp-admin',
          status: 'draft',
          content:
            '<!-- wp:paragraph --><p>Hello from <strong>WordPress</strong>.</p><!-- /wp:paragraph --><!--more--><p>After.</p>',
        }),
      });
      const page = await service.listRemotePosts(accountId, { type: 'post', page: 1, search: 'wp-admin' });
      expect(page.items.map((p) => p.title)).toContain('Written in wp-admin');
      const draft = await service.openRemotePost(accountId, 'post', String(created.id));
      expect(draft.title).toBe('Written in wp-admin');
      const json = JSON.stringify(draft.editorState);
      expect(json).toContain('Hello from ');
      expect(json).toContain('"read-more"');
      expect(Object.values(draft.destinations)[0]?.remoteId).toBe(String(created.id));
      // Opening it again gives the same draft, not a copy.
      expect((await service.openRemotePost(accountId, 'post', String(created.id))).id).toBe(draft.id);
      const linked = await service.listRemotePosts(accountId, { type: 'post', page: 1, search: 'wp-admin' });
      expect(linked.items.find((p) => p.remoteId === String(created.id))?.draftId).toBe(draft.id);
    });

    it('falls back to XML-RPC when a firewall blocks the REST API', async () => {
      await freshService();
      await server.setSwitch('rest-firewall', true);
      const accountId = await addAccount();
      expect((await service.listAccounts())[0]?.transport).toBe('xmlrpc');
      const draft = await drafts.create({ title: 'Through XML-RPC' });
      await drafts.save({
        id: draft.id,
        title: 'Through XML-RPC',
        editorState: paragraphs('Sent the old way.'),
      });
      const result = await service.publish(
        draft.id,
        options(accountId, { status: 'draft', tags: ['legacy'] }),
        'ask',
      );
      expect(result.kind).toBe('published');
      await server.setSwitch('rest-firewall', false);
      if (result.kind === 'published') {
        const post = await server.restJson<WpPost>(`/wp/v2/posts/${result.remoteId}?context=edit`);
        expect(post.title.raw).toBe('Through XML-RPC');
        expect(post.status).toBe('draft');
      }
    });
  },
);
