import { useEffect, useState } from 'react';
import type { AppInfo, Preferences, ThemePreference } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { BackupsSection } from './BackupsSection';

interface SettingsDialogProps {
  open: boolean;
  info: AppInfo;
  preferences: Preferences;
  onClose(): void;
  onPreferences(preferences: Preferences): void;
  onFolderMoved(path: string): void;
}

export function SettingsDialog({
  open,
  info,
  preferences,
  onClose,
  onPreferences,
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

  const update = (patch: Partial<Preferences>) =>
    void call('setPreferences', patch)
      .then(onPreferences)
      .catch((e: unknown) => setError(errorMessage(e)));

  const move = (path?: string) => {
    setBusy(true);
    setError(null);
    call('moveDraftsFolder', path ? { path } : {})
      .then((result) => {
        if (!result) return;
        setFolder(result.path);
        setDone(`Your drafts are now in ${result.path}.`);
        onFolderMoved(result.path);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <section className="settings-section" aria-labelledby="settings-drafts">
        <h3 id="settings-drafts">Drafts folder</h3>
        <p>
          Your drafts are plain files in <code className="path">{folder}</code>. Move them into a folder that
          Syncthing, Dropbox or iCloud syncs to have them on every computer.
        </p>
        {info.runtime === 'electron' ? (
          <button type="button" className="secondary-button" disabled={busy} onClick={() => move()}>
            Move drafts folder…
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
              New folder (full path)
              <input value={typedPath} onChange={(e) => setTypedPath(e.target.value)} />
            </label>
            <button type="submit" className="secondary-button" disabled={busy || !typedPath.trim()}>
              Move drafts folder
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
        <h3 id="settings-writing">Writing</h3>
        <label className="check">
          <input
            type="checkbox"
            checked={preferences.spellcheck}
            onChange={(e) => update({ spellcheck: e.target.checked })}
          />
          Check spelling as I type
        </label>
        <label>
          Theme
          <select
            value={preferences.theme}
            onChange={(e) => update({ theme: e.target.value as ThemePreference })}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </section>
      <BackupsSection open={open} />
    </Dialog>
  );
}
