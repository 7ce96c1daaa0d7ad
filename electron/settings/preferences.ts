import type { Preferences } from '../contract';
import type { SettingsData, SettingsPort } from '../ports';

export const SETTINGS_SCHEMA_VERSION = 1;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  spellcheck: true,
  lastOpenDraftId: null,
};

/** Defaults for a new settings file (electron-store's and conf's `defaults`). */
export const SETTINGS_DEFAULTS: SettingsData = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  preferences: DEFAULT_PREFERENCES,
};

/** Preferences with defaults filled in for anything missing or of the wrong type. */
export function readPreferences(settings: SettingsPort): Preferences {
  const stored = (settings.get('preferences') ?? {}) as Partial<Preferences>;
  return {
    theme: stored.theme === 'light' || stored.theme === 'dark' ? stored.theme : 'system',
    spellcheck: typeof stored.spellcheck === 'boolean' ? stored.spellcheck : true,
    lastOpenDraftId: typeof stored.lastOpenDraftId === 'string' ? stored.lastOpenDraftId : null,
  };
}

export function writePreferences(settings: SettingsPort, preferences: Preferences): void {
  settings.set('preferences', preferences);
}
