import { useEffect, useState } from 'react';
import type { OutboxJobSummary } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { RetryError } from '../../ui/RetryError';
import { ProgressLine, useJobProgress } from './jobProgress';
import {
  canCancel,
  canRetry,
  kindLabel,
  outboxButtonLabel,
  stateLabel,
  undelivered,
  waitsForNetwork,
} from './outboxText';

export interface OutboxList {
  jobs: OutboxJobSummary[];
  /** The first `listOutbox` has not answered yet. */
  loading: boolean;
  /** Why the outbox could not be read (cleared by the next list or `outboxChanged`). */
  error: string | null;
  reload(): void;
}

/** The outbox as it is now: loaded once (and on `reload`), then kept live by `outboxChanged`. */
export function useOutboxList(): OutboxList {
  const [jobs, setJobs] = useState<OutboxJobSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = false;
    const off = on('outboxChanged', ({ jobs: next }) => {
      live = true;
      setJobs(next);
      setLoading(false);
      setError(null);
    });
    setLoading(true);
    call('listOutbox')
      .then((list) => {
        if (!live) setJobs(list);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) setError(errorMessage(e));
      })
      .finally(() => setLoading(false));
    return off;
  }, [attempt]);
  return { jobs, loading, error, reload: () => setAttempt((n) => n + 1) };
}

/** The outbox as it is now: loaded once, then kept live by `outboxChanged`. */
export function useOutboxJobs(): OutboxJobSummary[] {
  return useOutboxList().jobs;
}

/** `navigator.onLine`, kept up to date by the window's online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * The header's outbox entry: the offline indicator, a button with the count of undelivered jobs,
 * and the dialog listing every job with what can be done about it.
 */
export function OutboxControl() {
  const list = useOutboxList();
  const { jobs } = list;
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const offline = !online || waitsForNetwork(jobs);
  return (
    <>
      <span className="offline-status" role="status" aria-label={t('outbox.connection.label')}>
        {offline ? t('outbox.offline') : ''}
      </span>
      <button
        type="button"
        className={undelivered(jobs).length > 0 ? 'secondary-button outbox-pending' : 'secondary-button'}
        onClick={() => setOpen(true)}
      >
        {outboxButtonLabel(jobs)}
      </button>
      <OutboxDialog
        open={open}
        jobs={jobs}
        offline={offline}
        loading={list.loading}
        loadError={list.error}
        onReload={list.reload}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

interface OutboxDialogProps {
  open: boolean;
  jobs: OutboxJobSummary[];
  offline: boolean;
  /** The list is being read. */
  loading?: boolean;
  /** The list could not be read: what happened and what to do. */
  loadError?: string | null;
  onReload?(): void;
  onClose(): void;
}

export function OutboxDialog(props: OutboxDialogProps) {
  const { open, jobs, offline, onClose } = props;
  // The job being sent now: which step, `done` of `total` ("Uploading image 2 of 5…").
  const progress = useJobProgress(() => true);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = (id: string, command: 'retryOutboxJob' | 'cancelOutboxJob') => {
    setBusy(id);
    setError(null);
    call(command, { id })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(null));
  };
  const pending = undelivered(jobs);
  return (
    <Dialog title={t('outbox.dialog.title')} open={open} onClose={onClose} className="dialog-outbox">
      {props.loading && jobs.length === 0 ? <p role="status">{t('outbox.dialog.loading')}</p> : null}
      {props.loadError ? (
        <RetryError
          message={t('outbox.dialog.loadError', { error: props.loadError })}
          onRetry={props.onReload}
        />
      ) : null}
      {!props.loading && !props.loadError && jobs.length === 0 ? (
        <div className="empty-state">
          <p>{t('outbox.dialog.empty')}</p>
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('outbox.dialog.backToWriting')}
          </button>
        </div>
      ) : null}
      {jobs.length > 0 || offline ? (
        <p className="hint">
          {jobs.length === 0
            ? ''
            : pending.length === 0
              ? t('outbox.dialog.allSent')
              : t('outbox.dialog.pending', { count: pending.length })}
          {offline ? ` ${t('outbox.dialog.offlineNote')}` : ''}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {jobs.length > 0 ? (
        <ul className="outbox-list" aria-label={t('outbox.jobs.label')}>
          {jobs.map((job) => {
            const title = job.draftTitle || t('outbox.job.untitled');
            return (
              <li key={job.id} className={`outbox-job outbox-${job.state}`} aria-label={title}>
                <div className="outbox-job-text">
                  <strong>{title}</strong>
                  <span className="outbox-meta">
                    {t('outbox.job.meta', { kind: kindLabel(job), site: job.siteName })}
                  </span>
                  <span className="outbox-state">{stateLabel(job)}</span>
                  {job.state === 'sending' && progress.get(job.id) ? (
                    <ProgressLine
                      name={t('outbox.job.sending', { title })}
                      done={progress.get(job.id)!.done}
                      total={progress.get(job.id)!.total}
                      label={progress.get(job.id)!.label}
                    />
                  ) : null}
                  {job.state === 'done' && job.permalink ? (
                    <a
                      className="path"
                      href={job.permalink}
                      onClick={(event) => {
                        event.preventDefault();
                        void call('openExternal', { url: job.permalink! }).catch((e: unknown) =>
                          setError(errorMessage(e)),
                        );
                      }}
                    >
                      {job.permalink}
                    </a>
                  ) : null}
                </div>
                <div className="outbox-actions">
                  {canRetry(job) ? (
                    <button
                      type="button"
                      className="secondary-button"
                      aria-label={t('outbox.job.retryLabel', { title })}
                      disabled={busy === job.id}
                      onClick={() => act(job.id, 'retryOutboxJob')}
                    >
                      {t('outbox.job.retry')}
                    </button>
                  ) : null}
                  {canCancel(job) ? (
                    <button
                      type="button"
                      className="link-button danger"
                      aria-label={t('outbox.job.cancelLabel', { title })}
                      disabled={busy === job.id}
                      onClick={() => act(job.id, 'cancelOutboxJob')}
                    >
                      {t('outbox.job.cancel')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Dialog>
  );
}
