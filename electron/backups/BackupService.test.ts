import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../drafts/DraftStore';
import type { FsPort } from '../drafts/fsPort';
import { makeTempDir, manualClock, paragraphs, removeTempDir, silentLog } from '../drafts/testing/helpers';
import type { SettingsData, SettingsPort } from '../ports';
import { BackupService, type Timers } from './BackupService';
import { DEFAULT_PREFERENCES } from '../settings/preferences';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memorySettings(initial: Partial<SettingsData> = {}): SettingsPort & { data: Partial<SettingsData> } {
  const data: Partial<SettingsData> = structuredClone(initial);
  return {
    data,
    get: (key) => data[key] as never,
    set: (key, value) => {
      data[key] = value;
    },
  };
}

class FakeTimers implements Timers {
  callback: (() => void) | null = null;
  ms = 0;
  setInterval(callback: () => void, ms: number): unknown {
    this.callback = callback;
    this.ms = ms;
    return 1;
  }
  clearInterval(): void {
    this.callback = null;
  }
}

async function setup(options: { maxTotalBytes?: number; fs?: FsPort } = {}) {
  const root = await makeTempDir();
  const dataDir = path.join(root, 'data');
  // The drafts folder lives outside the data folder, as after "Move drafts folder".
  const draftsDir = path.join(root, 'elsewhere', 'drafts');
  await fsp.mkdir(dataDir, { recursive: true });
  const clock = manualClock();
  const settings = memorySettings({
    schemaVersion: 1,
    preferences: { ...DEFAULT_PREFERENCES, theme: 'system', spellcheck: true, lastOpenDraftId: null },
    accounts: [{ id: 'acc_1', site: 'https://blog.example' }],
  });
  const store = await DraftStore.open({ dir: draftsDir, clock: clock.now, log: silentLog, watch: false });
  const timers = new FakeTimers();
  const service = new BackupService({
    dataDir,
    draftsDir: () => store.dir,
    settings,
    replaceDrafts: (source) => store.replaceAllFrom(source),
    clock: clock.now,
    log: silentLog,
    timers,
    ...options,
  });
  cleanups.push(async () => {
    await service.stop();
    await store.close();
    await removeTempDir(root);
  });
  return { root, dataDir, draftsDir, clock, settings, store, timers, service };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('BackupService', () => {
  it('backs up at start and every hour, only when something changed', async () => {
    const { service, timers, store, clock, dataDir } = await setup();
    await store.create({ title: 'First', editorState: paragraphs('hello') });
    await service.start();
    expect(timers.ms).toBe(HOUR);
    expect(await service.list()).toHaveLength(1);

    clock.advance(HOUR);
    timers.callback?.();
    await service.whenIdle();
    expect(await service.list()).toHaveLength(1); // nothing changed

    await store.create({ title: 'Second' });
    clock.advance(HOUR);
    timers.callback?.();
    await service.whenIdle();
    const list = await service.list();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ draftCount: 2, createdAt: '2030-01-01T12:00:00.000Z' });
    expect(list[0]!.sizeBytes).toBeGreaterThan(0);
    const latest = await service.backupNow();
    expect(latest.id).toBe(list[0]!.id); // unchanged: the latest one

    await service.stop();
    expect(timers.callback).toBeNull();
    const names = await fsp.readdir(path.join(dataDir, 'backups'));
    expect(names.every((name) => !name.startsWith('.'))).toBe(true);
  });

  it('copies drafts and their images, never secrets, temp files, revisions or the quarantine', async () => {
    const { service, store, dataDir, draftsDir } = await setup();
    await fsp.writeFile(path.join(dataDir, 'secrets.json'), '{"secret":"hunter2"}');
    const draft = await store.create({ title: 'With image', editorState: paragraphs('x') });
    await store.addAsset(draft.id, 'photo.png', new Uint8Array([1, 2, 3]));
    await store.snapshotRevision(draft.id, 'before-publish');
    await fsp.writeFile(path.join(draftsDir, '.something.json.0123abcd.tmp'), 'half');
    await fsp.mkdir(path.join(draftsDir, 'quarantine'), { recursive: true });
    await fsp.writeFile(path.join(draftsDir, 'quarantine', 'bad.json'), 'x');

    const backup = await service.backupNow();
    const files = (await allFiles(path.join(dataDir, 'backups'))).sort();
    expect(files).toEqual(
      [
        path.join(backup.id, 'drafts', `${draft.id}.assets`, 'photo.png'),
        path.join(backup.id, 'drafts', `${draft.id}.json`),
        path.join(backup.id, 'manifest.json'),
        path.join(backup.id, 'settings.json'),
      ].sort(),
    );
    const settings = await fsp.readFile(path.join(dataDir, 'backups', backup.id, 'settings.json'), 'utf8');
    expect(settings).not.toContain('hunter2');
    expect(Object.keys(JSON.parse(settings) as object).sort()).toEqual(['accounts', 'preferences']);
  });

  it('keeps hourly backups for a day, then one a day for a week', async () => {
    const { service, settings, clock } = await setup();
    for (let i = 0; i < 30; i++) {
      settings.set('preferences', {
        ...DEFAULT_PREFERENCES,
        theme: 'system',
        spellcheck: i % 2 === 0,
        lastOpenDraftId: `d${i}`,
      });
      await service.backupNow();
      clock.advance(HOUR);
    }
    // 2030-01-01T10:00 … 2030-01-02T15:00: the last 24 hours; 1 January is among them already.
    let list = await service.list();
    expect(list).toHaveLength(24);
    expect(list.at(-1)!.createdAt).toBe('2030-01-01T16:00:00.000Z');

    for (let day = 0; day < 10; day++) {
      clock.advance(DAY);
      settings.set('preferences', {
        ...DEFAULT_PREFERENCES,
        theme: 'dark',
        spellcheck: true,
        lastOpenDraftId: `day${day}`,
      });
      await service.backupNow();
    }
    list = await service.list();
    // Today's, and the newest of each of the six days before; nothing older than a week.
    expect(list.map((b) => b.createdAt.slice(0, 10))).toEqual([
      '2030-01-12',
      '2030-01-11',
      '2030-01-10',
      '2030-01-09',
      '2030-01-08',
      '2030-01-07',
      '2030-01-06',
    ]);
  });

  it('deletes the oldest backups over the size cap but always keeps the newest', async () => {
    const { service, settings, clock, store } = await setup({ maxTotalBytes: 1 });
    await store.create({ title: 'A', editorState: paragraphs('a'.repeat(1000)) });
    for (let i = 0; i < 3; i++) {
      settings.set('preferences', {
        ...DEFAULT_PREFERENCES,
        theme: 'light',
        spellcheck: true,
        lastOpenDraftId: `x${i}`,
      });
      await service.backupNow();
      clock.advance(60_000);
    }
    const list = await service.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.createdAt).toBe('2030-01-01T10:02:00.000Z');
  });

  it('never lists a backup that was not finished, and cleans up after a failed one', async () => {
    let copies = 0;
    const failing: FsPort = {
      ...fsp,
      copyFile: (async (...args: Parameters<typeof fsp.copyFile>) => {
        if (++copies === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return fsp.copyFile(...args);
      }) as typeof fsp.copyFile,
    };
    const { service, store, dataDir } = await setup({ fs: failing });
    await store.create({ title: 'One' });
    await store.create({ title: 'Two' });
    await expect(service.backupNow()).rejects.toThrow('disk full');
    expect(await service.list()).toEqual([]);
    expect(await fsp.readdir(path.join(dataDir, 'backups'))).toEqual([]);

    // A temp folder left by a crash (with a complete manifest even) is not a backup.
    const temp = path.join(dataDir, 'backups', '.tmp-2030-01-01T09-00-00.000Z');
    await fsp.mkdir(temp);
    await fsp.writeFile(
      path.join(temp, 'manifest.json'),
      JSON.stringify({
        createdAt: '2030-01-01T09:00:00.000Z',
        draftCount: 0,
        sizeBytes: 0,
        fingerprint: 'x',
      }),
    );
    expect(await service.list()).toEqual([]);

    // The next backup clears it away.
    const ok = await setup({ fs: fsp });
    await fsp.mkdir(path.join(ok.dataDir, 'backups', '.tmp-2030-01-01T09-00-00.000Z'), { recursive: true });
    const made = await ok.service.backupNow();
    expect(await fsp.readdir(path.join(ok.dataDir, 'backups'))).toEqual([made.id]);
  });

  it('restores a deleted and an edited draft after backing up the current state', async () => {
    const { service, store, settings, clock } = await setup();
    const edited = await store.create({ title: 'Edited', editorState: paragraphs('original text') });
    const deleted = await store.create({ title: 'Deleted', editorState: paragraphs('keep me') });
    await store.addAsset(deleted.id, 'pic.png', new Uint8Array([9, 9]));
    const backup = await service.backupNow();

    clock.advance(HOUR);
    const current = await store.get(edited.id);
    await store.save({
      id: edited.id,
      title: 'Edited later',
      editorState: paragraphs('new text'),
      baseUpdatedAt: current.updatedAt,
    });
    await store.trash(deleted.id);
    await store.emptyTrash();
    const added = await store.create({ title: 'Written after' });
    settings.set('accounts', []);

    const safety = await service.restore(backup.id, false);
    expect(safety.id).not.toBe(backup.id);
    expect(safety.draftCount).toBe(2);

    expect((await store.get(edited.id)).title).toBe('Edited');
    expect(JSON.stringify((await store.get(edited.id)).editorState)).toContain('original text');
    expect((await store.get(deleted.id)).title).toBe('Deleted');
    expect(store.assetPath(deleted.id, 'pic.png')).not.toBeNull();
    const ids = store.list({ filter: 'all', offset: 0, limit: 100 }).items.map((d) => d.id);
    expect(ids).toContain(deleted.id);
    expect(ids).not.toContain(added.id);
    expect(settings.data.accounts).toEqual([]); // drafts only by default

    // The restore can be undone: the safety backup holds the later state.
    await service.restore(safety.id, true);
    expect((await store.get(edited.id)).title).toBe('Edited later');
    expect((await store.get(added.id)).title).toBe('Written after');
    await expect(store.get(deleted.id)).rejects.toThrow();

    await service.restore(backup.id, true);
    expect(settings.data.accounts).toEqual([{ id: 'acc_1', site: 'https://blog.example' }]);
  });
});
