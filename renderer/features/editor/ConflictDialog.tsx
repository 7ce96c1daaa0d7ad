import { useEffect, useState } from 'react';
import type { ConflictChoice, Draft, DraftConflict } from '../../../electron/contract';
import { countWords, plainTextOf, snippetOf } from '../../../electron/contract/plainText';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDateTime } from '../../ui/format';
import { t } from '../../../electron/contract/i18n';

interface ConflictDialogProps {
  open: boolean;
  draftId: string;
  onClose(): void;
  onResolved(draft: Draft, note: string): void;
}

const note = (choice: ConflictChoice): string =>
  choice === 'mine'
    ? t('draft.conflict.keptMine')
    : choice === 'theirs'
      ? t('draft.conflict.keptTheirs')
      : t('draft.conflict.keptBoth');

/** How much of a version's text is shown: enough to tell the two apart ("Keep both" keeps all). */
const EXCERPT_CHARS = 600;

/** A version's words, so the author can tell the two apart before choosing. */
function VersionText({ draft }: { draft: Draft }) {
  // The draft list's own plain text, word count and excerpt (electron/contract/plainText.ts).
  const text = plainTextOf(draft.editorState);
  return (
    <>
      <p className="draft-item-meta">{t('draft.conflict.words', { count: countWords(text) })}</p>
      <p className="conflict-text">
        {text === '' ? t('draft.conflict.empty') : snippetOf(text, EXCERPT_CHARS)}
      </p>
    </>
  );
}

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
      .then((draft) => onResolved(draft, note(choice)))
      .catch((e: unknown) => setError(errorMessage(e)));

  return (
    <Dialog title={t('draft.conflict.title')} open={open} onClose={onClose} className="dialog-wide">
      <p>{t('draft.conflict.intro')}</p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {conflict ? (
        <div className="conflict-sides">
          <section aria-label={t('draft.conflict.mine')}>
            <h3>{t('draft.conflict.mine')}</h3>
            <p className="draft-item-meta">{formatDateTime(conflict.mine.updatedAt)}</p>
            <p className="conflict-title">{conflict.mine.title || t('draft.conflict.untitled')}</p>
            <VersionText draft={conflict.mine} />
          </section>
          <section aria-label={t('draft.conflict.theirsLabel')}>
            <h3>{t('draft.conflict.theirs')}</h3>
            <p className="draft-item-meta">{formatDateTime(conflict.theirs.updatedAt)}</p>
            <p className="conflict-title">{conflict.theirs.title || t('draft.conflict.untitled')}</p>
            <VersionText draft={conflict.theirs} />
          </section>
        </div>
      ) : (
        <p>{t('draft.conflict.none')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary-button" disabled={!conflict} onClick={() => choose('mine')}>
          {t('draft.conflict.keepMine')}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!conflict}
          onClick={() => choose('theirs')}
        >
          {t('draft.conflict.keepTheirs')}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={!conflict}
          onClick={() => choose('both')}
        >
          {t('draft.conflict.keepBoth')}
        </button>
      </div>
    </Dialog>
  );
}
