/**
 * The account store on real files: the settings file through conf (the format electron-store
 * writes, opened as the web host opens it) and the file-key vault.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger, SettingsData, SettingsPort } from '../ports';
import {
  openSettings,
  settingsPortFrom,
  settingsStoreOptions,
  type KeyValueStore,
} from '../settings/settingsOptions';
import { AccountError, AccountStore } from './AccountStore';
import { FileKeyVault } from './fileKeyVault';
import type { NewAccount } from './types';
import { SECRETS_FILE_NAME, VaultError, type SecretVault } from './vault';

const PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';

let root: string;
let dataDir: string;
let log: Logger;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-accounts-'));
  dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function openSettingsPort(): SettingsPort {
  const options = settingsStoreOptions({ dataDir, appVersion: '0.1.0' });
  const conf = openSettings(() => new Conf<SettingsData>(options), {
    file: path.join(dataDir, 'settings.json'),
    onRecovered: () => {},
  });
  return settingsPortFrom(conf as unknown as KeyValueStore);
}

const openVault = () => new FileKeyVault({ dataDir, keyFile: path.join(root, 'keys', 'data.key'), log });

/** A fresh store on the same folder, as after a restart. */
function open(vault: SecretVault = openVault()) {
  return new AccountStore({
    settings: openSettingsPort(),
    vault,
    log,
    clock: () => new Date('2025-03-01T10:00:00.000Z'),
  });
}

function wordpress(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    platform: 'wordpress',
    siteUrl: 'https://blog.example.com/',
    siteName: 'My Blog',
    userLogin: 'ada',
    userName: 'Ada Lovelace',
    api: { transport: 'rest', restRoot: 'https://blog.example.com/wp-json/' },
    timeZone: 'Europe/London',
    capabilities: {
      drafts: true,
      scheduling: true,
      pendingReview: true,
      privatePosts: true,
      pages: true,
      tags: true,
      categories: true,
      excerpt: true,
      slug: true,
      mediaUpload: true,
      featuredImage: true,
      canonicalUrl: false,
      serverConflictDetection: false,
      delete: true,
      mediaLibrary: true,
      remotePosts: true,
      newsletter: false,
    },
    ...overrides,
  };
}

const settingsFile = () => path.join(dataDir, 'settings.json');
const storedAccounts = (): unknown[] => JSON.parse(fs.readFileSync(settingsFile(), 'utf8')).accounts;

describe('AccountStore', () => {
  it('adds an account, keeps it across a restart, and shows a summary with no secret', async () => {
    const added = await open().add(wordpress({ settings: { maxImageWidth: 1600 } }), PASSWORD);
    expect(added).toMatchObject({
      destinationKey: 'wordpress:https://blog.example.com',
      settings: { contentFormat: 'blocks', maxImageWidth: 1600 },
      createdAt: '2025-03-01T10:00:00.000Z',
    });
    expect(added.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const store = open();
    expect(store.list()).toEqual([added]);
    expect(store.get(added.id)).toEqual(added);
    expect(store.get('nope')).toBeNull();
    expect(await store.secretFor(added.id)).toBe(PASSWORD);

    const summaries = await store.summaries();
    expect(summaries).toEqual([{ ...added, transport: 'rest', hasCredential: true }]);
    expect(JSON.stringify(summaries)).not.toContain(PASSWORD);
    // The settings file holds no secret; the vault holds it encrypted.
    expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain(PASSWORD);
    expect(fs.readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).not.toContain(PASSWORD);
  });

  it('reads a capability an older Signet did not store as the platform’s, not as “cannot”', async () => {
    const added = await open().add(wordpress(), PASSWORD);
    // As Signet 0.1 stored it: without the capabilities added later.
    const settings = openSettingsPort();
    const stored = settings.get('accounts') as Array<{ capabilities: Record<string, boolean> }>;
    delete stored[0]!.capabilities.mediaLibrary;
    delete stored[0]!.capabilities.newsletter;
    stored[0]!.capabilities.remotePosts = false;
    settings.set('accounts', stored);
    const defaults = { ...added.capabilities, mediaLibrary: true, newsletter: true, remotePosts: true };
    const store = new AccountStore({
      settings: openSettingsPort(),
      vault: openVault(),
      log,
      capabilityDefaults: (platform) => (platform === 'wordpress' ? defaults : undefined),
    });
    // Missing → the platform's; stored (even false) → as stored.
    expect(store.get(added.id)!.capabilities).toMatchObject({
      mediaLibrary: true,
      newsletter: true,
      remotePosts: false,
    });
    // Without defaults, a missing capability reads as "cannot".
    expect(open().get(added.id)!.capabilities).toMatchObject({ mediaLibrary: false, newsletter: false });
  });

  it('uses the default image width when none is given', async () => {
    const added = await open().add(wordpress(), PASSWORD);
    expect(added.settings).toEqual({ contentFormat: 'blocks', maxImageWidth: 2048 });
  });

  it('refuses the same login on the same blog, however the address is spelled, and stores nothing', async () => {
    const store = open();
    await store.add(wordpress(), PASSWORD);
    const error = await store
      .add(wordpress({ siteUrl: 'HTTPS://Blog.Example.com:443', userLogin: 'Ada' }), 'other password')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountError);
    expect(error).toMatchObject({
      code: 'ACCOUNT_EXISTS',
      message:
        'Ada on HTTPS://Blog.Example.com:443 is already in your accounts. Change that account instead of adding it again.',
    });
    expect(open().list()).toHaveLength(1);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).secrets;
    expect(Object.keys(secrets)).toHaveLength(1);
  });

  it('takes another login on the same blog, and another blog of a network', async () => {
    const store = open();
    await store.add(wordpress(), PASSWORD);
    await store.add(wordpress({ userLogin: 'grace' }), 'grace password');
    await store.add(wordpress({ api: { transport: 'rest', blogId: '2' } }), 'network password');
    expect(store.list().map((a) => a.destinationKey)).toEqual([
      'wordpress:https://blog.example.com',
      'wordpress:https://blog.example.com',
      'wordpress:https://blog.example.com:2',
    ]);
  });

  it('removes the account and its secret from the vault', async () => {
    const vault = openVault();
    const store = open(vault);
    const kept = await store.add(wordpress({ userLogin: 'grace' }), 'grace password');
    const removed = await store.add(wordpress(), PASSWORD);
    expect(await vault.has(`account:${removed.id}`)).toBe(true);

    await store.remove(removed.id);
    expect(store.list()).toEqual([kept]);
    expect(await vault.has(`account:${removed.id}`)).toBe(false);
    expect(await openVault().get(`account:${removed.id}`)).toBeNull();
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, SECRETS_FILE_NAME), 'utf8')).secrets;
    expect(Object.keys(secrets)).toEqual([`account:${kept.id}`]);
    expect(await open().secretFor(kept.id)).toBe('grace password');
    await expect(store.remove(removed.id)).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('skips stored entries that are not valid, with a warning, and keeps them in the file', async () => {
    const store = open();
    const good = await store.add(wordpress(), PASSWORD);
    const settings = JSON.parse(fs.readFileSync(settingsFile(), 'utf8'));
    const broken = [
      42,
      null,
      { id: 'x', platform: 'wordpress' },
      { ...good, id: 'other', siteUrl: 'not a url' },
      { ...good, userLogin: 'same id twice' },
    ];
    settings.accounts.push(...broken);
    fs.writeFileSync(settingsFile(), JSON.stringify(settings));

    const reopened = open();
    expect(reopened.list()).toEqual([good]);
    expect(log.warn).toHaveBeenCalledWith(
      'A stored account is not valid; it is skipped',
      expect.objectContaining({ index: 1 }),
    );
    expect(log.warn).toHaveBeenCalledWith(
      'Two stored accounts share one id; the second is skipped',
      expect.objectContaining({ index: 5 }),
    );
    // Warned once per entry, not on every read.
    const warnings = vi.mocked(log.warn).mock.calls.length;
    reopened.list();
    expect(vi.mocked(log.warn).mock.calls.length).toBe(warnings);

    // A change writes the valid ones and leaves the others as they were.
    const added = await reopened.add(wordpress({ userLogin: 'grace' }), 'grace password');
    expect(storedAccounts()).toEqual([good, added, ...broken]);
  });

  it('starts empty when the stored accounts are not a list', async () => {
    openSettingsPort().set('accounts', { oops: true } as never);
    const store = open();
    expect(store.list()).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith('The stored accounts are not a list; they are ignored', {
      type: 'object',
    });
    await store.add(wordpress(), PASSWORD);
    expect(store.list()).toHaveLength(1);
  });

  it('changes settings and names, keeps the destination key unless the destination changes', async () => {
    const store = open();
    const account = await store.add(wordpress(), PASSWORD);
    const later = new AccountStore({
      settings: openSettingsPort(),
      vault: openVault(),
      log,
      clock: () => new Date('2025-04-01T00:00:00.000Z'),
    });
    const updated = later.update(account.id, { siteName: 'Renamed', settings: { contentFormat: 'classic' } });
    expect(updated).toMatchObject({
      siteName: 'Renamed',
      destinationKey: account.destinationKey,
      settings: { contentFormat: 'classic', maxImageWidth: 2048 },
      createdAt: account.createdAt,
      updatedAt: '2025-04-01T00:00:00.000Z',
    });
    expect(open().get(account.id)).toEqual(updated);

    const moved = later.update(account.id, { siteUrl: 'https://new.example.com/blog/' });
    expect(moved.destinationKey).toBe('wordpress:https://new.example.com/blog');

    await expect(
      (async () => later.update(account.id, { settings: { maxImageWidth: -1 } }))(),
    ).rejects.toMatchObject({ code: 'ACCOUNT_INVALID', message: expect.stringMatching(/maxImageWidth/) });
    expect(() => later.update('missing', { siteName: 'x' })).toThrow(/no longer in Signet/);
  });

  it('refuses an update that would make two accounts the same', async () => {
    const store = open();
    await store.add(wordpress(), PASSWORD);
    const other = await store.add(wordpress({ userLogin: 'grace' }), 'grace password');
    expect(() => store.update(other.id, { userLogin: 'ADA' })).toThrow(AccountError);
  });

  it('refuses an address that is not a web address', async () => {
    await expect(open().add(wordpress({ siteUrl: 'blog.example.com' }), PASSWORD)).rejects.toMatchObject({
      code: 'ACCOUNT_INVALID',
    });
  });

  it('saves nothing when the vault may not store the secret', async () => {
    const vault = openVault();
    const refusing: SecretVault = {
      status: () => vault.status(),
      get: (key) => vault.get(key),
      has: (key) => vault.has(key),
      delete: (key) => vault.delete(key),
      set: async () => {
        throw new VaultError('VAULT_WEAK_NEEDS_CONSENT', 'Your system has no keyring');
      },
    };
    await expect(open(refusing).add(wordpress(), PASSWORD)).rejects.toMatchObject({
      code: 'VAULT_WEAK_NEEDS_CONSENT',
    });
    expect(open().list()).toEqual([]);
  });

  it('shows hasCredential false when the secret is gone, and takes a new one', async () => {
    const vault = openVault();
    const store = open(vault);
    const account = await store.add(wordpress(), PASSWORD);
    await vault.delete(`account:${account.id}`);
    expect((await store.summaries())[0]!.hasCredential).toBe(false);
    expect(await store.secretFor(account.id)).toBeNull();

    await store.setSecret(account.id, 'new password');
    expect((await store.summaries())[0]!.hasCredential).toBe(true);
    expect(await open().secretFor(account.id)).toBe('new password');
    expect(store.knownSecrets()).toEqual(expect.arrayContaining([PASSWORD, 'new password']));
  });
});
