import DOMPurify from 'dompurify';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type {
  AccountSummary,
  Draft,
  PostType,
  PublishOptions,
  PublishOutcome,
  PublishPreview,
  PublishProgress,
  PublishStatus,
} from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { draftImages } from './draftImages';
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

/** Publish the open draft to one blog: options, an exact preview, progress, result. */
export function PublishDialog(props: PublishDialogProps) {
  const { open, draft, accounts } = props;
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const [postType, setPostType] = useState<PostType>('post');
  const [status, setStatus] = useState<PublishStatus>('draft');
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
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  const [showSource, setShowSource] = useState(false);
  const [progress, setProgress] = useState<PublishProgress | null>(null);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
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
  const ids = { type: useId(), status: useId() };

  useEffect(() => {
    if (!accountId && accounts[0]) setAccountId(accounts[0].id);
  }, [accounts, accountId]);

  const options: PublishOptions | null = account
    ? {
        accountId: account.id,
        postType,
        status,
        scheduledAt: status === 'future' ? localInputToIso(scheduledLocal) : undefined,
        tags: account.capabilities.tags && postType === 'post' ? tags : [],
        categories: account.capabilities.categories && postType === 'post' ? categories : [],
        excerpt: excerpt.trim() || undefined,
        slug: slug.trim() || undefined,
        featuredImage: featuredImage || undefined,
        ...(account.settings.headerSnippetId ? { useHeader } : {}),
        ...(account.settings.footerSnippetId ? { useFooter } : {}),
      }
    : null;
  const optionsKey = JSON.stringify(options);

  // The preview is recomputed whenever an option changes: it is exactly what will be sent.
  const previewSeq = useRef(0);
  // After a publish the preview is fetched again: the draft is now linked to the post.
  const [previewTick, setPreviewTick] = useState(0);
  useEffect(() => {
    if (!open || !options) return;
    const seq = ++previewSeq.current;
    const timer = setTimeout(() => {
      props
        .beforePublish()
        .then(() => call('previewPost', { draftId: draft.id, options }))
        .then((p) => seq === previewSeq.current && setPreview(p))
        .catch((e: unknown) => seq === previewSeq.current && setError(errorMessage(e)));
    }, 250);
    return () => clearTimeout(timer);
  }, [open, optionsKey, draft.id, previewTick]); // eslint-disable-line react-hooks/exhaustive-deps

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

  async function publish(onConflict: 'ask' | 'overwrite' | 'takeServer') {
    if (!options) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      await props.beforePublish();
      const result = await call('publishDraft', { draftId: draft.id, options, onConflict });
      setOutcome(result);
      setPreviewTick((t) => t + 1);
      if (result.kind !== 'conflict') props.onDraftChanged(result.kind === 'tookServerVersion');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!account) {
    return (
      <Dialog title="Publish" open={open} onClose={props.onClose}>
        <p>Add a blog first: Signet publishes through the blog’s own API.</p>
        <button type="button" className="primary-button" onClick={props.onManageAccounts}>
          Add a blog…
        </button>
      </Dialog>
    );
  }

  const caps = account.capabilities;
  const statuses: PublishStatus[] = [
    'draft',
    ...(caps.pendingReview ? (['pending'] as const) : []),
    ...(caps.privatePosts ? (['private'] as const) : []),
    'publish',
    ...(caps.scheduling ? (['future'] as const) : []),
  ];
  const scheduledIso = status === 'future' ? localInputToIso(scheduledLocal) : undefined;

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
            <fieldset className="radio-row">
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
            </div>
          ) : null}
          {postType === 'post' && caps.categories ? (
            <TermPicker
              label="Categories"
              accountId={account.id}
              taxonomy="categories"
              value={categories}
              onChange={setCategories}
            />
          ) : null}
          {postType === 'post' && caps.tags ? (
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
          {preview?.warnings.length ? (
            <ul className="warnings" aria-label="Warnings">
              {preview.warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          ) : null}
          {preview ? (
            showSource ? (
              <pre className="preview-source" aria-label="HTML that will be sent">
                {preview.html}
              </pre>
            ) : (
              <article className="post-preview" aria-label="Post preview">
                <h1>{preview.title}</h1>
                {/* Composed in the main process from the draft, then sanitized again before display. */}
                <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(preview.html) }} />
              </article>
            )
          ) : (
            <p role="status">Preparing the preview…</p>
          )}
          {preview && preview.imagesToUpload > 0 ? (
            <p className="hint">
              {preview.imagesToUpload} {preview.imagesToUpload === 1 ? 'image' : 'images'} will be uploaded
              first.
            </p>
          ) : null}
        </section>
      </div>
    </Dialog>
  );
}
