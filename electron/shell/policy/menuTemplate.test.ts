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
    expect(roles(top(mac, 'help')?.submenu ?? [])).toEqual([]);
  });

  it('sends each app action to the renderer with its shortcut', () => {
    const items = flattenMenu(menuTemplate({ platform: 'linux', isDev: false })).filter((i) => i.command);
    expect(items.map((i) => [i.command, i.accelerator])).toEqual([
      ['newDraft', 'CmdOrCtrl+N'],
      ['saveNow', 'CmdOrCtrl+S'],
      ['importMarkdown', undefined],
      ['exportMarkdown', undefined],
      ['moveDraftsFolder', undefined],
      ['openSettings', 'CmdOrCtrl+,'],
      ['find', 'CmdOrCtrl+F'],
      ['showDrafts', 'CmdOrCtrl+1'],
      ['showTrash', 'CmdOrCtrl+2'],
      ['showSnippets', 'CmdOrCtrl+3'],
      ['commandPalette', 'CmdOrCtrl+Shift+P'],
      ['toggleFocusMode', 'CmdOrCtrl+Shift+F'],
      ['toggleOutline', 'CmdOrCtrl+Shift+O'],
      ['toggleTheme', 'CmdOrCtrl+Shift+L'],
      ['zoomReset', 'CmdOrCtrl+0'],
      ['zoomIn', 'CmdOrCtrl+='],
      ['zoomOut', 'CmdOrCtrl+-'],
      ['copyDiagnostics', undefined],
    ]);
  });

  it('lists zoom in the View menu as app commands, not Chromium page zoom', () => {
    const view = top(menuTemplate({ platform: 'linux', isDev: false }), 'view');
    const commands = flattenMenu(view?.submenu ?? []).map((i) => i.command);
    expect(commands).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'zoomReset', 'toggleFocusMode']));
    expect(roles(view?.submenu ?? [])).not.toEqual(expect.arrayContaining(['zoomIn']));
  });

  // The renderer's command registry (palette, web shortcuts) and this menu must agree. The registry
  // is imported at run time by path: it belongs to the renderer's TypeScript project, not this one.
  it('agrees with the renderer command registry on every id and shortcut', async () => {
    const registryPath = '../../../renderer/commands/registry';
    const { COMMAND_REGISTRY } = (await import(/* @vite-ignore */ registryPath)) as {
      COMMAND_REGISTRY: { id: string; shortcut?: string; alternates?: string[]; inMenu: boolean }[];
    };
    for (const platform of ['darwin', 'win32', 'linux']) {
      const all = flattenMenu(menuTemplate({ platform, isDev: true }));
      const fromMenu = all.filter((i) => i.command).map((i) => [i.command, i.accelerator ?? null] as const);
      const fromRegistry = COMMAND_REGISTRY.filter((c) => c.inMenu).map(
        (c) => [c.id, c.shortcut ?? null] as const,
      );
      expect(new Map(fromMenu)).toEqual(new Map(fromRegistry));
      // A shortcut the renderer takes by itself must not be a menu accelerator (it would run twice).
      const accelerators = new Set(all.map((i) => i.accelerator).filter(Boolean));
      for (const c of COMMAND_REGISTRY) {
        for (const alternate of c.alternates ?? []) expect(accelerators.has(alternate)).toBe(false);
        if (!c.inMenu && c.shortcut) expect(accelerators.has(c.shortcut)).toBe(false);
      }
    }
  });

  it('takes its labels from the message catalogue', async () => {
    const { ENGLISH } = await import('../../contract/i18n');
    const items = flattenMenu(menuTemplate({ platform: 'linux', isDev: false }));
    const label = (id: string) => items.find((i) => i.id === id)?.label;
    expect(label('file')).toBe(ENGLISH['menu.file']);
    expect(label('newDraft')).toBe(ENGLISH['command.newDraft']);
    expect(label('showDrafts')).toBe(ENGLISH['menu.view.drafts']);
    expect(label('copyDiagnostics')).toBe('Copy Diagnostics');
    expect(items.filter((i) => i.command).every((i) => i.label && i.label.trim() !== '')).toBe(true);
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
