/**
 * The safeStorage vault with a fake `safeStorage` that behaves as Electron 45's does where it
 * matters: ciphertext that hides the text, a key that can rotate (`shouldReEncrypt`), rejection of
 * damaged ciphertext, a Linux backend picked only once the synchronous API has run, and
 * `basic_text` encrypting only after `setUsePlainTextEncryption(true)`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileKeyVault } from '../accounts/fileKeyVault';
import { SECRETS_FILE_NAME, setWeakVaultConsent, VaultError } from '../accounts/vault';
import type { Logger, SettingsData, SettingsPort } from '../ports';
import { SafeStorageVault, type SafeStorageApi } from './vaultSafeStorage';

const SECRET = 'abcd EFGH 1234 ijkl MNOP 5678';

class FakeSafeStorage implements SafeStorageApi {
  keyVersion = 1;
  usePlainText = false;
  backendSelected = false;
  calls: string[] = [];

  constructor(
    private readonly linuxBackend: string = 'gnome_libsecret',
    private readonly isKeyringReachable = true,
  ) {}

  async isAsyncEncryptionAvailable() {
    if (this.linuxBackend === 'basic_text') return this.usePlainText;
    return this.isKeyringReachable;
  }
  async encryptStringAsync(plainText: string) {
    this.calls.push('encrypt');
    if (!(await this.isAsyncEncryptionAvailable())) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
    }
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ (0x5a + this.keyVersion));
    return Buffer.concat([Buffer.from(`v1${this.keyVersion}`), body]);
  }
  async decryptStringAsync(encrypted: Buffer) {
    this.calls.push('decrypt');
    const prefix = encrypted.subarray(0, 3).toString();
    const version = Number(prefix.slice(2));
    if (!prefix.startsWith('v1') || !(version >= 1 && version <= this.keyVersion)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    }
    const result = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ (0x5a + version))).toString('utf8');
    return { result, shouldReEncrypt: version < this.keyVersion };
  }
  getSelectedStorageBackend() {
    return this.backendSelected ? this.linuxBackend : 'unknown';
  }
  isEncryptionAvailable() {
    this.calls.push('isEncryptionAvailable');
    this.backendSelected = true;
    return this.linuxBackend !== 'basic_text' || this.usePlainText;
  }
  setUsePlainTextEncryption(usePlainText: boolean) {
    this.calls.push(`setUsePlainTextEncryption(${usePlainText})`);
    this.usePlainText = usePlainText;
  }
}

function memorySettings(): SettingsPort {
  const values = new Map<keyof SettingsData, unknown>();
  return {
    get: (key) => values.get(key) as never,
    set: (key, value) => (value === undefined ? values.delete(key) : values.set(key, value)),
  };
}

let dataDir: string;
let settings: SettingsPort;
let log: Logger;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-safestorage-'));
  settings = memorySettings();
  log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const open = (safeStorage: SafeStorageApi, platform: NodeJS.Platform = 'linux') =>
  new SafeStorageVault({ safeStorage, platform, settings, dataDir, log });
const secretsFile = () => path.join(dataDir, SECRETS_FILE_NAME);

describe('SafeStorageVault', () => {
  it('stores through safeStorage: round trip, only ciphertext on disk', async () => {
    const safeStorage = new FakeSafeStorage('gnome_libsecret');
    const vault = open(safeStorage);
    await vault.set('account:a', SECRET);
    expect(await open(safeStorage).get('account:a')).toBe(SECRET);
    expect(await vault.has('account:a')).toBe(true);
    expect(fs.readFileSync(secretsFile()).includes(Buffer.from(SECRET))).toBe(false);
    const stored = JSON.parse(fs.readFileSync(secretsFile(), 'utf8'));
    expect(stored.secrets['account:a'].cipher).toBe('safeStorage');

    await vault.delete('account:a');
    expect(await vault.get('account:a')).toBeNull();
    expect(await vault.status()).toEqual({
      available: true,
      backend: 'gnome_libsecret',
      isWeak: false,
      hasConsent: false,
    });
  });

  it('makes Electron pick its Linux backend before reporting it', async () => {
    const safeStorage = new FakeSafeStorage('kwallet6');
    expect((await open(safeStorage).status()).backend).toBe('kwallet6');
    expect(safeStorage.calls).toContain('isEncryptionAvailable');
  });

  it('with no keyring (basic_text): says so and refuses to store until the author agrees', async () => {
    const safeStorage = new FakeSafeStorage('basic_text');
    const vault = open(safeStorage);
    const status = await vault.status();
    expect(status).toMatchObject({ backend: 'basic_text', isWeak: true, hasConsent: false });
    expect(status.message).toMatch(
      /^Your system has no keyring \(.*\), so Signet cannot encrypt passwords\./,
    );

    const refused = await vault.set('account:a', SECRET).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VaultError);
    expect(refused).toMatchObject({ code: 'VAULT_WEAK_NEEDS_CONSENT', message: status.message });
    expect(fs.existsSync(secretsFile())).toBe(false);
    expect(safeStorage.calls).not.toContain('encrypt');
    expect(safeStorage.calls).not.toContain('setUsePlainTextEncryption(true)');

    setWeakVaultConsent(settings, true);
    await vault.set('account:a', SECRET);
    expect(safeStorage.calls).toContain('setUsePlainTextEncryption(true)');
    expect(await vault.get('account:a')).toBe(SECRET);
    expect(await vault.status()).toMatchObject({
      isWeak: true,
      hasConsent: true,
      message: expect.stringMatching(/stored with weak protection/),
    });
  });

  it('re-encrypts and rewrites a secret when safeStorage says the key was rotated', async () => {
    const safeStorage = new FakeSafeStorage();
    const vault = open(safeStorage);
    await vault.set('account:a', SECRET);
    const before = JSON.parse(fs.readFileSync(secretsFile(), 'utf8')).secrets['account:a'].data;

    safeStorage.keyVersion = 2;
    expect(await vault.get('account:a')).toBe(SECRET);
    const after = JSON.parse(fs.readFileSync(secretsFile(), 'utf8')).secrets['account:a'].data;
    expect(after).not.toBe(before);
    expect(Buffer.from(after, 'base64').subarray(0, 3).toString()).toBe('v12');

    // Under the new key nothing more is rewritten.
    safeStorage.calls = [];
    expect(await vault.get('account:a')).toBe(SECRET);
    expect(safeStorage.calls).toEqual(['decrypt']);
  });

  it('answers null and says why when the ciphertext cannot be decrypted', async () => {
    const safeStorage = new FakeSafeStorage();
    const vault = open(safeStorage);
    await vault.set('account:a', SECRET);
    const stored = JSON.parse(fs.readFileSync(secretsFile(), 'utf8'));
    stored.secrets['account:a'].data = Buffer.from('garbage').toString('base64');
    fs.writeFileSync(secretsFile(), JSON.stringify(stored));

    expect(await vault.get('account:a')).toBeNull();
    expect(await vault.has('account:a')).toBe(false);
    expect((await vault.status()).message).toMatch(/could not decrypt 1 saved password/);
  });

  it('refuses to store when the Keychain cannot be reached', async () => {
    const vault = open(new FakeSafeStorage('unused', false), 'darwin');
    const status = await vault.status();
    expect(status).toMatchObject({ available: false, backend: 'keychain', isWeak: false });
    await expect(vault.set('account:a', SECRET)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    expect(fs.existsSync(secretsFile())).toBe(false);
  });

  it('never hands an entry written by another cipher to safeStorage', async () => {
    const keyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-keys-'));
    try {
      await new FileKeyVault({ dataDir, keyFile: path.join(keyRoot, 'k.key'), log }).set('account:a', SECRET);
      const safeStorage = new FakeSafeStorage();
      const vault = open(safeStorage);
      expect(await vault.has('account:a')).toBe(false);
      expect(await vault.get('account:a')).toBeNull();
      expect(safeStorage.calls).not.toContain('decrypt');
    } finally {
      fs.rmSync(keyRoot, { recursive: true, force: true });
    }
  });
});
