/**
 * Lifecycle only: one instance, the data folder, the order things start in, and a quit that waits
 * for pending saves. Every decision lives in shell/policy/ (pure, unit-tested); the shell/ glue
 * applies them.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeTheme, session } from 'electron';
import { createApp, type SignetApp } from './app';
import { consoleLogger, revisionIntervalFromEnv, type AppPorts } from './ports';
import { readPreferences } from './settings/preferences';
import { documentsPort, skipOnboardingFromEnv } from './onboarding/onboarding';
import { createShellPorts, openExternalSafely } from './shell/appPorts';
import { hardenSession, hardenWebContents, type HardeningOptions } from './shell/hardening';
import { registerCommandHandlers, sendToAppWindows } from './shell/ipc';
import { installApplicationMenu } from './shell/menu';
import { setLocale, t } from './contract/i18n';
import { appOriginsFor, rendererEntry } from './shell/policy/appUrl';
import { dataDirFromEnv } from './shell/policy/dataDir';
import { createQuitGate } from './shell/policy/quitGate';
import { quitChoice, quitPrompt } from './shell/policy/quitPrompt';
import { handleAppProtocol, handleAssetProtocol, registerPrivilegedSchemes } from './shell/protocols';
import { openSettingsStore } from './shell/settingsStore';
import { startUpdater } from './shell/updates';
import { openShellVault } from './shell/vault';
import { APP_PROTOCOL, authCallbackFromArgv, isAuthCallbackUrl } from './shell/policy/protocolClient';
import { createMainWindow, focusWindow } from './shell/window';

const APP_ID = 'app.signet.desktop';
const QUIT_FLUSH_TIMEOUT_MS = 10_000;

const log = consoleLogger;
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/preload.cjs');
const rendererDir = path.join(here, '../renderer');

app.name = 'Signet';
app.setAppUserModelId(APP_ID);

// Before anything else: the single-instance lock and Chromium's own files live in userData, so a
// test run on a throwaway folder neither touches the author's profile nor collides with the app.
const dataDir = dataDirFromEnv(process.env.SIGNET_DATA_DIR, process.cwd()) ?? app.getPath('userData');
if (dataDir !== app.getPath('userData')) {
  app.setPath('userData', dataDir);
  app.setPath('sessionData', dataDir);
}

// Every renderer sandboxed, whatever a future window's options say.
// https://www.electronjs.org/docs/latest/tutorial/sandbox#enabling-the-sandbox-globally
app.enableSandbox();
registerPrivilegedSchemes();

const isDev = !app.isPackaged;
const entry = rendererEntry({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
const appOrigins = appOriginsFor(entry);
const hardening: HardeningOptions = {
  appOrigins,
  devOrigin: entry.kind === 'dev' ? entry.origin : null,
  openExternal: (url) =>
    void openExternalSafely(url).catch((error: unknown) =>
      log.warn('openExternal failed', { error: String(error) }),
    ),
};

let signetApp: Promise<SignetApp | null> = Promise.resolve(null);
/** The app once started (the quit question needs it synchronously). */
let readyApp: SignetApp | null = null;
let mainWindow: BrowserWindow | null = null;
/** Set once the app has started; opens the main window. */
let openWindow: (() => void) | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Signet owns this data folder: it is brought to the front ('second-instance' there).
  app.quit();
} else {
  // signet:// links (a blog's sign-in callback). macOS delivers them as 'open-url'; Windows and
  // Linux start a second instance with the URL in argv.
  if (!app.isDefaultProtocolClient(APP_PROTOCOL)) app.setAsDefaultProtocolClient(APP_PROTOCOL);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (isAuthCallbackUrl(url)) void handleAuthCallback(url);
  });
  app.on('second-instance', (_event, argv) => {
    const callback = authCallbackFromArgv(argv);
    if (callback) void handleAuthCallback(callback);
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
    // macOS keeps running with no window: a second launch brings one back.
    else openWindow?.();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, hardening));

  const quitGate = createQuitGate(async () => (await signetApp)?.close(), {
    timeoutMs: QUIT_FLUSH_TIMEOUT_MS,
    onError: (error) =>
      log.error('Pending saves could not be flushed before quitting', { error: String(error) }),
  });
  // Posts being sent: ask first (wait for them, or send them next time), then flush and quit.
  let quitAnswered = false;
  app.on('before-quit', (event) => {
    if (!quitAnswered && readyApp) {
      const prompt = quitPrompt(readyApp.outboxActivity());
      if (prompt) {
        event.preventDefault();
        const { choices: _choices, ...options } = prompt;
        const parent = BrowserWindow.getFocusedWindow();
        void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options))
          .then(async ({ response }) => {
            const choice = quitChoice(prompt, response);
            if (choice === 'cancel') return;
            if (choice === 'wait') await readyApp?.whenOutboxIdle();
            quitAnswered = true;
            app.quit();
          })
          .catch((error: unknown) => log.error('quit question failed', { error: String(error) }));
        return;
      }
    }
    if (!quitGate.beforeQuit(() => app.quit())) event.preventDefault();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay open without windows; the dock icon brings one back ('activate').
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Signet could not start', { error: error instanceof Error ? error.stack : String(error) });
      dialog.showErrorBox(
        t('dialog.main.startFailedTitle'),
        t('dialog.main.startFailedBody', { message: error instanceof Error ? error.message : String(error) }),
      );
      app.exit(1);
    });
}

async function handleAuthCallback(url: string): Promise<void> {
  const ready = await signetApp;
  await ready?.handleAuthCallback(url);
}

async function start(): Promise<void> {
  // Menu labels, dates and numbers in the author's language (the menu is built once, below).
  setLocale(app.getLocale());
  app.setAboutPanelOptions({ applicationName: 'Signet', applicationVersion: app.getVersion() });

  const settings = openSettingsStore({ dataDir, appVersion: app.getVersion(), log });
  const applyPreferences = () => {
    const { theme, spellcheck } = readPreferences(settings.port);
    // The renderer's prefers-color-scheme follows the author's choice.
    nativeTheme.themeSource = theme;
    session.defaultSession.setSpellCheckerEnabled(spellcheck);
  };
  applyPreferences();
  settings.onPreferencesChange(applyPreferences);

  hardenSession(session.defaultSession, hardening);
  handleAppProtocol(rendererDir);

  const vault = openShellVault({ dataDir, settings: settings.port, log });
  const ports: AppPorts = {
    ...createShellPorts({ dataDir, settings: settings.port, appOrigins, log, vault }),
    revisionIntervalMs: revisionIntervalFromEnv(process.env.SIGNET_REVISION_INTERVAL_MS),
    ...documentsPort(process.env.SIGNET_DATA_DIR, () => app.getPath('documents')),
    skipOnboarding: skipOnboardingFromEnv(process.env.SIGNET_SKIP_ONBOARDING),
  };
  signetApp = createApp(ports);
  const ready = await signetApp;
  if (!ready) throw new Error('createApp returned nothing');
  readyApp = ready;

  registerCommandHandlers(ready.dispatch, appOrigins);
  handleAssetProtocol(ready.readAsset);
  installApplicationMenu({
    platform: process.platform,
    isDev,
    onCommand: (command) => sendToAppWindows('menuCommand', { command }, appOrigins),
  });

  openWindow = () => {
    mainWindow = createMainWindow({
      entry,
      preloadPath,
      settings: settings.port,
      isDev,
      openExternal: hardening.openExternal,
      log,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  // Started by a signet:// link (Windows/Linux first launch).
  const launchCallback = authCallbackFromArgv(process.argv);
  if (launchCallback) void ready.handleAuthCallback(launchCallback);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow?.();
  });
  // Packaged builds with a feed only (policy/updates.ts); asks before installing.
  startUpdater({ log });
}
