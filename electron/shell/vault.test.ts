/** `openShellVault` hands Electron's own safeStorage to the vault (electron replaced by a fake). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SettingsPort } from '../ports';

const fake = vi.hoisted(() => ({ encrypted: [] as string[] }));

vi.mock('electron', () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (text: string) => {
      fake.encrypted.push(text);
      return Buffer.from(`enc:${Buffer.from(text).toString('hex')}`);
    },
    decryptStringAsync: async (data: Buffer) => ({
      result: Buffer.from(data.toString().slice(4), 'hex').toString(),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  },
}));

const { openShellVault } = await import('./vault');

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('openShellVault', () => {
  it('encrypts with safeStorage', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-shell-vault-'));
    const settings: SettingsPort = { get: () => undefined as never, set: () => {} };
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const vault = openShellVault({ dataDir, settings, log });
    await vault.set('account:a', 'secret');
    expect(fake.encrypted).toEqual(['secret']);
    expect(await vault.get('account:a')).toBe('secret');
    expect(await vault.status()).toMatchObject({ available: true, isWeak: false });
  });
});
