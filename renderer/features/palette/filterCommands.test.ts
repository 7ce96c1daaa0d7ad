import { describe, expect, it } from 'vitest';
import { COMMAND_REGISTRY } from '../../commands/registry';
import { commandGroupName, filterCommands } from './filterCommands';

const titles = (query: string) => filterCommands(COMMAND_REGISTRY, query).map((c) => c.title);

describe('filterCommands', () => {
  it('keeps every command for an empty query, in menu order', () => {
    expect(titles('  ')).toEqual(COMMAND_REGISTRY.map((c) => c.title));
  });

  it('matches every word, in any order, in names, groups and keywords', () => {
    expect(titles('zoom')).toEqual(['Zoom In', 'Zoom Out', 'Actual Size']);
    expect(titles('in zoom')).toEqual(['Zoom In']);
    expect(titles('distraction')).toEqual(['Focus Mode']);
    expect(titles('THEME dark')).toEqual(['Toggle Dark Theme', 'Theme: Dark']);
    expect(titles('xyzzy')).toEqual([]);
  });

  it('puts names that start with the query first', () => {
    expect(titles('s')[0]).toBe('Save Now');
    expect(titles('theme: d')).toEqual(['Theme: Dark']);
    expect(titles('size')[0]).toBe('Actual Size');
    expect(titles('find')).toEqual(['Find…']);
  });

  it('matches the group names the palette shows, from the catalogue', () => {
    expect(commandGroupName('Appearance')).toBe('Appearance');
    const appearance = COMMAND_REGISTRY.filter((c) => c.group === 'Appearance').map((c) => c.title);
    expect(appearance.length).toBeGreaterThan(0);
    expect(titles('appearance')).toEqual(expect.arrayContaining(appearance));
  });
});
