/**
 * The outbox under crashes, against the real WordPress on loopback: a child process
 * (`testing/crashChild.ts`) runs the app's real main-process code (`createApp`) on one data folder
 * and publishes and updates a set of drafts through the outbox; the test kills it with SIGKILL at
 * random moments — many while a request that changes the blog is in flight — and starts it again
 * on the same folder, where the outbox resumes. After the last kill a child runs until nothing is
 * left to send. Then every job is done (none lost, none stuck, none stopped), every draft's post
 * is on the blog exactly once with the draft's latest text, and no job file was quarantined.
 *
 * `SIGNET_CRASH_KILLS=<n>` (default 50) sets how many kills; `SIGNET_CRASH_SEED=<n>` replays a
 * run's kill plan (the seed is printed).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Jimp, JimpMime } from 'jimp';
import { describe, expect, it } from 'vitest';

import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import type { AccountSummary, Draft, SignInResult } from '../contract';
import { silentLog } from '../drafts/testing/helpers';
import { jobSchema, type OutboxJob } from './job';
import {
  command,
  firstRoundOf,
  openCrashApp,
  planFile,
  textFor,
  textOf,
  type CrashPlan,
} from './testing/crashApp';

const wp = await wordpressOrSkip();
const server = wp.server as WordPressServer;

const KILLS = Math.max(1, Number(process.env.SIGNET_CRASH_KILLS) || 50);
const DRAFTS = 12;
/** Each round gives every published draft a new text; about three kills per round. */
const ROUNDS = Math.max(firstRoundOf(3) + 1, Math.ceil(KILLS / 3));

const here = path.dirname(fileURLToPath(import.meta.url));
const childSource = path.join(here, 'testing', 'crashChild.ts');

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
}

/** mulberry32: the same kill plan for the same seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildCommand {
  file: string;
  args: string[];
}

/**
 * Bundled with esbuild (packages left to node_modules) a child starts faster than through tsx. The
 * image scaler's worker is bundled beside it, where `workerEntry()` looks for it.
 */
async function childCommand(cacheDir: string): Promise<ChildCommand> {
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [childSource, path.join(here, '..', 'publishing', 'media', 'scaleImageWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outdir: cacheDir,
      entryNames: '[name]',
      logLevel: 'silent',
    });
    // Inside node_modules a .js file is CommonJS unless its own package says otherwise.
    await fsp.writeFile(path.join(cacheDir, 'package.json'), '{ "type": "module" }\n');
    return { file: process.execPath, args: [path.join(cacheDir, 'crashChild.js')] };
  } catch {
    return { file: process.execPath, args: ['--import', 'tsx', childSource] };
  }
}

type Child = ChildProcessByStdio<null, Readable, Readable> & {
  lines: string[];
  /** Requests that may change the blog, sent and not answered yet. */
  inFlight: Set<string>;
  ready: boolean;
  idle: boolean;
  failed: string | null;
  exited: Promise<number | null>;
};

function startChild(cmd: ChildCommand, env: Record<string, string>): Child {
  const child = spawn(cmd.file, cmd.args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Child;
  child.lines = [];
  child.inFlight = new Set();
  child.ready = false;
  child.idle = false;
  child.failed = null;
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      child.lines.push(line);
      const [word, n] = line.split(' ');
      if (word === 'req') child.inFlight.add(n!);
      else if (word === 'res') child.inFlight.delete(n!);
      else if (word === 'ready') child.ready = true;
      else if (word === 'idle') child.idle = true;
      else if (word === 'crash-child-failed') child.failed = line;
    }
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.exited = new Promise((resolve) =>
    child.once('close', (code) => {
      if (code !== 0 && code !== null && !child.failed) child.failed = `exit ${code}: ${stderr.slice(-2000)}`;
      resolve(code);
    }),
  );
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) return false;
    await sleep(5);
  }
  return true;
}

/** Every post (any status, the trash too) whose title or content has `search`. */
async function postsMatching(search: string): Promise<WpPost[]> {
  const found: WpPost[] = [];
  for (let page = 1; ; page++) {
    const res = await server.rest(
      `/wp/v2/posts?context=edit&per_page=100&page=${page}&status=publish,future,draft,pending,private,trash&search=${encodeURIComponent(search)}`,
    );
    if (res.status === 400) break;
    expect(res.status).toBe(200);
    found.push(...((await res.json()) as WpPost[]));
    if (page >= Number(res.headers.get('x-wp-totalpages') ?? '1')) break;
  }
  return found;
}

/** Files left in any `quarantine` folder under `dir`. */
async function quarantined(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    const parent = entry.parentPath;
    if (entry.isFile() && path.basename(parent) === 'quarantine') found.push(path.join(parent, entry.name));
  }
  return found;
}

describe.skipIf(!wp.server)(
  `The outbox killed at random moments${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
  () => {
    it(
      `resumes after ${KILLS} SIGKILLs: every job done, every post on the blog once with its latest text`,
      { timeout: 900_000 },
      async () => {
        const seed = Number(process.env.SIGNET_CRASH_SEED) || Math.floor(Math.random() * 2 ** 31);
        console.log(`[outbox crash] seed ${seed} (replay with SIGNET_CRASH_SEED=${seed}), ${KILLS} kills`);
        const random = seededRandom(seed);
        const tag = `c${Date.now().toString(36)}s${seed.toString(36)}`;
        const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-outbox-crash-'));
        const dataDir = path.join(work, 'data');
        // The vault's key lives outside the data folder, the same file for every child.
        const keyFile = path.join(os.tmpdir(), `signet-crash-key-${path.basename(work)}.key`);
        const cacheDir = path.join(here, '..', '..', 'node_modules', '.cache', `signet-outbox-crash-${tag}`);
        const children: Child[] = [];
        // Another run's `server.reset()` would delete this run's posts and make its figures meaningless:
        // a post of its own that must still be there at the end tells.
        const canary = await server.restJson<{ id: number }>('/wp/v2/posts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Crash test canary ${Date.now().toString(36)}`, status: 'draft' }),
        });
        try {
          // The account and the drafts, made once by the app itself.
          const setup = await openCrashApp({ dataDir, keyFile, log: silentLog });
          const signIn = await command<SignInResult>(setup, 'signIn', {
            url: server.url,
            userLogin: server.user,
            appPassword: server.appPassword,
          });
          // (Beside the site folder every new Signet starts with.)
          const account = (
            await command<AccountSummary[]>(setup, 'addAccounts', {
              sessionId: signIn.sessionId,
              blogIds: [signIn.blogs[0]!.blogId],
            })
          ).find((a) => a.platform === 'wordpress');
          const drafts: string[] = [];
          const images: Array<string | null> = [];
          const png = await new Jimp({ width: 40, height: 30, color: 0x2266aaff }).getBuffer(JimpMime.png);
          for (let i = 0; i < DRAFTS; i++) {
            const id = (await command<Draft>(setup, 'createDraft', { title: `Crash ${i} ${tag}n${i}x` })).id;
            drafts.push(id);
            // A quarter of them with an image, so uploads are killed mid-request too.
            const image =
              i % 4 === 2
                ? await command<{ fileName: string }>(setup, 'addImage', {
                    id,
                    fileName: `img${tag}n${i}x.png`,
                    mimeType: 'image/png',
                    dataBase64: png.toString('base64'),
                  })
                : null;
            images.push(image?.fileName ?? null);
          }
          await setup.close();
          const writePlan = (round: number) =>
            fs.writeFileSync(
              planFile(work),
              JSON.stringify({ accountId: account!.id, drafts, images, round } satisfies CrashPlan),
            );

          const cmd = await childCommand(cacheDir);
          const env = { SIGNET_CRASH_WORK: work, SIGNET_CRASH_KEYFILE: keyFile };
          const started = Date.now();
          const counts = { kills: 0, inFlight: 0, beforeReady: 0, whenIdle: 0, lives: 0 };
          const lines: string[] = [];

          for (let life = 0; life < KILLS; life++) {
            writePlan(Math.min(ROUNDS, 1 + Math.floor((life * ROUNDS) / KILLS)));
            const child = startChild(cmd, env);
            children.push(child);
            counts.lives++;
            const spawnedAt = Date.now();
            if (random() < 0.6) {
              // When a request that changes the blog has gone out, a little later (answered or not).
              await waitFor(() => child.inFlight.size > 0 || child.idle || child.failed !== null, 15_000);
              await sleep(random() * 80);
            } else {
              // After 50–1500 ms; a quarter of them counted from the start (so some hit the app opening
              // and the outbox resuming), the rest from when the app is open.
              const fromSpawn = random() < 0.25;
              const at = 50 + random() * 1450;
              if (!fromSpawn) await waitFor(() => child.ready || child.failed !== null, 15_000);
              const from = fromSpawn ? spawnedAt : Date.now();
              await waitFor(() => child.idle || child.failed !== null, at - (Date.now() - from));
            }
            if (child.failed) throw new Error(`a child failed: ${child.failed}`);
            const pending = child.inFlight.size > 0;
            const ready = child.ready;
            const idle = child.idle;
            child.kill('SIGKILL');
            await child.exited;
            counts.kills++;
            if (pending) counts.inFlight++;
            if (!ready) counts.beforeReady++;
            if (idle) counts.whenIdle++;
            lines.push(...child.lines);
          }

          // The last child runs until nothing is left to send, then quits.
          writePlan(ROUNDS);
          const last = startChild(cmd, { ...env, SIGNET_CRASH_FINAL: '1' });
          children.push(last);
          const code = await Promise.race([last.exited, sleep(180_000).then(() => 'timeout' as const)]);
          lines.push(...last.lines);
          expect(code, `the last child: ${last.failed ?? ''}\n${last.lines.slice(-20).join('\n')}`).toBe(0);
          const seconds = Math.round((Date.now() - started) / 1000);

          // Every job file parses and is finished: done, or cancelled because a newer one replaced it.
          const outboxDir = path.join(dataDir, 'outbox');
          const jobs: OutboxJob[] = [];
          for (const name of (await fsp.readdir(outboxDir)).filter((n) => n.endsWith('.json'))) {
            const parsed = jobSchema.safeParse(
              JSON.parse(await fsp.readFile(path.join(outboxDir, name), 'utf8')),
            );
            expect(parsed.success, `${name} parses`).toBe(true);
            if (parsed.success) jobs.push(parsed.data);
          }
          const states: Record<string, number> = {};
          for (const job of jobs) states[job.state] = (states[job.state] ?? 0) + 1;
          const recovered: Record<string, number> = {};
          for (const line of lines) {
            const m = /^log outbox: (.*?)(?: \{|$)/.exec(line);
            if (m) recovered[m[1]!] = (recovered[m[1]!] ?? 0) + 1;
          }
          const problems = lines.filter((l) => /^(warn|error|publish-error) /.test(l));
          const posts = await postsMatching(tag);
          const media = await server.restJson<Array<{ id: number; title: { raw: string } }>>(
            `/wp/v2/media?context=edit&per_page=100&search=img${tag}`,
          );
          console.log(
            `[outbox crash] ${counts.kills} kills (${counts.inFlight} with a request that changes the blog in flight, ` +
              `${counts.beforeReady} before the app was open, ${counts.whenIdle} when idle), ${ROUNDS} rounds, ` +
              `${DRAFTS} drafts, ${jobs.length} jobs ${JSON.stringify(states)}, ` +
              `${lines.filter((l) => l.startsWith('req ')).length} requests that change the blog, ` +
              `lookups ${JSON.stringify(recovered)}, ${problems.length} warnings/publish errors, ` +
              `posts on WordPress ${posts.length}, media ${media.length}, ${seconds} s`,
          );
          if (problems.length > 0)
            console.log(`[outbox crash] ${[...new Set(problems)].slice(0, 20).join('\n')}`);

          expect(
            (await server.rest(`/wp/v2/posts/${canary.id}?context=edit`)).status,
            'WordPress was reset by another test run during this one: its figures mean nothing, run it again alone',
          ).toBe(200);

          expect(jobs.filter((j) => j.state !== 'done' && j.state !== 'cancelled')).toEqual([]);
          expect(jobs.filter((j) => j.state === 'cancelled' && j.lastError?.code !== 'REPLACED')).toEqual([]);
          expect(jobs.filter((j) => j.pending)).toEqual([]);
          expect(await quarantined(dataDir)).toEqual([]);
          expect(lines.filter((l) => l.startsWith('error '))).toEqual([]);

          // Every post once, with the latest text, linked to its draft; each draft's last edit delivered.
          const check = await openCrashApp({ dataDir, keyFile, log: silentLog });
          try {
            for (const [i, id] of drafts.entries()) {
              const mine = posts.filter((p) => p.title.raw.includes(`${tag}n${i}x`));
              expect(mine, `post ${i}`).toHaveLength(1);
              const text = textFor(i, ROUNDS)!;
              expect(mine[0]!.content.raw, `post ${i}`).toContain(text);
              expect(mine[0]!.status).toBe('publish');
              if (images[i]) {
                const image = media.filter((m) => m.title.raw.includes(`${tag}n${i}x`));
                expect(image, `image of post ${i}`).toHaveLength(1);
                expect(mine[0]!.content.raw).toContain(`wp-image-${image[0]!.id}`);
              }
              const draft = await command<Draft>(check, 'getDraft', { id });
              expect(textOf(draft.editorState)).toBe(text);
              expect(Object.values(draft.destinations)[0]?.remoteId, `draft ${i}`).toBe(String(mine[0]!.id));
              expect(
                jobs.some((j) => j.draftId === id && j.state === 'done' && j.createdAt >= draft.updatedAt),
                `draft ${i}: a done job after its last edit`,
              ).toBe(true);
            }
          } finally {
            await check.close();
          }
          expect(posts).toHaveLength(DRAFTS);
          expect(media).toHaveLength(images.filter(Boolean).length);
          expect(counts.kills).toBe(KILLS);
        } finally {
          for (const child of children)
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await Promise.all(children.map((c) => c.exited));
          await fsp.rm(work, { recursive: true, force: true });
          await fsp.rm(keyFile, { force: true });
          await fsp.rm(cacheDir, { recursive: true, force: true });
          await server.rest(`/wp/v2/posts/${canary.id}?force=true`, { method: 'DELETE' });
        }
      },
    );
  },
);
