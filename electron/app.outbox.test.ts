/**
 * The outbox as wired into the app: jobs left in `<data>/outbox` resume at start, the commands
 * list, retry and cancel them, `outboxChanged` tells the renderer, and `close()` stops the outbox.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createApp, type SignetApp } from './app';
import type { EventMap, EventName, OutboxJobSummary, Result } from './contract';
import { makeTempDir, removeTempDir } from './drafts/testing/helpers';
import type { OutboxJob } from './outbox/job';
import { testAppPorts } from './testing/testAppPorts';

let dir: string;
let app: SignetApp | null = null;
const events: Array<{ event: EventName; payload: unknown }> = [];

beforeEach(async () => {
  dir = await makeTempDir();
  events.length = 0;
});
afterEach(async () => {
  await app?.close();
  app = null;
  await removeTempDir(dir);
});

/** The data folder; the vault's key lives beside it (never inside). */
const dataDir = () => path.join(dir, 'data');

async function open(): Promise<SignetApp> {
  app = await createApp(
    testAppPorts({
      dataDir: dataDir(),
      keyFile: path.join(dir, 'vault.key'),
      emit<E extends EventName>(event: E, payload: EventMap[E]) {
        events.push({ event, payload });
      },
      // Nothing may leave this machine (testAppPorts' fetch fails every request as if offline).
      outboxBackoff: { baseMs: 10, maxMs: 20 },
    }),
  );
  return app;
}

async function call<T>(name: string, request?: unknown): Promise<Result<T>> {
  return (await app!.dispatch(name, request)) as Result<T>;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out');
}

describe('the outbox in the app', () => {
  it('resumes a job a crash left behind, lists it, and says why it stopped', async () => {
    const job: OutboxJob = {
      schemaVersion: 1,
      id: 'job_leftbehind1',
      kind: 'publish',
      draftId: 'd1',
      draftTitle: 'Left behind',
      accountId: 'gone',
      siteName: 'A blog',
      state: 'sending',
      createdAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:00:01.000Z',
      attempts: 1,
      onConflict: 'ask',
      options: { accountId: 'gone', postType: 'post', status: 'publish', tags: [], categories: [] },
      pending: {
        step: 'create',
        startedAt: '2026-11-23T09:00:01.000Z',
        title: 'Left behind',
        contentHash: 'h',
      },
    };
    await fsp.mkdir(path.join(dataDir(), 'outbox'), { recursive: true });
    await fsp.writeFile(path.join(dataDir(), 'outbox', `${job.id}.json`), JSON.stringify(job));
    await open();

    const listed = await until(
      () => call<OutboxJobSummary[]>('listOutbox'),
      (r) => r.ok && r.value[0]?.state === 'failed',
    );
    expect(listed).toMatchObject({
      ok: true,
      value: [{ id: job.id, state: 'failed', attempts: 2, lastError: { code: 'NOT_FOUND' } }],
    });
    // The renderer never sees the internals (the pending step, the conflict policy).
    expect(listed.ok && 'pending' in listed.value[0]!).toBe(false);
    expect(events.some((e) => e.event === 'outboxChanged')).toBe(true);

    expect(await call('retryOutboxJob', { id: job.id })).toMatchObject({ ok: true, value: { id: job.id } });
    await until(
      () => call<OutboxJobSummary[]>('listOutbox'),
      (r) => r.ok && r.value[0]?.state === 'failed' && r.value[0].attempts === 3,
    );
    expect(await call('cancelOutboxJob', { id: job.id })).toMatchObject({
      ok: true,
      value: { state: 'cancelled' },
    });
    expect(await call('cancelOutboxJob', { id: 'job_notthere1' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('outboxNudge')).toEqual({ ok: true, value: null });
    expect(await call('retryOutboxJob', { id: '../etc' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('publishing to an account that is not there fails before a job is written', async () => {
    await open();
    const draft = await call<{ id: string }>('createDraft', { title: 'Nowhere' });
    if (!draft.ok) throw new Error('no draft');
    const result = await call('publishDraft', {
      draftId: draft.value.id,
      options: { accountId: 'nope', postType: 'post', status: 'publish', tags: [], categories: [] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('listOutbox')).toEqual({ ok: true, value: [] });
  });
});
