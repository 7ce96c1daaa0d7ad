import { useEffect, useState } from 'react';
import type { OutboxJobSummary } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import {
  canCancel,
  canRetry,
  kindLabel,
  outboxButtonLabel,
  stateLabel,
  undelivered,
  waitsForNetwork,
} from './outboxText';

/** The outbox as it is now: loaded once, then kept live by `outboxChanged`. */
export function useOutboxJobs(): OutboxJobSummary[] {
  const [jobs, setJobs] = useState<OutboxJobSummary[]>([]);
  useEffect(() => {
    let live = false;
    const off = on('outboxChanged', ({ jobs: next }) => {
      live = true;
      setJobs(next);
    });
    call('listOutbox')
      .then((list) => {
        if (!live) setJobs(list);
      })
      .catch(() => {});
    return off;
  }, []);
  return jobs;
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
  const jobs = useOutboxJobs();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const offline = !online || waitsForNetwork(jobs);
  return (
    <>
      <span className="offline-status" role="status" aria-label="Connection">
        {offline ? 'Offline — posts will be sent when the connection is back' : ''}
      </span>
      <button
        type="button"
        className={undelivered(jobs).length > 0 ? 'secondary-button outbox-pending' : 'secondary-button'}
        onClick={() => setOpen(true)}
      >
        {outboxButtonLabel(jobs)}
      </button>
      <OutboxDialog open={open} jobs={jobs} offline={offline} onClose={() => setOpen(false)} />
    </>
  );
}

interface OutboxDialogProps {
  open: boolean;
  jobs: OutboxJobSummary[];
  offline: boolean;
  onClose(): void;
}

export function OutboxDialog({ open, jobs, offline, onClose }: OutboxDialogProps) {
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
    <Dialog title="Outbox" open={open} onClose={onClose} className="dialog-outbox">
      <p className="hint">
        {pending.length === 0
          ? 'Everything has been sent.'
          : `${pending.length} ${pending.length === 1 ? 'item' : 'items'} not sent yet. Signet keeps trying by itself; you can keep writing.`}
        {offline ? ' Offline — posts will be sent when the connection is back.' : ''}
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {jobs.length > 0 ? (
        <ul className="outbox-list" aria-label="Outbox jobs">
          {jobs.map((job) => {
            const title = job.draftTitle || 'Untitled';
            return (
              <li key={job.id} className={`outbox-job outbox-${job.state}`} aria-label={title}>
                <div className="outbox-job-text">
                  <strong>{title}</strong>
                  <span className="outbox-meta">
                    {kindLabel(job)} · {job.siteName}
                  </span>
                  <span className="outbox-state">{stateLabel(job)}</span>
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
                      aria-label={`Try again now: ${title}`}
                      disabled={busy === job.id}
                      onClick={() => act(job.id, 'retryOutboxJob')}
                    >
                      Try again now
                    </button>
                  ) : null}
                  {canCancel(job) ? (
                    <button
                      type="button"
                      className="link-button danger"
                      aria-label={`Cancel: ${title}`}
                      disabled={busy === job.id}
                      onClick={() => act(job.id, 'cancelOutboxJob')}
                    >
                      Cancel
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
