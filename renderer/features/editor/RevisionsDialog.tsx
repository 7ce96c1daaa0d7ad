import { useEffect, useState } from 'react';
import type { Revision, RevisionReason, RevisionSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
import { SignetEditor } from '../../editor';

const REASON: Record<RevisionReason, string> = {
  autosave: 'While editing',
  'before-restore': 'Before a restore',
  'before-publish': 'Before publishing',
  'external-change': 'Before an outside change',
  conflict: 'Conflicting version',
};

interface RevisionsDialogProps {
  open: boolean;
  draftId: string;
  assetBaseUrl: string;
  onClose(): void;
  beforeRestore(): Promise<void>;
  onRestored(): void;
}

/** Every snapshot of a draft, each viewable and restorable. */
export function RevisionsDialog({
  open,
  draftId,
  assetBaseUrl,
  onClose,
  beforeRestore,
  onRestored,
}: RevisionsDialogProps) {
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [selected, setSelected] = useState<Revision | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setSelected(null);
    setRevisions(null);
    call('listRevisions', { id: draftId })
      .then(setRevisions)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [open, draftId]);

  return (
    <Dialog title="Revisions" open={open} onClose={onClose} className="dialog-wide">
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="revisions">
        <ul className="revision-list" aria-label="Revisions of this draft">
          {revisions?.length === 0 ? (
            <li className="empty-state">
              No revisions yet. Signet keeps a snapshot every few minutes while you write.
            </li>
          ) : null}
          {revisions?.map((revision) => (
            <li key={revision.id}>
              <button
                type="button"
                className="draft-item"
                aria-current={selected?.id === revision.id ? 'true' : undefined}
                onClick={() =>
                  void call('getRevision', { id: draftId, revisionId: revision.id })
                    .then(setSelected)
                    .catch((e: unknown) => setError(errorMessage(e)))
                }
              >
                <span className="draft-item-title">{formatDateTime(revision.createdAt)}</span>
                <span className="draft-item-meta">
                  {REASON[revision.reason]} · {revision.wordCount} words
                </span>
              </button>
            </li>
          ))}
        </ul>
        <section className="revision-preview" aria-label="Revision preview">
          {selected ? (
            <>
              <h3>{selected.title || 'Untitled'}</h3>
              <SignetEditor
                key={selected.id}
                draftId={draftId}
                initialState={selected.draft.editorState}
                readOnly
                ariaLabel="Revision text"
                onChange={() => {}}
                onImageFiles={async () => []}
                resolveAssetUrl={(name) =>
                  `${assetBaseUrl}${encodeURIComponent(draftId)}/${encodeURIComponent(name)}`
                }
              />
              <button
                type="button"
                className="primary-button"
                onClick={() =>
                  void beforeRestore()
                    .then(() => call('restoreRevision', { id: draftId, revisionId: selected.id }))
                    .then(onRestored)
                    .catch((e: unknown) => setError(errorMessage(e)))
                }
              >
                Restore this revision
              </button>
            </>
          ) : (
            <p className="empty-state">Choose a revision to see it.</p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
