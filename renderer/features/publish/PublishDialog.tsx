import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type {
  AccountSummary,
  Draft,
  PostType,
  PublishOptions,
  PublishOutcome,
  PublishStatus,
} from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage, on } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { formatDate, formatDateTime } from '../../ui/format';
import { ProgressLine, useJobProgress } from '../outbox/jobProgress';
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

function statusLabel(status: PublishStatus): string {
  switch (status) {
    case 'draft':
      return t('publish.status.draft');
    case 'pending':
      return t('publish.status.pending');
    case 'private':
      return t('publish.status.private');
    case 'publish':
      return t('publish.status.publish');
    case 'future':
      return t('publish.status.future');
  }
}

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
  // Each job of this draft being sent now (the original and any copies): its step, `done` of `total`.
  const progress = useJobProgress((p) => p.draftId === draft.id);
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
        setPreviewTick((n) => n + 1);
        props.onDraftChanged(false);
      } else if (job.state === 'failed') {
        setOutcome(null);
        setError(job.lastError?.message ?? t('publish.dialog.failedUnknown'));
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
        setPreviewTick((n) => n + 1);
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
        setPreviewTick((n) => n + 1);
        if (result.kind !== 'conflict') props.onDraftChanged(result.kind === 'tookServerVersion');
        return;
      }
      const result = await call('syndicateDraft', {
        draftId: draft.id,
        primary: options,
        copies: sendable.map((c) => c.options),
        onConflict,
      });
      setPreviewTick((n) => n + 1);
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
      <Dialog title={t('publish.dialog.title')} open={open} onClose={props.onClose}>
        <p>{t('publish.dialog.noBlog')}</p>
        <button type="button" className="primary-button" onClick={props.onManageAccounts}>
          {t('publish.dialog.addBlog')}
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
    <Dialog title={t('publish.dialog.title')} open={open} onClose={props.onClose} className="dialog-wide">
      <div className="publish-layout">
        <form
          className="publish-options"
          aria-label={t('publish.dialog.optionsLabel')}
          onSubmit={(event) => {
            event.preventDefault();
            void publish('ask');
          }}
        >
          <label>
            {t('publish.dialog.blog')}
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
                  {t('publish.dialog.blogOption', { site: a.siteName, user: a.userLogin })}
                </option>
              ))}
            </select>
          </label>
          {others.length > 0 ? (
            <fieldset className="copies" aria-labelledby={ids.copies}>
              <legend id={ids.copies}>{t('publish.copies.legend')}</legend>
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
                <p className="hint">{t('publish.copies.hint', { site: account.siteName })}</p>
              ) : null}
            </fieldset>
          ) : null}
          {account.settings.headerSnippetId ? (
            <label className="check">
              <input type="checkbox" checked={useHeader} onChange={(e) => setUseHeader(e.target.checked)} />
              {t('publish.dialog.header', {
                name: preview?.header?.name ?? t('publish.dialog.headerDefault'),
              })}
            </label>
          ) : null}
          {account.settings.footerSnippetId ? (
            <label className="check">
              <input type="checkbox" checked={useFooter} onChange={(e) => setUseFooter(e.target.checked)} />
              {t('publish.dialog.footer', {
                name: preview?.footer?.name ?? t('publish.dialog.footerDefault'),
              })}
            </label>
          ) : null}
          {caps.pages ? (
            <fieldset className="radio-row" aria-labelledby={ids.type}>
              <legend id={ids.type}>{t('publish.dialog.publishAs')}</legend>
              {(['post', 'page'] as const).map((type) => (
                <label key={type} className="check">
                  <input
                    type="radio"
                    name="post-type"
                    checked={postType === type}
                    onChange={() => setPostType(type)}
                  />
                  {type === 'post' ? t('publish.dialog.post') : t('publish.dialog.page')}
                </label>
              ))}
            </fieldset>
          ) : null}
          <label>
            {t('publish.dialog.status')}
            <select value={status} onChange={(e) => setStatus(e.target.value as PublishStatus)}>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </label>
          {status === 'future' ? (
            <div className="schedule">
              <label>
                {t('publish.schedule.label')}
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
                    {t('publish.schedule.viaOutbox', { site: a.siteName })}
                  </p>
                ))}
            </div>
          ) : null}
          {choices.postType === 'post' && caps.categories ? (
            <TermPicker
              label={t('publish.dialog.categories')}
              accountId={account.id}
              taxonomy="categories"
              value={categories}
              onChange={setCategories}
            />
          ) : null}
          {choices.postType === 'post' && caps.tags ? (
            <TermPicker
              label={t('publish.dialog.tags')}
              accountId={account.id}
              taxonomy="tags"
              value={tags}
              onChange={setTags}
            />
          ) : null}
          {caps.excerpt ? (
            <label>
              {t('publish.dialog.excerpt')}
              <textarea rows={3} value={excerpt} onChange={(e) => setExcerpt(e.target.value)} />
            </label>
          ) : null}
          {caps.slug ? (
            <label>
              {t('publish.dialog.slug')}
              <input
                value={slug}
                placeholder={t('publish.dialog.slugPlaceholder')}
                onChange={(e) => setSlug(e.target.value)}
              />
            </label>
          ) : null}
          {caps.featuredImage ? (
            <label>
              {t('publish.dialog.featuredImage')}
              <select value={featuredImage} onChange={(e) => setFeaturedImage(e.target.value)}>
                <option value="">{t('publish.dialog.featuredNone')}</option>
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
              <legend>{t('publish.newsletter.legend')}</legend>
              <label className="check">
                <input type="checkbox" checked={sendEmail} onChange={(e) => setSendEmail(e.target.checked)} />
                {t('publish.newsletter.send')}
              </label>
              {sendEmail ? (
                <label>
                  {t('publish.newsletter.slug')}
                  <input value={newsletter} onChange={(e) => setNewsletter(e.target.value)} />
                </label>
              ) : (
                <p className="hint">{t('publish.newsletter.off')}</p>
              )}
            </fieldset>
          ) : null}
          <div className="dialog-actions">
            <button type="submit" className="primary-button" disabled={busy}>
              {preview?.isUpdate
                ? t('publish.dialog.update')
                : status === 'future'
                  ? t('publish.dialog.schedule')
                  : t('publish.dialog.publish')}
            </button>
            <button type="button" className="secondary-button" onClick={props.onClose}>
              {t('publish.dialog.close')}
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
                    t('publish.remove.confirm', {
                      title: draft.title || t('publish.remove.untitled'),
                      site: where,
                    }),
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
                        ? t('publish.remove.queued', { message: queued.message, site: where })
                        : t('publish.remove.done', { site: where }),
                    );
                    setPreviewTick((n) => n + 1);
                    props.onDraftChanged(false);
                  })
                  .catch((e: unknown) => setError(errorMessage(e)))
                  .finally(() => setBusy(false));
              }}
            >
              {t('publish.remove.button')}
            </button>
          ) : null}
          {removed ? <p role="status">{removed}</p> : null}
          {[...progress.values()].map((p) => {
            const site =
              accounts.find((a) => a.id === p.accountId)?.siteName ?? t('publish.progress.theBlog');
            return (
              <ProgressLine
                key={p.jobId}
                name={
                  progress.size > 1 ? t('publish.progress.toSite', { site }) : t('publish.progress.label')
                }
                done={p.done}
                total={p.total}
                label={p.label}
              />
            );
          })}
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          {results ? (
            <div className="publish-result" role="status" aria-label={t('publish.result.label')}>
              <ul aria-label={t('publish.result.perBlog')}>
                {results.map((r) => (
                  <li key={r.accountId} aria-label={r.siteName}>
                    <p>
                      <strong>{t('publish.result.siteRole', { site: r.siteName, role: r.role })}</strong>{' '}
                      {r.text}
                    </p>
                    {r.permalink ? (
                      <button
                        type="button"
                        className="secondary-button"
                        aria-label={t('publish.result.openLabel', { site: r.siteName })}
                        onClick={() => void call('openExternal', { url: r.permalink! })}
                      >
                        {t('publish.result.open')}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome?.kind === 'published' ? (
            <div className="publish-result" role="status" aria-label={t('publish.result.label')}>
              <p>
                {t('publish.result.published', { status: outcome.status })}
                <span className="path">{outcome.permalink}</span>
              </p>
              <button
                type="button"
                className="secondary-button"
                onClick={() => void call('openExternal', { url: outcome.permalink })}
              >
                {t('publish.result.open')}
              </button>
            </div>
          ) : null}
          {outcome?.kind === 'queued' ? (
            <div className="publish-result" role="status" aria-label={t('publish.result.label')}>
              <p>
                {outcome.nextAttemptAt
                  ? t('publish.result.queuedLongNext', {
                      message: outcome.message,
                      site: account.siteName,
                      time: formatDate(outcome.nextAttemptAt, 'time'),
                    })
                  : t('publish.result.queuedLong', { message: outcome.message, site: account.siteName })}
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
                {t('publish.result.retry')}
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
                {t('publish.result.cancelSending')}
              </button>
            </div>
          ) : null}
          {outcome?.kind === 'conflict' ? (
            <section className="conflict" role="alert" aria-label={t('publish.conflict.label')}>
              <p>{t('publish.conflict.message', { when: formatDateTime(outcome.server.modifiedGmt) })}</p>
              <div className="conflict-sides">
                <section aria-label={t('publish.conflict.blogVersion')}>
                  <h3>{t('publish.conflict.onBlog', { title: outcome.server.title })}</h3>
                  <p className="conflict-text">{outcome.server.text}</p>
                </section>
                <section aria-label={t('publish.conflict.yourVersion')}>
                  <h3>{t('publish.conflict.inSignet')}</h3>
                  <p className="conflict-text">{outcome.localText}</p>
                </section>
              </div>
              <div className="dialog-actions">
                <button type="button" className="primary-button" onClick={() => void publish('overwrite')}>
                  {t('publish.conflict.overwrite')}
                </button>
                <button type="button" className="secondary-button" onClick={() => void publish('takeServer')}>
                  {t('publish.conflict.takeServer')}
                </button>
                <button type="button" className="secondary-button" onClick={() => setOutcome(null)}>
                  {t('publish.conflict.cancel')}
                </button>
              </div>
            </section>
          ) : null}
        </form>
        <section className="publish-preview" aria-label={t('publish.preview.label')}>
          <div className="preview-header">
            <h3>{t('publish.preview.heading')}</h3>
            <label className="check">
              <input type="checkbox" checked={showSource} onChange={(e) => setShowSource(e.target.checked)} />
              {preview?.markdown !== undefined
                ? t('publish.preview.showMarkdown')
                : t('publish.preview.showHtml')}
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
            <section aria-label={t('publish.preview.forSite', { site: account.siteName })}>
              <h4>
                {columns.length > 1
                  ? t('publish.preview.original', { site: account.siteName })
                  : account.siteName}
              </h4>
              <PreviewPane
                preview={preview}
                error={previewError}
                showSource={showSource}
                articleLabel={t('publish.preview.postLabel')}
                theme={{
                  draftId: draft.id,
                  options,
                  tick: previewTick,
                  beforePreview: props.beforePublish,
                  siteName: account.siteName,
                }}
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
    <section aria-label={t('publish.preview.forSite', { site: props.account.siteName })}>
      <h4>{t('publish.preview.copy', { site: props.account.siteName })}</h4>
      {props.problem ? (
        <p className="hint">{props.problem}</p>
      ) : (
        <PreviewPane
          preview={preview}
          error={error}
          showSource={props.showSource}
          articleLabel={t('publish.preview.copyLabel')}
          theme={{
            draftId: props.draftId,
            options: props.options,
            tick: props.tick,
            beforePreview: props.beforePreview,
            siteName: props.account.siteName,
          }}
        />
      )}
    </section>
  );
}
