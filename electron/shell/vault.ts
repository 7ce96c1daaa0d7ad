/**
 * The secret vault inside Electron, with the real `safeStorage`. Open it after the app is ready:
 * safeStorage refuses to work before then.
 */
import { safeStorage } from 'electron';
import type { SecretVault } from '../accounts/vault';
import type { Logger, SettingsPort } from '../ports';
import { SafeStorageVault } from './vaultSafeStorage';

export function openShellVault(options: {
  dataDir: string;
  settings: SettingsPort;
  log: Logger;
}): SecretVault {
  return new SafeStorageVault({ safeStorage, platform: process.platform, ...options });
}
