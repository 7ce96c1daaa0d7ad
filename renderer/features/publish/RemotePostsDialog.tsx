import { useEffect, useState } from 'react';
import type {
  AccountSummary,
  Draft,
  PostType,
  PublishStatus,
  RemotePostSummary,
} from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { Pager } from '../../ui/Pager';
import { formatDateTime } from '../../ui/format';

interface RemotePostsDialogProps {
  open: boolean;
  accounts: AccountSummary[];
  onClose(): void;
  onOpened(draft: Draft): void;
}

const STATUS_FILTERS: Array<{ label: string; value: PublishStatus[] | undefined }> = [
  { label: 'Everything', value: undefined },
  { label: 'Published', value: ['publish'] },
  { label: 'Scheduled', value: ['future'] },
  { label: 'Drafts', value: ['draft', 'pending'] },
  { label: 'Private', value: ['private'] },
];

/** Recent posts and pages on a blog: search, page through, open one as a linked draft. */
export function RemotePostsDialog({ open, accounts: all, onClose, onOpened }: RemotePostsDialogProps) {
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
  }, [open, account, accountId, type, page, search, statusIndex]);

  return (
    <Dialog title="Open from blog" open={open} onClose={onClose} className="dialog-wide">
      {all.length === 0 ? (
        <p>Add a blog under Accounts first.</p>
      ) : accounts.length === 0 ? (
        <p>
          None of your blogs lets Signet list its posts. Add a blog that does under Accounts, or copy the post
          into a new draft.
        </p>
      ) : (
        <>
          <div className="filters">
            <label>
              Blog
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
                Kind
                <select
                  value={type}
                  onChange={(e) => {
                    setType(e.target.value as PostType);
                    setPage(1);
                  }}
                >
                  <option value="post">Posts</option>
                  <option value="page">Pages</option>
                </select>
              </label>
            ) : null}
            <label>
              Status
              <select
                value={statusIndex}
                onChange={(e) => {
                  setStatusIndex(Number(e.target.value));
                  setPage(1);
                }}
              >
                {STATUS_FILTERS.map((f, i) => (
                  <option key={f.label} value={i}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search the blog
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
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          <p role="status" className="list-count">
            {busy ? 'Loading…' : result ? `${result.total} ${result.total === 1 ? 'item' : 'items'}` : ''}
          </p>
          <ul className="remote-list" aria-label="Posts on the blog">
            {result?.items.map((post) => (
              <li key={post.remoteId} className="remote-row">
                <div>
                  <p className="draft-item-title">{post.title || '(no title)'}</p>
                  <p className="draft-item-meta">
                    {post.status} · changed {formatDateTime(post.modifiedGmt)}
                    {post.draftId ? ' · linked to a draft' : ''}
                  </p>
                </div>
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={`Open “${post.title || 'no title'}” as a draft`}
                  onClick={() =>
                    void call('openRemotePost', { accountId, type: post.type, remoteId: post.remoteId })
                      .then(onOpened)
                      .catch((e: unknown) => setError(errorMessage(e)))
                  }
                >
                  Open
                </button>
              </li>
            ))}
          </ul>
          <Pager
            page={page}
            totalPages={result?.totalPages ?? 0}
            onPage={setPage}
            previousLabel="Newer"
            nextLabel="Older"
          />
        </>
      )}
    </Dialog>
  );
}
