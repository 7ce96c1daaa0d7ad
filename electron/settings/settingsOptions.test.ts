import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsData } from '../ports';
import { SETTINGS_DEFAULTS } from './preferences';
import {
  brokenSettingsPath,
  openSettings,
  settingsPortFrom,
  settingsProjectVersion,
  settingsStoreOptions,
} from './settingsOptions';

// conf is the library electron-store wraps (same file format); it runs in plain Node.
let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-settings-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const open = (appVersion = '0.1.0') => {
  const options = settingsStoreOptions({ dataDir, appVersion });
  return openSettings(() => new Conf<SettingsData>(options), {
    file: path.join(dataDir, 'settings.json'),
    onRecovered: vi.fn(),
  });
};

describe('settings file', () => {
  it('lives at <data>/settings.json and starts from the defaults', () => {
    const store = open();
    expect(store.path).toBe(path.join(dataDir, 'settings.json'));
    const port = settingsPortFrom(store);
    expect(port.get('preferences')).toEqual(SETTINGS_DEFAULTS.preferences);
    expect(port.get('schemaVersion')).toBe(SETTINGS_DEFAULTS.schemaVersion);
  });

  it('keeps what was set across a reopen (and across app versions, through migrations)', () => {
    const port = settingsPortFrom(open('0.1.0'));
    port.set('draftsDir', '/synced/drafts');
    port.set('windowState', { x: 1, y: 2, width: 800, height: 600, isMaximized: false, isFullScreen: false });
    const again = settingsPortFrom(open('0.2.0'));
    expect(again.get('draftsDir')).toBe('/synced/drafts');
    expect(again.get('windowState')).toMatchObject({ width: 800 });
  });

  it('removes a key set to undefined instead of throwing', () => {
    const port = settingsPortFrom(open());
    port.set('draftsDir', '/x');
    port.set('draftsDir', undefined);
    expect(port.get('draftsDir')).toBeUndefined();
  });

  it('moves a file it cannot read aside and starts from defaults instead of refusing to start', () => {
    const file = path.join(dataDir, 'settings.json');
    fs.writeFileSync(file, '{"preferences": {"theme": "dark"', 'utf8');
    const onRecovered = vi.fn();
    const options = settingsStoreOptions({ dataDir, appVersion: '0.1.0' });
    const store = openSettings(() => new Conf<SettingsData>(options), {
      file,
      now: () => new Date('2025-01-02T03:04:05.678Z'),
      onRecovered,
    });
    expect(settingsPortFrom(store).get('preferences')).toEqual(SETTINGS_DEFAULTS.preferences);
    const movedTo = path.join(dataDir, 'settings.broken-2025-01-02T03-04-05-678Z.json');
    expect(onRecovered).toHaveBeenCalledWith(movedTo, expect.anything());
    expect(fs.readFileSync(movedTo, 'utf8')).toBe('{"preferences": {"theme": "dark"');
  });

  it('rethrows when there is no file to blame', () => {
    expect(() =>
      openSettings(
        () => {
          throw new Error('no disk');
        },
        { file: path.join(dataDir, 'missing.json'), onRecovered: vi.fn() },
      ),
    ).toThrow('no disk');
  });
});

describe('settingsProjectVersion', () => {
  it('passes semver through and replaces anything conf would refuse', () => {
    expect(settingsProjectVersion('0.1.0')).toBe('0.1.0');
    expect(settingsProjectVersion('1.2.3-beta.1')).toBe('1.2.3-beta.1');
    expect(settingsProjectVersion('45.4')).toBe('0.0.0');
    expect(settingsProjectVersion('')).toBe('0.0.0');
  });
});

describe('brokenSettingsPath', () => {
  it('names the moved file beside the original, by time', () => {
    expect(brokenSettingsPath('/d/settings.json', new Date('2025-01-02T03:04:05.678Z'))).toBe(
      path.join('/d', 'settings.broken-2025-01-02T03-04-05-678Z.json'),
    );
  });
});
