import { useCallback, useEffect, useId, useState } from 'react';
import type { ReapplyResult, SnippetUse } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { RetryError } from '../../ui/RetryError';
import { t } from '../../../electron/contract/i18n';

const viaLabel = (via: SnippetUse['via'][number]): string => t('snippets.uses.via', { via });

function keyOf(use: { draftId: string; accountId: string }): string {
  return `${use.draftId}:${use.accountId}`;
}

/** Where the snippet is on the author's blogs, and the way to send its new version to all of them. */
export function SnippetUses({
  snippetId,
  snippetName,
  beforeReapply,
  onOpenDraft,
}: {
  snippetId: string;
  snippetName: string;
  /** Saves the snippet's latest edits first. */
  beforeReapply(): Promise<void>;
  onOpenDraft?(draftId: string): void;
}) {
  const [uses, setUses] = useState<SnippetUse[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isReviewing, setIsReviewing] = useState(false);
  const headingId = useId();

  const load = useCallback(() => {
    setError(null);
    call('findSnippetUses', { id: snippetId })
      .then(setUses)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [snippetId]);
  useEffect(load, [load]);

  return (
    <section className="snippet-uses" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('snippets.uses.title')}</h3>
      {error ? <RetryError message={t('snippets.uses.loadFailed', { error })} onRetry={load} /> : null}
      {uses === null ? (
        error ? null : (
          <p role="status" className="hint">
            {t('snippets.uses.loading')}
          </p>
        )
      ) : uses.length === 0 ? (
        <p className="hint">{t('snippets.uses.none')}</p>
      ) : (
        <>
          <UseList uses={uses} label={t('snippets.uses.list')} onOpenDraft={onOpenDraft} />
          <button type="button" className="secondary-button" onClick={() => setIsReviewing(true)}>
            {t('snippets.uses.update', { count: uses.length })}
          </button>
        </>
      )}{' '}
      <button type="button" className="link-button" onClick={load}>
        {t('snippets.uses.checkAgain')}
      </button>
      {uses && uses.length > 0 ? (
        <ReapplyDialog
          open={isReviewing}
          snippetId={snippetId}
          snippetName={snippetName}
          uses={uses}
          beforeReapply={beforeReapply}
          onClose={() => {
            setIsReviewing(false);
            load();
          }}
        />
      ) : null}
    </section>
  );
}

function UseList({
  uses,
  label,
  onOpenDraft,
}: {
  uses: SnippetUse[];
  label: string;
  onOpenDraft?(draftId: string): void;
}) {
  return (
    <ul className="snippet-use-list" aria-label={label}>
      {uses.map((use) => (
        <li key={keyOf(use)} className="snippet-use">
          <span className="draft-item-title">{use.draftTitle || t('snippets.uses.untitled')}</span>
          <span className="draft-item-meta">
            {t('snippets.uses.meta', { site: use.siteName, via: use.via.map(viaLabel).join(', ') })}
          </span>
          {use.permalink ? <span className="path hint">{use.permalink}</span> : null}
          <span className="snippet-use-actions">
            {use.permalink ? (
              <button
                type="button"
                className="link-button"
                aria-label={t('snippets.uses.openOnBlogLabel', {
                  title: use.draftTitle || t('snippets.uses.untitled'),
                  site: use.siteName,
                })}
                onClick={() => void call('openExternal', { url: use.permalink! })}
              >
                {t('snippets.uses.openOnBlog')}
              </button>
            ) : null}
            {onOpenDraft ? (
              <button
                type="button"
                className="link-button"
                aria-label={t('snippets.uses.openDraftLabel', {
                  title: use.draftTitle || t('snippets.uses.untitled'),
                })}
                onClick={() => onOpenDraft(use.draftId)}
              >
                {t('snippets.uses.openDraft')}
              </button>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

type Stage =
  | { kind: 'review' }
  | { kind: 'running'; done: number; total: number; message: string }
  | { kind: 'done'; results: ReapplyResult[] };

/** A dry run first (each post that will change), then the updates one by one, then each result. */
function ReapplyDialog({
  open,
  snippetId,
  snippetName,
  uses,
  beforeReapply,
  onClose,
}: {
  open: boolean;
  snippetId: string;
  snippetName: string;
  uses: SnippetUse[];
  beforeReapply(): Promise<void>;
  onClose(): void;
}) {
  const [stage, setStage] = useState<Stage>({ kind: 'review' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setStage({ kind: 'review' });
      setError(null);
    }
  }, [open]);

  useEffect(
    () =>
      on('reapplyProgress', (p) => {
        if (p.snippetId !== snippetId) return;
        // One command in the main process publishes each post in turn and reports each one.
        const message = t('snippets.reapply.progress', {
          current: Math.min(p.done + 1, p.total),
          total: p.total,
          message: p.message,
        });
        setStage((s) =>
          s.kind === 'running' ? { kind: 'running', done: p.done, total: p.total, message } : s,
        );
      }),
    [snippetId],
  );

  async function run() {
    setError(null);
    setStage({ kind: 'running', done: 0, total: uses.length, message: t('snippets.reapply.saving') });
    try {
      await beforeReapply();
      const results = await call('reapplySnippet', { id: snippetId });
      setStage({ kind: 'done', results });
    } catch (e) {
      setError(errorMessage(e));
      setStage({ kind: 'review' });
    }
  }

  const findUse = (r: ReapplyResult) =>
    uses.find((u) => u.draftId === r.draftId && u.accountId === r.accountId) ?? null;

  return (
    <Dialog
      title={t('snippets.reapply.title')}
      open={open}
      onClose={() => stage.kind !== 'running' && onClose()}
      className="dialog-wide"
    >
      {stage.kind === 'review' ? (
        <>
          <p>{t('snippets.reapply.intro', { count: uses.length, name: snippetName })}</p>
          <UseList uses={uses} label={t('snippets.reapply.list')} />
          <div className="dialog-actions">
            <button type="button" className="primary-button" onClick={() => void run()}>
              {t('snippets.reapply.updateAll')}
            </button>
            <button type="button" className="secondary-button" onClick={onClose}>
              {t('snippets.reapply.cancel')}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'running' ? (
        <div className="progress">
          <progress
            aria-label={t('snippets.reapply.progressLabel')}
            max={Math.max(1, stage.total)}
            value={stage.done}
          />
          <p role="status">{stage.message}</p>
        </div>
      ) : null}
      {stage.kind === 'done' ? (
        <>
          <p role="status">
            {t('snippets.reapply.summary', {
              updated: stage.results.filter((r) => r.outcome === 'updated').length,
              total: stage.results.length,
            })}
          </p>
          <ul className="snippet-use-list" aria-label={t('snippets.reapply.results')}>
            {stage.results.map((result) => {
              const use = findUse(result);
              return (
                <li key={keyOf(result)} className={`snippet-use reapply-${result.outcome}`}>
                  <span className="draft-item-title">
                    {use?.draftTitle || t('snippets.uses.untitled')}
                    {use ? t('snippets.reapply.onSite', { site: use.siteName }) : ''}
                  </span>
                  <span className="reapply-outcome">
                    {result.outcome === 'failed'
                      ? t('snippets.reapply.failed', { message: result.message })
                      : result.message}
                  </span>
                  {result.permalink ? <span className="path hint">{result.permalink}</span> : null}
                </li>
              );
            })}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="primary-button" onClick={onClose}>
              {t('snippets.reapply.close')}
            </button>
          </div>
        </>
      ) : null}
      {error ? (
        <RetryError message={t('snippets.reapply.error', { error })} onRetry={() => void run()} />
      ) : null}
    </Dialog>
  );
}
