/**
 * The settings file: one set of options shared by electron-store (inside Electron) and `conf`
 * (the e2e web host, plain Node), so both read and write the same `<data>/settings.json`.
 * No electron here: the web host imports this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Options } from 'conf';
import type { SettingsData, SettingsPort } from '../ports';
import { SETTINGS_DEFAULTS } from './preferences';

export const SETTINGS_FILE_NAME = 'settings';

/**
 * conf runs each migration whose version is above the one recorded in the file, up to
 * `projectVersion`. Placeholder: the first release needs no migration; the next change of the
 * settings shape adds its step here (and a test with an old file).
 */
export const SETTINGS_MIGRATIONS: NonNullable<Options<SettingsData>['migrations']> = {
  '0.1.0': () => {},
};

/** conf refuses a `projectVersion` that is not full semver (e.g. a bare "45.4" from a dev build). */
export function settingsProjectVersion(appVersion: string): string {
  return /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/.test(appVersion) ? appVersion : '0.0.0';
}

/**
 * Options in conf's shape. electron-store names the file with `name` instead of `configName`:
 * `const { configName, ...rest } = settingsStoreOptions(…); new Store({ ...rest, name: configName })`.
 */
export type SettingsStoreOptions = Options<SettingsData> & { configName: string; cwd: string };

export function settingsStoreOptions({
  dataDir,
  appVersion,
}: {
  dataDir: string;
  appVersion: string;
}): SettingsStoreOptions {
  return {
    configName: SETTINGS_FILE_NAME,
    cwd: dataDir,
    defaults: SETTINGS_DEFAULTS,
    projectVersion: settingsProjectVersion(appVersion),
    migrations: SETTINGS_MIGRATIONS,
    // A broken file is moved aside by `openSettings`, never silently emptied: it may hold the
    // path of a drafts folder the author moved, and losing that would look like losing drafts.
    clearInvalidConfig: false,
  };
}

/** The part of conf / electron-store this port needs. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** conf refuses to store `undefined` ("use delete()"); the port means "remove" by it. */
export function settingsPortFrom(store: KeyValueStore): SettingsPort {
  return {
    get: (key) => store.get(key) as never,
    set: (key, value) => (value === undefined ? store.delete(key) : store.set(key, value)),
  };
}

/** Where a settings file that cannot be read is moved: beside it, named by the time. */
export function brokenSettingsPath(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.broken-${stamp}${ext}`);
}

/**
 * Opens the store; if the file cannot be read (bad JSON, a failed migration), moves it aside,
 * reports where, and starts from defaults instead of refusing to start.
 */
export function openSettings<S>(
  open: () => S,
  options: { file: string; now?: () => Date; onRecovered: (movedTo: string, error: unknown) => void },
): S {
  try {
    return open();
  } catch (error) {
    if (!fs.existsSync(options.file)) throw error;
    const movedTo = brokenSettingsPath(options.file, (options.now ?? (() => new Date()))());
    fs.renameSync(options.file, movedTo);
    options.onRecovered(movedTo, error);
    return open();
  }
}
