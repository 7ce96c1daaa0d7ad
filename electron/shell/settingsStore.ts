/**
 * The settings file inside Electron: electron-store over `<data>/settings.json`, with the same
 * options the web host gives `conf` (electron/settings/settingsOptions.ts).
 */
import * as path from 'node:path';
import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { Preferences } from '../contract';
import type { Logger, SettingsData, SettingsPort } from '../ports';
import { readPreferences } from '../settings/preferences';
import { openSettings, settingsPortFrom, settingsStoreOptions } from '../settings/settingsOptions';

export interface ShellSettings {
  port: SettingsPort;
  /** Called after the preferences change (the shell applies theme and spellcheck live). */
  onPreferencesChange(listener: (preferences: Preferences) => void): () => void;
}

export function openSettingsStore(options: {
  dataDir: string;
  appVersion: string;
  log: Logger;
}): ShellSettings {
  const { configName, ...storeOptions } = settingsStoreOptions(options);
  const store = openSettings(() => new Store<SettingsData>({ ...storeOptions, name: configName }), {
    file: path.join(options.dataDir, `${configName}.json`),
    onRecovered: (movedTo, error) =>
      options.log.warn('The settings file could not be read; it was moved aside and defaults are used', {
        movedTo,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
  // electron-store answers a synchronous 'electron-store-get-data' message from any renderer with
  // the user-data path and app version (for stores opened in a renderer). Signet's renderers never
  // open one, so that unchecked channel is closed.
  ipcMain.removeAllListeners('electron-store-get-data');

  const port = settingsPortFrom(store);
  return {
    port,
    onPreferencesChange: (listener) =>
      store.onDidChange('preferences', () => listener(readPreferences(port))),
  };
}
