import { describe, expect, it } from 'vitest';
import { toggledTheme, zoomIn, zoomOut, ZOOM_MAX, ZOOM_MIN } from './appearance';
import { COMMAND_REGISTRY, commandSpec, FORMAT_COMMANDS, isFormatCommand, type CommandId } from './registry';
import { ariaKeyShortcuts, formatShortcut, matchesShortcut, parseShortcut } from './shortcuts';

const key = (
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {},
) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
});

describe('the command registry', () => {
  it('names each command once, with a title', () => {
    const ids = COMMAND_REGISTRY.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = COMMAND_REGISTRY.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const c of COMMAND_REGISTRY) expect(c.title.trim()).not.toBe('');
  });

  it('uses no shortcut twice and parses every one', () => {
    // The app's own keys and the editor's are each unique; they may share one on purpose (Ctrl+K
    // opens the palette, and in the draft's text the editor takes it for a link).
    for (const inEditor of [false, true]) {
      const all = COMMAND_REGISTRY.filter((c) => Boolean(c.inEditor) === inEditor)
        .flatMap((c) => [c.shortcut, ...(c.alternates ?? [])])
        .filter((s): s is string => !!s);
      expect(all.length).toBeGreaterThan(3);
      expect(new Set(all).size).toBe(all.length);
      for (const s of all) expect(() => parseShortcut(s)).not.toThrow();
    }
  });

  it('lists the toolbar’s formatting with the editor’s own shortcuts, left to the editor', () => {
    const bold = commandSpec('formatBold');
    expect(bold).toMatchObject({ group: 'Format', shortcut: 'CmdOrCtrl+B', inEditor: true, inMenu: false });
    expect(commandSpec('insertLink').shortcut).toBe('CmdOrCtrl+K');
    for (const id of Object.keys(FORMAT_COMMANDS)) expect(isFormatCommand(id as CommandId)).toBe(true);
    expect(isFormatCommand('newDraft')).toBe(false);
  });

  it('keeps the shortcuts the issue asks for', () => {
    const shortcut = (id: string) => COMMAND_REGISTRY.find((c) => c.id === id)?.shortcut;
    expect(shortcut('commandPalette')).toBe('CmdOrCtrl+Shift+P');
    expect(COMMAND_REGISTRY.find((c) => c.id === 'commandPalette')?.alternates).toEqual(['CmdOrCtrl+K']);
    expect(shortcut('zoomIn')).toBe('CmdOrCtrl+=');
    expect(shortcut('zoomOut')).toBe('CmdOrCtrl+-');
    expect(shortcut('zoomReset')).toBe('CmdOrCtrl+0');
  });
});

describe('shortcuts', () => {
  it('matches Ctrl elsewhere and Cmd on a Mac', () => {
    expect(matchesShortcut(key('P', { ctrl: true, shift: true }), 'CmdOrCtrl+Shift+P', false)).toBe(true);
    expect(matchesShortcut(key('p', { ctrl: true }), 'CmdOrCtrl+Shift+P', false)).toBe(false);
    expect(matchesShortcut(key('P', { meta: true, shift: true }), 'CmdOrCtrl+Shift+P', false)).toBe(false);
    expect(matchesShortcut(key('P', { meta: true, shift: true }), 'CmdOrCtrl+Shift+P', true)).toBe(true);
    expect(matchesShortcut(key('P', { ctrl: true, shift: true }), 'CmdOrCtrl+Shift+P', true)).toBe(false);
    expect(matchesShortcut(key('k', { ctrl: true, alt: true }), 'CmdOrCtrl+K', false)).toBe(false);
  });

  it('takes = and + (with or without Shift) for zoom in', () => {
    expect(matchesShortcut(key('=', { ctrl: true }), 'CmdOrCtrl+=', false)).toBe(true);
    expect(matchesShortcut(key('+', { ctrl: true, shift: true }), 'CmdOrCtrl+=', false)).toBe(true);
    expect(matchesShortcut(key('-', { ctrl: true }), 'CmdOrCtrl+-', false)).toBe(true);
    expect(matchesShortcut(key('0', { ctrl: true }), 'CmdOrCtrl+0', false)).toBe(true);
  });

  it('writes shortcuts as each platform does', () => {
    expect(formatShortcut('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatShortcut('CmdOrCtrl+Shift+P', true)).toBe('⇧⌘P');
    expect(formatShortcut('CmdOrCtrl+=', false)).toBe('Ctrl+=');
    expect(ariaKeyShortcuts('CmdOrCtrl+Shift+P', false)).toBe('Control+Shift+P');
    expect(ariaKeyShortcuts('CmdOrCtrl+=', true)).toBe('Meta+Equal');
  });
});

describe('appearance rules', () => {
  it('zooms by the usual steps within 50–200 %', () => {
    expect(zoomIn(100)).toBe(110);
    expect(zoomOut(100)).toBe(90);
    expect(zoomIn(112)).toBe(125);
    expect(zoomIn(ZOOM_MAX)).toBe(ZOOM_MAX);
    expect(zoomOut(ZOOM_MIN)).toBe(ZOOM_MIN);
  });

  it('toggles the theme from what the author sees', () => {
    expect(toggledTheme('light', true)).toBe('dark');
    expect(toggledTheme('dark', false)).toBe('light');
    expect(toggledTheme('system', true)).toBe('light');
    expect(toggledTheme('system', false)).toBe('dark');
  });
});
