import { useEffect, useState } from 'react';
import type { BackupSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { formatDateTime } from '../../ui/format';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const drafts = (n: number) => (n === 1 ? '1 draft' : `${n} drafts`);

/** Settings → Backups: the rolling backups, "Back up now" and "Restore…" with a confirm. */
export function BackupsSection({ open }: { open: boolean }) {
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [includeSettings, setIncludeSettings] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = () =>
    call('listBackups')
      .then(setBackups)
      .catch((e: unknown) => setError(errorMessage(e)));

  useEffect(() => {
    if (!open) return;
    setError(null);
    setDone(null);
    setConfirming(null);
    void reload();
  }, [open]);

  const run = (task: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    task()
      .then((message) => {
        setDone(message);
        setConfirming(null);
        return reload();
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  const backUpNow = () =>
    run(async () => {
      const backup = await call('backupNow');
      return `Backed up ${drafts(backup.draftCount)} (${formatDateTime(backup.createdAt)}).`;
    });

  const restore = (backup: BackupSummary) =>
    run(async () => {
      const safety = await call('restoreBackup', { id: backup.id, includeSettings });
      return `Restored the backup of ${formatDateTime(backup.createdAt)}. Your drafts from before are in the backup of ${formatDateTime(safety.createdAt)}.`;
    });

  return (
    <section className="settings-section" aria-labelledby="settings-backups">
      <h3 id="settings-backups">Backups</h3>
      <p>
        Signet backs up your drafts and settings every hour while it runs (when something changed), keeps
        hourly backups for a day and one a day for a week. Passwords are never in a backup: after restoring
        settings, sign in to your blogs again if asked.
      </p>
      <button type="button" className="secondary-button" disabled={busy} onClick={backUpNow}>
        Back up now
      </button>
      {backups === null ? null : backups.length === 0 ? (
        <p>No backups yet.</p>
      ) : (
        <ul className="backup-list" aria-label="Backups">
          {backups.map((backup) => {
            const when = formatDateTime(backup.createdAt);
            return (
              <li key={backup.id} className="backup-item">
                <div className="backup-row">
                  <span>
                    {when} · {drafts(backup.draftCount)} · {formatSize(backup.sizeBytes)}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    aria-label={`Restore the backup of ${when}…`}
                    onClick={() => {
                      setIncludeSettings(false);
                      setConfirming(backup.id);
                    }}
                  >
                    Restore…
                  </button>
                </div>
                {confirming === backup.id ? (
                  <div className="backup-confirm" role="group" aria-label={`Restore the backup of ${when}`}>
                    <p>
                      Your current drafts are backed up first, then replaced by the{' '}
                      {drafts(backup.draftCount)} of this backup. Drafts written since are removed (they stay
                      in the new backup).
                    </p>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={includeSettings}
                        onChange={(e) => setIncludeSettings(e.target.checked)}
                      />
                      Also restore settings (accounts, snippets, preferences)
                    </label>
                    <div className="backup-actions">
                      <button
                        type="button"
                        className="primary-button"
                        disabled={busy}
                        onClick={() => restore(backup)}
                      >
                        Restore this backup
                      </button>
                      <button
                        type="button"
                        className="secondary-button"
                        disabled={busy}
                        onClick={() => setConfirming(null)}
                      >
                        Cancel
                      </button>
                    </div>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {done ? <p role="status">{done}</p> : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
