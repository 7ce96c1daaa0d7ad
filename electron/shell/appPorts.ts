/** The ports `createApp` needs, filled with Electron's services. */
import {
  app,
  BrowserWindow,
  dialog,
  net,
  shell,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { SecretVault } from '../accounts/vault';
import type { AppPorts, Logger, SettingsPort } from '../ports';
import { isAllowedExternalUrl } from '../security/urls';
import { isAppWindowFocused, showDesktopNotification } from './desktopNotification';
import { sendToAppWindows } from './ipc';
import { ASSET_BASE_URL } from './policy/assetUrl';
import { AUTH_CALLBACK_URL } from './policy/protocolClient';
import {
  firstPickedPath,
  pickFileDialogOptions,
  pickFolderDialogOptions,
  pickImageDialogOptions,
  savedPath,
  saveDialogOptions,
} from './policy/dialogOptions';

export function createShellPorts(options: {
  dataDir: string;
  settings: SettingsPort;
  appOrigins: readonly string[];
  log: Logger;
  vault: SecretVault;
}): AppPorts {
  return {
    dataDir: options.dataDir,
    settings: options.settings,
    dialogs: {
      pickFolder: async (o) => firstPickedPath(await showOpenDialog(pickFolderDialogOptions(o))),
      pickImage: async (o) => firstPickedPath(await showOpenDialog(pickImageDialogOptions(o))),
      pickFile: async (o) => firstPickedPath(await showOpenDialog(pickFileDialogOptions(o))),
      pickSavePath: async (o) => savedPath(await showSaveDialog(saveDialogOptions(o))),
    },
    openExternal: (url) => openExternalSafely(url),
    emit: (event, payload) => sendToAppWindows(event, payload, options.appOrigins),
    assetBaseUrl: ASSET_BASE_URL,
    runtime: 'electron',
    version: app.getVersion(),
    log: options.log,
    vault: options.vault,
    // Chromium's network stack: the system proxy and certificate store apply to blog traffic.
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.href : input, init)) as typeof fetch,
    authCallbackUrl: AUTH_CALLBACK_URL,
    showDesktopNotification,
    isWindowFocused: isAppWindowFocused,
  };
}

/**
 * `shell.openExternal` hands a URL to the OS, which will run whatever handles its scheme; only
 * http(s) and mailto ever get there, whoever asks.
 * https://www.electronjs.org/docs/latest/tutorial/security#15-do-not-use-shellopenexternal-with-untrusted-content
 */
export async function openExternalSafely(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) return;
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — only http(s)/mailto pass the line above
}

/** Attached to the focused window when there is one, so it is a sheet on macOS and modal elsewhere. */
function showOpenDialog(options: OpenDialogOptions) {
  const parent = BrowserWindow.getFocusedWindow();
  return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
}

function showSaveDialog(options: SaveDialogOptions) {
  const parent = BrowserWindow.getFocusedWindow();
  return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
}
