import type { Preferences } from '../contract';
import type { SettingsData, SettingsPort } from '../ports';

export const SETTINGS_SCHEMA_VERSION = 1;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  spellcheck: true,
  lastOpenDraftId: null,
  focusMode: false,
  zoom: 100,
  editorFont: 'serif',
  editorFontSize: 18,
  smartPunctuation: false,
  desktopNotifications: true,
};

/** Defaults for a new settings file (electron-store's and conf's `defaults`). */
export const SETTINGS_DEFAULTS: SettingsData = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  preferences: DEFAULT_PREFERENCES,
};

const EDITOR_FONTS: readonly Preferences['editorFont'][] = ['serif', 'sans', 'mono', 'system'];

const intIn = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/** Preferences with defaults filled in for anything missing or of the wrong type. */
export function readPreferences(settings: SettingsPort): Preferences {
  const stored = (settings.get('preferences') ?? {}) as Partial<Record<keyof Preferences, unknown>>;
  const d = DEFAULT_PREFERENCES;
  return {
    theme: stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system',
    spellcheck: typeof stored.spellcheck === 'boolean' ? stored.spellcheck : d.spellcheck,
    lastOpenDraftId: typeof stored.lastOpenDraftId === 'string' ? stored.lastOpenDraftId : null,
    focusMode: typeof stored.focusMode === 'boolean' ? stored.focusMode : d.focusMode,
    zoom: intIn(stored.zoom, 50, 200, d.zoom),
    editorFont: EDITOR_FONTS.find((font) => font === stored.editorFont) ?? d.editorFont,
    editorFontSize: intIn(stored.editorFontSize, 12, 32, d.editorFontSize),
    smartPunctuation:
      typeof stored.smartPunctuation === 'boolean' ? stored.smartPunctuation : d.smartPunctuation,
    desktopNotifications:
      typeof stored.desktopNotifications === 'boolean' ? stored.desktopNotifications : d.desktopNotifications,
  };
}

/**
 * The preferences after a `setPreferences` patch (already checked by its schema): each field the
 * patch names replaces the current one; fields it leaves out (or sets to `undefined`) stay.
 */
export function applyPreferencesPatch(current: Preferences, patch: Partial<Preferences>): Preferences {
  const next: Preferences = { ...current };
  for (const key of Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[]) {
    if (patch[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = patch[key];
  }
  return next;
}

export function writePreferences(settings: SettingsPort, preferences: Preferences): void {
  settings.set('preferences', preferences);
}
