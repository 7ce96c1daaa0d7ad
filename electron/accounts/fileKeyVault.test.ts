import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FsPort } from '../drafts/fsPort';
import type { Logger } from '../ports';
import { FileKeyVault, hostKeyFile } from './fileKeyVault';
import { SECRETS_FILE_NAME, VaultError } from './vault';

const SECRET = 'abcd EFGH 1234 ijkl MNOP 5678';

let root: string;
let dataDir: string;
let keyFile: string;
let log: Logger;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-vault-'));
  dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  keyFile = path.join(root, 'keys', 'data.key');
  log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const open = (options: { keyFile?: string; fs?: FsPort } = {}) =>
  new FileKeyVault({ dataDir, keyFile: options.keyFile ?? keyFile, fs: options.fs, log });
const secretsFile = () => path.join(dataDir, SECRETS_FILE_NAME);

/** Every file under `dir`, as bytes. */
function allFiles(dir: string): Buffer[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)));
}

describe('FileKeyVault', () => {
  it('gives back what was stored, also after a restart, and forgets what was deleted', async () => {
    const vault = open();
    expect(await vault.has('account:a')).toBe(false);
    expect(await vault.get('account:a')).toBeNull();
    await vault.set('account:a', SECRET);
    await vault.set('account:b', 'other');

    const again = open();
    expect(await again.get('account:a')).toBe(SECRET);
    expect(await again.has('account:b')).toBe(true);
    await again.delete('account:a');
    expect(await open().get('account:a')).toBeNull();
    expect(await open().get('account:b')).toBe('other');
    expect(await again.status()).toEqual({
      available: true,
      backend: 'file-key',
      isWeak: false,
      hasConsent: false,
    });
  });

  it('never writes the secret in plain text anywhere in the data folder', async () => {
    const vault = open();
    await vault.set('account:a', SECRET);
    const needles = [SECRET, SECRET.replace(/ /g, ''), Buffer.from(SECRET).toString('base64')];
    const files = allFiles(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) {
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    const stored = JSON.parse(fs.readFileSync(secretsFile(), 'utf8'));
    expect(stored).toMatchObject({ format: 'signet-secrets', version: 1 });
    expect(stored.secrets['account:a']).toMatchObject({ cipher: 'file-key', data: expect.any(String) });
  });

  it('keeps its key outside the data folder, readable by its owner only', async () => {
    await open().set('account:a', SECRET);
    expect(allFiles(dataDir).some((bytes) => bytes.length === 32)).toBe(false);
    expect(fs.statSync(keyFile).size).toBe(32);
    if (process.platform !== 'win32') {
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(secretsFile()).mode & 0o777).toBe(0o600);
    }
    expect(() => open({ keyFile: path.join(dataDir, 'vault.key') })).toThrow(/outside the data folder/);
    expect(() => open({ keyFile: dataDir })).toThrow(/outside the data folder/);
  });

  it.skipIf(process.platform === 'win32')(
    'refuses a key in a folder others may write in, and makes a readable key private again',
    async () => {
      await open().set('account:a', SECRET);
      fs.chmodSync(keyFile, 0o644);
      expect(await open().get('account:a')).toBe(SECRET);
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

      fs.chmodSync(path.dirname(keyFile), 0o777);
      const vault = open();
      expect(await vault.status()).toMatchObject({
        available: false,
        message: expect.stringMatching(/others may write in it/),
      });
      expect(await vault.get('account:a')).toBeNull();
      await expect(vault.set('account:b', 'x')).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    },
  );

  it('answers null and says why when the key is not the one that encrypted (no crash)', async () => {
    await open().set('account:a', SECRET);
    fs.writeFileSync(keyFile, randomBytes(32));

    const vault = open();
    expect(await vault.get('account:a')).toBeNull();
    expect(await vault.has('account:a')).toBe(false);
    const status = await vault.status();
    expect(status.available).toBe(true);
    expect(status.message).toMatch(/could not decrypt 1 saved password.*Enter it again/);
    expect(log.warn).toHaveBeenCalled();

    // Entering it again mends it.
    await vault.set('account:a', SECRET);
    expect(await vault.get('account:a')).toBe(SECRET);
    expect((await vault.status()).message).toBeUndefined();
  });

  it('says so when the key file is gone', async () => {
    await open().set('account:a', SECRET);
    fs.rmSync(keyFile);
    const vault = open();
    expect(await vault.has('account:a')).toBe(false);
    expect(await vault.get('account:a')).toBeNull();
    expect((await vault.status()).message).toMatch(/is gone/);
  });

  it('refuses to store with a damaged key file instead of replacing the key', async () => {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, 'short');
    const vault = open();
    expect(await vault.status()).toMatchObject({
      available: false,
      message: expect.stringMatching(/damaged/),
    });
    await expect(vault.set('account:a', SECRET)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    expect(fs.readFileSync(keyFile, 'utf8')).toBe('short');
  });

  it('binds a ciphertext to its entry: one copied onto another entry does not decrypt', async () => {
    const vault = open();
    await vault.set('account:a', SECRET);
    await vault.set('account:b', 'other');
    const stored = JSON.parse(fs.readFileSync(secretsFile(), 'utf8'));
    stored.secrets['account:b'].data = stored.secrets['account:a'].data;
    fs.writeFileSync(secretsFile(), JSON.stringify(stored));
    expect(await open().get('account:b')).toBeNull();
  });

  it('replaces the secrets file atomically: a failed write leaves the old file whole and no temp file', async () => {
    await open().set('account:a', SECRET);
    const before = fs.readFileSync(secretsFile());
    const failingFs: FsPort = {
      ...fsp,
      rename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const error = await open({ fs: failingFs })
      .set('account:b', 'other')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ code: 'VAULT_IO', message: expect.stringMatching(/no space left/) });
    expect(fs.readFileSync(secretsFile())).toEqual(before);
    expect(fs.readdirSync(dataDir)).toEqual([SECRETS_FILE_NAME]);
    expect(await open().get('account:a')).toBe(SECRET);
  });

  it('loses none of several secrets stored at once', async () => {
    const vault = open();
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.set(`account:${i}`, `secret-${i}`)));
    const again = open();
    for (let i = 0; i < 10; i++) expect(await again.get(`account:${i}`)).toBe(`secret-${i}`);
    expect(fs.readdirSync(dataDir)).toEqual([SECRETS_FILE_NAME]);
  });

  it('moves a secrets file it cannot read aside (never deletes it) and goes on', async () => {
    fs.writeFileSync(secretsFile(), '{"format": "signet-secrets", "secr');
    const vault = open();
    expect(await vault.get('account:a')).toBeNull();
    const names = fs.readdirSync(dataDir);
    const broken = names.find((name) => name.startsWith('secrets.broken-'));
    expect(broken).toBeDefined();
    expect(fs.readFileSync(path.join(dataDir, broken!), 'utf8')).toContain('"secr');
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/moved aside/), expect.anything());
    await vault.set('account:a', SECRET);
    expect(await vault.get('account:a')).toBe(SECRET);
  });

  it('leaves a secrets file of a newer Signet alone', async () => {
    const newer = JSON.stringify({ format: 'signet-secrets', version: 2, secrets: {} });
    fs.writeFileSync(secretsFile(), newer);
    const vault = open();
    await expect(vault.get('account:a')).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    await expect(vault.set('account:a', SECRET)).rejects.toMatchObject({ code: 'VAULT_UNAVAILABLE' });
    expect(fs.readFileSync(secretsFile(), 'utf8')).toBe(newer);
  });
});

describe('hostKeyFile', () => {
  it('is outside the data folder, one per data folder, under XDG_STATE_HOME when set', () => {
    const a = hostKeyFile('/home/me/signet-data', {});
    expect(a.startsWith(path.join(os.tmpdir(), 'signet-host-keys') + path.sep)).toBe(true);
    expect(a).toMatch(/[0-9a-f]{32}\.key$/);
    expect(hostKeyFile('/home/me/other', {})).not.toBe(a);
    expect(hostKeyFile('/home/me/signet-data/', {})).toBe(a);
    expect(hostKeyFile('/home/me/signet-data', { XDG_STATE_HOME: '/home/me/.local/state' })).toMatch(
      /^\/home\/me\/\.local\/state\/signet\/host-keys\/[0-9a-f]{32}\.key$/,
    );
  });
});
