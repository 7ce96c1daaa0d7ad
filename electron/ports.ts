/**
 * The ports `createApp` is built from. Inside Electron the shell fills them with Electron's
 * services; in unit tests and in the e2e web host plain Node code fills them.
 */
import type { EventMap, EventName, Preferences } from './contract';
import type { SecretVault } from './accounts/vault';
import type { FsPort } from './drafts/fsPort';
import type { Timers as BackupTimers } from './backups/BackupService';
import type { DesktopNotification } from './outbox/notifications';

/** What the settings file holds. Small things only: electron-store rewrites it on every set. */
export interface SettingsData {
  schemaVersion: number;
  preferences: Preferences;
  /** Where drafts live when the author moved them out of the data folder. */
  draftsDir?: string;
  windowState?: WindowStateData;
  /**
   * Blog accounts (non-secret settings only), as stored; electron/accounts/AccountStore.ts
   * validates each entry on read. Secrets live in the vault, never here.
   */
  accounts?: unknown[];
  /**
   * The snippet library with its own `schemaVersion`; electron/snippets/library.ts validates and
   * migrates it on read.
   */
  snippetLibrary?: unknown;
  /**
   * The author agreed to store secrets although the system offers no real protection (Linux
   * with no keyring: safeStorage's `basic_text` backend).
   */
  allowWeakVault?: boolean;
  /** The built-in site folder was added as an account once (removing it keeps it removed). */
  defaultSiteAdded?: boolean;
  /** When the first run's welcome (electron/onboarding/) was done, or found needless (ISO time). */
  onboardedAt?: string;
}

export interface WindowStateData {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
  isFullScreen: boolean;
}

/** The subset of electron-store / conf that Signet uses (both implement it). */
export interface SettingsPort {
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
}

export interface DialogPort {
  /** Absolute path of a chosen folder, or null when cancelled. */
  pickFolder(options: { title: string; defaultPath?: string }): Promise<string | null>;
  /** Absolute path of a chosen image file, or null when cancelled. */
  pickImage(options: { title: string }): Promise<string | null>;
  /** Absolute path of a chosen file to open (`extensions` without dots), or null when cancelled. */
  pickFile(options: { title: string; filterName: string; extensions: string[] }): Promise<string | null>;
  /** Absolute path to save a new file at, or null when cancelled. */
  pickSavePath(options: {
    title: string;
    defaultName: string;
    filterName: string;
    extensions: string[];
  }): Promise<string | null>;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface AppPorts {
  /** The data folder (SIGNET_DATA_DIR, or the platform's user-data folder). */
  dataDir: string;
  settings: SettingsPort;
  dialogs: DialogPort;
  /** Opens a URL in the system browser. The app has already checked it is http(s) or mailto. */
  openExternal(url: string): Promise<void>;
  /** Pushes an event to every window. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** URL prefix under which draft images are served: `${assetBaseUrl}${draftId}/${fileName}`. */
  assetBaseUrl: string;
  runtime: 'electron' | 'web';
  version: string;
  /** Encrypted secrets: safeStorage in Electron, a file-key vault in plain Node. */
  vault: SecretVault;
  /** All HTTP to blogs: Electron's `net.fetch` (system proxy and certificates) or Node's fetch. */
  fetch: typeof fetch;
  /**
   * Where a blog's "authorize application" page sends the author back: `signet://wp-auth/callback`
   * in Electron, a loopback route in the web host. Both end in `SignetApp.handleAuthCallback`.
   */
  authCallbackUrl: string;
  fs?: FsPort;
  clock?: () => Date;
  /** Least time between two automatic revisions while a draft is edited (tests shorten it). */
  revisionIntervalMs?: number;
  /** Time limit of one request to a blog (default 30 s); tests shorten it. */
  httpTimeoutMs?: number;
  /** The outbox's first wait and longest wait between attempts (default 2 s and 10 min). */
  outboxBackoff?: { baseMs?: number; maxMs?: number };
  log?: Logger;
  /** Timers of the hourly backup (tests pass fake ones). */
  backupTimers?: BackupTimers;
  /**
   * The author's documents folder (Electron: `app.getPath('documents')`); the first run makes
   * `<documentsDir>/Signet Site` there. Absent (web host, tests): `<dataDir>/Signet Site`.
   */
  documentsDir?: string;
  /** Start as an install that was already set up: no welcome draft, no first-run site (e2e). */
  skipOnboarding?: boolean;
  /**
   * Shows a desktop notification (outbox results): Electron's `Notification` where the system
   * supports it; the web host records it for tests. Absent: no desktop notifications.
   */
  showDesktopNotification?(notification: DesktopNotification): void;
  /** A Signet window has the keyboard focus now (absent: treated as not focused). */
  isWindowFocused?(): boolean;
}

export const consoleLogger: Logger = {
  info: (m, d) => console.log(`[signet] ${m}`, d ?? ''),
  warn: (m, d) => console.warn(`[signet] ${m}`, d ?? ''),
  error: (m, d) => console.error(`[signet] ${m}`, d ?? ''),
};

/** `SIGNET_REVISION_INTERVAL_MS` (tests shorten the revision interval); anything else → default. */
export function revisionIntervalFromEnv(value: string | undefined): number | undefined {
  const ms = Number(value);
  return value && Number.isInteger(ms) && ms > 0 ? ms : undefined;
}
