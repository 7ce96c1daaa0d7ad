/**
 * The secret vault under plain Node (the e2e web host, tests): AES-256-GCM with a random key
 * kept in a file OUTSIDE the data folder, so a copied, synced or attached data folder never
 * carries both the ciphertext and its key. Never plain text. Inside Electron the shell's
 * safeStorage vault takes its place; both share `CiphertextFile` and its format.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { errorCode } from '../drafts/atomicFile';
import { nodeFs, type FsPort } from '../drafts/fsPort';
import { consoleLogger, type Logger } from '../ports';
import {
  CipherVault,
  CiphertextFile,
  VaultError,
  type SecretCipher,
  type SecretVault,
  type VaultStatus,
} from './vault';
import { t } from '../contract/i18n';

export const FILE_KEY_BACKEND = 'file-key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of every ciphertext, so a later format can tell its own from this one. */
const FORMAT_V1 = 1;

/**
 * Where the host keeps the key of a data folder: `$XDG_STATE_HOME/signet/host-keys/` when set,
 * else `<tmp>/signet-host-keys/`, named by a hash of the data folder's path.
 */
export function hostKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 32);
  const base = env.XDG_STATE_HOME
    ? path.join(env.XDG_STATE_HOME, 'signet', 'host-keys')
    : path.join(os.tmpdir(), 'signet-host-keys');
  return path.join(base, `${hash}.key`);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

class KeyFile {
  private key: Buffer | null = null;

  constructor(
    readonly file: string,
    private readonly fs: FsPort,
  ) {}

  /** The key, or null when there is none yet; throws when the file is there but unusable. */
  async load(): Promise<Buffer | null> {
    if (this.key) return this.key;
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.file);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw new Error(t('error.accounts.keyFile.unreadable', { file: this.file, detail: String(error) }), {
        cause: error,
      });
    }
    if (bytes.length !== KEY_BYTES) throw new Error(t('error.accounts.keyFile.damaged', { file: this.file }));
    await this.checkPrivate();
    this.key = bytes;
    return bytes;
  }

  /**
   * The default place is under the shared temp folder, where another user could have made the
   * folder or planted a key first: a key (or folder) that is not the user's own is refused, and
   * one of theirs that others may read is made private again.
   */
  private async checkPrivate(): Promise<void> {
    const uid = process.getuid?.();
    if (uid === undefined) return; // Windows: ACLs, not modes.
    await this.checkFolder();
    const file = await this.fs.stat(this.file);
    if (file.uid !== uid) {
      throw new Error(t('error.accounts.keyFile.otherUser', { file: this.file }));
    }
    if ((file.mode & 0o077) !== 0) await fsp.chmod(this.file, 0o600);
  }

  private async checkFolder(): Promise<void> {
    const uid = process.getuid?.();
    if (uid === undefined) return;
    const dir = await this.fs.stat(path.dirname(this.file));
    // Others may write in a sticky folder (/tmp) but not replace a file that is not theirs.
    const othersMayReplace = (dir.mode & 0o022) !== 0 && (dir.mode & 0o1000) === 0;
    if (dir.uid !== uid || othersMayReplace) {
      throw new Error(t('error.accounts.keyFile.unsafeFolder', { file: this.file }));
    }
  }

  async loadOrCreate(): Promise<Buffer> {
    const existing = await this.load();
    if (existing) return existing;
    await this.fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    // Refuse a folder someone else made before a key is written into it.
    await this.checkFolder();
    let handle;
    try {
      handle = await this.fs.open(this.file, 'wx', 0o600);
    } catch (error) {
      // Another vault on the same folder made it a moment ago.
      if (errorCode(error) === 'EEXIST') return (await this.load())!;
      throw error;
    }
    try {
      await handle.writeFile(key);
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.key = key;
    return key;
  }
}

class FileKeyCipher implements SecretCipher {
  readonly name = FILE_KEY_BACKEND;

  constructor(private readonly keyFile: KeyFile) {}

  async encrypt(plainText: string, context: string): Promise<Uint8Array> {
    const key = await this.keyFile.loadOrCreate();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The entry's key is authenticated with it: a ciphertext copied to another entry fails.
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(cipherText: Uint8Array, context: string) {
    const key = await this.keyFile.load();
    if (!key) throw new Error(`The key file ${this.keyFile.file} is missing.`);
    const bytes = Buffer.from(cipherText);
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT_V1) {
      throw new Error('The ciphertext is damaged.');
    }
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    const body = bytes.subarray(1 + IV_BYTES + TAG_BYTES);
    // final() throws when the key is wrong or a byte changed (GCM's tag does not match).
    const plainText = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    return { plainText, shouldReEncrypt: false };
  }
}

export interface FileKeyVaultOptions {
  dataDir: string;
  /** Must be outside `dataDir`; e.g. `hostKeyFile(dataDir)`. Created with mode 0600. */
  keyFile: string;
  fs?: FsPort;
  log?: Logger;
}

export class FileKeyVault implements SecretVault {
  readonly keyFile: string;
  readonly secretsFile: string;
  private readonly vault: CipherVault;
  private readonly keyFileHandle: KeyFile;

  constructor(options: FileKeyVaultOptions) {
    if (isInside(options.keyFile, options.dataDir)) {
      throw new Error(
        `The vault's key file (${options.keyFile}) must be outside the data folder (${options.dataDir}).`,
      );
    }
    const fs = options.fs ?? nodeFs;
    const log = options.log ?? consoleLogger;
    const keyFile = new KeyFile(options.keyFile, fs);
    const file = new CiphertextFile({ dataDir: options.dataDir, fs, log });
    this.keyFile = options.keyFile;
    this.keyFileHandle = keyFile;
    this.secretsFile = file.file;
    this.vault = new CipherVault({
      file,
      cipher: new FileKeyCipher(keyFile),
      log,
      status: async (): Promise<VaultStatus> => {
        const base = { backend: FILE_KEY_BACKEND, isWeak: false, hasConsent: false };
        try {
          const key = await keyFile.load();
          if (!key && (await this.hasOwnEntries(file))) {
            return {
              ...base,
              available: true,
              message: t('error.accounts.keyFile.gone', { file: options.keyFile }),
            };
          }
          return { ...base, available: true };
        } catch (error) {
          return {
            ...base,
            available: false,
            message: error instanceof Error ? error.message : String(error),
          };
        }
      },
      mayStore: (status) => {
        if (!status.available) {
          throw new VaultError('VAULT_UNAVAILABLE', status.message ?? t('error.accounts.vaultUnavailable'));
        }
      },
    });
  }

  status(): Promise<VaultStatus> {
    return this.vault.status();
  }
  set(key: string, secret: string): Promise<void> {
    return this.vault.set(key, secret);
  }
  get(key: string): Promise<string | null> {
    return this.vault.get(key);
  }
  delete(key: string): Promise<void> {
    return this.vault.delete(key);
  }
  async has(key: string): Promise<boolean> {
    // Without its key no entry can be read: the author must enter the secret again.
    const hasKey = await this.keyFileHandle.load().then(Boolean, () => false);
    return hasKey && this.vault.has(key);
  }

  private async hasOwnEntries(file: CiphertextFile): Promise<boolean> {
    const { secrets } = await file.read();
    return Object.values(secrets).some((entry) => entry.cipher === FILE_KEY_BACKEND);
  }
}
