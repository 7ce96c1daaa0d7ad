/**
 * Feedback on long work, through the real app: publishing a draft with two images to the site
 * folder every new user has (real files, no server needed) reports each step as `jobProgress`
 * and ends with a desktop notification when the window is not in front; a job that stops for
 * good always notifies; the preference switches notifications off.
 */
import * as path from 'node:path';
import { Jimp, JimpMime } from 'jimp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createApp, type SignetApp } from '../app';
import type { AccountSummary, Draft, EventMap, EventName, JobProgress, Result } from '../contract';
import { makeTempDir, paragraphs, removeTempDir } from '../drafts/testing/helpers';
import type { DesktopNotification } from './notifications';
import { testAppPorts } from '../testing/testAppPorts';

let dir: string;
let app: SignetApp | null = null;
const progress: JobProgress[] = [];
const shown: DesktopNotification[] = [];
let focused = false;

beforeEach(async () => {
  dir = await makeTempDir();
  progress.length = 0;
  shown.length = 0;
  focused = false;
});
afterEach(async () => {
  await app?.close();
  app = null;
  await removeTempDir(dir);
});

async function open(): Promise<SignetApp> {
  const dataDir = path.join(dir, 'data');
  app = await createApp(
    testAppPorts({
      dataDir,
      keyFile: path.join(dir, 'vault.key'),
      emit<E extends EventName>(event: E, payload: EventMap[E]) {
        if (event === 'jobProgress') progress.push(payload as JobProgress);
      },
      outboxBackoff: { baseMs: 10, maxMs: 20 },
      showDesktopNotification: (n) => shown.push(n),
      isWindowFocused: () => focused,
    }),
  );
  return app;
}

async function call<T>(name: string, request?: unknown): Promise<T> {
  const result = (await app!.dispatch(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function siteAccount(): Promise<AccountSummary> {
  const accounts = await call<AccountSummary[]>('listAccounts');
  const site = accounts.find((a) => a.platform === 'static-site');
  if (!site) throw new Error('no site folder account');
  return site;
}

async function draftWithImages(title: string, count: number): Promise<string> {
  const draft = await call<Draft>('createDraft', { title });
  const state = paragraphs('Before the images.');
  for (let i = 0; i < count; i++) {
    const png = await new Jimp({ width: 40 + i, height: 20, color: 0x2266aaff }).getBuffer(JimpMime.png);
    const asset = await call<{ fileName: string }>('addImage', {
      id: draft.id,
      fileName: `band${i}.png`,
      mimeType: 'image/png',
      dataBase64: Buffer.from(png).toString('base64'),
    });
    (state.root.children as unknown[]).push({
      type: 'image',
      version: 1,
      fileName: asset.fileName,
      altText: `Band ${i}`,
      caption: '',
    });
  }
  await call('saveDraft', { id: draft.id, title, editorState: state });
  return draft.id;
}

const options = (accountId: string, slug: string) => ({
  accountId,
  postType: 'post',
  status: 'publish',
  tags: [],
  categories: [],
  slug,
});

describe('feedback on publishing through the outbox', () => {
  it('reports each image and the post as jobProgress, then notifies the result when the window is away', async () => {
    await open();
    const site = await siteAccount();
    const draftId = await draftWithImages('Two pictures', 2);

    const outcome = await call<{ kind: string }>('publishDraft', {
      draftId,
      options: options(site.id, 'two-pictures'),
    });
    expect(outcome.kind).toBe('published');

    const jobIds = new Set(progress.map((p) => p.jobId));
    expect(jobIds.size).toBe(1);
    expect(progress.every((p) => p.draftId === draftId && p.accountId === site.id)).toBe(true);
    expect(progress.map((p) => [p.step, p.label])).toEqual([
      ['prepare', 'Preparing the post…'],
      ['upload', 'Uploading image 1 of 2…'],
      ['upload', 'Uploading image 2 of 2…'],
      ['post', 'Publishing the post…'],
      ['done', 'Done.'],
    ]);
    // Determinate: done only grows, and ends at the total.
    const done = progress.map((p) => p.done / p.total);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    expect(shown).toEqual([
      expect.objectContaining({ title: `Published on ${site.siteName}`, urgency: 'normal' }),
    ]);

    // Again, with the window in front: an update, and the dialog already says so.
    focused = true;
    progress.length = 0;
    await call('publishDraft', { draftId, options: options(site.id, 'two-pictures') });
    expect(progress.map((p) => p.label)).toEqual([
      'Preparing the post…',
      'Updating the post on the blog…',
      'Done.',
    ]);
    expect(shown).toHaveLength(1);

    // Away again: this time it says "Updated".
    focused = false;
    await call('publishDraft', { draftId, options: options(site.id, 'two-pictures') });
    expect(shown.at(-1)?.title).toBe(`Updated on ${site.siteName}`);
  });

  it('a job that stops for good notifies even with the window in front, unless switched off', async () => {
    await open();
    focused = true;
    const site = await siteAccount();
    const draftId = await draftWithImages('Refused', 0);
    // A removal of a post that was never published stops for good (nothing to remove).
    const refused = await app!.dispatch('deleteRemotePost', { draftId, accountId: site.id, force: true });
    expect(refused.ok).toBe(false);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ urgency: 'critical' });
    expect(shown[0]!.body).toContain('“Refused” was not removed from the blog.');

    await call('setPreferences', { desktopNotifications: false });
    expect((await call<{ desktopNotifications: boolean }>('getPreferences')).desktopNotifications).toBe(
      false,
    );
    await app!.dispatch('deleteRemotePost', { draftId, accountId: site.id, force: true });
    expect(shown).toHaveLength(1);
  });
});
