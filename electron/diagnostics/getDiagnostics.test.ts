/**
 * `getDiagnostics` through the real createApp: a WordPress account whose password is stored in
 * the app's own vault, and an error whose text carries that password, the home folder, the blog's
 * address and the author's email. The report has the versions and the counts, and none of those.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AccountStore } from '../accounts/AccountStore';
import { FileKeyVault } from '../accounts/fileKeyVault';
import { createApp, type SignetApp } from '../app';
import type { Result } from '../contract';
import { makeTempDir, removeTempDir, silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { REST_CAPABILITIES } from '../publishing/wordpress/types';

const PASSWORD = 'CorrectHorse-Battery!1847';

let dir: string;
let app: SignetApp | null = null;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await app?.close();
  app = null;
  await removeTempDir(dir);
});

describe('getDiagnostics', () => {
  it('reports versions and counts, and never the stored password, the blog or the home folder', async () => {
    const dataDir = path.join(dir, 'data');
    const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir, appVersion: '0.1.0' }));
    const settings = settingsPortFrom(conf as unknown as KeyValueStore);
    const vault = new FileKeyVault({ dataDir, keyFile: path.join(dir, 'vault.key') });
    // The account as Accounts stores it: settings without the secret, the password in the vault.
    await new AccountStore({ settings, vault, log: silentLog }).add(
      {
        platform: 'wordpress',
        siteUrl: 'https://ada-writes.example.com/',
        siteName: 'Ada writes',
        userLogin: 'ada_lovelace',
        userName: 'Ada Lovelace',
        api: { transport: 'rest', restRoot: 'https://ada-writes.example.com/wp-json/' },
        timeZone: 'Europe/London',
        capabilities: { ...REST_CAPABILITIES },
      },
      PASSWORD,
    );

    const home = os.homedir();
    app = await createApp({
      dataDir,
      settings,
      dialogs: {
        // An unexpected failure whose text carries everything that must not leave the machine.
        pickFolder: async () => {
          throw new Error(
            `picker failed in ${home}/Documents/Blog for ada.lovelace@example.com at ` +
              `https://ada-writes.example.com/wp-admin with ${PASSWORD}`,
          );
        },
        pickImage: async () => null,
        pickFile: async () => null,
        pickSavePath: async () => null,
      },
      openExternal: async () => {},
      emit: () => {},
      assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
      runtime: 'web',
      version: '0.1.0',
      vault,
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
      log: silentLog,
    });
    await app.dispatch('createDraft', {});
    const failed = (await app.dispatch('moveDraftsFolder', {})) as Result<unknown>;
    expect(failed.ok).toBe(false);

    const answer = (await app.dispatch('getDiagnostics', {})) as Result<{ text: string }>;
    if (!answer.ok) throw new Error(answer.error.message);
    const text = answer.value.text;
    expect(text).toContain('Signet: 0.1.0 (web)');
    expect(text).toContain(`Node: ${process.versions.node}`);
    expect(text).toContain(`(${process.platform}, ${process.arch})`);
    expect(text).toMatch(/Accounts: 2 \((static-site 1, )?wordpress 1\)|Accounts: 1 \(wordpress 1\)/);
    expect(text).toContain('Drafts: 1 (0 in the trash)');
    expect(text).toMatch(/Recent errors \(last 1, oldest first\):\n {2}\S+ command moveDraftsFolder failed/);
    expect(text).toContain(
      'picker failed in ~/Documents/Blog for a***@***.com at https://<host> with [redacted]',
    );
    for (const leak of [
      PASSWORD,
      'ada-writes',
      'ada_lovelace',
      'Ada Lovelace',
      'lovelace@',
      `${home}/Documents`,
    ]) {
      expect(text).not.toContain(leak);
    }
  });
});
