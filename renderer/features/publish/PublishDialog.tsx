import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type {
  AccountSummary,
  Draft,
  PostType,
  PublishOptions,
  PublishOutcome,
  PublishProgress,
  PublishStatus,
} from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { draftImages } from './draftImages';
import { PreviewPane, usePublishPreview } from './PreviewPane';
import {
  followJobs,
  initialCopyIds,
  initialPrimaryId,
  optionsFor,
  statusesFor,
  statusProblem,
  syndicationResults,
  type DestinationResult,
  type PublishChoices,
} from './syndication';
import { TermPicker } from './TermPicker';
import { localInputToIso, isoToLocalInput, describeInZone } from './time';

interface PublishDialogProps {
  open: boolean;
  draft: Draft;
  accounts: AccountSummary[];
  /** Save what is typed before composing. */
  beforePublish(): Promise<void>;
  onClose(): void;
  onManageAccounts(): void;
  /** The draft changed in the store: its remote identity, or (server version taken) its text. */
  onDraftChanged(isTextReplaced: boolean): void;
}

const STATUS_LABEL: Record<PublishStatus, string> = {
  draft: 'Draft',
  pending: 'Pending review',
  private: 'Private',
  publish: 'Publish now',
  future: 'Schedule',
};

/**
 * Publish the open draft: to one blog (the original), and optionally copies to the author's other
 * blogs that link back to it. Options, an exact preview per destination, progress, results.
 */
export function PublishDialog(props: PublishDialogProps) {
  const { open, draft, accounts } = props;
  const [accountId, setAccountId] = useState(() =>
    initialPrimaryId(draft.meta, accounts, draft.destinations),
  );
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const [copyIds, setCopyIds] = useState<string[]>(() =>
    initialCopyIds(draft.meta, accounts, initialPrimaryId(draft.meta, accounts)),
  );
  const [postType, setPostType] = useState<PostType>('post');
  const [chosenStatus, setStatus] = useState<PublishStatus>('draft');
  const [scheduledLocal, setScheduledLocal] = useState(() =>
    isoToLocalInput(draft.meta.scheduledAt ?? new Date(Date.now() + 86_400_000).toISOString()),
  );
  const [tags, setTags] = useState<string[]>(draft.meta.tags ?? []);
  const [categories, setCategories] = useState<string[]>(draft.meta.categories ?? []);
  const [excerpt, setExcerpt] = useState(draft.meta.excerpt ?? '');
  const [slug, setSlug] = useState(draft.meta.slug ?? '');
  const [featuredImage, setFeaturedImage] = useState(draft.meta.featuredImage ?? '');
  // The blog's header and footer snippets, switched off for this post only.
  const [useHeader, setUseHeader] = useState(true);
  const [useFooter, setUseFooter] = useState(true);
  const [sendEmail, setSendEmail] = useState(false);
  const [newsletter, setNewsletter] = useState('default-newsletter');
  const [showSource, setShowSource] = useState(false);
  const [progress, setProgress] = useState<PublishProgress | null>(null);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  /** The original and each copy after a syndication, kept live by the outbox. */
  const [results, setResults] = useState<DestinationResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [removed, setRemoved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The draft as saved now (the screen's copy is from when it was opened): its images.
  const [saved, setSaved] = useState<Draft | null>(null);
  useEffect(() => {
    if (!open) return;
    props
      .beforePublish()
      .then(() => call('getDraft', { id: draft.id }))
      .then(setSaved)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [open, draft.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const images = useMemo(
    () => draftImages(saved?.editorState ?? draft.editorState),
    [saved, draft.editorState],
  );
  const ids = { type: useId(), copies: useId() };

  useEffect(() => {
    if (!accountId && accounts[0]) setAccountId(initialPrimaryId(draft.meta, accounts, draft.destinations));
  }, [accounts, accountId, draft.meta, draft.destinations]);

  const caps = account?.capabilities;
  const statuses = caps ? statusesFor(caps) : [];
  // A status the blog does not offer (another blog was chosen) falls back to its first one.
  const status: PublishStatus = statuses.includes(chosenStatus) ? chosenStatus : (statuses[0] ?? 'publish');
  const scheduledIso = status === 'future' ? localInputToIso(scheduledLocal) : undefined;
  const choices: PublishChoices = {
    postType: caps?.pages ? postType : 'post',
    status,
    ...(scheduledIso ? { scheduledAt: scheduledIso } : {}),
    tags,
    categories,
    excerpt,
    slug,
    featuredImage,
    useHeader,
    useFooter,
    ...(sendEmail ? { newsletter } : {}),
  };
  const options: PublishOptions | null = account ? optionsFor(account, choices) : null;
  /** Every other account the author ticked, with what it gets (nothing when the status cannot be kept). */
  const copies = account
    ? accounts
        .filter((a) => a.id !== account.id && copyIds.includes(a.id))
        .map((a) => ({
          account: a,
          options: optionsFor(a, choices, account.id),
          problem: statusProblem(status, a),
        }))
    : [];
  const sendable = copies.filter(
    (c): c is { account: AccountSummary; options: PublishOptions; problem: string | null } => !!c.options,
  );

  // After a publish the previews are fetched again: the draft is now linked to the posts.
  const [previewTick, setPreviewTick] = useState(0);
  const { preview, error: previewError } = usePublishPreview(
    open,
    draft.id,
    options,
    previewTick,
    props.beforePublish,
  );

  useEffect(
    () =>
      on('publishProgress', (p) => {
        if (p.draftId === draft.id) setProgress(p);
      }),
    [draft.id],
  );

  // A queued publish is delivered later by the outbox: show how it ends.
  const queuedJobId = outcome?.kind === 'queued' ? outcome.jobId : null;
  useEffect(() => {
    if (!queuedJobId) return;
    return on('outboxChanged', ({ jobs }) => {
      const job = jobs.find((j) => j.id === queuedJobId);
      if (!job) return;
      if (job.state === 'done') {
        setOutcome({
          kind: 'published',
          remoteId: '',
          permalink: job.permalink ?? '',
          status: job.options?.status ?? 'publish',
          modifiedGmt: job.updatedAt,
        });
        setPreviewTick((t) => t + 1);
        props.onDraftChanged(false);
      } else if (job.state === 'failed') {
        setOutcome(null);
        setError(job.lastError?.message ?? 'Signet could not send the post.');
      } else if (job.state === 'cancelled') {
        setOutcome(null);
      } else if (job.state === 'waiting') {
        setOutcome((current) =>
          current?.kind === 'queued'
            ? {
                ...current,
                message: job.lastError?.message ?? current.message,
                ...(job.nextAttemptAt ? { nextAttemptAt: job.nextAttemptAt } : {}),
              }
            : current,
        );
      }
    });
  }, [queuedJobId]); // eslint-disable-line react-hooks/exhaustive-deps

  // Queued destinations of a syndication: follow their jobs until each is delivered or stopped.
  const resultsRef = useRef(results);
  resultsRef.current = results;
  const followedJobs = (results ?? [])
    .filter((r) => r.kind === 'queued')
    .map((r) => r.jobId)
    .join(',');
  useEffect(() => {
    if (!followedJobs) return;
    return on('outboxChanged', ({ jobs }) => {
      const current = resultsRef.current;
      if (!current) return;
      const next = followJobs(current, jobs);
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      setResults(next);
      if (next.some((r, i) => r.kind === 'published' && current[i]?.kind !== 'published')) {
        setPreviewTick((t) => t + 1);
        props.onDraftChanged(false);
      }
    });
  }, [followedJobs]); // eslint-disable-line react-hooks/exhaustive-deps

  async function publish(onConflict: 'ask' | 'overwrite' | 'takeServer') {
    if (!options) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    setResults(null);
    setRemoved(null);
    try {
      await props.beforePublish();
      if (sendable.length === 0 || onConflict === 'takeServer') {
        const result = await call('publishDraft', { draftId: draft.id, options, onConflict });
        setOutcome(result);
        setPreviewTick((t) => t + 1);
        if (result.kind !== 'conflict') props.onDraftChanged(result.kind === 'tookServerVersion');
        return;
      }
      const result = await call('syndicateDraft', {
        draftId: draft.id,
        primary: options,
        copies: sendable.map((c) => c.options),
        onConflict,
      });
      setPreviewTick((t) => t + 1);
      if (result.primary.kind === 'conflict') {
        setOutcome(result.primary);
        return;
      }
      setResults(syndicationResults(result, options.accountId, accounts));
      props.onDraftChanged(result.primary.kind === 'tookServerVersion');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!account || !caps) {
    return (
      <Dialog title="Publish" open={open} onClose={props.onClose}>
        <p>Add a blog first: Signet publishes through the blog’s own API.</p>
        <button type="button" className="primary-button" onClick={props.onManageAccounts}>
          Add a blog…
        </button>
      </Dialog>
    );
  }

  const others = accounts.filter((a) => a.id !== account.id);
  const columns = [
    { account, role: 'Original' as const },
    ...copies.map((c) => ({ account: c.account, role: 'Copy' as const })),
  ];

  return (
    <Dialog title="Publish" open={open} onClose={props.onClose} className="dialog-wide">
      <div className="publish-layout">
        <form
          className="publish-options"
          aria-label="Publish options"
          onSubmit={(event) => {
            event.preventDefault();
            void publish('ask');
          }}
        >
          <label>
            Blog
            <select
              value={account.id}
              onChange={(e) => {
                setAccountId(e.target.value);
                setUseHeader(true);
                setUseFooter(true);
              }}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.siteName} ({a.userLogin})
                </option>
              ))}
            </select>
          </label>
          {others.length > 0 ? (
            <fieldset className="copies" aria-labelledby={ids.copies}>
              <legend id={ids.copies}>Also send copies to</legend>
              {others.map((a) => {
                const copy = copies.find((c) => c.account.id === a.id);
                return (
                  <div key={a.id}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={Boolean(copy)}
                        onChange={(e) =>
                          setCopyIds((list) =>
                            e.target.checked ? [...list, a.id] : list.filter((id) => id !== a.id),
                          )
                        }
                      />
                      {a.siteName}
                    </label>
                    {copy?.problem ? <p className="hint">{copy.problem}</p> : null}
                  </div>
                );
              })}
              {sendable.length > 0 ? (
                <p className="hint">
                  {account.siteName} gets the original; each copy goes out once the original has its address,
                  and links back to it.
                </p>
              ) : null}
            </fieldset>
          ) : null}
          {account.settings.headerSnippetId ? (
            <label className="check">
              <input type="checkbox" checked={useHeader} onChange={(e) => setUseHeader(e.target.checked)} />
              Add header: {preview?.header?.name ?? 'the blog’s header snippet'}
            </label>
          ) : null}
          {account.settings.footerSnippetId ? (
            <label className="check">
              <input type="checkbox" checked={useFooter} onChange={(e) => setUseFooter(e.target.checked)} />
              Add footer: {preview?.footer?.name ?? 'the blog’s footer snippet'}
            </label>
          ) : null}
          {caps.pages ? (
            <fieldset className="radio-row" aria-labelledby={ids.type}>
              <legend id={ids.type}>Publish as</legend>
              {(['post', 'page'] as const).map((t) => (
                <label key={t} className="check">
                  <input
                    type="radio"
                    name="post-type"
                    checked={postType === t}
                    onChange={() => setPostType(t)}
                  />
                  {t === 'post' ? 'Post' : 'Page'}
                </label>
              ))}
            </fieldset>
          ) : null}
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as PublishStatus)}>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          {status === 'future' ? (
            <div className="schedule">
              <label>
                Publish on (your time)
                <input
                  type="datetime-local"
                  value={scheduledLocal}
                  onChange={(e) => setScheduledLocal(e.target.value)}
                />
              </label>
              {scheduledIso ? (
                <p className="hint" role="status">
                  {describeInZone(scheduledIso, account.timeZone, account.siteName)}
                </p>
              ) : null}
              {[account, ...sendable.map((c) => c.account)]
                .filter((a) => !a.capabilities.scheduling)
                .map((a) => (
                  <p key={a.id} className="hint">
                    {a.siteName} cannot hold a post until a date: Signet keeps it in the outbox and publishes
                    it on time (Signet must be running then, or it goes out when Signet next starts).
                  </p>
                ))}
            </div>
          ) : null}
          {choices.postType === 'post' && caps.categories ? (
            <TermPicker
              label="Categories"
              accountId={account.id}
              taxonomy="categories"
              value={categories}
              onChange={setCategories}
            />
          ) : null}
          {choices.postType === 'post' && caps.tags ? (
            <TermPicker label="Tags" accountId={account.id} taxonomy="tags" value={tags} onChange={setTags} />
          ) : null}
          {caps.excerpt ? (
            <label>
              Excerpt
              <textarea rows={3} value={excerpt} onChange={(e) => setExcerpt(e.target.value)} />
            </label>
          ) : null}
          {caps.slug ? (
            <label>
              Slug
              <input value={slug} placeholder="from the title" onChange={(e) => setSlug(e.target.value)} />
            </label>
          ) : null}
          {caps.featuredImage ? (
            <label>
              Featured image
              <select value={featuredImage} onChange={(e) => setFeaturedImage(e.target.value)}>
                <option value="">None</option>
                {images.map((img) => (
                  <option key={img.fileName} value={img.fileName}>
                    {img.altText || img.fileName}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {caps.newsletter && (status === 'publish' || status === 'future') ? (
            <fieldset className="newsletter">
              <legend>Newsletter</legend>
              <label className="check">
                <input type="checkbox" checked={sendEmail} onChange={(e) => setSendEmail(e.target.checked)} />
                Also email this post to the newsletter’s subscribers
              </label>
              {sendEmail ? (
                <label>
                  Newsletter (its slug)
                  <input value={newsletter} onChange={(e) => setNewsletter(e.target.value)} />
                </label>
              ) : (
                <p className="hint">Off: publishing sends no email.</p>
              )}
            </fieldset>
          ) : null}
          <div className="dialog-actions">
            <button type="submit" className="primary-button" disabled={busy}>
              {preview?.isUpdate ? 'Update on blog' : status === 'future' ? 'Schedule' : 'Publish'}
            </button>
            <button type="button" className="secondary-button" onClick={props.onClose}>
              Close
            </button>
          </div>
          {preview?.isUpdate && caps.delete ? (
            <button
              type="button"
              className="link-button danger"
              disabled={busy}
              onClick={() => {
                const where = account.siteName;
                if (
                  !window.confirm(
                    `Move “${draft.title || 'Untitled'}” to the trash on ${where}? The draft stays in Signet.`,
                  )
                ) {
                  return;
                }
                setBusy(true);
                setError(null);
                call('deleteRemotePost', { draftId: draft.id, accountId: account.id, force: false })
                  .then((queued) => {
                    setOutcome(null);
                    setResults(null);
                    setRemoved(
                      queued
                        ? `${queued.message} The post will be moved to the trash on ${where} as soon as Signet can reach it.`
                        : `Moved to the trash on ${where}. Publishing again creates a new post.`,
                    );
                    setPreviewTick((t) => t + 1);
                    props.onDraftChanged(false);
                  })
                  .catch((e: unknown) => setError(errorMessage(e)))
                  .finally(() => setBusy(false));
              }}
            >
              Remove from blog…
            </button>
          ) : null}
          {removed ? <p role="status">{removed}</p> : null}
          {busy && progress ? (
            <div className="progress">
              <progress
                aria-label="Publishing progress"
                max={Math.max(1, progress.total)}
                value={progress.done}
              />
              <p role="status">{progress.message}</p>
            </div>
          ) : null}
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          {results ? (
            <div className="publish-result" role="status" aria-label="Publish result">
              <ul aria-label="Result per blog">
                {results.map((r) => (
                  <li key={r.accountId} aria-label={r.siteName}>
                    <p>
                      <strong>
                        {r.siteName} ({r.role})
                      </strong>{' '}
                      {r.text}
                    </p>
                    {r.permalink ? (
                      <button
                        type="button"
                        className="secondary-button"
                        aria-label={`Open in browser: ${r.siteName}`}
                        onClick={() => void call('openExternal', { url: r.permalink! })}
                      >
                        Open in browser
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome?.kind === 'published' ? (
            <div className="publish-result" role="status" aria-label="Publish result">
              <p>
                {outcome.status === 'future'
                  ? 'Scheduled'
                  : outcome.status === 'publish'
                    ? 'Published'
                    : 'Sent'}
                : <span className="path">{outcome.permalink}</span>
              </p>
              <button
                type="button"
                className="secondary-button"
                onClick={() => void call('openExternal', { url: outcome.permalink })}
              >
                Open in browser
              </button>
            </div>
          ) : null}
          {outcome?.kind === 'queued' ? (
            <div className="publish-result" role="status" aria-label="Publish result">
              <p>
                Queued: {outcome.message} Signet sends it as soon as {account.siteName} can be reached
                {outcome.nextAttemptAt
                  ? ` (next try at ${new Date(outcome.nextAttemptAt).toLocaleTimeString()})`
                  : ''}
                . You can close this window and keep writing.
              </p>
              <button
                type="button"
                className="secondary-button"
                disabled={busy}
                onClick={() => {
                  setBusy(true);
                  setError(null);
                  call('retryOutboxJob', { id: outcome.jobId })
                    .catch((e: unknown) => setError(errorMessage(e)))
                    .finally(() => setBusy(false));
                }}
              >
                Try again now
              </button>
              <button
                type="button"
                className="link-button danger"
                disabled={busy}
                onClick={() => {
                  call('cancelOutboxJob', { id: outcome.jobId })
                    .then(() => setOutcome(null))
                    .catch((e: unknown) => setError(errorMessage(e)));
                }}
              >
                Cancel sending
              </button>
            </div>
          ) : null}
          {outcome?.kind === 'conflict' ? (
            <section className="conflict" role="alert" aria-label="Changed on the blog">
              <p>
                The post was changed on the blog ({new Date(outcome.server.modifiedGmt).toLocaleString()})
                since Signet last sent it. Nothing was overwritten.
              </p>
              <div className="conflict-sides">
                <section aria-label="Blog version">
                  <h3>On the blog: {outcome.server.title}</h3>
                  <p className="conflict-text">{outcome.server.text}</p>
                </section>
                <section aria-label="Your version">
                  <h3>In Signet</h3>
                  <p className="conflict-text">{outcome.localText}</p>
                </section>
              </div>
              <div className="dialog-actions">
                <button type="button" className="primary-button" onClick={() => void publish('overwrite')}>
                  Overwrite the blog’s version
                </button>
                <button type="button" className="secondary-button" onClick={() => void publish('takeServer')}>
                  Take the blog’s version as a revision
                </button>
                <button type="button" className="secondary-button" onClick={() => setOutcome(null)}>
                  Cancel
                </button>
              </div>
            </section>
          ) : null}
        </form>
        <section className="publish-preview" aria-label="Preview">
          <div className="preview-header">
            <h3>Preview</h3>
            <label className="check">
              <input type="checkbox" checked={showSource} onChange={(e) => setShowSource(e.target.checked)} />
              Show HTML
            </label>
          </div>
          <div
            className="preview-columns"
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(${columns.length}, minmax(240px, 1fr))`,
              gap: 16,
              overflowX: 'auto',
            }}
          >
            <section aria-label={`Preview for ${account.siteName}`}>
              <h4>
                {account.siteName}
                {columns.length > 1 ? ' (original)' : ''}
              </h4>
              <PreviewPane
                preview={preview}
                error={previewError}
                showSource={showSource}
                articleLabel="Post preview"
              />
            </section>
            {copies.map((c) => (
              <CopyPreview
                key={c.account.id}
                enabled={open}
                draftId={draft.id}
                account={c.account}
                options={c.options}
                problem={c.problem}
                tick={previewTick}
                showSource={showSource}
                beforePreview={props.beforePublish}
              />
            ))}
          </div>
        </section>
      </div>
    </Dialog>
  );
}

/** One copy's column: what that blog would get (with the link back to the original). */
function CopyPreview(props: {
  enabled: boolean;
  draftId: string;
  account: AccountSummary;
  options: PublishOptions | null;
  problem: string | null;
  tick: number;
  showSource: boolean;
  beforePreview(): Promise<void>;
}) {
  const { preview, error } = usePublishPreview(
    props.enabled && !!props.options,
    props.draftId,
    props.options,
    props.tick,
    props.beforePreview,
  );
  return (
    <section aria-label={`Preview for ${props.account.siteName}`}>
      <h4>{props.account.siteName} (copy)</h4>
      {props.problem ? (
        <p className="hint">{props.problem}</p>
      ) : (
        <PreviewPane
          preview={preview}
          error={error}
          showSource={props.showSource}
          articleLabel="Copy preview"
        />
      )}
    </section>
  );
}
