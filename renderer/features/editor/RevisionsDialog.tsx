import { useEffect, useState } from 'react';
import type { Revision, RevisionReason, RevisionSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
import { RetryError } from '../../ui/RetryError';
import { SignetEditor } from '../../editor';
import { t } from '../../../electron/contract/i18n';

const reasonLabel = (reason: RevisionReason): string => {
  switch (reason) {
    case 'autosave':
      return t('draft.revisions.reason.autosave');
    case 'before-restore':
      return t('draft.revisions.reason.beforeRestore');
    case 'before-publish':
      return t('draft.revisions.reason.beforePublish');
    case 'external-change':
      return t('draft.revisions.reason.externalChange');
    case 'conflict':
      return t('draft.revisions.reason.conflict');
  }
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
  /** The list could not be read: said with "Try again" (other errors are said without it). */
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadTry, setLoadTry] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    setSelected(null);
    setRevisions(null);
    setError(null);
    setLoadError(null);
    call('listRevisions', { id: draftId })
      .then((list) => current && setRevisions(list))
      .catch((e: unknown) => current && setLoadError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [open, draftId, loadTry]);

  return (
    <Dialog title={t('draft.revisions.title')} open={open} onClose={onClose} className="dialog-wide">
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {loadError ? (
        <RetryError
          message={t('draft.revisions.loadFailed', { error: loadError })}
          onRetry={() => setLoadTry((n) => n + 1)}
        />
      ) : null}
      {revisions === null && !loadError ? (
        <p role="status" className="hint">
          {t('draft.revisions.loading')}
        </p>
      ) : null}
      {revisions?.length === 0 ? (
        <div className="empty-state">
          <p>{t('draft.revisions.empty')}</p>
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('draft.revisions.backToWriting')}
          </button>
        </div>
      ) : null}
      <div className="revisions">
        <ul className="revision-list" aria-label={t('draft.revisions.list')}>
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
                  {t('draft.revisions.meta', {
                    reason: reasonLabel(revision.reason),
                    words: revision.wordCount,
                  })}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <section className="revision-preview" aria-label={t('draft.revisions.preview')}>
          {selected ? (
            <>
              <h3>{selected.title || t('draft.revisions.untitled')}</h3>
              <SignetEditor
                key={selected.id}
                draftId={draftId}
                initialState={selected.draft.editorState}
                readOnly
                ariaLabel={t('draft.revisions.text')}
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
                {t('draft.revisions.restore')}
              </button>
            </>
          ) : (
            <p className="empty-state">{t('draft.revisions.choose')}</p>
          )}
        </section>
      </div>
    </Dialog>
  );
}
