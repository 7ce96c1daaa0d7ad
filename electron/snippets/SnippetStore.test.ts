import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { EditorStateJSON, Snippet } from '../contract';
import { AppError } from '../dispatcher';
import { manualClock, paragraphs } from '../drafts/testing/helpers';
import type { SettingsData, SettingsPort } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { SNIPPET_LIBRARY_VERSION, SNIPPET_TRASH_LIMIT, type StoredLibrary } from './library';
import { SnippetStore } from './SnippetStore';

// The real settings file: conf is what electron-store wraps, with the same file format.
let dataDir: string;
let settingsFile: string;
let settings: SettingsPort;
let clock: ReturnType<typeof manualClock>;
let store: SnippetStore;

function openSettings(): SettingsPort {
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir, appVersion: '0.1.0' }));
  return settingsPortFrom(conf as unknown as KeyValueStore);
}

function openStore(): SnippetStore {
  let next = 0;
  return new SnippetStore({ settings, clock: clock.now, newId: () => `snp_${++next}` });
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-snippets-'));
  settingsFile = path.join(dataDir, 'settings.json');
  settings = openSettings();
  clock = manualClock('2030-01-01T10:00:00.000Z');
  store = openStore();
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const names = () => store.library().snippets.map((s) => s.name);

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('SnippetStore: an empty settings file', () => {
  it('has an empty library and writes nothing until a change', () => {
    expect(store.library()).toEqual({
      snippets: [],
      variables: [],
      author: { name: '', email: '' },
      trash: [],
    });
    expect(settings.get('snippetLibrary')).toBeUndefined();
  });
});

describe('SnippetStore: create and update', () => {
  it('creates a snippet with a default name per kind, and saves it in the settings file', () => {
    const first = store.create({ kind: 'signature' });
    expect(first).toEqual({
      id: 'snp_1',
      name: 'Signature',
      kind: 'signature',
      editorState: null,
      obfuscateEmails: false,
      createdAt: '2030-01-01T10:00:00.000Z',
      updatedAt: '2030-01-01T10:00:00.000Z',
    });
    store.create({ kind: 'signature' });
    store.create({ kind: 'bio' });
    store.create({ kind: 'signature', name: '   ' });
    store.create({ kind: 'text', name: '  Disclosure  ' });
    expect(names()).toEqual(['Signature', 'Signature 2', 'Bio', 'Signature 3', 'Disclosure']);

    const saved = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { snippetLibrary: StoredLibrary };
    expect(saved.snippetLibrary.schemaVersion).toBe(SNIPPET_LIBRARY_VERSION);
    expect(saved.snippetLibrary.snippets.map((s) => s.id)).toEqual([
      'snp_1',
      'snp_2',
      'snp_3',
      'snp_4',
      'snp_5',
    ]);
  });

  it('fills a gap in the default names', () => {
    store.create({ kind: 'footer' });
    store.create({ kind: 'footer', name: 'Footer 3' });
    expect(store.create({ kind: 'footer' }).name).toBe('Footer 2');
  });

  it('keeps the content and finds the snippet again after a reopen', () => {
    const content = paragraphs('— {{author.name}}');
    const created = store.create({ kind: 'signature', editorState: content });
    settings = openSettings();
    const reopened = new SnippetStore({ settings });
    expect(reopened.get(created.id)).toEqual(created);
    expect(reopened.get(created.id)!.editorState).toEqual(content);
    expect(reopened.get('snp_missing')).toBeNull();
  });

  it('updates only the given fields and the time', () => {
    const created = store.create({ kind: 'signature', editorState: paragraphs('old') });
    clock.advance(60_000);
    const updated = store.update(created.id, { editorState: paragraphs('new'), obfuscateEmails: true });
    expect(updated).toEqual({
      ...created,
      editorState: paragraphs('new'),
      obfuscateEmails: true,
      updatedAt: '2030-01-01T10:01:00.000Z',
    });
    expect(store.update(created.id, { name: '  Short sig ', kind: 'text' })).toMatchObject({
      name: 'Short sig',
      kind: 'text',
    });
    expect(store.update(created.id, { name: '   ' }).name).toBe('Short sig');
    expect(store.update(created.id, { editorState: null }).editorState).toBeNull();
    expect(store.get(created.id)).toMatchObject({ name: 'Short sig', kind: 'text', obfuscateEmails: true });
  });

  it('says a snippet that is gone is not in the library', () => {
    const error = appError(() => store.update('snp_missing', { name: 'x' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('That snippet is not in your library any more.');
  });
});

describe('SnippetStore: duplicate', () => {
  it('puts a copy with a new id right after the original', () => {
    const a = store.create({ kind: 'signature', name: 'A', editorState: paragraphs('a') });
    store.update(a.id, { obfuscateEmails: true });
    store.create({ kind: 'bio', name: 'B' });
    clock.advance(1000);
    const copy = store.duplicate(a.id);
    expect(copy).toMatchObject({
      id: 'snp_3',
      name: 'A copy',
      kind: 'signature',
      obfuscateEmails: true,
      editorState: paragraphs('a'),
      createdAt: '2030-01-01T10:00:01.000Z',
      updatedAt: '2030-01-01T10:00:01.000Z',
    });
    expect(names()).toEqual(['A', 'A copy', 'B']);
    // The copy's content is its own.
    store.update(copy.id, { editorState: paragraphs('changed') });
    expect(store.get(a.id)!.editorState).toEqual(paragraphs('a'));
  });

  it('keeps the name within 200 characters', () => {
    const long = store.create({ kind: 'text', name: 'n'.repeat(200) });
    expect(store.duplicate(long.id).name).toHaveLength(200);
    expect(() => store.library()).not.toThrow();
  });
});

describe('SnippetStore: delete, trash and restore', () => {
  let ids: string[];
  beforeEach(() => {
    ids = ['A', 'B', 'C', 'D'].map((name) => store.create({ kind: 'text', name }).id);
  });

  it('moves a deleted snippet to the trash, newest first', () => {
    clock.advance(1000);
    store.delete(ids[1]!);
    clock.advance(1000);
    store.delete(ids[3]!);
    const library = store.library();
    expect(library.snippets.map((s) => s.name)).toEqual(['A', 'C']);
    expect(library.trash.map((t) => [t.snippet.name, t.index, t.deletedAt])).toEqual([
      ['D', 2, '2030-01-01T10:00:02.000Z'],
      ['B', 1, '2030-01-01T10:00:01.000Z'],
    ]);
    expect(store.get(ids[1]!)).toBeNull();
  });

  it('restores a snippet at its old place and takes it out of the trash', () => {
    store.delete(ids[1]!);
    const restored = store.restore(ids[1]!);
    expect(restored.name).toBe('B');
    expect(names()).toEqual(['A', 'B', 'C', 'D']);
    expect(store.library().trash).toEqual([]);
    expect(store.get(ids[1]!)).toEqual(restored);
  });

  it('restores at the end when the list has become shorter', () => {
    store.delete(ids[3]!);
    store.delete(ids[0]!);
    store.delete(ids[1]!);
    expect(names()).toEqual(['C']);
    store.restore(ids[3]!);
    expect(names()).toEqual(['C', 'D']);
  });

  it('keeps at most 20 deleted snippets', () => {
    const more = Array.from({ length: 20 }, (_, i) => store.create({ kind: 'text', name: `N${i}` }).id);
    for (const id of [...ids, ...more]) store.delete(id);
    const trash = store.library().trash;
    expect(SNIPPET_TRASH_LIMIT).toBe(20);
    expect(trash).toHaveLength(20);
    expect(trash[0]!.snippet.name).toBe('N19');
    expect(trash.at(-1)!.snippet.name).toBe('N0');
    const error = appError(() => store.restore(ids[0]!));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('That snippet can no longer be restored.');
  });

  it('says a snippet that is not there cannot be deleted', () => {
    expect(appError(() => store.delete('snp_missing')).code).toBe('NOT_FOUND');
    store.delete(ids[0]!);
    expect(appError(() => store.delete(ids[0]!)).code).toBe('NOT_FOUND');
    expect(store.library().trash).toHaveLength(1);
  });
});

describe('SnippetStore: move', () => {
  it('puts a snippet at the given place, clamped to the list', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((name) => store.create({ kind: 'text', name }).id);
    expect(store.move(a!, 2).map((s) => s.name)).toEqual(['B', 'C', 'A']);
    expect(store.move(a!, 0).map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(store.move(b!, 99).map((s) => s.name)).toEqual(['A', 'C', 'B']);
    expect(store.move(c!, -3).map((s) => s.name)).toEqual(['C', 'A', 'B']);
    expect(names()).toEqual(['C', 'A', 'B']);
    expect(appError(() => store.move('snp_missing', 0)).code).toBe('NOT_FOUND');
  });
});

describe('SnippetStore: variables and the author’s details', () => {
  it('saves the variables and the author', () => {
    const library = store.setDetails({
      variables: [
        { name: 'nickname', value: 'Jonny' },
        { name: 'mastodon', value: '@jon@example.social' },
      ],
      author: { name: 'Jon Smith', email: 'jon.smith@example.com' },
    });
    expect(library.variables).toEqual([
      { name: 'nickname', value: 'Jonny' },
      { name: 'mastodon', value: '@jon@example.social' },
    ]);
    expect(store.library().author).toEqual({ name: 'Jon Smith', email: 'jon.smith@example.com' });
    // Only what is given changes.
    store.setDetails({ author: { name: 'Jon', email: '' } });
    expect(store.library().variables).toHaveLength(2);
    store.setDetails({ variables: [] });
    expect(store.library()).toMatchObject({ variables: [], author: { name: 'Jon', email: '' } });
  });

  it.each([
    ['2nd', '“2nd”: a variable name starts with a letter and has only letters, digits and _.'],
    ['my-name', '“my-name”: a variable name starts with a letter and has only letters, digits and _.'],
    ['author', '“author”: author, blog and post are filled in by Signet.'],
    ['post', '“post”: author, blog and post are filled in by Signet.'],
  ])('refuses the variable name %s with a message and saves nothing', (name, message) => {
    store.setDetails({ variables: [{ name: 'kept', value: '1' }] });
    const error = appError(() =>
      store.setDetails({
        variables: [
          { name: 'ok', value: '' },
          { name, value: 'x' },
        ],
        author: { name: 'X', email: '' },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(message);
    expect(store.library()).toMatchObject({
      variables: [{ name: 'kept', value: '1' }],
      author: { name: '' },
    });
  });

  it('refuses two variables with the same name', () => {
    const error = appError(() =>
      store.setDetails({
        variables: [
          { name: 'site', value: 'a' },
          { name: 'site', value: 'b' },
        ],
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('There are two variables called “site”; rename one.');
    expect(store.library().variables).toEqual([]);
  });
});

describe('SnippetStore: importLibrary', () => {
  const snippet = (id: string, name: string, updatedAt: string, text = name): Snippet => ({
    id,
    name,
    kind: 'text',
    editorState: paragraphs(text) as EditorStateJSON,
    obfuscateEmails: false,
    createdAt: '2029-01-01T00:00:00.000Z',
    updatedAt,
  });

  const incoming = (overrides: Partial<StoredLibrary> = {}): StoredLibrary => ({
    schemaVersion: SNIPPET_LIBRARY_VERSION,
    snippets: [],
    variables: [],
    author: { name: 'Imported Name', email: 'imported@example.com' },
    trash: [],
    ...overrides,
  });

  beforeEach(() => {
    settings.set('snippetLibrary', {
      schemaVersion: SNIPPET_LIBRARY_VERSION,
      snippets: [
        snippet('snp_old', 'Old here', '2030-01-01T00:00:00.000Z'),
        snippet('snp_new', 'Newer here', '2030-06-01T00:00:00.000Z'),
        snippet('snp_same', 'Same', '2030-03-01T00:00:00.000Z'),
      ],
      variables: [
        { name: 'nickname', value: 'Jonny' },
        { name: 'site', value: 'old.example.com' },
      ],
      author: { name: '', email: '' },
      trash: [],
    });
  });

  it('adds new snippets, replaces older ones, keeps newer and equal ones', () => {
    const result = store.importLibrary(
      incoming({
        snippets: [
          snippet('snp_old', 'Old, updated elsewhere', '2030-02-01T00:00:00.000Z'),
          snippet('snp_new', 'Older elsewhere', '2030-05-01T00:00:00.000Z'),
          snippet('snp_same', 'Same elsewhere', '2030-03-01T00:00:00.000Z'),
          snippet('snp_added', 'Added', '2020-01-01T00:00:00.000Z'),
        ],
      }),
    );
    expect(result).toEqual({ added: 1, updated: 1, unchanged: 2 });
    expect(names()).toEqual(['Old, updated elsewhere', 'Newer here', 'Same', 'Added']);
  });

  it('merges variables by name, the imported value winning', () => {
    store.importLibrary(
      incoming({
        variables: [
          { name: 'site', value: 'new.example.com' },
          { name: 'mastodon', value: '@jon' },
        ],
      }),
    );
    expect(store.library().variables).toEqual([
      { name: 'nickname', value: 'Jonny' },
      { name: 'site', value: 'new.example.com' },
      { name: 'mastodon', value: '@jon' },
    ]);
  });

  it('takes the author’s details only when none are set here', () => {
    store.importLibrary(incoming());
    expect(store.library().author).toEqual({ name: 'Imported Name', email: 'imported@example.com' });
    store.importLibrary(incoming({ author: { name: 'Someone Else', email: 'else@example.com' } }));
    expect(store.library().author).toEqual({ name: 'Imported Name', email: 'imported@example.com' });

    store.setDetails({ author: { name: '', email: 'only@example.com' } });
    store.importLibrary(incoming());
    expect(store.library().author).toEqual({ name: '', email: 'only@example.com' });
  });

  it('keeps the trash, except a deleted snippet the import brings back', () => {
    store.delete('snp_same');
    store.delete('snp_old');
    store.importLibrary(
      incoming({ snippets: [snippet('snp_old', 'Old again', '2020-01-01T00:00:00.000Z')] }),
    );
    expect(store.library().trash.map((t) => t.snippet.id)).toEqual(['snp_same']);
    expect(names()).toEqual(['Newer here', 'Old again']);
    // Restoring it would have put it in the library twice.
    expect(appError(() => store.restore('snp_old')).code).toBe('NOT_FOUND');
    expect(store.library().snippets.filter((s) => s.id === 'snp_old')).toHaveLength(1);
  });
});

describe('SnippetStore: a library it cannot read', () => {
  const everyCall: Array<[string, (s: SnippetStore) => unknown]> = [
    ['library', (s) => s.library()],
    ['get', (s) => s.get('snp_1')],
    ['stored', (s) => s.stored()],
    ['create', (s) => s.create({ kind: 'signature' })],
    ['update', (s) => s.update('snp_1', { name: 'x' })],
    ['duplicate', (s) => s.duplicate('snp_1')],
    ['delete', (s) => s.delete('snp_1')],
    ['restore', (s) => s.restore('snp_1')],
    ['move', (s) => s.move('snp_1', 0)],
    ['setDetails', (s) => s.setDetails({ author: { name: 'A', email: '' } })],
    [
      'importLibrary',
      (s) =>
        s.importLibrary({
          schemaVersion: SNIPPET_LIBRARY_VERSION,
          snippets: [],
          variables: [],
          author: { name: 'A', email: '' },
          trash: [],
        }),
    ],
  ];

  function expectRefusedWithoutWrite(expectedMessage: string): void {
    const before = fs.readFileSync(settingsFile);
    for (const [name, call] of everyCall) {
      const error = appError(() => call(store));
      expect(error.code, name).toBe('UNAVAILABLE');
      expect(error.message, name).toBe(expectedMessage);
    }
    expect(fs.readFileSync(settingsFile).equals(before)).toBe(true);
  }

  it('refuses every read and change of a library from a newer Signet, and never rewrites it', () => {
    settings.set('snippetLibrary', {
      schemaVersion: 99,
      snippets: [{ id: 'snp_1', shape: 'from the future' }],
      somethingNew: true,
    });
    expectRefusedWithoutWrite(
      'The snippet library was written by a newer version of Signet (format 99). Update Signet to use it; it has not been changed.',
    );
    expect(settings.get('snippetLibrary')).toEqual({
      schemaVersion: 99,
      snippets: [{ id: 'snp_1', shape: 'from the future' }],
      somethingNew: true,
    });
  });

  it('refuses every read and change of a damaged library, and never rewrites it', () => {
    settings.set('snippetLibrary', { schemaVersion: SNIPPET_LIBRARY_VERSION, snippets: 'hand-edited' });
    expectRefusedWithoutWrite(
      'Your snippet library could not be read, so Signet has not changed it. Import a saved copy (Snippets → Import) or restore the settings file from a backup.',
    );
  });
});
