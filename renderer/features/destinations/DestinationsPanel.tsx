import { useCallback, useEffect, useId, useState } from 'react';
import type { AccountSummary, DestinationStatus } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
import { RetryError } from '../../ui/RetryError';
import {
  destinationsButtonLabel,
  roleLabel,
  sendAgainMessage,
  sendAgainRequest,
  stateLabel,
} from './destinationText';

/**
 * Where one draft stands on each blog: loaded once, then again whenever the outbox changes or the
 * draft is saved (debounced, so typing does not ask on every save).
 */
export function useDraftDestinations(
  draftId: string,
  refreshKey?: unknown,
): { destinations: DestinationStatus[]; error: string | null; loaded: boolean; reload(): void } {
  const [destinations, setDestinations] = useState<DestinationStatus[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    call('listDraftDestinations', { draftId })
      .then((list) => {
        if (!current) return;
        setDestinations(list);
        setError(null);
        setLoaded(true);
      })
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [draftId, tick, refreshKey]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, 300);
    };
    const offs = [
      on('outboxChanged', ({ jobs }) => {
        if (jobs.some((job) => job.draftId === draftId)) later();
      }),
      on('draftsChanged', ({ ids }) => {
        if (ids.includes(draftId)) later();
      }),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [draftId, reload]);

  return { destinations, error, loaded, reload };
}

/**
 * The author has no blog on the web yet: no account, or only folders on this computer (the first
 * run's `Signet Site`). Then "Add your blog" is the next step to show.
 */
export function needsBlog(accounts: readonly Pick<AccountSummary, 'transport'>[]): boolean {
  return accounts.every((account) => account.transport === 'folder');
}

interface DestinationsControlProps {
  draftId: string;
  /** Changes after the draft was saved or published (e.g. its `updatedAt`): the list is asked again. */
  refreshKey?: unknown;
  /** Save what is typed before sending again. */
  beforeSend(): Promise<void>;
  /** A send again changed what the draft records (its remote identity). */
  onDraftChanged(): void;
  /** The author's accounts; with `onAddBlog`, shows "Add your blog" while none is on the web. */
  accounts?: readonly AccountSummary[];
  /** Opens the Accounts dialog at its connect form (WordPress preselected). */
  onAddBlog?(): void;
}

/** The draft screen's "Destinations (n)" button and its dialog. */
export function DestinationsControl({
  draftId,
  refreshKey,
  beforeSend,
  onDraftChanged,
  accounts,
  onAddBlog,
}: DestinationsControlProps) {
  const [open, setOpen] = useState(false);
  const { destinations, error, loaded, reload } = useDraftDestinations(draftId, refreshKey);
  const addBlog =
    onAddBlog && accounts && needsBlog(accounts)
      ? () => {
          setOpen(false);
          onAddBlog();
        }
      : undefined;
  return (
    <>
      <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
        {destinationsButtonLabel(destinations)}
      </button>
      {addBlog ? (
        <button
          type="button"
          className="secondary-button add-blog-button"
          title={t('destinations.addBlogTitle')}
          onClick={addBlog}
        >
          {t('destinations.addBlog')}
        </button>
      ) : null}
      <Dialog
        title={t('destinations.dialog.title')}
        open={open}
        onClose={() => setOpen(false)}
        className="dialog-outbox"
      >
        <DestinationsList
          draftId={draftId}
          destinations={destinations}
          loadError={error}
          loaded={loaded}
          onRetry={reload}
          {...(addBlog ? { onAddBlog: addBlog } : {})}
          beforeSend={beforeSend}
          onSent={() => {
            reload();
            onDraftChanged();
          }}
        />
      </Dialog>
    </>
  );
}

interface DestinationsListProps {
  draftId: string;
  destinations: DestinationStatus[];
  loadError: string | null;
  /** False until the list was read once (default true). */
  loaded?: boolean;
  /** Reads the list again after `loadError`. */
  onRetry?(): void;
  /** Shown beside the empty list while the author has no blog on the web. */
  onAddBlog?(): void;
  beforeSend(): Promise<void>;
  onSent(): void;
}

/** Every blog the draft went to or is meant for: role, state, address, and "Send again". */
export function DestinationsList({
  draftId,
  destinations,
  loadError,
  loaded = true,
  onRetry,
  onAddBlog,
  beforeSend,
  onSent,
}: DestinationsListProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const idPrefix = useId();

  const sendAgain = async (destination: DestinationStatus) => {
    const plan = sendAgainRequest(draftId, destination, destinations);
    if (!('request' in plan)) return;
    setBusy(destination.destinationKey);
    setError(null);
    setMessage(null);
    try {
      await beforeSend();
      const outcome = await call('publishDraft', plan.request);
      setMessage(sendAgainMessage(destination.siteName, outcome));
      onSent();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {destinations.length === 0 && loaded && !loadError ? (
        <div className="empty-state">
          <p className="hint">{t('destinations.list.empty')}</p>
          {onAddBlog ? (
            <>
              <p className="hint">{t('destinations.list.folderOnly')}</p>
              <button type="button" className="primary-button" onClick={onAddBlog}>
                {t('destinations.addBlog')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {loadError ? (
        <RetryError message={t('destinations.list.loadError', { error: loadError })} onRetry={onRetry} />
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <p role="status">{message ?? (loaded || loadError ? '' : t('destinations.list.loading'))}</p>
      {destinations.length > 0 ? (
        <ul className="outbox-list" aria-label={t('destinations.list.label')}>
          {destinations.map((destination, index) => {
            const plan = sendAgainRequest(draftId, destination, destinations);
            const reason = 'reason' in plan ? plan.reason : null;
            const reasonId = `${idPrefix}-reason-${index}`;
            return (
              <li
                key={destination.destinationKey}
                className={`outbox-job destination-${destination.state}`}
                aria-label={destination.siteName}
              >
                <div className="outbox-job-text">
                  <strong>{destination.siteName}</strong>
                  <span className="outbox-meta">{roleLabel(destination)}</span>
                  <span className="outbox-state">{stateLabel(destination)}</span>
                  {destination.publishedAt ? (
                    <span className="outbox-meta">
                      {t('destinations.list.lastSent', { when: formatDateTime(destination.publishedAt) })}
                    </span>
                  ) : null}
                  {destination.permalink ? (
                    <a
                      className="path"
                      href={destination.permalink}
                      onClick={(event) => {
                        event.preventDefault();
                        void call('openExternal', { url: destination.permalink! }).catch((e: unknown) =>
                          setError(errorMessage(e)),
                        );
                      }}
                    >
                      {destination.permalink}
                    </a>
                  ) : null}
                  {reason ? (
                    <span className="hint" id={reasonId}>
                      {reason}
                    </span>
                  ) : null}
                </div>
                <div className="outbox-actions">
                  <button
                    type="button"
                    className="secondary-button"
                    aria-label={t('destinations.list.sendAgainLabel', { site: destination.siteName })}
                    aria-describedby={reason ? reasonId : undefined}
                    disabled={Boolean(reason) || busy !== null}
                    onClick={() => void sendAgain(destination)}
                  >
                    {t('destinations.list.sendAgain')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
