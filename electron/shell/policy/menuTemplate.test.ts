import { describe, expect, it } from 'vitest';
import { flattenMenu, menuTemplate, type MenuItemSpec } from './menuTemplate';

const roles = (items: readonly MenuItemSpec[]) =>
  flattenMenu(items)
    .map((i) => i.role)
    .filter(Boolean);
const top = (items: MenuItemSpec[], id: string) => items.find((i) => i.id === id);

describe('menuTemplate', () => {
  it.each(['darwin', 'win32', 'linux'])('Edit has the standard editing roles on %s', (platform) => {
    const edit = top(menuTemplate({ platform, isDev: false }), 'edit');
    expect(roles(edit?.submenu ?? [])).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'delete',
      'selectAll',
    ]);
  });

  it('keeps reload and DevTools out of the production menu', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const production = roles(menuTemplate({ platform, isDev: false }));
      expect(production).not.toContain('reload');
      expect(production).not.toContain('forceReload');
      expect(production).not.toContain('toggleDevTools');
      const dev = roles(menuTemplate({ platform, isDev: true }));
      expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    }
  });

  it('has the macOS app menu first on macOS only, and Quit in File elsewhere', () => {
    const mac = menuTemplate({ platform: 'darwin', isDev: false });
    expect(mac[0]?.role).toBe('appMenu');
    expect(roles(top(mac, 'file')?.submenu ?? [])).not.toContain('quit');
    expect(roles(top(mac, 'window')?.submenu ?? [])).toEqual(['minimize', 'zoom', 'front']);

    const linux = menuTemplate({ platform: 'linux', isDev: false });
    expect(roles(linux)).not.toContain('appMenu');
    expect(roles(top(linux, 'file')?.submenu ?? [])).toContain('quit');
    // zoom and front are macOS-only roles
    expect(roles(top(linux, 'window')?.submenu ?? [])).toEqual(['minimize', 'close']);
    expect(roles(top(linux, 'help')?.submenu ?? [])).toEqual(['about']);
  });

  it('sends each app action to the renderer with its shortcut', () => {
    const items = flattenMenu(menuTemplate({ platform: 'linux', isDev: false })).filter((i) => i.command);
    expect(items.map((i) => [i.command, i.accelerator])).toEqual([
      ['newDraft', 'CmdOrCtrl+N'],
      ['saveNow', 'CmdOrCtrl+S'],
      ['importMarkdown', undefined],
      ['exportMarkdown', undefined],
      ['moveDraftsFolder', undefined],
      ['find', 'CmdOrCtrl+F'],
      ['showDrafts', 'CmdOrCtrl+1'],
      ['showTrash', 'CmdOrCtrl+2'],
      ['showSnippets', 'CmdOrCtrl+3'],
    ]);
  });

  it('uses no accelerator twice', () => {
    for (const platform of ['darwin', 'linux']) {
      const accelerators = flattenMenu(menuTemplate({ platform, isDev: true }))
        .map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('never starts, ends or doubles separators in a submenu', () => {
    for (const item of flattenMenu(menuTemplate({ platform: 'darwin', isDev: false }))) {
      const sub = item.submenu ?? [];
      if (sub.length === 0) continue;
      expect(sub[0]?.type).not.toBe('separator');
      expect(sub[sub.length - 1]?.type).not.toBe('separator');
      sub.forEach(
        (s, i) => i > 0 && s.type === 'separator' && expect(sub[i - 1]?.type).not.toBe('separator'),
      );
    }
  });
});
