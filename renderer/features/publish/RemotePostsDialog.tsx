import { useEffect, useState } from 'react';
import type {
  AccountSummary,
  Draft,
  PostType,
  PublishStatus,
  RemotePostSummary,
} from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { Pager } from '../../ui/Pager';
import { formatDateTime } from '../../ui/format';
import { RetryError } from '../../ui/RetryError';

interface RemotePostsDialogProps {
  open: boolean;
  accounts: AccountSummary[];
  onClose(): void;
  onOpened(draft: Draft): void;
  /** Opens Accounts (the next step when no blog can list its posts); no button without it. */
  onManageAccounts?(): void;
}

const STATUS_FILTERS: Array<{ id: string; value: PublishStatus[] | undefined }> = [
  { id: 'everything', value: undefined },
  { id: 'published', value: ['publish'] },
  { id: 'scheduled', value: ['future'] },
  { id: 'drafts', value: ['draft', 'pending'] },
  { id: 'private', value: ['private'] },
];

function filterLabel(id: string): string {
  switch (id) {
    case 'published':
      return t('publish.remote.filterPublished');
    case 'scheduled':
      return t('publish.remote.filterScheduled');
    case 'drafts':
      return t('publish.remote.filterDrafts');
    case 'private':
      return t('publish.remote.filterPrivate');
    default:
      return t('publish.remote.filterEverything');
  }
}

/** Recent posts and pages on a blog: search, page through, open one as a linked draft. */
export function RemotePostsDialog(props: RemotePostsDialogProps) {
  const { open, accounts: all, onClose, onOpened } = props;
  // Only blogs whose posts Signet can list.
  const accounts = all.filter((a) => a.capabilities.remotePosts);
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const account = accounts.find((a) => a.id === accountId);
  const [type, setType] = useState<PostType>('post');
  const [statusIndex, setStatusIndex] = useState(0);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<{
    items: RemotePostSummary[];
    totalPages: number;
    total: number;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped by "Try again" to list again with the same filters. */
  const [attempt, setAttempt] = useState(0);
  /** The post being opened (with its images), and why opening one failed. */
  const [opening, setOpening] = useState<RemotePostSummary | null>(null);
  const [openError, setOpenError] = useState<{ post: RemotePostSummary; message: string } | null>(null);

  const firstId = accounts[0]?.id;
  useEffect(() => {
    if (!account && firstId) setAccountId(firstId);
  }, [account, firstId]);

  useEffect(() => {
    if (!open || !account) return;
    setBusy(true);
    const timer = setTimeout(() => {
      call('listRemotePosts', {
        accountId,
        type: account.capabilities.pages ? type : 'post',
        page,
        search: search.trim() || undefined,
        status: STATUS_FILTERS[statusIndex]?.value,
      })
        .then((r) => {
          setResult(r);
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)))
        .finally(() => setBusy(false));
    }, 200);
    return () => clearTimeout(timer);
  }, [open, account, accountId, type, page, search, statusIndex, attempt]);

  const openPost = (post: RemotePostSummary) => {
    setOpening(post);
    setOpenError(null);
    call('openRemotePost', { accountId, type: post.type, remoteId: post.remoteId })
      .then(onOpened)
      .catch((e: unknown) => setOpenError({ post, message: errorMessage(e) }))
      .finally(() => setOpening(null));
  };
  const filtered = search.trim() !== '' || statusIndex !== 0;
  const siteName = account?.siteName ?? t('publish.remote.theBlog');

  return (
    <Dialog title={t('publish.remote.title')} open={open} onClose={onClose} className="dialog-wide">
      {all.length === 0 || accounts.length === 0 ? (
        <div className="empty-state">
          <p>{all.length === 0 ? t('publish.remote.noBlog') : t('publish.remote.noListing')}</p>
          {props.onManageAccounts ? (
            <button type="button" className="primary-button" onClick={props.onManageAccounts}>
              {t('publish.remote.addBlog')}
            </button>
          ) : null}
        </div>
      ) : (
        <>
          <div className="filters">
            <label>
              {t('publish.remote.blog')}
              <select
                value={accountId}
                onChange={(e) => {
                  setAccountId(e.target.value);
                  setPage(1);
                }}
              >
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.siteName}
                  </option>
                ))}
              </select>
            </label>
            {account?.capabilities.pages ? (
              <label>
                {t('publish.remote.kind')}
                <select
                  value={type}
                  onChange={(e) => {
                    setType(e.target.value as PostType);
                    setPage(1);
                  }}
                >
                  <option value="post">{t('publish.remote.posts')}</option>
                  <option value="page">{t('publish.remote.pages')}</option>
                </select>
              </label>
            ) : null}
            <label>
              {t('publish.remote.status')}
              <select
                value={statusIndex}
                onChange={(e) => {
                  setStatusIndex(Number(e.target.value));
                  setPage(1);
                }}
              >
                {STATUS_FILTERS.map((f, i) => (
                  <option key={f.id} value={i}>
                    {filterLabel(f.id)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('publish.remote.search')}
              <input
                type="search"
                value={search}
                onChange={(e) => {
                  setSearch(e.target.value);
                  setPage(1);
                }}
              />
            </label>
          </div>
          {error ? (
            <RetryError
              message={t('publish.remote.listError', { site: siteName, error })}
              onRetry={() => {
                setError(null);
                setAttempt((n) => n + 1);
              }}
            />
          ) : null}
          <p role="status" className="list-count">
            {busy
              ? t('publish.remote.loading', { site: siteName })
              : result && !error
                ? t('publish.remote.count', { count: result.total })
                : ''}
          </p>
          {opening ? (
            <div className="progress">
              <progress aria-label={t('publish.remote.openingLabel')} />
              <p role="status">
                {t('publish.remote.opening', { title: opening.title || t('publish.remote.noTitle') })}
              </p>
            </div>
          ) : null}
          {openError ? (
            <RetryError
              message={t('publish.remote.openError', {
                title: openError.post.title || t('publish.remote.noTitle'),
                error: openError.message,
              })}
              onRetry={() => openPost(openError.post)}
            />
          ) : null}
          {!busy && !error && result && result.items.length === 0 ? (
            <div className="empty-state">
              <p>
                {filtered
                  ? t('publish.remote.noMatch', { site: siteName })
                  : t('publish.remote.none', { site: siteName, type })}
              </p>
              {filtered ? (
                <button
                  type="button"
                  className="secondary-button"
                  onClick={() => {
                    setSearch('');
                    setStatusIndex(0);
                    setPage(1);
                  }}
                >
                  {t('publish.remote.clear')}
                </button>
              ) : (
                <button type="button" className="secondary-button" onClick={onClose}>
                  {t('publish.remote.back')}
                </button>
              )}
            </div>
          ) : null}
          <ul className="remote-list" aria-label={t('publish.remote.listLabel')}>
            {result?.items.map((post) => (
              <li key={post.remoteId} className="remote-row">
                <div>
                  <p className="draft-item-title">{post.title || t('publish.remote.untitled')}</p>
                  <p className="draft-item-meta">
                    {t('publish.remote.meta', {
                      status: post.status,
                      when: formatDateTime(post.modifiedGmt),
                      linked: post.draftId ? 'yes' : 'no',
                    })}
                  </p>
                </div>
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={t('publish.remote.openLabel', {
                    title: post.title || t('publish.remote.noTitle'),
                  })}
                  disabled={opening !== null}
                  onClick={() => openPost(post)}
                >
                  {t('publish.remote.open')}
                </button>
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            totalPages={result?.totalPages ?? 0}
            onPage={setPage}
            previousLabel={t('publish.remote.newer')}
            nextLabel={t('publish.remote.older')}
          />
        </>
      )}
    </Dialog>
  );
}
