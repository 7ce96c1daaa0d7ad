import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeTempDir, silentLog } from '../drafts/testing/helpers';
import { PublishError } from '../publishing/http/PublishError';
import { backoffMs, type OutboxJob, type PendingStep } from './job';
import { JobNeedsAuthorError, Outbox, type JobJournal, type JobRunner, type Timers } from './Outbox';
import { OutboxStore } from './OutboxStore';

/** Timers the test fires by hand, with a clock that moves to each one. */
function manualTimers(start = Date.parse('2026-11-23T10:00:00Z')) {
  let now = start;
  const pending: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const timers: Timers = {
    set(fn, ms) {
      const timer = { at: now + ms, fn, cancelled: false };
      pending.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  return {
    timers,
    clock: () => new Date(now),
    /** Moves the clock to the next live timer and fires it; returns the wait, or null. */
    fireNext(): number | null {
      const live = pending.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at)[0];
      if (!live) return null;
      live.cancelled = true;
      const waited = live.at - now;
      now = Math.max(now, live.at);
      live.fn();
      return waited;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

async function setup(run: JobRunner, random = () => 1, backoff?: { baseMs?: number; maxMs?: number }) {
  const time = manualTimers();
  const store = await OutboxStore.open({ dir: path.join(dir, 'outbox'), log: silentLog });
  const changes: string[][] = [];
  const outbox = new Outbox({
    store,
    run,
    clock: time.clock,
    random,
    timers: time.timers,
    log: silentLog,
    onChange: (jobs) => changes.push(jobs.map((j) => j.state)),
    ...(backoff ? { backoff } : {}),
  });
  await outbox.start();
  return { outbox, store, time, changes };
}

const publishOptions = {
  accountId: 'a1',
  postType: 'post' as const,
  status: 'publish' as const,
  tags: [],
  categories: [],
};

function store(outbox: Outbox, id: string): string | undefined {
  return outbox.list().find((j) => j.id === id)?.state;
}

const job = {
  kind: 'publish' as const,
  draftId: 'd1',
  draftTitle: 'Post',
  accountId: 'a1',
  siteName: 'Blog',
};

describe('Outbox', () => {
  it('writes the job to disk before the runner sends anything, and marks it done with the permalink', async () => {
    let seenOnDisk: unknown = null;
    const { outbox } = await setup(async (j) => {
      seenOnDisk = JSON.parse(await fsp.readFile(path.join(dir, 'outbox', `${j.id}.json`), 'utf8'));
      return { permalink: 'http://127.0.0.1:8088/post/' };
    });
    const queued = await outbox.enqueue(job);
    const settled = await outbox.whenSettled(queued.id);
    expect(seenOnDisk).toMatchObject({ id: queued.id, state: 'sending', attempts: 1, draftId: 'd1' });
    expect(settled).toMatchObject({ state: 'done', permalink: 'http://127.0.0.1:8088/post/', attempts: 1 });
    expect(
      JSON.parse(await fsp.readFile(path.join(dir, 'outbox', `${queued.id}.json`), 'utf8')),
    ).toMatchObject({
      state: 'done',
    });
  });

  it('waits with growing, jittered delays while offline, honours Retry-After, and delivers when due', async () => {
    const errors = [
      new PublishError('OFFLINE', 'offline'),
      new PublishError('OFFLINE', 'offline'),
      new PublishError('RATE_LIMITED', 'slow down', { retryAfterMs: 60_000 }),
    ];
    let calls = 0;
    const { outbox, time } = await setup(async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return { permalink: 'p' };
    });
    const queued = await outbox.enqueue(job);
    let state = await outbox.whenSettled(queued.id);
    expect(state).toMatchObject({ state: 'waiting', lastError: { code: 'OFFLINE' }, attempts: 1 });
    await outbox.idle(); // the next attempt is scheduled once the attempt has wound up
    expect(time.fireNext()).toBe(2_000); // base step, random() = 1 → 100 %
    await outbox.idle();
    state = outbox.list().find((j) => j.id === queued.id) as OutboxJob;
    expect(state).toMatchObject({ state: 'waiting', attempts: 2 });
    expect(time.fireNext()).toBe(4_000);
    await outbox.idle();
    expect(time.fireNext()).toBe(60_000); // Retry-After beats the 8 s step
    await outbox.idle();
    expect(outbox.list()[0]).toMatchObject({ state: 'done', attempts: 4 });
    expect(calls).toBe(4);
  });

  it('stops and says why when the job cannot succeed, and sends it again on request', async () => {
    let fail = true;
    const { outbox } = await setup(async () => {
      if (fail) throw new PublishError('AUTH_FAILED', 'The blog refused the application password.');
      return {};
    });
    const queued = await outbox.enqueue(job);
    expect(await outbox.whenSettled(queued.id)).toMatchObject({
      state: 'failed',
      lastError: { code: 'AUTH_FAILED', message: 'The blog refused the application password.' },
    });
    fail = false;
    await outbox.retryNow(queued.id);
    expect(await outbox.whenSettled(queued.id)).toMatchObject({ state: 'done', attempts: 2 });
    await expect(outbox.retryNow(queued.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a conflict needs the author: failed, not retried', async () => {
    const { outbox, time } = await setup(async () => {
      throw new JobNeedsAuthorError('CONFLICT', 'The post changed on the blog.');
    });
    const queued = await outbox.enqueue(job);
    expect(await outbox.whenSettled(queued.id)).toMatchObject({
      state: 'failed',
      lastError: { code: 'CONFLICT' },
    });
    expect(time.fireNext()).toBeNull();
  });

  it('holds a job until its time (a post Signet publishes on time), even when nudged', async () => {
    const runs: string[] = [];
    const { outbox, time } = await setup(async (j) => {
      runs.push(j.draftId);
      return { permalink: 'p' };
    });
    const held = await outbox.enqueue({ ...job, draftId: 'later', notBefore: '2026-11-23T11:00:00.000Z' });
    const now = await outbox.enqueue({ ...job, draftId: 'now' });
    await outbox.whenSettled(now.id);
    await outbox.idle();
    await outbox.nudge();
    await outbox.idle();
    expect(runs).toEqual(['now']);
    expect(outbox.list().find((j) => j.id === held.id)).toMatchObject({
      state: 'queued',
      notBefore: '2026-11-23T11:00:00.000Z',
    });
    expect(time.fireNext()).toBe(60 * 60_000);
    expect(await outbox.whenSettled(held.id)).toMatchObject({ state: 'done' });
    expect(runs).toEqual(['now', 'later']);
  });

  it('sends waiting jobs at once when the network is back', async () => {
    let online = false;
    const { outbox } = await setup(async () => {
      if (!online) throw new PublishError('OFFLINE', 'offline');
      return {};
    });
    const a = await outbox.enqueue(job);
    const b = await outbox.enqueue({ ...job, draftId: 'd2' });
    await outbox.whenSettled(a.id);
    await outbox.whenSettled(b.id);
    expect(outbox.list().map((j) => j.state)).toEqual(['waiting', 'waiting']);
    online = true;
    await outbox.nudge();
    await outbox.whenSettled(a.id);
    await outbox.whenSettled(b.id);
    expect(outbox.list().map((j) => j.state)).toEqual(['done', 'done']);
  });

  it('cancels a waiting job, and a sending one after its attempt', async () => {
    let release: () => void = () => {};
    const { outbox } = await setup(
      (j) =>
        new Promise((resolve, reject) => {
          if (j.draftId === 'slow') release = () => reject(new PublishError('TIMEOUT', 'too slow'));
          else reject(new PublishError('OFFLINE', 'offline'));
        }),
    );
    const waiting = await outbox.enqueue(job);
    await outbox.whenSettled(waiting.id);
    await outbox.cancel(waiting.id);
    expect(outbox.list()[0]!.state).toBe('cancelled');

    const slow = await outbox.enqueue({ ...job, draftId: 'slow' });
    for (let i = 0; i < 500 && store(outbox, slow.id) !== 'sending'; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store(outbox, slow.id)).toBe('sending');
    await outbox.cancel(slow.id);
    release();
    expect(await outbox.whenSettled(slow.id)).toMatchObject({ state: 'cancelled' });
  });

  it('after a crash mid-request, resumes the job and hands the runner what it had begun', async () => {
    const outboxDir = path.join(dir, 'outbox');
    // The app died while a create was in flight: the job file says so.
    const step: PendingStep = {
      step: 'create',
      startedAt: '2026-11-23T09:59:00.000Z',
      title: 'Post',
      contentHash: 'h1',
    };
    const crashed: OutboxJob = {
      schemaVersion: 1,
      id: 'job_crashed123',
      ...job,
      state: 'sending',
      createdAt: '2026-11-23T09:58:00.000Z',
      updatedAt: '2026-11-23T09:59:00.000Z',
      attempts: 1,
      onConflict: 'ask',
      pending: step,
    };
    await fsp.mkdir(outboxDir, { recursive: true });
    await fsp.writeFile(path.join(outboxDir, 'job_crashed123.json'), JSON.stringify(crashed));
    let seen: JobJournal['unclear'];
    const { outbox } = await setup(async (_j, journal) => {
      seen = journal.unclear;
      await journal.settle();
      return { permalink: 'adopted' };
    });
    expect(await outbox.whenSettled('job_crashed123')).toMatchObject({
      state: 'done',
      attempts: 2,
      permalink: 'adopted',
    });
    expect(seen).toEqual(step);
    const onDisk = JSON.parse(
      await fsp.readFile(path.join(outboxDir, 'job_crashed123.json'), 'utf8'),
    ) as OutboxJob;
    expect(onDisk.pending).toBeUndefined();
  });

  it('records a pending step on disk before the request and clears it after', async () => {
    const snapshots: Array<PendingStep | undefined> = [];
    const read = async (id: string) =>
      (JSON.parse(await fsp.readFile(path.join(dir, 'outbox', `${id}.json`), 'utf8')) as OutboxJob).pending;
    const { outbox } = await setup(async (j, journal) => {
      await journal.begin({ step: 'upload', fileName: 'a.png', startedAt: '2026-11-23T10:00:00.000Z' });
      snapshots.push(await read(j.id));
      await journal.settle();
      snapshots.push(await read(j.id));
      return {};
    });
    const queued = await outbox.enqueue(job);
    await outbox.whenSettled(queued.id);
    expect(snapshots).toEqual([
      { step: 'upload', fileName: 'a.png', startedAt: '2026-11-23T10:00:00.000Z' },
      undefined,
    ]);
  });

  it('moves an unreadable job file aside instead of failing to start', async () => {
    const outboxDir = path.join(dir, 'outbox');
    await fsp.mkdir(outboxDir, { recursive: true });
    await fsp.writeFile(path.join(outboxDir, 'job_broken1234.json'), '{not json');
    const { outbox } = await setup(async () => ({}));
    expect(outbox.list()).toEqual([]);
    expect(await fsp.readdir(path.join(outboxDir, 'quarantine'))).toContain('job_broken1234.json');
  });

  it('a newer publish of the draft replaces a waiting one and looks up what that one left unclear', async () => {
    const step: PendingStep = {
      step: 'create',
      startedAt: '2026-11-23T10:00:00.000Z',
      title: 'Post',
      contentHash: 'h',
    };
    const seen: Array<PendingStep | undefined> = [];
    const { outbox, store } = await setup(async (j, journal) => {
      seen.push(journal.unclear);
      if (j.options?.slug === 'first') {
        await journal.begin(step);
        throw new PublishError('TIMEOUT', 'no answer', { uncertain: true });
      }
      await journal.settle();
      return { permalink: 'p' };
    });
    const first = await outbox.enqueue({ ...job, options: { ...publishOptions, slug: 'first' } });
    expect(await outbox.whenSettled(first.id)).toMatchObject({ state: 'waiting', pending: step });
    const second = await outbox.enqueue({ ...job, options: publishOptions });
    expect(store.get(first.id)).toMatchObject({ state: 'cancelled', lastError: { code: 'REPLACED' } });
    expect(await outbox.whenSettled(second.id)).toMatchObject({ state: 'done' });
    expect(seen).toEqual([undefined, step]);
    // Looked up by the new job: nothing is unclear any more.
    expect(store.get(first.id)!.pending).toBeUndefined();
  });

  it('a publish made while the previous one is being sent takes over when that one must wait', async () => {
    const step: PendingStep = {
      step: 'update',
      startedAt: '2026-11-23T10:00:00.000Z',
      remoteId: '7',
      contentHash: 'h',
    };
    let fail: (() => void) | null = null;
    const seen: Array<PendingStep | undefined> = [];
    const { outbox } = await setup(async (j, journal) => {
      seen.push(journal.unclear);
      if (j.options?.slug === 'old') {
        await journal.begin(step);
        await new Promise<void>((_, reject) => (fail = () => reject(new PublishError('TIMEOUT', 'late'))));
      }
      return {};
    });
    const old = await outbox.enqueue({ ...job, options: { ...publishOptions, slug: 'old' } });
    for (let i = 0; i < 500 && !fail; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await outbox.enqueue({ ...job, options: publishOptions });
    expect(store(outbox, newer.id)).toBe('queued');
    fail!();
    expect(await outbox.whenSettled(old.id)).toMatchObject({
      state: 'cancelled',
      lastError: { code: 'REPLACED' },
    });
    expect(await outbox.whenSettled(newer.id)).toMatchObject({ state: 'done' });
    expect(seen).toEqual([undefined, step]);
  });

  it('runs the jobs of one draft in order, and the other drafts meanwhile', async () => {
    const ran: string[] = [];
    let online = false;
    const { outbox, time } = await setup(async (j) => {
      ran.push(`${j.kind}:${j.draftId}`);
      if (!online && j.kind === 'delete') throw new PublishError('OFFLINE', 'offline');
      return {};
    });
    const removal = await outbox.enqueue({ ...job, kind: 'delete' });
    await outbox.whenSettled(removal.id);
    const publish = await outbox.enqueue(job);
    const other = await outbox.enqueue({ ...job, draftId: 'd2' });
    expect(await outbox.whenSettled(other.id)).toMatchObject({ state: 'done' });
    expect(store(outbox, publish.id)).toBe('queued'); // behind the removal of the same draft
    expect(outbox.waitingBefore(publish.id)).toMatchObject({ id: removal.id, state: 'waiting' });
    expect(outbox.waitingBefore(other.id)).toBeNull();
    online = true;
    await outbox.idle();
    time.fireNext();
    expect(await outbox.whenSettled(publish.id)).toMatchObject({ state: 'done' });
    expect(ran).toEqual(['delete:d1', 'publish:d2', 'delete:d1', 'publish:d1']);
  });

  it('holds a syndicated copy until the original’s job is finished, even while the original waits for the network', async () => {
    const order: string[] = [];
    let offline = true;
    const { outbox, time } = await setup(async (j) => {
      order.push(j.accountId);
      if (j.accountId === 'primary' && offline) throw new PublishError('OFFLINE', 'offline');
      return { permalink: `p-${j.accountId}` };
    });
    const original = await outbox.enqueue({
      ...job,
      accountId: 'primary',
      options: { ...publishOptions, accountId: 'primary' },
    });
    const copy = await outbox.enqueue({
      ...job,
      accountId: 'copy',
      options: { ...publishOptions, accountId: 'copy', canonicalFrom: 'primary' },
    });
    expect(await outbox.whenSettled(original.id)).toMatchObject({ state: 'waiting' });
    await outbox.idle();
    // The copy did not go first although it was due and the original could not be sent.
    expect(order).toEqual(['primary']);
    expect(store(outbox, copy.id)).toBe('queued');
    offline = false;
    time.fireNext();
    expect(await outbox.whenSettled(copy.id)).toMatchObject({ state: 'done', permalink: 'p-copy' });
    expect(order).toEqual(['primary', 'primary', 'copy']);
  });

  it('uses the backoff it is given', async () => {
    const { outbox, time } = await setup(
      async () => {
        throw new PublishError('SERVER_ERROR', 'down');
      },
      () => 1,
      { baseMs: 100, maxMs: 150 },
    );
    const queued = await outbox.enqueue(job);
    await outbox.whenSettled(queued.id);
    await outbox.idle();
    expect(time.fireNext()).toBe(100);
    await outbox.idle();
    expect(time.fireNext()).toBe(150);
    await outbox.stop();
  });

  it('forgets finished jobs older than a day at start', async () => {
    const { outbox, time, store } = await setup(async () => ({}));
    const queued = await outbox.enqueue(job);
    await outbox.whenSettled(queued.id);
    time.advance(25 * 60 * 60_000);
    const later = new Outbox({
      store,
      run: async () => ({}),
      clock: time.clock,
      timers: time.timers,
      log: silentLog,
    });
    await later.start();
    expect(later.list()).toEqual([]);
  });
});

describe('backoffMs', () => {
  it('doubles up to the cap, with jitter between half and all of the step', () => {
    expect(backoffMs(1, () => 1)).toBe(2_000);
    expect(backoffMs(2, () => 1)).toBe(4_000);
    expect(backoffMs(3, () => 0)).toBe(4_000);
    expect(backoffMs(30, () => 1)).toBe(600_000);
    expect(backoffMs(1, () => 0, { retryAfterMs: 30_000 })).toBe(30_000);
  });
});
