import { useCallback, useEffect, useId, useState } from 'react';
import type { ReapplyResult, SnippetUse } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';

const VIA_LABEL: Record<SnippetUse['via'][number], string> = {
  body: 'in the text',
  header: 'as the blog’s header',
  footer: 'as the blog’s footer',
};

function postsNoun(n: number): string {
  return n === 1 ? '1 published post' : `${n} published posts`;
}

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
      <h3 id={headingId}>Used on your blogs</h3>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {uses === null ? (
        error ? null : (
          <p role="status" className="hint">
            Looking for posts that use it…
          </p>
        )
      ) : uses.length === 0 ? (
        <p className="hint">No published post uses this snippet yet.</p>
      ) : (
        <>
          <UseList uses={uses} label="Published posts using this snippet" onOpenDraft={onOpenDraft} />
          <button type="button" className="secondary-button" onClick={() => setIsReviewing(true)}>
            Update {postsNoun(uses.length)}…
          </button>
        </>
      )}{' '}
      <button type="button" className="link-button" onClick={load}>
        Check again
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
          <span className="draft-item-title">{use.draftTitle || 'Untitled'}</span>
          <span className="draft-item-meta">
            {use.siteName} · {use.via.map((v) => VIA_LABEL[v]).join(', ')}
          </span>
          {use.permalink ? <span className="path hint">{use.permalink}</span> : null}
          <span className="snippet-use-actions">
            {use.permalink ? (
              <button
                type="button"
                className="link-button"
                aria-label={`Open “${use.draftTitle || 'Untitled'}” on ${use.siteName}`}
                onClick={() => void call('openExternal', { url: use.permalink! })}
              >
                Open on the blog
              </button>
            ) : null}
            {onOpenDraft ? (
              <button
                type="button"
                className="link-button"
                aria-label={`Open the draft “${use.draftTitle || 'Untitled'}”`}
                onClick={() => onOpenDraft(use.draftId)}
              >
                Open the draft
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
        setStage((s) =>
          s.kind === 'running' ? { kind: 'running', done: p.done, total: p.total, message: p.message } : s,
        );
      }),
    [snippetId],
  );

  async function run() {
    setError(null);
    setStage({ kind: 'running', done: 0, total: uses.length, message: 'Saving the snippet…' });
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
      title="Update published posts"
      open={open}
      onClose={() => stage.kind !== 'running' && onClose()}
      className="dialog-wide"
    >
      {stage.kind === 'review' ? (
        <>
          <p>
            These {postsNoun(uses.length)} use “{snippetName}”. Each is published again from its draft in
            Signet, with the snippet as it is now. Any other change made to those drafts since they were
            published goes too; a post changed on its blog since is left alone.
          </p>
          <UseList uses={uses} label="Posts that will be updated" />
          <div className="dialog-actions">
            <button type="button" className="primary-button" onClick={() => void run()}>
              Update all
            </button>
            <button type="button" className="secondary-button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'running' ? (
        <div className="progress">
          <progress aria-label="Update progress" max={Math.max(1, stage.total)} value={stage.done} />
          <p role="status">{stage.message}</p>
        </div>
      ) : null}
      {stage.kind === 'done' ? (
        <>
          <p role="status">
            {stage.results.filter((r) => r.outcome === 'updated').length} of {stage.results.length} updated.
          </p>
          <ul className="snippet-use-list" aria-label="Update results">
            {stage.results.map((result) => {
              const use = findUse(result);
              return (
                <li key={keyOf(result)} className={`snippet-use reapply-${result.outcome}`}>
                  <span className="draft-item-title">
                    {use?.draftTitle || 'Untitled'}
                    {use ? ` · ${use.siteName}` : ''}
                  </span>
                  <span className="reapply-outcome">
                    {result.outcome === 'failed' ? `Failed: ${result.message}` : result.message}
                  </span>
                  {result.permalink ? <span className="path hint">{result.permalink}</span> : null}
                </li>
              );
            })}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="primary-button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : null}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
