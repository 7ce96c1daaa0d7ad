import { useCallback, useEffect, useId, useState } from 'react';
import type { DestinationStatus } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
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
): { destinations: DestinationStatus[]; error: string | null; reload(): void } {
  const [destinations, setDestinations] = useState<DestinationStatus[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let current = true;
    call('listDraftDestinations', { draftId })
      .then((list) => {
        if (!current) return;
        setDestinations(list);
        setError(null);
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

  return { destinations, error, reload };
}

interface DestinationsControlProps {
  draftId: string;
  /** Changes after the draft was saved or published (e.g. its `updatedAt`): the list is asked again. */
  refreshKey?: unknown;
  /** Save what is typed before sending again. */
  beforeSend(): Promise<void>;
  /** A send again changed what the draft records (its remote identity). */
  onDraftChanged(): void;
}

/** The draft screen's "Destinations (n)" button and its dialog. */
export function DestinationsControl({
  draftId,
  refreshKey,
  beforeSend,
  onDraftChanged,
}: DestinationsControlProps) {
  const [open, setOpen] = useState(false);
  const { destinations, error, reload } = useDraftDestinations(draftId, refreshKey);
  return (
    <>
      <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
        {destinationsButtonLabel(destinations)}
      </button>
      <Dialog title="Destinations" open={open} onClose={() => setOpen(false)} className="dialog-outbox">
        <DestinationsList
          draftId={draftId}
          destinations={destinations}
          loadError={error}
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
  beforeSend(): Promise<void>;
  onSent(): void;
}

/** Every blog the draft went to or is meant for: role, state, address, and "Send again". */
export function DestinationsList({
  draftId,
  destinations,
  loadError,
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
      {destinations.length === 0 && !loadError ? (
        <p className="hint">
          This draft has not been sent anywhere yet. Use Publish… to send it to a blog, with copies to your
          other blogs if you like.
        </p>
      ) : null}
      {loadError ? (
        <p className="inline-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <p role="status">{message ?? ''}</p>
      {destinations.length > 0 ? (
        <ul className="outbox-list" aria-label="Destinations of this draft">
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
                    <span className="outbox-meta">Last sent {formatDateTime(destination.publishedAt)}</span>
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
                    aria-label={`Send again: ${destination.siteName}`}
                    aria-describedby={reason ? reasonId : undefined}
                    disabled={Boolean(reason) || busy !== null}
                    onClick={() => void sendAgain(destination)}
                  >
                    Send again
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
