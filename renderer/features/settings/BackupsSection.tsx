import { useEffect, useState } from 'react';
import type { BackupSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { formatDateTime } from '../../ui/format';
import { RetryError } from '../../ui/RetryError';
import { t } from '../../../electron/contract/i18n';

function formatSize(bytes: number): string {
  if (bytes < 1024) return t('settings.backups.sizeBytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('settings.backups.sizeKB', { size: Math.round(bytes / 1024) });
  return t('settings.backups.sizeMB', { size: bytes / (1024 * 1024) });
}

const drafts = (count: number) => t('settings.backups.drafts', { count });

/** Settings → Backups: the rolling backups, "Back up now" and "Restore…" with a confirm. */
export function BackupsSection({ open }: { open: boolean }) {
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [includeSettings, setIncludeSettings] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** The list could not be read: said with "Try again". */
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = () =>
    call('listBackups')
      .then((list) => {
        setBackups(list);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorMessage(e)));

  useEffect(() => {
    if (!open) return;
    setError(null);
    setLoadError(null);
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
      return t('settings.backups.done', { count: backup.draftCount, when: formatDateTime(backup.createdAt) });
    });

  const restore = (backup: BackupSummary) =>
    run(async () => {
      const safety = await call('restoreBackup', { id: backup.id, includeSettings });
      return t('settings.backups.restored', {
        when: formatDateTime(backup.createdAt),
        safety: formatDateTime(safety.createdAt),
      });
    });

  return (
    <section className="settings-section" aria-labelledby="settings-backups">
      <h3 id="settings-backups">{t('settings.backups.title')}</h3>
      <p>{t('settings.backups.intro')}</p>
      <button type="button" className="secondary-button" disabled={busy} onClick={backUpNow}>
        {t('settings.backups.backUpNow')}
      </button>
      {loadError ? (
        <RetryError
          message={t('settings.backups.loadFailed', { error: loadError })}
          onRetry={() => void reload()}
        />
      ) : null}
      {backups === null ? (
        loadError ? null : (
          <p role="status" className="hint">
            {t('settings.backups.loading')}
          </p>
        )
      ) : backups.length === 0 ? (
        <p className="empty-state">{t('settings.backups.empty')}</p>
      ) : (
        <ul className="backup-list" aria-label={t('settings.backups.list')}>
          {backups.map((backup) => {
            const when = formatDateTime(backup.createdAt);
            return (
              <li key={backup.id} className="backup-item">
                <div className="backup-row">
                  <span>
                    {t('settings.backups.item', {
                      when,
                      drafts: drafts(backup.draftCount),
                      size: formatSize(backup.sizeBytes),
                    })}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    aria-label={t('settings.backups.restoreLabel', { when })}
                    onClick={() => {
                      setIncludeSettings(false);
                      setConfirming(backup.id);
                    }}
                  >
                    {t('settings.backups.restore')}
                  </button>
                </div>
                {confirming === backup.id ? (
                  <div
                    className="backup-confirm"
                    role="group"
                    aria-label={t('settings.backups.confirmLabel', { when })}
                  >
                    <p>{t('settings.backups.confirm', { count: backup.draftCount })}</p>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={includeSettings}
                        onChange={(e) => setIncludeSettings(e.target.checked)}
                      />
                      {t('settings.backups.includeSettings')}
                    </label>
                    <div className="backup-actions">
                      <button
                        type="button"
                        className="primary-button"
                        disabled={busy}
                        onClick={() => restore(backup)}
                      >
                        {t('settings.backups.restoreThis')}
                      </button>
                      <button
                        type="button"
                        className="secondary-button"
                        disabled={busy}
                        onClick={() => setConfirming(null)}
                      >
                        {t('settings.backups.cancel')}
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
