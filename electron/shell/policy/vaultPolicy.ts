/**
 * What the safeStorage vault decides, as pure functions: which backend protects secrets, whether
 * that protection is real, and whether a secret may be stored now. Signal Desktop's rule: Linux's
 * `basic_text` backend (a hard-coded key, https://www.electronjs.org/docs/latest/api/safe-storage)
 * is no encryption, so Signet says so and asks before it stores anything.
 */
import type { VaultStatus } from '../../accounts/vault';
import { t } from '../../contract/i18n';

export type VaultRefusal = 'VAULT_WEAK_NEEDS_CONSENT' | 'VAULT_UNAVAILABLE';

/**
 * The backend's name: safeStorage names the Linux store it selected (`getSelectedStorageBackend`
 * exists on Linux only); macOS always uses the Keychain and Windows DPAPI.
 */
export function safeStorageBackend(platform: NodeJS.Platform, linuxBackend: string | undefined): string {
  if (platform === 'darwin') return 'keychain';
  if (platform === 'win32') return 'dpapi';
  return linuxBackend ?? 'unknown';
}

/**
 * Electron picks its Linux backend when the synchronous API first runs; before that (and before
 * 'ready') it reports `unknown`. Then the shell asks `isEncryptionAvailable()` once and reads again.
 */
export function needsBackendProbe(platform: NodeJS.Platform, linuxBackend: string | undefined): boolean {
  return platform === 'linux' && (linuxBackend === undefined || linuxBackend === 'unknown');
}

/**
 * No real protection: `basic_text`, or a Linux backend Electron cannot name (then nobody can
 * promise a keyring, so Signet does not either).
 */
export function isWeakBackend(platform: NodeJS.Platform, backend: string): boolean {
  if (platform === 'darwin' || platform === 'win32') return false;
  return backend === 'basic_text' || backend === 'unknown';
}

export function safeStorageStatus(input: {
  platform: NodeJS.Platform;
  backend: string;
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  isAvailable: boolean;
  hasConsent: boolean;
}): VaultStatus {
  const { platform, backend, isAvailable, hasConsent } = input;
  const isWeak = isWeakBackend(platform, backend);
  const status: VaultStatus = { available: isAvailable, backend, isWeak, hasConsent };
  if (isWeak) return { ...status, message: weakMessage(backend, hasConsent) };
  if (!isAvailable) return { ...status, message: unavailableMessage(platform, backend) };
  return status;
}

/** Why a secret may not be stored now, or null when it may. */
export function storeRefusal(status: VaultStatus): VaultRefusal | null {
  if (status.isWeak && !status.hasConsent) return 'VAULT_WEAK_NEEDS_CONSENT';
  if (!status.available) return 'VAULT_UNAVAILABLE';
  return null;
}

/**
 * Electron encrypts with its hard-coded `basic_text` key only when told to
 * (`setUsePlainTextEncryption`): Signet tells it once the author agreed, never before.
 */
export function shouldUsePlainTextEncryption(status: Pick<VaultStatus, 'isWeak' | 'hasConsent'>): boolean {
  return status.isWeak && status.hasConsent;
}

function weakMessage(backend: string, hasConsent: boolean): string {
  const why =
    backend === 'basic_text'
      ? t('error.accounts.vault.whyBasicText')
      : t('error.accounts.vault.whyNoKeyring');
  return hasConsent
    ? t('error.accounts.vault.weakAllowed', { why })
    : t('error.accounts.vault.weakNeedsConsent', { why });
}

function unavailableMessage(platform: NodeJS.Platform, backend: string): string {
  if (platform === 'darwin') {
    return t('error.accounts.vault.unavailableMac');
  }
  if (platform === 'win32') {
    return t('error.accounts.vault.unavailableWindows');
  }
  return t('error.accounts.vault.unavailableLinux', { backend });
}
