/**
 * The outbox against the real WordPress on loopback, with a fault-injecting proxy in between that
 * breaks requests the way networks and hosts do: the answer dropped after WordPress acted, an
 * answer later than the client waits, 502/503 from a gateway, a reset halfway through the body,
 * 429 with Retry-After. Proves exactly once: a create or upload whose answer was lost is looked up
 * and adopted, an update that landed is recognised, nothing is lost across a restart, and ≥ 100
 * posts published and updated through random faults each exist once with the right content.
 *
 * `SIGNET_FAULT_SEED=<n>` replays a run's fault plan (the seed is printed).
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { Jimp, JimpMime } from 'jimp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, startFaultProxy, type Fault, type FaultProxy } from '../../e2e/servers/faultProxy';
import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { PublishOptions } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { paragraphs, silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { PublishingService } from '../publishing/PublishingService';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import type { OutboxJob } from './job';
import { OutboxService } from './OutboxService';

const wp = await wordpressOrSkip();
const server = wp.server as WordPressServer;

/** Short, so "an answer later than the client waits" costs seconds, not minutes. */
const HTTP_TIMEOUT_MS = 2_000;
const BACKOFF = { baseMs: 100, maxMs: 2_000 };

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
}

interface World {
  dir: string;
  drafts: DraftStore;
  publishing: PublishingService;
  outbox: OutboxService;
  accountId: string;
}

const worlds: World[] = [];
let proxy: FaultProxy;
const marker = `m${Date.now().toString(36)}`;

const keyFileOf = (dir: string) => path.join(os.tmpdir(), `signet-key-${path.basename(dir)}.key`);

/** Drafts, publishing and the outbox over `dir` (a new one unless given: a restart reuses it). */
async function openWorld(existing?: string): Promise<World> {
  const dir = existing ?? (await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-outbox-faults-')));
  const drafts = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir: dir, appVersion: '0.1.0' }));
  const publishing = new PublishingService({
    drafts,
    dataDir: dir,
    settings: settingsPortFrom(conf as unknown as KeyValueStore),
    vault: new FileKeyVault({
      dataDir: dir,
      keyFile: keyFileOf(dir),
    }),
    fetch: globalThis.fetch,
    authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
    assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
    openExternal: async () => {},
    emit: () => {},
    log: silentLog,
    httpTimeoutMs: HTTP_TIMEOUT_MS,
  });
  let accountId = publishing.accounts.list()[0]?.id;
  if (!accountId) {
    // Signed in directly; then every request of the account goes through the proxy.
    const signIn = await publishing.signIn(server.url, server.user, server.appPassword);
    const [added] = await publishing.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
    accountId = added!.id;
    const account = publishing.accounts.get(accountId)!;
    publishing.accounts.update(accountId, {
      api: {
        ...account.api,
        transport: 'rest',
        restRoot: `${proxy.url}/wp-json/`,
        xmlrpcUrl: `${proxy.url}/xmlrpc.php`,
      },
    });
  }
  const outbox = await OutboxService.open({
    dataDir: dir,
    publishing,
    drafts,
    log: silentLog,
    backoff: BACKOFF,
  });
  const world = { dir, drafts, publishing, outbox, accountId };
  worlds.push(world);
  return world;
}

async function closeWorld(world: World): Promise<void> {
  await world.outbox.stop();
  await world.drafts.close();
  worlds.splice(worlds.indexOf(world), 1);
}

function options(accountId: string, extra: Partial<PublishOptions> = {}): PublishOptions {
  return { accountId, postType: 'post', status: 'publish', tags: [], categories: [], ...extra };
}

async function draftWith(world: World, title: string, text: string, image?: string) {
  const draft = await world.drafts.create({ title });
  const state = paragraphs(text);
  if (image) {
    const png = await new Jimp({ width: 40, height: 30, color: 0x2266aaff }).getBuffer(JimpMime.png);
    const fileName = await world.drafts.addAsset(draft.id, image, png);
    (state.root.children as unknown[]).push({
      type: 'image',
      version: 1,
      fileName,
      altText: '',
      caption: '',
    });
  }
  await world.drafts.save({ id: draft.id, title, editorState: state });
  return draft.id;
}

/** Faults only on the next `count` requests that match, then none. */
function faultNext(match: (r: { method: string; path: string }) => boolean, fault: Fault, count = 1): void {
  let left = count;
  proxy.setPlan((request) => {
    if (left > 0 && match(request)) {
      left--;
      return fault;
    }
    return null;
  });
}

/** Resolves when every job is delivered or stopped (waiting jobs are sent again as their time comes). */
async function allSettled(world: World, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (world.outbox.outbox.openJobs().length > 0) {
    if (Date.now() > until)
      throw new Error(`outbox still busy: ${JSON.stringify(world.outbox.outbox.openJobs())}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await world.outbox.outbox.idle();
}

/** Every post (any status, the trash too) whose title or content has `search`. */
async function postsMatching(search: string): Promise<WpPost[]> {
  const out: WpPost[] = [];
  for (let page = 1; ; page++) {
    const res = await server.rest(
      `/wp/v2/posts?context=edit&per_page=100&page=${page}&status=publish,future,draft,pending,private,trash&search=${encodeURIComponent(search)}`,
    );
    if (res.status === 400) break;
    expect(res.status).toBe(200);
    out.push(...((await res.json()) as WpPost[]));
    if (page >= Number(res.headers.get('x-wp-totalpages') ?? '1')) break;
  }
  return out;
}

async function mediaMatching(search: string): Promise<Array<{ id: number; title: { raw: string } }>> {
  return server.restJson(`/wp/v2/media?context=edit&per_page=100&search=${encodeURIComponent(search)}`);
}

const isCreate = (r: { method: string; path: string }) =>
  r.method === 'POST' && /^\/wp-json\/wp\/v2\/posts(\?|$)/.test(r.path);
const isUpdate = (r: { method: string; path: string }) =>
  r.method === 'POST' && /^\/wp-json\/wp\/v2\/posts\/\d+/.test(r.path);
const isUpload = (r: { method: string; path: string }) =>
  r.method === 'POST' && /^\/wp-json\/wp\/v2\/media(\?|$)/.test(r.path);
const isXmlRpc = (r: { method: string; path: string }) => r.method === 'POST' && r.path === '/xmlrpc.php';

describe.skipIf(!wp.server)(
  `The outbox through a faulty network to a real WordPress${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
  () => {
    beforeAll(async () => {
      await server.reset();
      proxy = await startFaultProxy({ target: server.url });
    });
    afterEach(async () => {
      proxy.setPlan(null);
      for (const world of [...worlds]) {
        await closeWorld(world);
        await fsp.rm(world.dir, { recursive: true, force: true });
        await fsp.rm(keyFileOf(world.dir), { force: true });
      }
    });
    afterAll(async () => {
      await proxy?.close();
      await server.reset();
    });

    it('a create whose answer was lost is found on the blog and adopted, not sent again', async () => {
      const world = await openWorld();
      const title = `Lost answer ${marker}a`;
      const draftId = await draftWith(world, title, 'Created once.');
      const mark = proxy.log().length;
      faultNext(isCreate, { kind: 'drop-response' });
      const first = await world.outbox.publish(draftId, options(world.accountId), 'ask');
      expect(first).toMatchObject({ kind: 'queued' });
      if (first.kind !== 'queued') return;
      expect(first.message).toMatch(/broke off/);
      expect(Date.parse(first.nextAttemptAt!)).toBeGreaterThan(Date.now() - 1000);
      await allSettled(world, 30_000);

      const posts = await postsMatching(`${marker}a`);
      expect(posts).toHaveLength(1);
      const dest = Object.values((await world.drafts.get(draftId)).destinations)[0]!;
      expect(dest.remoteId).toBe(String(posts[0]!.id));
      expect(world.publishing.recovered.creates).toBe(1);
      const [job] = world.outbox.list();
      expect(job).toMatchObject({ state: 'done', attempts: 2, permalink: dest.permalink });
      // Adopted as it was: no second request that changes the blog.
      expect(
        proxy
          .log()
          .slice(mark)
          .filter((r) => isCreate(r) || isUpdate(r)),
      ).toHaveLength(1);
    });

    it('an update whose answer was lost had landed: recognised, not reported as a conflict', async () => {
      const world = await openWorld();
      const title = `Updated once ${marker}b`;
      const draftId = await draftWith(world, title, 'First words.');
      expect(await world.outbox.publish(draftId, options(world.accountId), 'ask')).toMatchObject({
        kind: 'published',
      });
      await new Promise((resolve) => setTimeout(resolve, 1100)); // modified_gmt has one-second resolution
      await world.drafts.save({ id: draftId, title, editorState: paragraphs('Second words.') });
      faultNext(isUpdate, { kind: 'reset-mid-body' });
      expect(await world.outbox.publish(draftId, options(world.accountId), 'ask')).toMatchObject({
        kind: 'queued',
      });
      await allSettled(world, 30_000);
      expect(world.outbox.list().map((j) => j.state)).toEqual(['done', 'done']);
      expect(world.publishing.recovered.updates).toBe(1);
      const [post] = await postsMatching(`${marker}b`);
      expect(post!.content.raw).toContain('Second words.');
      const dest = Object.values((await world.drafts.get(draftId)).destinations)[0]!;
      expect(dest.remoteId).toBe(String(post!.id));

      // A later update is not refused: the draft knows the blog's modification time of its own update.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await world.drafts.save({ id: draftId, title, editorState: paragraphs('Third words.') });
      expect(await world.outbox.publish(draftId, options(world.accountId), 'ask')).toMatchObject({
        kind: 'published',
      });
    });

    it('an upload whose answer was lost is adopted: one media item, used by the post', async () => {
      const world = await openWorld();
      const draftId = await draftWith(world, `With a picture ${marker}c`, 'See below.', `pic${marker}c.png`);
      faultNext(isUpload, { kind: 'drop-response' });
      expect(await world.outbox.publish(draftId, options(world.accountId), 'ask')).toMatchObject({
        kind: 'queued',
      });
      await allSettled(world, 30_000);
      const media = await mediaMatching(`pic${marker}c`);
      expect(media).toHaveLength(1);
      expect(world.publishing.recovered.uploads).toBe(1);
      const [post] = await postsMatching(`${marker}c`);
      expect(post!.content.raw).toContain(`wp-image-${media[0]!.id}`);
    });

    it('over XML-RPC too: a lost upload and a lost create are found, not repeated', async () => {
      const world = await openWorld();
      const account = world.publishing.accounts.get(world.accountId)!;
      world.publishing.accounts.update(world.accountId, { api: { ...account.api, transport: 'xmlrpc' } });
      const draftId = await draftWith(
        world,
        `Old way ${marker}d`,
        'Through xmlrpc.php.',
        `pic${marker}d.png`,
      );
      // The first call is wp.uploadFile; after it is adopted, the second attempt's create is dropped.
      let calls = 0;
      proxy.setPlan((r) => {
        if (!isXmlRpc(r)) return null;
        calls++;
        return calls === 1 ? { kind: 'drop-response' } : null;
      });
      expect(await world.outbox.publish(draftId, options(world.accountId), 'ask')).toMatchObject({
        kind: 'queued',
      });
      await allSettled(world, 30_000);
      expect(world.publishing.recovered.uploads).toBe(1);

      const second = await draftWith(world, `Old way again ${marker}e`, 'No answer came.');
      faultNext(isXmlRpc, { kind: 'drop-response' }); // wp.newPost
      expect(await world.outbox.publish(second, options(world.accountId), 'ask')).toMatchObject({
        kind: 'queued',
      });
      await allSettled(world, 30_000);
      expect(world.publishing.recovered.creates).toBe(1);
      expect(await mediaMatching(`pic${marker}d`)).toHaveLength(1);
      expect(await postsMatching(`${marker}d`)).toHaveLength(1);
      expect(await postsMatching(`${marker}e`)).toHaveLength(1);
      expect(world.outbox.list().every((j) => j.state === 'done')).toBe(true);
    });

    it('a removal whose answer was lost is done; 429 waits as long as Retry-After says', async () => {
      const world = await openWorld();
      const draftId = await draftWith(world, `Short-lived ${marker}f`, 'Soon gone.');
      faultNext(() => true, { kind: 'rate-limit', retryAfterSeconds: 2 });
      const before = Date.now();
      const queued = await world.outbox.publish(draftId, options(world.accountId), 'ask');
      expect(queued).toMatchObject({ kind: 'queued' });
      if (queued.kind !== 'queued') return;
      expect(queued.message).toMatch(/slow down/);
      expect(Date.parse(queued.nextAttemptAt!)).toBeGreaterThanOrEqual(before + 2_000);
      await allSettled(world, 30_000);

      faultNext((r) => r.method === 'DELETE', { kind: 'drop-response' });
      expect(await world.outbox.remove(draftId, world.accountId, false)).toMatchObject({ kind: 'queued' });
      await allSettled(world, 30_000);
      expect(world.outbox.list().map((j) => j.state)).toEqual(['done', 'done']);
      expect(world.publishing.recovered.deletes).toBe(1);
      const [post] = await postsMatching(`${marker}f`);
      expect(post!.status).toBe('trash');
      expect((await world.drafts.get(draftId)).destinations).toEqual({});
    });

    it('a job that cannot succeed stops and says why (post deleted on the blog, an invalid request)', async () => {
      const world = await openWorld();
      const draftId = await draftWith(world, `Doomed ${marker}g`, 'Will be deleted there.');
      const published = await world.outbox.publish(draftId, options(world.accountId), 'ask');
      if (published.kind !== 'published') throw new Error('not published');
      await server.restJson(`/wp/v2/posts/${published.remoteId}?force=true`, { method: 'DELETE' });
      const gone = await world.outbox
        .publish(draftId, options(world.accountId), 'ask')
        .catch((e: unknown) => e);
      expect(gone).toMatchObject({ code: 'NOT_FOUND' });
      expect(world.outbox.list().at(-1)).toMatchObject({ state: 'failed', lastError: { code: 'NOT_FOUND' } });

      const other = await draftWith(world, `Never valid ${marker}h`, 'No date.');
      const invalid = await world.outbox
        .publish(other, options(world.accountId, { status: 'future' }), 'ask')
        .catch((e: unknown) => e);
      expect(invalid).toMatchObject({ code: 'BAD_REQUEST' });
      expect(world.outbox.list().at(-1)).toMatchObject({
        state: 'failed',
        lastError: { code: 'VALIDATION' },
      });
      expect(world.outbox.outbox.openJobs()).toEqual([]);
    });

    it('a post changed on the blog stops the job with the conflict; the author’s choice replaces it', async () => {
      const world = await openWorld();
      const title = `Edited there ${marker}j`;
      const draftId = await draftWith(world, title, 'Mine.');
      const published = await world.outbox.publish(draftId, options(world.accountId), 'ask');
      if (published.kind !== 'published') throw new Error('not published');
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await server.restJson(`/wp/v2/posts/${published.remoteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'Theirs, written in wp-admin.' }),
      });
      await world.drafts.save({ id: draftId, title, editorState: paragraphs('Mine, edited.') });
      const conflict = await world.outbox.publish(draftId, options(world.accountId), 'ask');
      expect(conflict).toMatchObject({ kind: 'conflict', server: { text: 'Theirs, written in wp-admin.' } });
      expect(world.outbox.list().at(-1)).toMatchObject({ state: 'failed', lastError: { code: 'CONFLICT' } });
      expect(world.outbox.list().at(-1)!.lastError!.message).toMatch(/did not overwrite/);

      expect(await world.outbox.publish(draftId, options(world.accountId), 'overwrite')).toMatchObject({
        kind: 'published',
      });
      expect(world.outbox.list().map((j) => j.state)).toEqual(['done', 'cancelled', 'done']);
      expect((await postsMatching(`${marker}j`))[0]!.content.raw).toContain('Mine, edited.');
    });

    it('survives a restart: a job killed mid-create resumes, finds the post and does not create it again', async () => {
      const first = await openWorld();
      const draftId = await draftWith(first, `Killed mid-request ${marker}i`, 'Sent just before the crash.');
      // The create reaches WordPress but its answer is lost; then the blog is unreachable until the "crash".
      let dropped = false;
      proxy.setPlan((r) => {
        if (dropped) return { kind: 'status', status: 503 };
        if (!isCreate(r)) return null;
        dropped = true;
        return { kind: 'drop-response' };
      });
      expect(await first.outbox.publish(draftId, options(first.accountId), 'ask')).toMatchObject({
        kind: 'queued',
      });
      await closeWorld(first);
      // What a killed app leaves: the job still "sending", its create recorded as begun.
      const outboxDir = path.join(first.dir, 'outbox');
      const [file] = (await fsp.readdir(outboxDir)).filter((f) => f.endsWith('.json'));
      const job = JSON.parse(await fsp.readFile(path.join(outboxDir, file!), 'utf8')) as OutboxJob;
      expect(job.pending).toMatchObject({ step: 'create', title: `Killed mid-request ${marker}i` });
      await fsp.writeFile(path.join(outboxDir, file!), JSON.stringify({ ...job, state: 'sending' }));
      expect(await postsMatching(`${marker}i`)).toHaveLength(1); // it did reach WordPress
      proxy.setPlan(null);

      const second = await openWorld(first.dir);
      await allSettled(second, 30_000);
      expect(second.outbox.list()).toMatchObject([{ id: job.id, state: 'done', attempts: job.attempts + 1 }]);
      expect(second.publishing.recovered.creates).toBe(1);
      const posts = await postsMatching(`${marker}i`);
      expect(posts).toHaveLength(1);
      const dest = Object.values((await second.drafts.get(draftId)).destinations)[0]!;
      expect(dest.remoteId).toBe(String(posts[0]!.id));
    });

    /** 100 in CI; `npm run bench` runs 1,000 (SIGNET_FAULT_POSTS). */
    const COUNT = Number(process.env.SIGNET_FAULT_POSTS) || 100;
    it(
      `publishes and updates ${COUNT} posts through random faults: each exactly once, updated, no job lost`,
      { timeout: Math.max(420_000, COUNT * 4_000) },
      async () => {
        const RATE = 0.3;
        const seed = Number(process.env.SIGNET_FAULT_SEED) || Math.floor(Math.random() * 2 ** 31);
        console.log(`[outbox faults] seed ${seed} (replay with SIGNET_FAULT_SEED=${seed})`);
        const world = await openWorld();
        const tag = `${marker}r${seed.toString(36)}`;
        const ids: string[] = [];
        for (let i = 0; i < COUNT; i++) {
          ids.push(
            await draftWith(
              world,
              `Fault run ${i} ${tag}n${i}x`,
              `First version of post ${i}.`,
              i % 10 === 0 ? `img${tag}n${i}x.png` : undefined,
            ),
          );
        }
        const random = seededRandom(seed);
        proxy.setPlan(() => {
          if (random() >= RATE) return null;
          const r = random();
          // Every kind; fewer of the slow ones (each costs a whole time limit of the one sender).
          if (r < 0.25) return { kind: 'drop-response' };
          if (r < 0.5) return { kind: 'reset-mid-body' };
          if (r < 0.7) return { kind: 'status', status: random() < 0.5 ? 502 : 503 };
          if (r < 0.9) return { kind: 'rate-limit', retryAfterSeconds: 1 };
          return { kind: 'delay', ms: HTTP_TIMEOUT_MS + 1_000 };
        });
        const started = Date.now();
        const answers: Record<string, number> = {};
        const count = (kind: string) => (answers[kind] = (answers[kind] ?? 0) + 1);

        for (const round of ['First', 'Second'] as const) {
          if (round === 'Second') {
            for (const [i, id] of ids.entries()) {
              const draft = await world.drafts.get(id);
              const state = paragraphs(`Second version of post ${i}.`);
              const image = JSON.stringify(draft.editorState).match(/"fileName":"([^"]+)"/)?.[1];
              if (image)
                (state.root.children as unknown[]).push({
                  type: 'image',
                  version: 1,
                  fileName: image,
                  altText: '',
                  caption: '',
                });
              await world.drafts.save({ id, title: draft.title, editorState: state });
            }
          }
          const outcomes = await Promise.all(
            ids.map((id) =>
              world.outbox.publish(id, options(world.accountId), 'ask').catch((e: unknown) => e as Error),
            ),
          );
          for (const o of outcomes)
            count(`${round.toLowerCase()}:${'kind' in o ? o.kind : `error ${o.message}`}`);
          await allSettled(world, 300_000);
        }
        // And a tenth of them removed from the blog (to its trash), through the same faults.
        const removed = ids.filter((_, i) => i % 10 === 5);
        const removals = await Promise.all(
          removed.map((id) =>
            world.outbox.remove(id, world.accountId, false).catch((e: unknown) => e as Error),
          ),
        );
        for (const o of removals)
          count(`remove:${o === null ? 'removed' : 'kind' in o ? o.kind : `error ${o.message}`}`);
        await allSettled(world, 120_000);
        proxy.setPlan(null);

        const jobs = world.outbox.list();
        const faults: Record<string, number> = {};
        let forwardedFaults = 0;
        for (const entry of proxy.log()) {
          if (!entry.fault) continue;
          faults[entry.fault] = (faults[entry.fault] ?? 0) + 1;
          if (entry.forwarded) forwardedFaults++;
        }
        const posts = await postsMatching(tag);
        const media = await mediaMatching(`img${tag}`);
        console.log(
          `[outbox faults] ${COUNT} drafts, ${jobs.length} jobs (${jobs.filter((j) => j.state === 'done').length} done), ` +
            `${jobs.reduce((n, j) => n + j.attempts, 0)} attempts, ${proxy.log().length} requests, ` +
            `faults injected ${JSON.stringify(faults)} (${forwardedFaults} after WordPress acted), ` +
            `recovered ${JSON.stringify(world.publishing.recovered)}, first answers ${JSON.stringify(answers)}, ` +
            `posts on WordPress ${posts.length}, media ${media.length}, ${Math.round((Date.now() - started) / 1000)} s`,
        );

        // No job lost, none stuck or stopped.
        const jobCount = 2 * COUNT + removed.length;
        expect(jobs).toHaveLength(jobCount);
        expect(jobs.filter((j) => j.state !== 'done')).toEqual([]);
        expect(
          (await fsp.readdir(path.join(world.dir, 'outbox'))).filter((f) => f.endsWith('.json')),
        ).toHaveLength(jobCount);
        // Every post exactly once, with the updated text, linked to its draft.
        expect(posts).toHaveLength(COUNT);
        for (const [i, id] of ids.entries()) {
          const mine = posts.filter((p) => p.title.raw.includes(`${tag}n${i}x`));
          expect(mine, `post ${i}`).toHaveLength(1);
          expect(mine[0]!.content.raw).toContain(`Second version of post ${i}.`);
          expect(mine[0]!.content.raw).not.toContain('First version');
          const destinations = (await world.drafts.get(id)).destinations;
          if (removed.includes(id)) {
            expect(mine[0]!.status).toBe('trash');
            expect(destinations).toEqual({});
          } else {
            expect(mine[0]!.status).toBe('publish');
            expect(Object.values(destinations)[0]!.remoteId).toBe(String(mine[0]!.id));
          }
          if (i % 10 === 0) {
            const image = media.filter((m) => m.title.raw.includes(`${tag}n${i}x`));
            expect(image, `image of post ${i}`).toHaveLength(1);
            expect(mine[0]!.content.raw).toContain(`wp-image-${image[0]!.id}`);
          }
        }
        expect(media).toHaveLength(COUNT / 10);
      },
    );
  },
);
