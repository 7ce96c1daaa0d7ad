/**
 * Changes made by other programs (a sync app, another computer) while Signet watches the folder.
 * The test writes files with plain `fs`, as such a program would, and waits for the store's events.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../contract';
import type { AppError } from '../dispatcher';
import { DraftStore } from './DraftStore';
import { nodeFs } from './fsPort';
import { serializeDraft } from './draftFile';
import { EventLog, FailingFs, makeTempDir, paragraphs, removeTempDir, silentLog } from './testing/helpers';
import type { DraftStoreOptions } from './types';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function watched(options: Partial<DraftStoreOptions> = {}) {
  const dir = await makeTempDir();
  const events = new EventLog();
  const store = await DraftStore.open({ dir, log: silentLog, onEvent: events.listener, ...options });
  cleanups.push(async () => {
    await store.close();
    await removeTempDir(dir);
  });
  return { dir, store, events };
}

/** Writes a file the way sync programs do: a temp file, then a rename over the draft. */
async function writeLikeSync(dir: string, draft: Draft): Promise<void> {
  const temp = path.join(dir, `.syncthing.${draft.id}.json.tmp`);
  await fsp.writeFile(temp, serializeDraft(draft));
  await fsp.rename(temp, path.join(dir, `${draft.id}.json`));
}

function text(draft: Draft): string {
  return JSON.stringify(draft.editorState);
}

const titles = (store: DraftStore) =>
  store.list({ filter: 'all', offset: 0, limit: 100 }).items.map((item) => item.title);

describe('changes made by other programs', () => {
  it('picks up an edited draft: the list, search and the open draft show it', async () => {
    const { dir, store, events } = await watched();
    const draft = await store.create({ title: 'Before' });
    const changed = events.next('draftsChanged', (e) => e.external && e.ids.includes(draft.id));
    await writeLikeSync(dir, {
      ...draft,
      title: 'After',
      editorState: paragraphs('edited on the laptop with a walrus'),
      updatedAt: '2031-01-01T00:00:00.000Z',
    });
    await changed;
    expect(titles(store)).toEqual(['After']);
    expect(store.list({ filter: 'all', query: 'walrus', offset: 0, limit: 10 }).total).toBe(1);
    const reloaded = await store.get(draft.id);
    expect(text(reloaded)).toContain('walrus');

    // The editor reloaded it and the author goes on: the laptop's version stays in the history.
    await store.save({
      id: draft.id,
      title: 'After, edited here',
      editorState: paragraphs('edited on the desktop'),
      baseUpdatedAt: reloaded.updatedAt,
    });
    const [revision] = await store.listRevisions(draft.id);
    expect(revision).toMatchObject({ reason: 'external-change', title: 'After' });
  });

  it('shows a new draft file and drops a deleted one', async () => {
    const { dir, store, events } = await watched();
    const gone = await store.create({ title: 'Going' });
    const appeared = events.next('draftsChanged', (e) => e.external && e.ids.includes('fromlaptop1'));
    const now = new Date().toISOString();
    await writeLikeSync(dir, {
      schemaVersion: 1,
      id: 'fromlaptop1',
      title: 'Written on the laptop',
      createdAt: now,
      updatedAt: now,
      editorState: null,
      meta: {},
      destinations: {},
    });
    await appeared;
    expect(titles(store).sort()).toEqual(['Going', 'Written on the laptop']);

    const removed = events.next('draftsChanged', (e) => e.external && e.ids.includes(gone.id));
    await fsp.rm(path.join(dir, `${gone.id}.json`));
    await removed;
    expect(titles(store)).toEqual(['Written on the laptop']);
  });

  it('quarantines a draft file another program broke, and a sync program’s conflict copy', async () => {
    const { dir, store, events } = await watched();
    const draft = await store.create({ title: 'Fragile' });
    const quarantined = events.next('quarantined');
    await fsp.writeFile(path.join(dir, `${draft.id}.json`), '{"schemaVersion":1,"title":"Frag');
    const event = await quarantined;
    expect(event.entries.map((e) => e.fileName)).toEqual([`${draft.id}.json`]);
    expect(event.entries[0]?.reason).toMatch(/^The file is not valid JSON/);
    expect(await fsp.readFile(path.join(dir, 'quarantine', `${draft.id}.json`), 'utf8')).toBe(
      '{"schemaVersion":1,"title":"Frag',
    );
    expect(titles(store)).toEqual([]);

    const copy = events.next('quarantined');
    await fsp.writeFile(path.join(dir, 'abc.sync-conflict-20300101-101010-ABCDEFG.json'), '{}');
    expect((await copy).entries[0]?.reason).toMatch(/^Its name is not one Signet gives draft files/);
  });

  it('waits for a file another program is still writing instead of quarantining it half-written', async () => {
    const { dir, store, events } = await watched();
    const file = path.join(dir, 'c0ffee00-0000-4000-8000-000000000001.json');
    const draft = {
      ...(await store.create({ title: 'Scratch' })),
      id: 'c0ffee00-0000-4000-8000-000000000001',
    };
    const whole = serializeDraft({ ...draft, title: 'Written in two goes' });
    const arrived = events.next('draftsChanged', (e) => e.external && e.ids.includes(draft.id));
    // A program that writes in place (not a temp file and a rename): the first half, a pause longer
    // than the watcher's debounce, then the rest.
    await fsp.writeFile(file, whole.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await fsp.appendFile(file, whole.slice(40));
    await arrived;
    expect(titles(store)).toContain('Written in two goes');
    expect(events.of('quarantined')).toEqual([]);
    await expect(fsp.readdir(path.join(dir, 'quarantine'))).rejects.toThrow(/ENOENT/);
  });

  it('takes in a draft that arrived while the folder was being read, before the watcher was on', async () => {
    const dir = await makeTempDir();
    const id = 'c0ffee00-0000-4000-8000-000000000003';
    let first = true;
    // The folder listing is taken, then a sync program drops a draft in, before the store watches.
    const port = {
      ...nodeFs,
      readdir: (async (...args: Parameters<typeof fsp.readdir>) => {
        const names = await fsp.readdir(...args);
        if (first) {
          first = false;
          await fsp.writeFile(
            path.join(dir, `${id}.json`),
            serializeDraft({
              schemaVersion: 1,
              id,
              title: 'Slipped in',
              createdAt: '2030-01-01T10:00:00.000Z',
              updatedAt: '2030-01-01T10:00:00.000Z',
              editorState: paragraphs('between the listing and the watcher'),
              meta: {},
              destinations: {},
            } as Draft),
          );
        }
        return names;
      }) as typeof fsp.readdir,
    };
    const events = new EventLog();
    const store = await DraftStore.open({ dir, fs: port, log: silentLog, onEvent: events.listener });
    cleanups.push(async () => {
      await store.close();
      await removeTempDir(dir);
    });
    await events.next('draftsChanged', (e) => e.external && e.ids.includes(id));
    expect(titles(store)).toEqual(['Slipped in']);
  });

  it('does not report its own saves as outside changes', async () => {
    const { store, events } = await watched();
    const draft = await store.create({ title: 'Mine' });
    for (let i = 0; i < 5; i++) {
      await store.save({ id: draft.id, title: `Mine ${i}`, editorState: paragraphs(`text ${i}`) });
    }
    await store.trash(draft.id);
    await store.restore(draft.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.of('draftsChanged').filter((e) => e.external)).toEqual([]);
    expect(events.of('draftConflict')).toEqual([]);
  });

  it('keeps both sides when a file changes while a save is failing, and resolves as asked', async () => {
    const disk = new FailingFs();
    const { dir, store, events } = await watched({ fs: disk.port, saveRetryMs: 50 });
    const draft = await store.create({ title: 'Offline essay' });
    disk.failWith('ENOSPC');
    await store
      .save({
        id: draft.id,
        title: 'Offline essay',
        editorState: paragraphs('typed while the disk was full'),
      })
      .catch((e: unknown) => expect((e as AppError).code).toBe('SAVE_FAILED'));

    const conflict = events.next('draftConflict', (e) => e.id === draft.id);
    await writeLikeSync(dir, {
      ...draft,
      title: 'Offline essay (synced)',
      editorState: paragraphs('written on the other computer'),
      updatedAt: '2031-01-01T00:00:00.000Z',
    });
    await conflict;
    disk.failWith(null);
    // The retry must not overwrite the other computer's version now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await fsp.readFile(path.join(dir, `${draft.id}.json`), 'utf8')).toContain(
      'written on the other computer',
    );
    const open = store.getConflict(draft.id)!;
    expect(text(open.mine)).toContain('typed while the disk was full');
    expect(text(open.theirs)).toContain('written on the other computer');
    expect(text(await store.get(draft.id))).toContain('typed while the disk was full');

    const resolved = await store.resolveConflict(draft.id, 'mine');
    expect(text(resolved)).toContain('typed while the disk was full');
    expect(await fsp.readFile(path.join(dir, `${draft.id}.json`), 'utf8')).toContain(
      'typed while the disk was full',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.getConflict(draft.id)).toBeNull();
  });

  it('keeps the version Signet wrote as a revision when another program replaces it', async () => {
    const { dir, store, events } = await watched();
    const draft = await store.create({ title: 'Replaced' });
    await store.save({ id: draft.id, title: 'Replaced', editorState: paragraphs('my careful words') });
    const changed = events.next('draftsChanged', (e) => e.external);
    await writeLikeSync(dir, {
      ...draft,
      editorState: paragraphs('theirs'),
      updatedAt: '2031-01-01T00:00:00.000Z',
    });
    await changed;
    const [revision] = await store.listRevisions(draft.id);
    expect(revision?.reason).toBe('external-change');
    expect(text((await store.getRevision(draft.id, revision!.id)).draft)).toContain('my careful words');
  });
});
