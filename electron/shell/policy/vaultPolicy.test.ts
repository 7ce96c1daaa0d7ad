import { describe, expect, it } from 'vitest';
import {
  isWeakBackend,
  needsBackendProbe,
  safeStorageBackend,
  safeStorageStatus,
  shouldUsePlainTextEncryption,
  storeRefusal,
} from './vaultPolicy';

describe('safeStorageBackend', () => {
  it('names the store each platform uses', () => {
    expect(safeStorageBackend('darwin', undefined)).toBe('keychain');
    expect(safeStorageBackend('win32', undefined)).toBe('dpapi');
    expect(safeStorageBackend('linux', 'gnome_libsecret')).toBe('gnome_libsecret');
    expect(safeStorageBackend('linux', undefined)).toBe('unknown');
  });

  it('asks Electron to pick a Linux backend only while it reports none', () => {
    expect(needsBackendProbe('linux', 'unknown')).toBe(true);
    expect(needsBackendProbe('linux', undefined)).toBe(true);
    expect(needsBackendProbe('linux', 'kwallet6')).toBe(false);
    expect(needsBackendProbe('darwin', undefined)).toBe(false);
  });
});

describe('isWeakBackend', () => {
  it.each([
    ['linux', 'basic_text', true],
    ['linux', 'unknown', true],
    ['linux', 'gnome_libsecret', false],
    ['linux', 'kwallet5', false],
    ['darwin', 'keychain', false],
    ['win32', 'dpapi', false],
  ] as const)('%s %s → %s', (platform, backend, weak) => {
    expect(isWeakBackend(platform, backend)).toBe(weak);
  });
});

describe('safeStorageStatus and storeRefusal', () => {
  it('a keyring that works: nothing to say, storing allowed', () => {
    const status = safeStorageStatus({
      platform: 'linux',
      backend: 'gnome_libsecret',
      isAvailable: true,
      hasConsent: false,
    });
    expect(status).toEqual({ available: true, backend: 'gnome_libsecret', isWeak: false, hasConsent: false });
    expect(storeRefusal(status)).toBeNull();
  });

  it('no keyring: says so, in the words the author sees, and asks before storing', () => {
    const status = safeStorageStatus({
      platform: 'linux',
      backend: 'basic_text',
      isAvailable: true,
      hasConsent: false,
    });
    expect(status.isWeak).toBe(true);
    expect(status.message).toMatch(
      /^Your system has no keyring \(.+\), so Signet cannot encrypt passwords\. Install and unlock a keyring \(GNOME Keyring or KWallet\), or allow Signet to store them with weak protection\.$/,
    );
    expect(storeRefusal(status)).toBe('VAULT_WEAK_NEEDS_CONSENT');
    // Even when Electron would not encrypt yet: consent comes first.
    expect(storeRefusal({ ...status, available: false })).toBe('VAULT_WEAK_NEEDS_CONSENT');
    expect(shouldUsePlainTextEncryption(status)).toBe(false);
  });

  it('no keyring, author agreed: stores, and still says the protection is weak', () => {
    const status = safeStorageStatus({
      platform: 'linux',
      backend: 'basic_text',
      isAvailable: true,
      hasConsent: true,
    });
    expect(storeRefusal(status)).toBeNull();
    expect(status).toMatchObject({ isWeak: true, hasConsent: true });
    expect(status.message).toMatch(/stored with weak protection/);
    expect(shouldUsePlainTextEncryption(status)).toBe(true);
  });

  it('a store that cannot be reached now: refuses with what to do, per platform', () => {
    for (const [platform, backend, hint] of [
      ['darwin', 'keychain', /Unlock the Keychain/],
      ['win32', 'dpapi', /Sign out of Windows/],
      ['linux', 'kwallet6', /Unlock the keyring/],
    ] as const) {
      const status = safeStorageStatus({ platform, backend, isAvailable: false, hasConsent: false });
      expect(status.message).toMatch(hint);
      expect(storeRefusal(status)).toBe('VAULT_UNAVAILABLE');
    }
  });
});
