/**
 * The main window: created hidden with the hardened options, restored to where the author left
 * it, shown when its first frame is ready, with a spelling-aware context menu.
 */
import {
  BrowserWindow,
  clipboard,
  Menu,
  nativeTheme,
  screen,
  type MenuItemConstructorOptions,
} from 'electron';
import type { Logger, SettingsPort } from '../ports';
import { readPreferences } from '../settings/preferences';
import type { RendererEntry } from './policy/appUrl';
import { contextMenuTemplate, type ContextMenuItemSpec } from './policy/contextMenu';
import {
  backgroundColorFor,
  DEFAULT_WINDOW_SIZE,
  mainWindowOptions,
  MIN_WINDOW_SIZE,
} from './policy/windowOptions';
import {
  captureWindowState,
  parseWindowState,
  restoreWindowState,
  sameWindowState,
  WINDOW_STATE_SAVE_DELAY_MS,
} from './policy/windowState';

export interface MainWindowOptions {
  entry: RendererEntry;
  preloadPath: string;
  settings: SettingsPort;
  isDev: boolean;
  openExternal(url: string): void;
  log: Logger;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { settings, log } = options;
  const preferences = readPreferences(settings);
  const restored = restoreWindowState({
    saved: settings.get('windowState'),
    workAreas: screen.getAllDisplays().map((d) => d.workArea),
    primaryWorkArea: screen.getPrimaryDisplay().workArea,
    defaultSize: DEFAULT_WINDOW_SIZE,
    minSize: MIN_WINDOW_SIZE,
  });

  const windowOptions = mainWindowOptions({
    preloadPath: options.preloadPath,
    spellcheck: preferences.spellcheck,
    bounds: restored.bounds,
    backgroundColor: backgroundColorFor(preferences.theme, nativeTheme.shouldUseDarkColors),
  });
  // eng-disable on the next line: the options come from mainWindowOptions() (contextIsolation,
  // sandbox, no Node; tested in policy/windowOptions.test.ts and e2e/electron/shell.spec.ts), which
  // the scanner cannot follow; a middle click is a window.open that hardening.ts refuses.
  const win = new BrowserWindow(windowOptions); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK

  win.once('ready-to-show', () => {
    if (restored.isMaximized) win.maximize();
    if (restored.isFullScreen) win.setFullScreen(true);
    win.show();
  });
  // If the page cannot load at all, 'ready-to-show' never comes: show the window anyway rather
  // than leave a process with nothing on screen.
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    log.error('The window could not load its page', { code, description, url });
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });

  trackWindowState(win, settings);
  attachContextMenu(win, options);

  win.loadURL(options.entry.url).catch((error: unknown) => {
    log.error('loadURL failed', { url: options.entry.url, error: String(error) });
  });
  return win;
}

function trackWindowState(win: BrowserWindow, settings: SettingsPort): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed()) return;
    const next = captureWindowState({
      normalBounds: win.getNormalBounds(),
      isMaximized: win.isMaximized(),
      isFullScreen: win.isFullScreen(),
    });
    if (!sameWindowState(parseWindowState(settings.get('windowState')), next))
      settings.set('windowState', next);
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, WINDOW_STATE_SAVE_DELAY_MS);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('enter-full-screen', saveSoon);
  win.on('leave-full-screen', saveSoon);
  win.on('close', save);
}

function attachContextMenu(win: BrowserWindow, options: MainWindowOptions): void {
  const contents = win.webContents;
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, { isDev: options.isDev });
    if (template.length === 0) return;
    Menu.buildFromTemplate(template.map((item) => toElectronItem(item))).popup({ window: win });
  });

  function toElectronItem(spec: ContextMenuItemSpec): MenuItemConstructorOptions {
    const { action, ...rest } = spec;
    const item: MenuItemConstructorOptions = { ...rest };
    if (!action) return item;
    item.click = () => {
      switch (action.type) {
        case 'replaceMisspelling':
          contents.replaceMisspelling(action.word);
          break;
        case 'addToDictionary':
          contents.session.addWordToSpellCheckerDictionary(action.word);
          break;
        case 'openLink':
          // The port, not Electron's: it ends in openExternalSafely (http(s)/mailto only).
          options.openExternal(action.url); // eng-disable OPEN_EXTERNAL_JS_CHECK
          break;
        case 'copyLink':
          clipboard.writeText(action.url);
          break;
        case 'inspect':
          contents.inspectElement(action.x, action.y);
          break;
      }
    };
    return item;
  }
}

/** Brings the existing window to the front (a second launch, a dock click). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
