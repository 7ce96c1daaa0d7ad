/**
 * The secret vault: application passwords, API keys and OAuth tokens, held only as ciphertext.
 *
 * Where the ciphertext lives: its own file, `<data>/secrets.json`, not the settings file.
 * - electron-store rewrites settings.json on every set, and settings change often (window size,
 *   preferences); a secret that rides along in every rewrite is one more copy at risk, while a
 *   file that changes only when a secret does is written rarely, atomically and with mode 0600.
 * - One `CiphertextFile` serves both runtimes: inside Electron the cipher is safeStorage
 *   (electron/shell/vault.ts), in plain Node (web host, tests) an AES-256-GCM key kept outside
 *   the data folder (fileKeyVault.ts). Only the cipher differs; the file format is one.
 * - A settings file sent with a bug report, or synced along with drafts, then never carries even
 *   ciphertext.
 *
 * File format (JSON, version 1):
 * ```
 * { "format": "signet-secrets", "version": 1,
 *   "secrets": { "<key>": { "cipher": "safeStorage" | "file-key", "data": "<base64 ciphertext>",
 *                           "updatedAt": "<ISO>" } } }
 * ```
 * `cipher` is per entry: a data folder opened by the web host and by the app holds entries each
 * can read only its own of; an entry of another cipher reads as "no secret" and is never fed to
 * the wrong decryptor.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { VaultStatus } from '../contract';
import { errorCode, fsyncDir } from '../drafts/atomicFile';
import { nodeFs, type FsPort } from '../drafts/fsPort';
import { consoleLogger, type Logger, type SettingsPort } from '../ports';
import { t } from '../contract/i18n';

export type { VaultStatus };

export interface SecretVault {
  status(): Promise<VaultStatus>;
  /** Throws `VaultError` (`VAULT_WEAK_NEEDS_CONSENT`, `VAULT_UNAVAILABLE`) when it may not store. */
  set(key: string, secret: string): Promise<void>;
  /** null when there is none, or when it cannot be decrypted (then `status().message` says why). */
  get(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
  /** A secret this vault can read is stored under `key`. Decrypts nothing (no keychain prompt). */
  has(key: string): Promise<boolean>;
}

export type VaultErrorCode = 'VAULT_WEAK_NEEDS_CONSENT' | 'VAULT_UNAVAILABLE' | 'VAULT_IO';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'VaultError';
  }
}

export const SECRETS_FILE_NAME = 'secrets.json';
const FORMAT = 'signet-secrets';
const VERSION = 1;

export interface SecretEntry {
  /** Which cipher wrote it (`SecretCipher.name`). */
  cipher: string;
  /** Base64 of the ciphertext. */
  data: string;
  updatedAt: string;
}

export interface SecretsFileData {
  format: typeof FORMAT;
  version: typeof VERSION;
  secrets: Record<string, SecretEntry>;
}

function emptyFile(): SecretsFileData {
  return { format: FORMAT, version: VERSION, secrets: {} };
}

class NewerFormatError extends Error {
  constructor(readonly version: number) {
    super(`secrets file version ${version} was written by a newer Signet`);
  }
}

function parseSecretsFile(text: string): SecretsFileData {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  const { format, version, secrets } = parsed as Record<string, unknown>;
  if (format !== FORMAT) throw new Error('not a Signet secrets file');
  if (typeof version === 'number' && version > VERSION) throw new NewerFormatError(version);
  if (version !== VERSION) throw new Error(`secrets file version ${String(version)} is not known`);
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw new Error('no "secrets" object');
  }
  const out = emptyFile();
  for (const [key, value] of Object.entries(secrets)) {
    const entry = value as Partial<SecretEntry> | null;
    if (
      entry &&
      typeof entry.cipher === 'string' &&
      typeof entry.data === 'string' &&
      typeof entry.updatedAt === 'string'
    ) {
      out.secrets[key] = { cipher: entry.cipher, data: entry.data, updatedAt: entry.updatedAt };
    }
  }
  return out;
}

/**
 * `<data>/secrets.json`: read fresh on every call (it is small), replaced atomically (temp file
 * with mode 0600 → fsync → rename → fsync the folder), one read-modify-write at a time.
 */
export class CiphertextFile {
  readonly file: string;
  private readonly fs: FsPort;
  private readonly log: Logger;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: { dataDir: string; fs?: FsPort; log?: Logger; fileName?: string }) {
    this.file = path.join(options.dataDir, options.fileName ?? SECRETS_FILE_NAME);
    this.fs = options.fs ?? nodeFs;
    this.log = options.log ?? consoleLogger;
  }

  async read(): Promise<SecretsFileData> {
    let text: string;
    try {
      text = await this.fs.readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return emptyFile();
      throw new VaultError(
        'VAULT_IO',
        t('error.accounts.vault.readFailed', { file: this.file, detail: describe(error) }),
        {
          cause: error,
        },
      );
    }
    try {
      return parseSecretsFile(text);
    } catch (error) {
      if (error instanceof NewerFormatError) {
        // Left alone: the newer Signet that wrote it can still read it.
        throw new VaultError('VAULT_UNAVAILABLE', t('error.accounts.vault.newer'));
      }
      // Never deleted: moved aside, so what it held can still be recovered by hand.
      let movedTo: string;
      try {
        movedTo = await this.moveAside();
      } catch (moveError) {
        // Another read got there first.
        if (errorCode(moveError) === 'ENOENT') return emptyFile();
        throw new VaultError(
          'VAULT_IO',
          t('error.accounts.vault.readFailed', { file: this.file, detail: describe(moveError) }),
          {
            cause: moveError,
          },
        );
      }
      this.log.warn('The secrets file could not be read; it was moved aside and saved passwords are gone', {
        movedTo,
        error: describe(error),
      });
      return emptyFile();
    }
  }

  /** Runs `change` on the current contents and writes the result, one change at a time. */
  update<T>(change: (data: SecretsFileData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const data = await this.read();
      const result = await change(data);
      await this.write(data);
      return result;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async write(data: SecretsFileData): Promise<void> {
    const dir = path.dirname(this.file);
    await this.fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(this.file)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await this.fs.open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameWithRetry(this.fs, temp, this.file);
    } catch (error) {
      await this.fs.rm(temp, { force: true }).catch(() => {});
      throw new VaultError(
        'VAULT_IO',
        t('error.accounts.vault.saveFailed', { file: this.file, detail: describe(error) }),
        {
          cause: error,
        },
      );
    }
    await fsyncDir(this.fs, dir);
  }

  private async moveAside(): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const movedTo = this.file.replace(/\.json$/, '') + `.broken-${stamp}.json`;
    await this.fs.rename(this.file, movedTo);
    return movedTo;
  }
}

/** Windows refuses to replace a file a scanner or sync client holds open for a moment. */
async function renameWithRetry(fs: FsPort, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const isTransient =
        process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!isTransient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Turns a secret into ciphertext and back. `context` is the entry's key (AAD where supported). */
export interface SecretCipher {
  /** Stored with each entry; a vault reads only entries of its own cipher. */
  readonly name: string;
  encrypt(plainText: string, context: string): Promise<Uint8Array>;
  /** Throws when the ciphertext cannot be decrypted (wrong key, damaged, keyring refused). */
  decrypt(cipherText: Uint8Array, context: string): Promise<{ plainText: string; shouldReEncrypt: boolean }>;
}

/**
 * A vault from a ciphertext file and a cipher: the one implementation both runtimes use.
 * `status` reports the cipher's state; `mayStore` throws a `VaultError` when it must not store.
 */
export class CipherVault implements SecretVault {
  /** Keys whose ciphertext failed to decrypt in this session, with the error. */
  private readonly unreadable = new Map<string, string>();

  constructor(
    private readonly options: {
      file: CiphertextFile;
      cipher: SecretCipher;
      status: () => Promise<VaultStatus>;
      mayStore?: (status: VaultStatus) => void;
      log?: Logger;
    },
  ) {}

  private get log(): Logger {
    return this.options.log ?? consoleLogger;
  }

  async status(): Promise<VaultStatus> {
    const status = await this.options.status();
    if (this.unreadable.size === 0) return status;
    const count = this.unreadable.size;
    const problem = t('error.accounts.vault.undecryptable', { count });
    return { ...status, message: status.message ? `${status.message} ${problem}` : problem };
  }

  async set(key: string, secret: string): Promise<void> {
    const status = await this.options.status();
    if (this.options.mayStore) this.options.mayStore(status);
    else if (!status.available) {
      throw new VaultError('VAULT_UNAVAILABLE', status.message ?? t('error.accounts.vaultUnavailable'));
    }
    const cipherText = await this.options.cipher.encrypt(secret, key);
    await this.options.file.update((data) => {
      data.secrets[key] = this.entry(cipherText);
    });
    this.unreadable.delete(key);
  }

  async get(key: string): Promise<string | null> {
    const entry = (await this.options.file.read()).secrets[key];
    if (!entry || entry.cipher !== this.options.cipher.name) return null;
    let decrypted: { plainText: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.options.cipher.decrypt(Buffer.from(entry.data, 'base64'), key);
    } catch (error) {
      this.unreadable.set(key, describe(error));
      this.log.warn('A saved secret could not be decrypted', { key, error: describe(error) });
      return null;
    }
    this.unreadable.delete(key);
    if (decrypted.shouldReEncrypt) await this.reEncrypt(key, entry, decrypted.plainText);
    return decrypted.plainText;
  }

  async delete(key: string): Promise<void> {
    const data = await this.options.file.read();
    if (!(key in data.secrets)) return;
    await this.options.file.update((current) => {
      delete current.secrets[key];
    });
    this.unreadable.delete(key);
  }

  async has(key: string): Promise<boolean> {
    const entry = (await this.options.file.read()).secrets[key];
    return !!entry && entry.cipher === this.options.cipher.name && !this.unreadable.has(key);
  }

  /**
   * The key was rotated or a better one is available: the same secret is written again under
   * it. A failure here costs nothing (the old ciphertext still decrypts), so it is only logged.
   */
  private async reEncrypt(key: string, read: SecretEntry, plainText: string): Promise<void> {
    try {
      const cipherText = await this.options.cipher.encrypt(plainText, key);
      await this.options.file.update((data) => {
        // Only if nobody replaced or removed it meanwhile.
        if (data.secrets[key]?.data === read.data) data.secrets[key] = this.entry(cipherText);
      });
    } catch (error) {
      this.log.warn('A saved secret could not be re-encrypted; it stays as it was', {
        key,
        error: describe(error),
      });
    }
  }

  private entry(cipherText: Uint8Array): SecretEntry {
    return {
      cipher: this.options.cipher.name,
      data: Buffer.from(cipherText).toString('base64'),
      updatedAt: new Date().toISOString(),
    };
  }
}

/** The author agreed to store secrets with weak protection (Linux without a keyring). */
export function hasWeakVaultConsent(settings: SettingsPort): boolean {
  return settings.get('allowWeakVault') === true;
}

export function setWeakVaultConsent(settings: SettingsPort, allowed: boolean): void {
  settings.set('allowWeakVault', allowed ? true : undefined);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
