import { useEffect, useState } from 'react';
import type { AppInfo, Preferences, ThemePreference } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import {
  EDITOR_FONT_SIZE_MAX,
  EDITOR_FONT_SIZE_MIN,
  EDITOR_FONTS,
  ZOOM_STEPS,
  type EditorFont,
} from '../../commands/appearance';
import { Dialog } from '../../ui/Dialog';
import { DiagnosticsSection } from '../diagnostics/DiagnosticsSection';
import { BackupsSection } from './BackupsSection';
import { t } from '../../../electron/contract/i18n';

interface SettingsDialogProps {
  open: boolean;
  info: AppInfo;
  preferences: Preferences;
  onClose(): void;
  /** Shows the change at once and stores it; rejects with the reason when it cannot be stored. */
  onChange(patch: Partial<Preferences>): Promise<void>;
  onFolderMoved(path: string): void;
}

/** "Your drafts are plain files in <folder, as a path>. …" */
function FolderHint({ folder }: { folder: string }) {
  const marker = '\u0000';
  const [before = '', after = ''] = t('settings.drafts.hint', { folder: marker }).split(marker);
  return (
    <p>
      {before}
      <code className="path">{folder}</code>
      {after}
    </p>
  );
}

export function SettingsDialog({
  open,
  info,
  preferences,
  onClose,
  onChange,
  onFolderMoved,
}: SettingsDialogProps) {
  const [folder, setFolder] = useState(info.draftsDir);
  const [typedPath, setTypedPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setDone(null);
    call('getDraftsFolder')
      .then((r) => setFolder(r.path))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [open]);

  const [appearanceError, setAppearanceError] = useState<string | null>(null);
  const update = (patch: Partial<Preferences>) => {
    setAppearanceError(null);
    void onChange(patch).catch((e: unknown) => setAppearanceError(errorMessage(e)));
  };
  const zoomSteps: number[] = ZOOM_STEPS.includes(preferences.zoom as (typeof ZOOM_STEPS)[number])
    ? [...ZOOM_STEPS]
    : [...ZOOM_STEPS, preferences.zoom].sort((a, b) => a - b);

  const move = (path?: string) => {
    setBusy(true);
    setError(null);
    call('moveDraftsFolder', path ? { path } : {})
      .then((result) => {
        if (!result) return;
        setFolder(result.path);
        setDone(t('settings.drafts.moved', { path: result.path }));
        onFolderMoved(result.path);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog title={t('settings.dialog.title')} open={open} onClose={onClose}>
      <section className="settings-section" aria-labelledby="settings-drafts">
        <h3 id="settings-drafts">{t('settings.drafts.title')}</h3>
        <FolderHint folder={folder} />
        {info.runtime === 'electron' ? (
          <button type="button" className="secondary-button" disabled={busy} onClick={() => move()}>
            {t('settings.drafts.move')}
          </button>
        ) : (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (typedPath.trim()) move(typedPath.trim());
            }}
          >
            <label>
              {t('settings.drafts.newFolder')}
              <input value={typedPath} onChange={(e) => setTypedPath(e.target.value)} />
            </label>
            <button type="submit" className="secondary-button" disabled={busy || !typedPath.trim()}>
              {t('settings.drafts.moveTyped')}
            </button>
          </form>
        )}
        {done ? <p role="status">{done}</p> : null}
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <section className="settings-section" aria-labelledby="settings-writing">
        <h3 id="settings-writing">{t('settings.writing.title')}</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={preferences.spellcheck}
            onChange={(e) => update({ spellcheck: e.target.checked })}
          />
          {t('settings.writing.spellcheck')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={preferences.smartPunctuation}
            onChange={(e) => update({ smartPunctuation: e.target.checked })}
          />
          {t('settings.writing.smartPunctuation')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={preferences.desktopNotifications}
            onChange={(e) => update({ desktopNotifications: e.target.checked })}
          />
          {t('settings.writing.notifications')}
        </label>
      </section>
      <section className="settings-section" aria-labelledby="settings-appearance">
        <h3 id="settings-appearance">{t('settings.appearance.title')}</h3>
        <label>
          {t('settings.appearance.theme')}
          <select
            value={preferences.theme}
            onChange={(e) => update({ theme: e.target.value as ThemePreference })}
          >
            <option value="system">{t('settings.appearance.themeSystem')}</option>
            <option value="light">{t('settings.appearance.themeLight')}</option>
            <option value="dark">{t('settings.appearance.themeDark')}</option>
          </select>
        </label>
        <label>
          {t('settings.appearance.font')}
          <select
            value={preferences.editorFont}
            onChange={(e) => update({ editorFont: e.target.value as EditorFont })}
          >
            {EDITOR_FONTS.map((font) => (
              <option key={font.id} value={font.id}>
                {font.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.appearance.fontSize')}
          <select
            value={preferences.editorFontSize}
            onChange={(e) => update({ editorFontSize: Number(e.target.value) })}
          >
            {Array.from(
              { length: (EDITOR_FONT_SIZE_MAX - EDITOR_FONT_SIZE_MIN) / 2 + 1 },
              (_, i) => EDITOR_FONT_SIZE_MIN + i * 2,
            ).map((size) => (
              <option key={size} value={size}>
                {t('settings.appearance.fontSizeOption', { size })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.appearance.zoom')}
          <select value={preferences.zoom} onChange={(e) => update({ zoom: Number(e.target.value) })}>
            {zoomSteps.map((step) => (
              <option key={step} value={step}>
                {t('settings.appearance.zoomOption', { step })}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={preferences.focusMode}
            onChange={(e) => update({ focusMode: e.target.checked })}
          />
          {t('settings.appearance.focusMode')}
        </label>
        {appearanceError ? (
          <p className="inline-error" role="alert">
            {appearanceError}
          </p>
        ) : null}
      </section>
      <BackupsSection open={open} />
      <DiagnosticsSection />
    </Dialog>
  );
}
