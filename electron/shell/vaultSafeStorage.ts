/**
 * The secret vault inside Electron: safeStorage's asynchronous API as the cipher, over the shared
 * `<data>/secrets.json` (electron/accounts/vault.ts). It takes `safeStorage` as an argument and
 * imports no electron, so it runs in unit tests with a fake; electron/shell/vault.ts passes the
 * real one. Its decisions are in policy/vaultPolicy.ts.
 */
import type { FsPort } from '../drafts/fsPort';
import { consoleLogger, type Logger, type SettingsPort } from '../ports';
import {
  CipherVault,
  CiphertextFile,
  hasWeakVaultConsent,
  VaultError,
  type SecretCipher,
  type SecretVault,
  type VaultStatus,
} from '../accounts/vault';
import {
  isWeakBackend,
  needsBackendProbe,
  safeStorageBackend,
  safeStorageStatus,
  shouldUsePlainTextEncryption,
  storeRefusal,
} from './policy/vaultPolicy';
import { t } from '../contract/i18n';

/** The part of Electron's `safeStorage` the vault uses (Electron 45). */
export interface SafeStorageApi {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
  /** Synchronous (deprecated); called only to make Electron select its Linux backend. */
  isEncryptionAvailable?(): boolean;
  setUsePlainTextEncryption?(usePlainText: boolean): void;
}

export const SAFE_STORAGE_CIPHER = 'safeStorage';

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageApi;
  platform: NodeJS.Platform;
  /** Where the author's consent to weak protection is kept (`allowWeakVault`). */
  settings: SettingsPort;
  dataDir: string;
  fs?: FsPort;
  log?: Logger;
}

export class SafeStorageVault implements SecretVault {
  private readonly vault: CipherVault;

  constructor(private readonly options: SafeStorageVaultOptions) {
    const { safeStorage } = options;
    const log = options.log ?? consoleLogger;
    const cipher: SecretCipher = {
      name: SAFE_STORAGE_CIPHER,
      encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
      decrypt: async (cipherText) => {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipherText));
        return { plainText: result, shouldReEncrypt };
      },
    };
    this.vault = new CipherVault({
      file: new CiphertextFile({ dataDir: options.dataDir, fs: options.fs, log }),
      cipher,
      log,
      status: () => this.currentStatus(),
      mayStore: (status) => {
        const refusal = storeRefusal(status);
        if (refusal) {
          throw new VaultError(refusal, status.message ?? t('error.accounts.vaultUnavailable'));
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
  has(key: string): Promise<boolean> {
    return this.vault.has(key);
  }

  private async currentStatus(): Promise<VaultStatus> {
    const { safeStorage, platform, settings } = this.options;
    const backend = this.backend();
    const hasConsent = hasWeakVaultConsent(settings);
    const isWeak = isWeakBackend(platform, backend);
    if (isWeak) safeStorage.setUsePlainTextEncryption?.(shouldUsePlainTextEncryption({ isWeak, hasConsent }));
    let isAvailable = false;
    try {
      isAvailable = await safeStorage.isAsyncEncryptionAvailable();
    } catch (error) {
      (this.options.log ?? consoleLogger).warn('safeStorage could not tell whether encryption works', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return safeStorageStatus({ platform, backend, isAvailable, hasConsent });
  }

  private backend(): string {
    const { safeStorage, platform } = this.options;
    const read = () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined);
    let linuxBackend = read();
    if (needsBackendProbe(platform, linuxBackend)) {
      safeStorage.isEncryptionAvailable?.();
      linuxBackend = read();
    }
    return safeStorageBackend(platform, linuxBackend);
  }
}
