/**
 * The application menu as plain data; the glue turns it into a `Menu`. Standard items use Electron
 * roles so the platform's own shortcuts and behaviour (undo in text fields, paste and match style,
 * the macOS Window menu) work without code. App actions carry a `command` that the glue sends to
 * the renderer as a `menuCommand` event. Labels come from the message catalogue (contract/i18n):
 * the main process calls `setLocale(app.getLocale())` before building the menu.
 * https://www.electronjs.org/docs/latest/api/menu-item#roles
 */
import type { MenuCommand } from '../../contract';
import { t } from '../../contract/i18n';

export type MenuRole =
  | 'appMenu'
  | 'about'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window';

export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  /** Sent to the focused window as a `menuCommand` event. */
  command?: MenuCommand;
}

const separator: MenuItemSpec = { type: 'separator' };

export function menuTemplate({ platform, isDev }: { platform: string; isDev: boolean }): MenuItemSpec[] {
  const isMac = platform === 'darwin';
  const template: MenuItemSpec[] = [];

  // macOS: the app-name menu (About, Services, Hide, Quit) comes first.
  if (isMac) template.push({ role: 'appMenu' });

  template.push({
    id: 'file',
    label: t('menu.file'),
    submenu: [
      { id: 'newDraft', label: t('command.newDraft'), accelerator: 'CmdOrCtrl+N', command: 'newDraft' },
      { id: 'saveNow', label: t('command.saveNow'), accelerator: 'CmdOrCtrl+S', command: 'saveNow' },
      separator,
      { id: 'importMarkdown', label: t('command.importMarkdown'), command: 'importMarkdown' },
      { id: 'exportMarkdown', label: t('command.exportMarkdown'), command: 'exportMarkdown' },
      separator,
      { id: 'moveDraftsFolder', label: t('command.moveDraftsFolder'), command: 'moveDraftsFolder' },
      {
        id: 'openSettings',
        label: t('command.openSettings'),
        accelerator: 'CmdOrCtrl+,',
        command: 'openSettings',
      },
      separator,
      { role: 'close' },
      // On macOS Quit lives in the app menu.
      ...(isMac ? [] : [{ role: 'quit' } as const]),
    ],
  });

  template.push({
    id: 'edit',
    label: t('menu.edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      { id: 'find', label: t('command.find'), accelerator: 'CmdOrCtrl+F', command: 'find' },
    ],
  });

  template.push({
    id: 'view',
    label: t('menu.view'),
    submenu: [
      { id: 'showDrafts', label: t('menu.view.drafts'), accelerator: 'CmdOrCtrl+1', command: 'showDrafts' },
      { id: 'showTrash', label: t('menu.view.trash'), accelerator: 'CmdOrCtrl+2', command: 'showTrash' },
      {
        id: 'showSnippets',
        label: t('command.showSnippets'),
        accelerator: 'CmdOrCtrl+3',
        command: 'showSnippets',
      },
      separator,
      {
        id: 'commandPalette',
        label: t('command.commandPalette'),
        accelerator: 'CmdOrCtrl+Shift+P',
        command: 'commandPalette',
      },
      {
        id: 'toggleFocusMode',
        label: t('command.toggleFocusMode'),
        accelerator: 'CmdOrCtrl+Shift+F',
        command: 'toggleFocusMode',
      },
      {
        id: 'toggleOutline',
        label: t('command.toggleOutline'),
        accelerator: 'CmdOrCtrl+Shift+O',
        command: 'toggleOutline',
      },
      {
        id: 'toggleTheme',
        label: t('command.toggleTheme'),
        accelerator: 'CmdOrCtrl+Shift+L',
        command: 'toggleTheme',
      },
      separator,
      // A reload throws away unsaved typing and DevTools is for developers: development only.
      ...(isDev
        ? [
            { role: 'reload' } as const,
            { role: 'forceReload' } as const,
            { role: 'toggleDevTools' } as const,
            separator,
          ]
        : []),
      // Zoom is the renderer's (CSS zoom, remembered in the preferences), not Chromium's page zoom,
      // so it works alike in the web host and is kept across restarts.
      { id: 'zoomReset', label: t('command.zoomReset'), accelerator: 'CmdOrCtrl+0', command: 'zoomReset' },
      { id: 'zoomIn', label: t('command.zoomIn'), accelerator: 'CmdOrCtrl+=', command: 'zoomIn' },
      { id: 'zoomOut', label: t('command.zoomOut'), accelerator: 'CmdOrCtrl+-', command: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    id: 'window',
    label: t('menu.window'),
    // `window` makes it the macOS Window menu (with the list of open windows).
    ...(isMac ? { role: 'window' as const } : {}),
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });

  // macOS puts About in the app menu; elsewhere Help › About Signet is the place people look.
  template.push({
    id: 'help',
    label: t('menu.help'),
    submenu: [
      { id: 'copyDiagnostics', label: t('command.copyDiagnostics'), command: 'copyDiagnostics' },
      ...(isMac ? [] : [separator, { role: 'about', label: t('menu.about') } as const]),
    ],
  });

  return template;
}

/** Every item of a template, depth first (for tests and for lookups by id). */
export function flattenMenu(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
