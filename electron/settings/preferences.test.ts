import { describe, expect, it } from 'vitest';
import type { SettingsData, SettingsPort } from '../ports';
import { requestSchemas } from '../contract/schemas';
import { applyPreferencesPatch, DEFAULT_PREFERENCES, readPreferences, writePreferences } from './preferences';

function memorySettings(initial: Partial<SettingsData> = {}): SettingsPort {
  const data: Record<string, unknown> = { ...initial };
  return {
    get: (key) => data[key] as never,
    set: (key, value) => {
      data[key] = value;
    },
  };
}

describe('preferences', () => {
  it('fills in defaults for a new settings file', () => {
    expect(readPreferences(memorySettings())).toEqual(DEFAULT_PREFERENCES);
    expect(DEFAULT_PREFERENCES).toMatchObject({
      focusMode: false,
      zoom: 100,
      editorFont: 'serif',
      editorFontSize: 18,
      smartPunctuation: false,
    });
  });

  it('replaces values of the wrong type or out of range by the defaults', () => {
    const settings = memorySettings({
      preferences: {
        theme: 'purple',
        focusMode: 'yes',
        zoom: 500,
        editorFont: 'comic',
        editorFontSize: 12.5,
        smartPunctuation: 1,
      } as never,
    });
    expect(readPreferences(settings)).toEqual(DEFAULT_PREFERENCES);
  });

  it('keeps what the author chose across a write and a read', () => {
    const settings = memorySettings();
    const chosen = applyPreferencesPatch(readPreferences(settings), {
      focusMode: true,
      zoom: 150,
      editorFont: 'mono',
      editorFontSize: 22,
      smartPunctuation: true,
      theme: 'dark',
    });
    writePreferences(settings, chosen);
    expect(readPreferences(settings)).toEqual({ ...chosen, spellcheck: true, lastOpenDraftId: null });
  });

  it('applies only the fields a patch names', () => {
    const current = { ...DEFAULT_PREFERENCES, zoom: 125, lastOpenDraftId: 'abc' };
    expect(applyPreferencesPatch(current, { editorFont: 'sans' })).toEqual({
      ...current,
      editorFont: 'sans',
    });
    expect(applyPreferencesPatch(current, { lastOpenDraftId: null }).lastOpenDraftId).toBeNull();
    expect(applyPreferencesPatch(current, { zoom: undefined }).zoom).toBe(125);
  });

  it('setPreferences accepts every preference and refuses values out of range', () => {
    const schema = requestSchemas.setPreferences;
    const { lastOpenDraftId: _ignored, ...all } = DEFAULT_PREFERENCES;
    expect(schema.safeParse(all).success).toBe(true);
    for (const bad of [
      { zoom: 49 },
      { zoom: 201 },
      { zoom: 100.5 },
      { editorFontSize: 40 },
      { editorFont: 'comic' },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
