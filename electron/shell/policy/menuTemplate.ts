/**
 * The application menu as plain data; the glue turns it into a `Menu`. Standard items use Electron
 * roles so the platform's own shortcuts and behaviour (undo in text fields, paste and match style,
 * the macOS Window menu) work without code. App actions carry a `command` that the glue sends to
 * the renderer as a `menuCommand` event.
 * https://www.electronjs.org/docs/latest/api/menu-item#roles
 */
import type { MenuCommand } from '../../contract';

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
    label: 'File',
    submenu: [
      { id: 'newDraft', label: 'New Draft', accelerator: 'CmdOrCtrl+N', command: 'newDraft' },
      { id: 'saveNow', label: 'Save Now', accelerator: 'CmdOrCtrl+S', command: 'saveNow' },
      separator,
      { id: 'importMarkdown', label: 'Import Markdown…', command: 'importMarkdown' },
      { id: 'exportMarkdown', label: 'Export as Markdown…', command: 'exportMarkdown' },
      separator,
      { id: 'moveDraftsFolder', label: 'Move Drafts Folder…', command: 'moveDraftsFolder' },
      separator,
      { role: 'close' },
      // On macOS Quit lives in the app menu.
      ...(isMac ? [] : [{ role: 'quit' } as const]),
    ],
  });

  template.push({
    id: 'edit',
    label: 'Edit',
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
      { id: 'find', label: 'Find…', accelerator: 'CmdOrCtrl+F', command: 'find' },
    ],
  });

  template.push({
    id: 'view',
    label: 'View',
    submenu: [
      { id: 'showDrafts', label: 'Drafts', accelerator: 'CmdOrCtrl+1', command: 'showDrafts' },
      { id: 'showTrash', label: 'Trash', accelerator: 'CmdOrCtrl+2', command: 'showTrash' },
      { id: 'showSnippets', label: 'Snippets…', accelerator: 'CmdOrCtrl+3', command: 'showSnippets' },
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
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    id: 'window',
    label: 'Window',
    // `window` makes it the macOS Window menu (with the list of open windows).
    ...(isMac ? { role: 'window' as const } : {}),
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });

  // macOS puts About in the app menu; elsewhere Help › About Signet is the place people look.
  if (!isMac) {
    template.push({ id: 'help', label: 'Help', submenu: [{ role: 'about', label: 'About Signet' }] });
  }

  return template;
}

/** Every item of a template, depth first (for tests and for lookups by id). */
export function flattenMenu(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
