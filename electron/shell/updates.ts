/**
 * electron-updater wiring. Every decision is in policy/updates.ts: this file only reads the
 * environment, loads electron-updater when (and only when) a check is planned — a development or
 * test run never loads it, let alone contacts a feed — and asks before installing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import type { Logger } from '../ports';
import {
  CHECK_INTERVAL_MS,
  describeUpdateError,
  FIRST_CHECK_DELAY_MS,
  installChoice,
  installPrompt,
  updatePlan,
  type UpdateContext,
} from './policy/updates';

export interface UpdaterHandle {
  stop(): void;
}

/** What electron-updater would install from on Linux (see its main.js): AppImage, else package-type. */
function linuxPackage(): UpdateContext['linuxPackage'] {
  if (process.env.APPIMAGE) return 'appimage';
  try {
    const type = fs.readFileSync(path.join(process.resourcesPath, 'package-type'), 'utf8').trim();
    return type === 'deb' || type === 'rpm' || type === 'pacman' ? type : null;
  } catch {
    return null;
  }
}

/** Starts background update checks when the policy allows them; a no-op otherwise. */
export function startUpdater(options: { log: Logger }): UpdaterHandle {
  const { log } = options;
  const plan = updatePlan({
    isPackaged: app.isPackaged,
    env: process.env,
    hasBuiltInFeed: app.isPackaged && fs.existsSync(path.join(process.resourcesPath, 'app-update.yml')),
    platform: process.platform,
    linuxPackage: process.platform === 'linux' && app.isPackaged ? linuxPackage() : null,
  });
  if (plan.kind === 'skip') {
    if (plan.reason !== 'development') log.info('Update checks are off', { reason: plan.reason });
    return { stop: () => undefined };
  }
  if (plan.kind === 'refuse') {
    log.warn(plan.message);
    return { stop: () => undefined };
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let asked = false;

  const run = async () => {
    // A CommonJS package: from ESM its exports are `default` (Node's ESM loader may not see the
    // `autoUpdater` getter as a named export).
    const { default: updaterModule } = await import('electron-updater');
    const updater = updaterModule.autoUpdater;
    updater.logger = null;
    updater.autoDownload = true;
    // Nothing is installed until the author answers (Later turns this on: "when you quit").
    updater.autoInstallOnAppQuit = false;
    updater.allowPrerelease = false;
    updater.allowDowngrade = false;
    if (plan.feed !== 'built-in') updater.setFeedURL(plan.feed);

    updater.on('error', (error: unknown) =>
      log.warn('Update check failed; Signet tries again later', { error: describeUpdateError(error) }),
    );
    updater.on('update-downloaded', (info: { version: string }) => {
      if (asked || stopped) return;
      asked = true;
      const prompt = installPrompt(info.version, app.getVersion());
      const { choices: _choices, ...messageOptions } = prompt;
      const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      void (parent ? dialog.showMessageBox(parent, messageOptions) : dialog.showMessageBox(messageOptions))
        .then(({ response }) => {
          if (installChoice(prompt, response) === 'restart') {
            log.info('Installing the update and restarting', { version: info.version });
            // Closes the windows, then 'before-quit' flushes pending saves as on any quit.
            updater.quitAndInstall(false, true);
          } else {
            updater.autoInstallOnAppQuit = true;
            log.info('Update will be installed when Signet quits', { version: info.version });
          }
        })
        .catch((error: unknown) => log.error('The update question failed', { error: String(error) }));
    });

    const check = () => {
      if (stopped || asked) return;
      updater
        .checkForUpdates()
        .catch((error: unknown) =>
          log.warn('Update check failed; Signet tries again later', { error: describeUpdateError(error) }),
        );
    };
    check();
    timer = setInterval(check, CHECK_INTERVAL_MS);
    timer.unref();
  };

  const first = setTimeout(() => {
    run().catch((error: unknown) =>
      log.warn('The updater could not start; Signet runs without update checks', {
        error: describeUpdateError(error),
      }),
    );
  }, FIRST_CHECK_DELAY_MS);
  first.unref();

  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      if (timer) clearInterval(timer);
    },
  };
}
