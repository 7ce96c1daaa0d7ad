/**
 * Updates: whether and where Signet looks for a new version, and the question it asks before
 * installing one. electron/shell/updates.ts applies these with electron-updater (generic provider).
 *
 * - Never in development (`!app.isPackaged`): a dev or test run must not contact a feed.
 * - The feed: `SIGNET_UPDATE_FEED_URL` when set, else the feed built into the package
 *   (electron-builder writes resources/app-update.yml when a `publish` feed is configured), else
 *   no checks at all. `SIGNET_UPDATES=off` turns checks off whatever the feed.
 * - A feed must be https (http only on loopback, for a local test feed); a bad one is refused
 *   with a message saying what to fix, and Signet runs on without updates.
 * - Downloads happen in the background; installing waits for the author's answer.
 */
import { t } from '../../contract/i18n';

export type UpdatePlan =
  | { kind: 'check'; feed: { provider: 'generic'; url: string } | 'built-in' }
  | { kind: 'skip'; reason: 'development' | 'disabled' | 'no-feed' | 'unsupported' }
  | { kind: 'refuse'; message: string };

export interface UpdateContext {
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** resources/app-update.yml exists (a feed was named when the package was built). */
  hasBuiltInFeed: boolean;
  platform: NodeJS.Platform;
  /**
   * Linux only: the AppImage or a deb/rpm package. A plain folder or tar.gz (no APPIMAGE variable,
   * no package-type file) cannot replace itself.
   */
  linuxPackage?: 'appimage' | 'deb' | 'rpm' | 'pacman' | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function updatePlan(context: UpdateContext): UpdatePlan {
  if (!context.isPackaged) return { kind: 'skip', reason: 'development' };
  const switchValue = context.env.SIGNET_UPDATES?.trim().toLowerCase();
  if (switchValue === 'off' || switchValue === '0' || switchValue === 'false')
    return { kind: 'skip', reason: 'disabled' };
  if (context.platform === 'linux' && !context.linuxPackage) return { kind: 'skip', reason: 'unsupported' };

  const fromEnv = context.env.SIGNET_UPDATE_FEED_URL?.trim();
  if (fromEnv) {
    const checked = checkFeedUrl(fromEnv);
    if ('message' in checked) return { kind: 'refuse', message: checked.message };
    return { kind: 'check', feed: { provider: 'generic', url: checked.url } };
  }
  if (context.hasBuiltInFeed) return { kind: 'check', feed: 'built-in' };
  return { kind: 'skip', reason: 'no-feed' };
}

/** A feed URL Signet will use (with a trailing slash), or why not. */
export function checkFeedUrl(raw: string): { url: string } | { message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      message:
        'The update feed in SIGNET_UPDATE_FEED_URL is not a URL, so Signet will not look for updates. ' +
        'Set it to the https:// address of the folder holding latest.yml, or unset it.',
    };
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      message:
        `The update feed in SIGNET_UPDATE_FEED_URL uses ${url.protocol.replace(':', '')}, so Signet will not look ` +
        'for updates. Use an https:// address (plain http only works for 127.0.0.1, for testing).',
    };
  }
  if (url.username || url.password) {
    return {
      message:
        'The update feed in SIGNET_UPDATE_FEED_URL contains a user name or password, so Signet will not ' +
        'use it. Use a public https:// address.',
    };
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return { url: url.toString() };
}

/** First check a little after start (the window comes first), then every few hours. */
export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type InstallChoice = 'restart' | 'later';

export interface InstallPrompt {
  type: 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  /** The choice each button stands for, in button order. */
  choices: InstallChoice[];
}

/**
 * The question asked once an update is downloaded. Nothing is installed before the answer:
 * "Restart Now" installs and reopens Signet (pending saves are flushed first, as on any quit);
 * "Later" installs it the next time the author quits Signet.
 */
export function installPrompt(version: string, currentVersion: string): InstallPrompt {
  const known = /^[0-9A-Za-z.+-]{1,40}$/.test(version);
  return {
    type: 'info',
    title: t('update.ready.title'),
    message: known ? t('update.ready.message', { version }) : t('update.ready.messageUnknown'),
    detail: t('update.ready.detail', { currentVersion }),
    buttons: [t('update.ready.restart'), t('update.ready.later')],
    defaultId: 0,
    cancelId: 1,
    choices: ['restart', 'later'],
  };
}

/** The choice behind the button pressed (Escape or an unknown answer is "Later"). */
export function installChoice(prompt: InstallPrompt, response: number): InstallChoice {
  return prompt.choices[response] ?? 'later';
}

/** A log line for a failed check or download: the message only, with any URL's query cut off. */
export function describeUpdateError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]!
    .replace(/(https?:\/\/[^\s?#"']+)[?#][^\s"']*/g, '$1')
    .replace(/(https?:\/\/)[^/@\s]+@/g, '$1')
    .slice(0, 300);
}
