import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft } from '../contract';
import { AppError } from '../dispatcher';
import { DraftStore } from './DraftStore';
import { serializeDraft } from './draftFile';
import type { FsPort } from './fsPort';
import { pruneRevisions, writeRevision } from './revisions';
import {
  EventLog,
  FailingFs,
  makeTempDir,
  manualClock,
  paragraphs,
  removeTempDir,
  silentLog,
} from './testing/helpers';
import type { DraftStoreOptions } from './types';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Partial<DraftStoreOptions> = {}) {
  const dir = options.dir ?? (await makeTempDir());
  const clock = manualClock();
  const events = new EventLog();
  const store = await DraftStore.open({
    dir,
    clock: clock.now,
    log: silentLog,
    watch: false,
    onEvent: events.listener,
    ...options,
  });
  cleanups.push(async () => {
    await store.close();
    await removeTempDir(dir);
  });
  return { dir, store, clock, events };
}

async function reopen(dir: string, options: Partial<DraftStoreOptions> = {}) {
  const events = new EventLog();
  const store = await DraftStore.open({
    dir,
    log: silentLog,
    watch: false,
    onEvent: events.listener,
    ...options,
  });
  cleanups.push(() => store.close());
  return { store, events };
}

async function readDraftFile(dir: string, id: string): Promise<Draft> {
  return JSON.parse(await fsp.readFile(path.join(dir, `${id}.json`), 'utf8')) as Draft;
}

function bodyOf(draft: Draft): string {
  if (!draft.editorState) return '';
  const root = draft.editorState.root as { children: { children: { text: string }[] }[] };
  return root.children.map((p) => p.children.map((t) => t.text).join('')).join('\n');
}

function fileDraft(id: string, overrides: Partial<Draft> = {}): Draft {
  return {
    schemaVersion: 1,
    id,
    title: `Draft ${id}`,
    createdAt: '2029-01-01T00:00:00.000Z',
    updatedAt: '2029-01-01T00:00:00.000Z',
    editorState: paragraphs(`Body of ${id}`),
    meta: {},
    destinations: {},
    ...overrides,
  };
}

async function writeDraftFiles(dir: string, drafts: Draft[]): Promise<void> {
  await Promise.all(drafts.map((d) => fsp.writeFile(path.join(dir, `${d.id}.json`), serializeDraft(d))));
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const titles = (store: DraftStore, input: Partial<Parameters<DraftStore['list']>[0]> = {}) =>
  store.list({ filter: 'all', offset: 0, limit: 100, ...input }).items.map((item) => item.title);

describe('drafts as files', () => {
  it('creates a draft as one JSON file with a URL-safe id, and reads it back', async () => {
    const { dir, store } = await setup();
    const draft = await store.create({ title: 'Hello' });
    expect(draft.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const onDisk = await readDraftFile(dir, draft.id);
    expect(onDisk).toMatchObject({
      schemaVersion: 1,
      id: draft.id,
      title: 'Hello',
      destinations: {},
      meta: {},
    });
    expect(await store.get(draft.id)).toEqual(draft);
    expect(await fsp.readdir(dir)).toEqual([`${draft.id}.json`]);
  });

  it('saves text with updatedAt from the clock, keeping createdAt, meta it was not given and destinations', async () => {
    const { dir, store, clock } = await setup();
    const draft = await store.create({ title: 'Trip' });
    const destinations = { 'ghost:https://blog.example': { remoteId: 'p1', status: 'published' } };
    await fsp.writeFile(
      path.join(dir, `${draft.id}.json`),
      serializeDraft({ ...draft, destinations, meta: { tags: ['travel'] } }),
    );
    const { store: reopened } = await reopen(dir, { clock: clock.now });
    clock.advance(60_000);
    const result = await reopened.save({
      id: draft.id,
      title: 'Trip to Porto',
      editorState: paragraphs('We left at dawn.'),
      baseUpdatedAt: draft.updatedAt,
    });
    expect(result.updatedAt).toBe('2030-01-01T10:01:00.000Z');
    const saved = await readDraftFile(dir, draft.id);
    expect(saved).toMatchObject({
      title: 'Trip to Porto',
      createdAt: draft.createdAt,
      updatedAt: '2030-01-01T10:01:00.000Z',
      meta: { tags: ['travel'] },
      destinations,
    });
    expect(bodyOf(saved)).toBe('We left at dawn.');
  });

  it('shows title, snippet, word count and dates in the list, newest first, in pages', async () => {
    const { store, clock } = await setup();
    const ids: string[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      const draft = await store.create({ title });
      await store.save({ id: draft.id, title, editorState: paragraphs(`${title} body has five words`) });
      ids.push(draft.id);
      clock.advance(1000);
    }
    const all = store.list({ filter: 'all', offset: 0, limit: 100 });
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.title)).toEqual(['Third', 'Second', 'First']);
    expect(all.items[0]).toMatchObject({
      snippet: 'Third body has five words',
      wordCount: 5,
      state: 'local',
    });
    expect(titles(store, { offset: 1, limit: 1 })).toEqual(['Second']);
    // Editing an old draft moves it to the top.
    await store.save({ id: ids[0]!, title: 'First, edited', editorState: paragraphs('x') });
    expect(titles(store)[0]).toBe('First, edited');
  });

  it('tells the state of each draft and filters by it', async () => {
    const { dir } = await setup();
    const future = '2031-06-01T00:00:00.000Z';
    const past = '2029-06-01T00:00:00.000Z';
    const blog = 'wordpress:https://blog.example';
    await writeDraftFiles(dir, [
      fileDraft('local1'),
      fileDraft('queued1', { destinations: { [blog]: { status: 'queued', remoteId: '1' } } }),
      fileDraft('sched1', { destinations: { [blog]: { status: 'scheduled' } } }),
      fileDraft('sched2', { meta: { scheduledAt: future }, destinations: { [blog]: {} } }),
      fileDraft('local2', { meta: { scheduledAt: future } }),
      fileDraft('pub1', { meta: { scheduledAt: past }, destinations: { [blog]: { remoteId: '7' } } }),
      fileDraft('trash1', { trashedAt: past, destinations: { [blog]: { remoteId: '8' } } }),
    ]);
    const { store } = await reopen(dir, { clock: () => new Date('2030-01-01T00:00:00.000Z') });
    const ids = (filter: Parameters<DraftStore['list']>[0]['filter']) =>
      store
        .list({ filter, offset: 0, limit: 100 })
        .items.map((i) => i.id)
        .sort();
    expect(ids('local')).toEqual(['local1', 'local2']);
    expect(ids('queued')).toEqual(['queued1']);
    expect(ids('scheduled')).toEqual(['sched1', 'sched2']);
    expect(ids('published')).toEqual(['pub1']);
    expect(ids('trash')).toEqual(['trash1']);
    expect(ids('all')).toEqual(['local1', 'local2', 'pub1', 'queued1', 'sched1', 'sched2']);
  });

  it('answers NOT_FOUND for a draft that does not exist', async () => {
    const { store } = await setup();
    await expectAppError(store.get('nope'), 'NOT_FOUND');
    await expectAppError(store.get('../etc/passwd'), 'NOT_FOUND');
    await expectAppError(store.save({ id: 'nope', title: 'x', editorState: null }), 'NOT_FOUND');
  });

  it('removes temp files a crash left behind, and nothing else', async () => {
    const { dir } = await setup();
    await writeDraftFiles(dir, [fileDraft('keep1')]);
    await fsp.writeFile(path.join(dir, '.keep1.json.0a1b2c3d.tmp'), '{"half');
    await fsp.writeFile(path.join(dir, 'notes.txt'), 'mine');
    const { store } = await reopen(dir);
    expect((await fsp.readdir(dir)).sort()).toEqual(['keep1.json', 'notes.txt']);
    expect(titles(store)).toEqual(['Draft keep1']);
  });
});

describe('search', () => {
  async function library() {
    const ctx = await setup();
    const add = async (title: string, ...body: string[]) => {
      const draft = await ctx.store.create({ title });
      await ctx.store.save({ id: draft.id, title, editorState: paragraphs(...body) });
      ctx.clock.advance(1000);
      return draft.id;
    };
    const ids = {
      lisbon: await add('A week in Lisbon', 'Trams, custard tarts and the river.'),
      bread: await add('Sourdough notes', 'My starter lives in the fridge; Lisbon bakeries inspired me.'),
      garden: await add('Garden diary', 'Tomatoes and beans. The café next door sells seedlings.'),
    };
    await ctx.store.whenSearchReady();
    return { ...ctx, ids };
  }

  const search = (store: DraftStore, query: string, filter: 'all' | 'trash' = 'all') =>
    store.list({ filter, query, offset: 0, limit: 50 }).items.map((item) => item.title);

  it('finds words in titles and bodies, title matches first', async () => {
    const { store } = await library();
    expect(search(store, 'lisbon')).toEqual(['A week in Lisbon', 'Sourdough notes']);
    expect(search(store, 'tomatoes')).toEqual(['Garden diary']);
    expect(search(store, 'submarine')).toEqual([]);
  });

  it('matches the start of a word, a typo, accents loosely, and needs every word', async () => {
    const { store } = await library();
    expect(search(store, 'sourd')).toEqual(['Sourdough notes']);
    expect(search(store, 'custrd')).toEqual(['A week in Lisbon']);
    expect(search(store, 'cafe')).toEqual(['Garden diary']);
    expect(search(store, 'lisbon starter')).toEqual(['Sourdough notes']);
  });

  it('follows saves and the trash at once', async () => {
    const { store, ids } = await library();
    await store.save({
      id: ids.garden,
      title: 'Garden diary',
      editorState: paragraphs('Pumpkins everywhere.'),
    });
    expect(search(store, 'tomatoes')).toEqual([]);
    expect(search(store, 'pumpkins')).toEqual(['Garden diary']);
    await store.trash(ids.lisbon);
    expect(search(store, 'lisbon')).toEqual(['Sourdough notes']);
    expect(search(store, 'lisbon', 'trash')).toEqual(['A week in Lisbon']);
    await store.restore(ids.lisbon);
    expect(search(store, 'trams')).toEqual(['A week in Lisbon']);
  });

  it('finds drafts right after opening, before the full-text index is complete', async () => {
    const { dir } = await setup();
    const drafts = Array.from({ length: 400 }, (_, i) =>
      fileDraft(`d${i}`, {
        editorState: paragraphs(i === 321 ? 'the word zeppelin is here' : 'plain words'),
      }),
    );
    await writeDraftFiles(dir, drafts);
    const { store } = await reopen(dir);
    expect(
      store.list({ filter: 'all', query: 'zeppelin', offset: 0, limit: 10 }).items.map((i) => i.id),
    ).toEqual(['d321']);
    await store.whenSearchReady();
    expect(
      store.list({ filter: 'all', query: 'zeppelin', offset: 0, limit: 10 }).items.map((i) => i.id),
    ).toEqual(['d321']);
    expect(store.list({ filter: 'all', offset: 0, limit: 10 }).total).toBe(400);
  });
});

describe('files that cannot be read', () => {
  it('moves broken and too-new files to quarantine with the reason, opens anyway, deletes nothing', async () => {
    const { dir } = await setup();
    await writeDraftFiles(dir, [fileDraft('good1')]);
    const broken = '{"schemaVersion": 1, "id": "broken1", }';
    const newer = JSON.stringify({ schemaVersion: 7, id: 'future1', whatever: true });
    await fsp.writeFile(path.join(dir, 'broken1.json'), broken);
    await fsp.writeFile(path.join(dir, 'future1.json'), newer);

    const { store, events } = await reopen(dir);
    expect(titles(store)).toEqual(['Draft good1']);
    const quarantine = path.join(dir, 'quarantine');
    expect(await fsp.readFile(path.join(quarantine, 'broken1.json'), 'utf8')).toBe(broken);
    expect(await fsp.readFile(path.join(quarantine, 'future1.json'), 'utf8')).toBe(newer);
    expect((await fsp.readdir(dir)).filter((n) => n.endsWith('.json'))).toEqual(['good1.json']);

    const entries = await store.listQuarantine();
    const byName = Object.fromEntries(entries.map((e) => [e.fileName, e]));
    expect(byName['broken1.json']?.reason).toMatch(
      new RegExp(
        `^The file is not valid JSON \\(.+\\)\\. It was moved to ${escape(path.join(quarantine, 'broken1.json'))}; nothing was deleted\\.$`,
      ),
    );
    expect(byName['future1.json']?.reason).toBe(
      'It was written by a newer version of Signet (schema 7); update Signet to open it. ' +
        `It was moved to ${path.join(quarantine, 'future1.json')}; nothing was deleted.`,
    );
    expect(
      events
        .of('quarantined')
        .flatMap((e) => e.entries.map((x) => x.fileName))
        .sort(),
    ).toEqual(['broken1.json', 'future1.json']);
  });

  it('keeps every quarantined file when names repeat', async () => {
    const { dir } = await setup();
    await fsp.writeFile(path.join(dir, 'same1.json'), 'first');
    await reopen(dir);
    await fsp.writeFile(path.join(dir, 'same1.json'), 'second');
    const { store } = await reopen(dir);
    const quarantine = path.join(dir, 'quarantine');
    expect(await fsp.readFile(path.join(quarantine, 'same1.json'), 'utf8')).toBe('first');
    expect(await fsp.readFile(path.join(quarantine, 'same1-2.json'), 'utf8')).toBe('second');
    expect((await store.listQuarantine()).map((e) => e.fileName)).toEqual(['same1.json', 'same1.json']);
  });

  it('opens a file it once set aside as too new, once this Signet can read it', async () => {
    const { dir } = await setup();
    const quarantine = path.join(dir, 'quarantine');
    await fsp.mkdir(quarantine);
    await fsp.writeFile(path.join(quarantine, 'later1.json'), serializeDraft(fileDraft('later1')));
    await fsp.writeFile(
      path.join(quarantine, 'later1.json.reason.json'),
      JSON.stringify({
        fileName: 'later1.json',
        why: 'newer',
        kind: 'newer-schema',
        at: '2029-01-01T00:00:00Z',
      }),
    );
    const { store } = await reopen(dir);
    expect(titles(store)).toEqual(['Draft later1']);
    expect(await store.listQuarantine()).toEqual([]);
  });

  it('opens a draft written in the old schema 0 and upgrades its file only when it is saved', async () => {
    const { dir, clock } = await setup();
    const v0 = JSON.stringify({
      schemaVersion: 0,
      id: 'old1',
      title: 'From the prototype',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
      editorState: paragraphs('old words'),
    });
    await fsp.writeFile(path.join(dir, 'old1.json'), v0);
    const { store } = await reopen(dir, { clock: clock.now });
    expect(titles(store)).toEqual(['From the prototype']);
    expect(await fsp.readFile(path.join(dir, 'old1.json'), 'utf8')).toBe(v0);
    await store.save({ id: 'old1', title: 'From the prototype', editorState: paragraphs('new words') });
    expect(await readDraftFile(dir, 'old1')).toMatchObject({ schemaVersion: 1, destinations: {}, meta: {} });
  });
});

describe('when the disk refuses a save', () => {
  it('keeps the text in memory, says so, and saves it once the disk has space again', async () => {
    const disk = new FailingFs();
    const { dir, store, events } = await setup({ fs: disk.port, saveRetryMs: 20 });
    const draft = await store.create({ title: 'Essay' });
    disk.failWith('ENOSPC');
    const error = await expectAppError(
      store.save({ id: draft.id, title: 'Essay', editorState: paragraphs('Every word counts.') }),
      'SAVE_FAILED',
    );
    const expected =
      'Signet could not save “Essay”: the disk is full. Your text is kept in memory and Signet keeps trying; ' +
      'free some space.';
    expect(error.message).toBe(expected);
    expect(events.of('saveStatus')).toEqual([
      { type: 'saveStatus', id: draft.id, state: 'failing', message: expected },
    ]);
    expect(bodyOf(await store.get(draft.id))).toBe('Every word counts.');
    expect(bodyOf(await readDraftFile(dir, draft.id))).toBe('');
    // More typing while the disk is full replaces what is kept, without a second alarm.
    await expectAppError(
      store.save({ id: draft.id, title: 'Essay', editorState: paragraphs('Every word counts. Twice.') }),
      'SAVE_FAILED',
    );
    expect(events.of('saveStatus')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(disk.failures).toBeGreaterThan(2); // it kept trying

    const recovered = events.next('saveStatus', (e) => e.state === 'recovered');
    disk.failWith(null);
    await recovered;
    expect(bodyOf(await readDraftFile(dir, draft.id))).toBe('Every word counts. Twice.');
    expect((await fsp.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('names the folder when Signet may not write there', async () => {
    const disk = new FailingFs();
    const { dir, store } = await setup({ fs: disk.port });
    const draft = await store.create({ title: 'Locked' });
    disk.failWith('EACCES');
    const error = await expectAppError(
      store.save({ id: draft.id, title: 'Locked', editorState: paragraphs('x') }),
      'SAVE_FAILED',
    );
    expect(error.message).toContain(`Signet has no permission to write to ${dir}`);
    expect(error.message).toContain('Your text is kept in memory');
  });

  it('makes one last try when closing', async () => {
    const disk = new FailingFs();
    const { dir, store } = await setup({ fs: disk.port, saveRetryMs: 60_000 });
    const draft = await store.create({ title: 'Last' });
    disk.failWith('EROFS');
    await expectAppError(
      store.save({ id: draft.id, title: 'Last words', editorState: paragraphs('bye') }),
      'SAVE_FAILED',
    );
    disk.failWith(null);
    await store.close();
    expect(await readDraftFile(dir, draft.id)).toMatchObject({ title: 'Last words' });
  });
});

describe('trash', () => {
  it('keeps a trashed draft as a file until the trash is emptied, then removes it with its folders', async () => {
    const { dir, store } = await setup();
    const keep = await store.create({ title: 'Keep' });
    const drop = await store.create({ title: 'Drop' });
    await store.addAsset(drop.id, 'cat.png', new Uint8Array([1, 2, 3]));
    await store.save({ id: drop.id, title: 'Drop', editorState: paragraphs('one') });
    await store.save({ id: drop.id, title: 'Drop', editorState: paragraphs('two') });

    await store.trash(drop.id);
    expect((await readDraftFile(dir, drop.id)).trashedAt).toBe('2030-01-01T10:00:00.000Z');
    expect(titles(store)).toEqual(['Keep']);
    expect(titles(store, { filter: 'trash' })).toEqual(['Drop']);

    await store.restore(drop.id);
    expect((await readDraftFile(dir, drop.id)).trashedAt).toBeUndefined();
    expect(titles(store).sort()).toEqual(['Drop', 'Keep']);

    await store.trash(drop.id);
    expect(await store.emptyTrash()).toBe(1);
    expect(await fsp.readdir(dir)).toEqual([`${keep.id}.json`]);
    expect(titles(store, { filter: 'trash' })).toEqual([]);
    await expectAppError(store.get(drop.id), 'NOT_FOUND');
    expect(await store.emptyTrash()).toBe(0);
  });
});

describe('revisions', () => {
  it('snapshots the previous text every few minutes while the author edits', async () => {
    const { store, clock } = await setup({ revisionIntervalMs: 5 * 60_000 });
    const draft = await store.create({ title: 'Notes' });
    const save = (text: string) =>
      store.save({ id: draft.id, title: 'Notes', editorState: paragraphs(text) });
    await save('v1'); // replaces an empty draft: nothing worth keeping
    expect(await store.listRevisions(draft.id)).toEqual([]);
    clock.advance(10_000);
    await save('v2');
    clock.advance(60_000);
    await save('v3');
    clock.advance(4 * 60_000);
    await save('v4');
    const revisions = await store.listRevisions(draft.id);
    expect(revisions.map((r) => r.reason)).toEqual(['autosave', 'autosave']);
    const texts = await Promise.all(
      revisions.map(async (r) => bodyOf((await store.getRevision(draft.id, r.id)).draft)),
    );
    expect(texts).toEqual(['v3', 'v1']);
    expect(revisions[0]).toMatchObject({
      title: 'Notes',
      wordCount: 1,
      createdAt: '2030-01-01T10:05:10.000Z',
    });
  });

  it('restores a revision as a new save, keeping the text it replaces', async () => {
    const { dir, store, clock } = await setup({ revisionIntervalMs: 0 });
    const draft = await store.create({ title: 'Poem' });
    await store.save({ id: draft.id, title: 'Poem', editorState: paragraphs('first version') });
    await store.save({ id: draft.id, title: 'Poem, later', editorState: paragraphs('second version') });
    const [first] = await store.listRevisions(draft.id);
    clock.advance(1000);
    const restored = await store.restoreRevision(draft.id, first!.id);
    expect(bodyOf(restored)).toBe('first version');
    expect(restored.title).toBe('Poem');
    expect(restored.updatedAt).toBe('2030-01-01T10:00:01.000Z');
    expect(bodyOf(await readDraftFile(dir, draft.id))).toBe('first version');
    const [latest] = await store.listRevisions(draft.id);
    expect(latest).toMatchObject({ reason: 'before-restore', title: 'Poem, later' });
    expect(bodyOf((await store.getRevision(draft.id, latest!.id)).draft)).toBe('second version');
    await expectAppError(store.restoreRevision(draft.id, 'nope'), 'NOT_FOUND');
    await expectAppError(store.getRevision(draft.id, '../../x'), 'NOT_FOUND');
  });

  it('prunes the oldest autosaves first and keeps snapshots taken for a reason', async () => {
    const dir = await makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const draft = fileDraft('p1');
    const ids = [
      '000000001-aaaaaa',
      '000000002-aaaaaa',
      '000000003-aaaaaa',
      '000000004-aaaaaa',
      '000000005-aaaaaa',
    ];
    const reasons = ['conflict', 'autosave', 'autosave', 'before-restore', 'autosave'] as const;
    for (const [i, id] of ids.entries())
      await writeRevision(nodeFsFor(), dir, draft, reasons[i]!, id, new Date());
    expect(await pruneRevisions(nodeFsFor(), dir, 'p1', 3)).toBe(2);
    const left = (await fsp.readdir(path.join(dir, 'p1.revisions'))).sort();
    expect(left).toEqual(['000000001-aaaaaa.json', '000000004-aaaaaa.json', '000000005-aaaaaa.json']);
  });
});

describe('conflicts with other programs', () => {
  async function conflicted() {
    const ctx = await setup({ revisionIntervalMs: 0 });
    const draft = await ctx.store.create({ title: 'Shared' });
    await ctx.store.addAsset(draft.id, 'map.png', new Uint8Array([9]));
    ctx.clock.advance(1000);
    const { updatedAt: loaded } = await ctx.store.save({
      id: draft.id,
      title: 'Shared',
      editorState: paragraphs('base text'),
    });
    // Another computer edits the file (synced in), and publishes it.
    const theirs: Draft = {
      ...(await readDraftFile(ctx.dir, draft.id)),
      title: 'Shared (laptop)',
      editorState: paragraphs('their text'),
      updatedAt: '2030-01-01T11:00:00.000Z',
      destinations: {
        'ghost:https://blog.example': { remoteId: 'r1', remoteModifiedAt: '2030-01-01T11:00:00Z' },
      },
    };
    await fsp.writeFile(path.join(ctx.dir, `${draft.id}.json`), serializeDraft(theirs));
    ctx.clock.advance(1000);
    const conflict = ctx.events.next('draftConflict');
    const error = await expectAppError(
      ctx.store.save({
        id: draft.id,
        title: 'Shared',
        editorState: paragraphs('my text'),
        baseUpdatedAt: loaded,
      }),
      'CONFLICT',
    );
    expect(error.message).toContain('choose which version to keep');
    await conflict;
    return { ...ctx, id: draft.id };
  }

  it('does not overwrite the other version, and keeps mine on disk as a revision', async () => {
    const { dir, store, id } = await conflicted();
    expect(bodyOf(await readDraftFile(dir, id))).toBe('their text');
    const conflict = store.getConflict(id)!;
    expect(bodyOf(conflict.mine)).toBe('my text');
    expect(bodyOf(conflict.theirs)).toBe('their text');
    const [revision] = await store.listRevisions(id);
    expect(revision?.reason).toBe('conflict');
    expect(bodyOf((await store.getRevision(id, revision!.id)).draft)).toBe('my text');
    // Typing goes on: it is kept with "mine", and the file is still not touched.
    await expectAppError(
      store.save({ id, title: 'Shared', editorState: paragraphs('my text, more') }),
      'CONFLICT',
    );
    expect(bodyOf(store.getConflict(id)!.mine)).toBe('my text, more');
    expect(bodyOf(await store.get(id))).toBe('my text, more');
    expect(bodyOf(await readDraftFile(dir, id))).toBe('their text');
  });

  it('keeps mine when asked, with the other version as a revision and its publishing state', async () => {
    const { dir, store, id } = await conflicted();
    const result = await store.resolveConflict(id, 'mine');
    expect(bodyOf(result)).toBe('my text');
    const onDisk = await readDraftFile(dir, id);
    expect(bodyOf(onDisk)).toBe('my text');
    expect(onDisk.destinations['ghost:https://blog.example']?.remoteId).toBe('r1');
    const revisions = await store.listRevisions(id);
    const texts = await Promise.all(
      revisions.map(async (r) => bodyOf((await store.getRevision(id, r.id)).draft)),
    );
    expect(texts).toContain('their text');
    expect(store.getConflict(id)).toBeNull();
    await store.save({
      id,
      title: 'Shared',
      editorState: paragraphs('after'),
      baseUpdatedAt: result.updatedAt,
    });
  });

  it('keeps theirs when asked, with mine still in the revisions', async () => {
    const { dir, store, id } = await conflicted();
    const result = await store.resolveConflict(id, 'theirs');
    expect(result.title).toBe('Shared (laptop)');
    expect(bodyOf(await store.get(id))).toBe('their text');
    expect(bodyOf(await readDraftFile(dir, id))).toBe('their text');
    const revisions = await store.listRevisions(id);
    const texts = await Promise.all(
      revisions.map(async (r) => bodyOf((await store.getRevision(id, r.id)).draft)),
    );
    expect(texts).toContain('my text');
    expect(titles(store)).toEqual(['Shared (laptop)']);
  });

  it('keeps both when asked: mine becomes a new draft with its images and no blog identity', async () => {
    const { dir, store, id } = await conflicted();
    const result = await store.resolveConflict(id, 'both');
    expect(bodyOf(result)).toBe('their text');
    const copy = store.list({ filter: 'all', offset: 0, limit: 10 }).items.find((i) => i.id !== id)!;
    expect(copy.title).toBe('Shared (conflicted copy)');
    const copied = await store.get(copy.id);
    expect(bodyOf(copied)).toBe('my text');
    expect(copied.destinations).toEqual({});
    expect(store.assetPath(copy.id, 'map.png')).toBe(path.join(dir, `${copy.id}.assets`, 'map.png'));
    expect(bodyOf(await readDraftFile(dir, id))).toBe('their text');
    await expectAppError(store.resolveConflict(id, 'both'), 'NOT_FOUND');
  });

  it('is no conflict when the editor saw the other version, or saves twice before hearing back', async () => {
    const { dir, store, clock } = await setup();
    const draft = await store.create({ title: 'Calm' });
    const theirs = { ...draft, title: 'Calm (synced)', updatedAt: '2030-01-01T12:00:00.000Z' };
    await fsp.writeFile(path.join(dir, `${draft.id}.json`), serializeDraft(theirs));
    // The editor reloaded the synced version, so its base is theirs.
    clock.advance(1000);
    await store.save({
      id: draft.id,
      title: 'A',
      editorState: paragraphs('a'),
      baseUpdatedAt: theirs.updatedAt,
    });
    clock.advance(1000);
    // Two saves sent with the same base: the second finds the first one's write.
    await store.save({
      id: draft.id,
      title: 'B',
      editorState: paragraphs('b'),
      baseUpdatedAt: theirs.updatedAt,
    });
    expect(await readDraftFile(dir, draft.id)).toMatchObject({ title: 'B' });
  });

  it('snapshots a version it never saw before a save without a base replaces it', async () => {
    const { dir, store } = await setup();
    const draft = await store.create({ title: 'Unseen' });
    await fsp.writeFile(
      path.join(dir, `${draft.id}.json`),
      serializeDraft({
        ...draft,
        editorState: paragraphs('written elsewhere'),
        updatedAt: '2030-02-01T00:00:00.000Z',
      }),
    );
    await store.save({ id: draft.id, title: 'Unseen', editorState: paragraphs('mine') });
    const [revision] = await store.listRevisions(draft.id);
    expect(revision?.reason).toBe('external-change');
    expect(bodyOf((await store.getRevision(draft.id, revision!.id)).draft)).toBe('written elsewhere');
  });
});

describe('moving the drafts folder', () => {
  async function populated() {
    const ctx = await setup({ revisionIntervalMs: 0 });
    const a = await ctx.store.create({ title: 'Alpha' });
    const b = await ctx.store.create({ title: 'Beta' });
    await ctx.store.addAsset(a.id, 'a.png', new Uint8Array([1, 2]));
    await ctx.store.save({ id: a.id, title: 'Alpha', editorState: paragraphs('one') });
    await ctx.store.save({ id: a.id, title: 'Alpha', editorState: paragraphs('two') });
    await fsp.writeFile(path.join(ctx.dir, 'bad1.json'), 'not json');
    const { store: reopened } = await reopen(ctx.dir, { clock: ctx.clock.now, revisionIntervalMs: 0 });
    const target = await makeTempDir();
    cleanups.push(() => removeTempDir(target));
    return { ...ctx, store: reopened, a, b, target: path.join(target, 'Dropbox', 'Signet') };
  }

  it('moves drafts, images, revisions and quarantine, and keeps working in the new folder', async () => {
    const { dir, store, a, b, target } = await populated();
    await store.moveTo(target);
    expect(store.dir).toBe(target);
    expect((await fsp.readdir(target)).sort()).toEqual(
      [`${a.id}.assets`, `${a.id}.json`, `${a.id}.revisions`, `${b.id}.json`, 'quarantine'].sort(),
    );
    expect((await fsp.readdir(dir)).filter((n) => n !== 'quarantine')).toEqual([]);
    expect(await fsp.readdir(path.join(dir, 'quarantine')).catch(() => [])).toEqual([]);
    expect(store.assetPath(a.id, 'a.png')).toBe(path.join(target, `${a.id}.assets`, 'a.png'));
    expect((await store.listRevisions(a.id)).length).toBe(1);
    expect((await store.listQuarantine()).map((e) => e.fileName)).toEqual(['bad1.json']);
    await store.save({ id: b.id, title: 'Beta moved', editorState: paragraphs('here') });
    expect(await readDraftFile(target, b.id)).toMatchObject({ title: 'Beta moved' });
    const { store: again } = await reopen(target);
    expect(titles(again).sort()).toEqual(['Alpha', 'Beta moved']);
  });

  it('refuses a folder inside the drafts folder, or one holding these drafts or other files', async () => {
    const { dir, store, a, target } = await populated();
    const inside = await expectAppError(store.moveTo(path.join(dir, 'sub')), 'BAD_REQUEST');
    expect(inside.message).toContain('outside the drafts folder');
    await fsp.mkdir(target, { recursive: true });
    await fsp.copyFile(path.join(dir, `${a.id}.json`), path.join(target, `${a.id}.json`));
    const clash = await expectAppError(store.moveTo(target), 'BAD_REQUEST');
    expect(clash.message).toContain('Signet will not overwrite them');
    await fsp.rm(path.join(target, `${a.id}.json`));
    await fsp.writeFile(path.join(target, 'package.json'), '{}');
    const foreign = await expectAppError(store.moveTo(target), 'BAD_REQUEST');
    expect(foreign.message).toContain('not Signet drafts (such as package.json)');
    expect(store.dir).toBe(dir);
    expect(await fsp.readdir(target)).toEqual(['package.json']);
  });

  it('leaves everything in the old folder when the copy fails half-way', async () => {
    const disk = new FailingFs();
    const ctx = await populated();
    const { store } = await reopen(ctx.dir, { fs: disk.port });
    const before = await snapshotTree(ctx.dir);
    let copies = 0;
    const realCopy = disk.port.copyFile;
    disk.port.copyFile = async (from, to, mode) => {
      if (++copies === 3) disk.failWith('ENOSPC');
      return realCopy(from, to, mode);
    };
    const error = await expectAppError(store.moveTo(ctx.target), 'IO_ERROR');
    expect(error.message).toContain('the disk is full');
    expect(error.message).toContain(`your drafts are still in ${ctx.dir}`);
    disk.failWith(null);
    expect(await snapshotTree(ctx.dir)).toEqual(before);
    expect(await snapshotTree(ctx.target)).toEqual({});
    expect(store.dir).toBe(ctx.dir);
    await store.save({ id: ctx.b.id, title: 'Still here', editorState: null });
    expect(await readDraftFile(ctx.dir, ctx.b.id)).toMatchObject({ title: 'Still here' });
  });

  it('joins drafts that were in the new folder already', async () => {
    const { store, target } = await populated();
    await fsp.mkdir(target, { recursive: true });
    await writeDraftFiles(target, [fileDraft('laptop1', { title: 'From the laptop' })]);
    await store.moveTo(target);
    expect(titles(store).sort()).toEqual(['Alpha', 'Beta', 'From the laptop']);
  });
});

describe('images', () => {
  it('stores images under safe, unique names', async () => {
    const { dir, store } = await setup();
    const draft = await store.create();
    expect(await store.addAsset(draft.id, 'photo.png', new Uint8Array([1]))).toBe('photo.png');
    expect(await store.addAsset(draft.id, 'Photo.PNG', new Uint8Array([2]))).toBe('Photo-2.png');
    expect(await store.addAsset(draft.id, '../../etc/photo.png', new Uint8Array([3]))).toBe('photo-3.png');
    expect(await store.addAsset(draft.id, 'C:\\Users\\me\\my holiday?.jpg', new Uint8Array([4]))).toBe(
      'my-holiday.jpg',
    );
    const folder = path.join(dir, `${draft.id}.assets`);
    expect((await fsp.readdir(folder)).sort()).toEqual([
      'Photo-2.png',
      'my-holiday.jpg',
      'photo-3.png',
      'photo.png',
    ]);
    expect([...(await fsp.readFile(path.join(folder, 'photo-3.png')))]).toEqual([3]);
    await expectAppError(store.addAsset('nope', 'a.png', new Uint8Array([1])), 'NOT_FOUND');
  });

  it('gives the path of an image only inside that draft’s folder', async () => {
    const { dir, store } = await setup();
    const draft = await store.create();
    const other = await store.create();
    await store.addAsset(draft.id, 'cat.png', new Uint8Array([1]));
    await fsp.writeFile(path.join(dir, 'secret.png'), 'x');
    // A hidden file (such as the temp file of an image being written) is not an image to show.
    await fsp.writeFile(path.join(dir, `${draft.id}.assets`, '.cat.png.0a1b2c3d.tmp'), 'x');
    await fsp.symlink(path.join(dir, 'secret.png'), path.join(dir, `${draft.id}.assets`, 'link.png'));
    expect(store.assetPath(draft.id, 'cat.png')).toBe(path.join(dir, `${draft.id}.assets`, 'cat.png'));
    for (const name of [
      '../secret.png',
      '..',
      '.',
      '',
      'sub/cat.png',
      '..\\secret.png',
      '.cat.png.0a1b2c3d.tmp',
      'link.png',
      'dog.png',
    ]) {
      expect(store.assetPath(draft.id, name)).toBeNull();
    }
    expect(store.assetPath(other.id, 'cat.png')).toBeNull();
    expect(store.assetPath('nope', 'cat.png')).toBeNull();
    expect(store.assetPath('..', `${draft.id}.assets/cat.png`)).toBeNull();
  });
});

function nodeFsFor(): FsPort {
  return new FailingFs().port;
}

async function snapshotTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = await fsp.stat(full);
      if (stat.isDirectory()) await walk(full);
      else out[path.relative(root, full)] = await fsp.readFile(full, 'base64');
    }
  };
  await walk(root);
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
