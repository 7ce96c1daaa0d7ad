/**
 * The first run through the real `createApp` on real temp folders: a fresh data folder gets a
 * welcome draft and `Signet Site` once; a second start, an existing install (drafts or accounts)
 * and a disabled first run get nothing new; a site folder that cannot be made never stops the app.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createApp, type SignetApp } from '../app';
import type { AccountSummary, Draft, DraftListResult, Preferences, Result } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { makeTempDir, paragraphs, removeTempDir, silentLog } from '../drafts/testing/helpers';
import type { Logger } from '../ports';
import { documentsPort, firstRunSiteFolders, skipOnboardingFromEnv, SITE_FOLDER_NAME } from './onboarding';
import { WELCOME_TITLE, welcomeMarkdown } from './welcomeText';
import { testAppPorts } from '../testing/testAppPorts';

let dir: string;
let app: SignetApp | null = null;
let warnings: string[] = [];

beforeEach(async () => {
  dir = await makeTempDir();
  warnings = [];
});
afterEach(async () => {
  await app?.close();
  app = null;
  await removeTempDir(dir);
});

const dataDir = () => path.join(dir, 'data');
const recordingLog: Logger = { ...silentLog, warn: (message) => warnings.push(message) };

async function open(extra: { documentsDir?: string; skipOnboarding?: boolean } = {}): Promise<SignetApp> {
  await app?.close();
  app = await createApp(
    testAppPorts({ dataDir: dataDir(), keyFile: path.join(dir, 'vault.key'), log: recordingLog, ...extra }),
  );
  return app;
}

async function call<T>(name: string, request?: unknown): Promise<T> {
  const result = (await app!.dispatch(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const listDrafts = (filter: 'all' | 'trash' = 'all') =>
  call<DraftListResult>('listDrafts', { filter, offset: 0, limit: 50 });
const listAccounts = () => call<AccountSummary[]>('listAccounts');

/** Every text of a Lexical JSON tree, with the node types met on the way. */
function walk(node: unknown, types: Set<string>, texts: string[]): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; text?: string; tag?: string; format?: number; children?: unknown[] };
  if (n.type) types.add(n.tag ? `${n.type}:${n.tag}` : n.type);
  if (n.type === 'text' && typeof n.format === 'number' && (n.format & 1) === 1) types.add('bold');
  if (typeof n.text === 'string') texts.push(n.text);
  for (const child of n.children ?? []) walk(child, types, texts);
}

function readDraft(draft: Draft): { types: Set<string>; text: string } {
  const types = new Set<string>();
  const texts: string[] = [];
  walk((draft.editorState as { root: unknown }).root, types, texts);
  return { types, text: texts.join(' ') };
}

describe('the first run', () => {
  it('makes the welcome draft and the site once, opens the draft, and a second start adds nothing', async () => {
    await open();
    const drafts = await listDrafts();
    expect(drafts.items.map((d) => d.title)).toEqual([WELCOME_TITLE]);
    const welcome = await call<Draft>('getDraft', { id: drafts.items[0]!.id });
    const { types, text } = readDraft(welcome);
    // Real rich text from the Markdown import: headings, lists, links, bold.
    expect(types).toContain('heading:h2');
    expect(types).toContain('list:ul');
    expect(types).toContain('list:ol');
    expect(types).toContain('link');
    expect(types).toContain('bold');
    const site = path.join(dataDir(), SITE_FOLDER_NAME);
    expect(text).toContain(site);
    expect(text).toContain(path.join(dataDir(), 'drafts'));
    expect(text).toMatch(/Shift\+P/);

    // The site: a Hugo layout in a real folder, listed as the one account.
    expect(fs.existsSync(path.join(site, 'hugo.toml'))).toBe(true);
    expect(fs.statSync(path.join(site, 'content', 'posts')).isDirectory()).toBe(true);
    const accounts = await listAccounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.platform).toBe('static-site');
    expect(accounts[0]!.transport).toBe('folder');
    // The built-in `<data>/site` is not added beside it.
    expect(fs.existsSync(path.join(dataDir(), 'site'))).toBe(false);

    // The app opens it: it is the last open draft.
    expect((await call<Preferences>('getPreferences')).lastOpenDraftId).toBe(welcome.id);

    // Second start: nothing new, even after the author trashed the draft and removed the site.
    await call('trashDraft', { id: welcome.id });
    await call('emptyTrash');
    await call('removeAccount', { id: accounts[0]!.id });
    await open();
    expect((await listDrafts()).total).toBe(0);
    expect((await listDrafts('trash')).total).toBe(0);
    expect(await listAccounts()).toEqual([]);
  });

  it('puts the site in the documents folder when the shell names one', async () => {
    const documents = path.join(dir, 'Documents');
    await fsp.mkdir(documents);
    await open({ documentsDir: documents });
    const site = path.join(documents, SITE_FOLDER_NAME);
    expect(fs.existsSync(path.join(site, 'hugo.toml'))).toBe(true);
    const [welcome] = (await listDrafts()).items;
    expect(readDraft(await call<Draft>('getDraft', { id: welcome!.id })).text).toContain(site);
    expect(fs.existsSync(path.join(dataDir(), SITE_FOLDER_NAME))).toBe(false);
  });

  it('gives an install that has drafts nothing new', async () => {
    const store = await DraftStore.open({ dir: path.join(dataDir(), 'drafts'), log: silentLog });
    await store.create({ title: 'Harbour notes', editorState: paragraphs('Gulls.') });
    await store.close();
    await open();
    expect((await listDrafts()).items.map((d) => d.title)).toEqual(['Harbour notes']);
    expect(fs.existsSync(path.join(dataDir(), SITE_FOLDER_NAME))).toBe(false);
    // The install keeps what it had before this change: the built-in site folder.
    expect((await listAccounts()).map((a) => a.platform)).toEqual(['static-site']);
    expect(fs.existsSync(path.join(dataDir(), 'site'))).toBe(true);
  });

  it('gives an install with a draft only in the trash nothing new', async () => {
    const store = await DraftStore.open({ dir: path.join(dataDir(), 'drafts'), log: silentLog });
    const draft = await store.create({ title: 'Binned', editorState: paragraphs('Old.') });
    await store.trash(draft.id);
    await store.close();
    await open();
    expect((await listDrafts()).total).toBe(0);
    expect(fs.existsSync(path.join(dataDir(), SITE_FOLDER_NAME))).toBe(false);
  });

  it('does nothing when the first run is switched off (e2e fixtures), then or later', async () => {
    await open({ skipOnboarding: true });
    expect((await listDrafts()).total).toBe(0);
    await open();
    expect((await listDrafts()).total).toBe(0);
    expect(fs.existsSync(path.join(dataDir(), SITE_FOLDER_NAME))).toBe(false);
  });

  it('starts, and says so in the welcome draft, when no site folder can be made', async () => {
    // A file where each folder should go: mkdir fails.
    const documents = path.join(dir, 'Documents');
    await fsp.mkdir(documents);
    await fsp.writeFile(path.join(documents, SITE_FOLDER_NAME), 'in the way');
    await fsp.mkdir(dataDir(), { recursive: true });
    await fsp.writeFile(path.join(dataDir(), SITE_FOLDER_NAME), 'in the way');
    await open({ documentsDir: documents });
    const [welcome] = (await listDrafts()).items;
    expect(welcome?.title).toBe(WELCOME_TITLE);
    const { text } = readDraft(await call<Draft>('getDraft', { id: welcome!.id }));
    expect(text).toContain('could not make a site folder');
    expect(text).toContain('Add a blog');
    expect(warnings).toContain('the first run could not make its site folder');
    // The app works: a new draft saves.
    const created = await call<Draft>('createDraft', {});
    expect(created.id).toBeTruthy();
  });

  it('falls back to the data folder when the documents folder cannot take the site', async () => {
    const documents = path.join(dir, 'Documents');
    await fsp.mkdir(documents);
    await fsp.writeFile(path.join(documents, SITE_FOLDER_NAME), 'in the way');
    await open({ documentsDir: documents });
    expect(fs.existsSync(path.join(dataDir(), SITE_FOLDER_NAME, 'hugo.toml'))).toBe(true);
    expect(await listAccounts()).toHaveLength(1);
  });
});

describe('first-run helpers', () => {
  it('chooses the documents folder only when the app runs on its usual data folder', () => {
    expect(documentsPort(undefined, () => '/home/ann/Documents')).toEqual({
      documentsDir: '/home/ann/Documents',
    });
    expect(documentsPort('/tmp/test-data', () => '/home/ann/Documents')).toEqual({});
    expect(
      documentsPort(undefined, () => {
        throw new Error('no documents folder');
      }),
    ).toEqual({});
    expect(firstRunSiteFolders('/d')).toEqual([path.join('/d', SITE_FOLDER_NAME)]);
    expect(firstRunSiteFolders('/d', '/docs')).toEqual([
      path.join('/docs', SITE_FOLDER_NAME),
      path.join('/d', SITE_FOLDER_NAME),
    ]);
    expect(skipOnboardingFromEnv('1')).toBe(true);
    expect(skipOnboardingFromEnv('0')).toBe(false);
    expect(skipOnboardingFromEnv(undefined)).toBe(false);
  });

  it('writes ⌘ on a Mac and keeps a path with backticks whole', () => {
    const facts = { draftsDir: '/a`b', siteFolder: '/s', platform: 'darwin' };
    const mac = welcomeMarkdown(facts);
    expect(mac).toContain('⌘+Shift+P');
    expect(mac).toContain('`` /a`b ``');
    expect(welcomeMarkdown({ ...facts, platform: 'linux' })).toContain('Ctrl+Shift+P');
  });
});
