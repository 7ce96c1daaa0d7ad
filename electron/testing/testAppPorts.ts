/**
 * The ports of `createApp` for tests and benchmarks that run the real app in Node, as the e2e web
 * host does: settings in `<data>/settings.json` through `conf` (electron-store's format), no
 * pickers (each answers "cancelled"), nothing opened outside, events dropped, the vault's key in
 * a file, and every HTTP request refused as if offline. Pass what a test needs differently.
 */
import Conf from 'conf';

import { FileKeyVault } from '../accounts/fileKeyVault';
import { silentLog } from '../drafts/testing/helpers';
import type { AppPorts, SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';

/** An offline machine: what `fetch` throws when nothing answers. */
export const offlineFetch: typeof fetch = async () => {
  throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
};

export function testAppPorts(options: { dataDir: string; keyFile: string } & Partial<AppPorts>): AppPorts {
  const { dataDir, keyFile, ...overrides } = options;
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir, appVersion: '0.1.0' }));
  return {
    dataDir,
    settings: settingsPortFrom(conf as unknown as KeyValueStore),
    dialogs: {
      pickFolder: async () => null,
      pickImage: async () => null,
      pickFile: async () => null,
      pickSavePath: async () => null,
    },
    openExternal: async () => {},
    emit: () => {},
    assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
    runtime: 'web',
    version: '0.1.0',
    vault: new FileKeyVault({ dataDir, keyFile }),
    fetch: offlineFetch,
    authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
    log: silentLog,
    ...overrides,
  };
}
