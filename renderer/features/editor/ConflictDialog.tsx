import { useEffect, useState } from 'react';
import type { ConflictChoice, Draft, DraftConflict } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';

interface ConflictDialogProps {
  open: boolean;
  draftId: string;
  onClose(): void;
  onResolved(draft: Draft, note: string): void;
}

const NOTE: Record<ConflictChoice, string> = {
  mine: 'Kept your version. The other version is kept in Revisions.',
  theirs: 'Kept the version from the other program. Yours is kept in Revisions.',
  both: 'Kept both: yours is now a separate draft marked “conflicted copy”.',
};

/** The draft changed on disk and here at once: show both and let the author choose. */
export function ConflictDialog({ open, draftId, onClose, onResolved }: ConflictDialogProps) {
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    call('getConflict', { id: draftId })
      .then(setConflict)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [open, draftId]);

  const choose = (choice: ConflictChoice) =>
    void call('resolveConflict', { id: draftId, choice })
      .then((draft) => onResolved(draft, NOTE[choice]))
      .catch((e: unknown) => setError(errorMessage(e)));

  return (
    <Dialog
      title="This draft was changed in two places"
      open={open}
      onClose={onClose}
      className="dialog-wide"
    >
      <p>
        Another program (a sync folder, another computer) changed this draft while you were editing it.
        Nothing is lost: choose which version to keep.
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {conflict ? (
        <div className="conflict-sides">
          <section aria-label="Your version">
            <h3>Your version</h3>
            <p className="draft-item-meta">{formatDateTime(conflict.mine.updatedAt)}</p>
            <p className="conflict-title">{conflict.mine.title || 'Untitled'}</p>
          </section>
          <section aria-label="Other version">
            <h3>The other version</h3>
            <p className="draft-item-meta">{formatDateTime(conflict.theirs.updatedAt)}</p>
            <p className="conflict-title">{conflict.theirs.title || 'Untitled'}</p>
          </section>
        </div>
      ) : (
        <p>No conflict is waiting for this draft.</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary-button" disabled={!conflict} onClick={() => choose('mine')}>
          Keep mine
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!conflict}
          onClick={() => choose('theirs')}
        >
          Keep theirs
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!conflict}
          onClick={() => choose('both')}
        >
          Keep both
        </button>
      </div>
    </Dialog>
  );
}
