import { useEffect, useState } from 'react';
import type { AccountSummary, RemoteMediaItem } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { Pager } from '../../ui/Pager';
import { RetryError } from '../../ui/RetryError';

interface MediaLibraryDialogProps {
  open: boolean;
  accounts: AccountSummary[];
  onClose(): void;
  onInsert(media: RemoteMediaItem): void;
}

/** A blog's media library: pick an image already on the blog and insert it into the draft. */
export function MediaLibraryDialog({ open, accounts, onClose, onInsert }: MediaLibraryDialogProps) {
  // The newest account first (the blog the author just added, not the site folder every new user has).
  const withMedia = accounts
    .filter((a) => a.capabilities.mediaLibrary)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const [chosenId, setAccountId] = useState(withMedia[0]?.id ?? '');
  // Accounts arrive after start-up, and one may be removed: fall back to the first with a library.
  const accountId = withMedia.some((a) => a.id === chosenId) ? chosenId : (withMedia[0]?.id ?? '');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<RemoteMediaItem[]>([]);
  const [totalPages, setTotalPages] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  /** Bumped by "Try again" to ask the blog again. */
  const [attempt, setAttempt] = useState(0);
  const siteName = withMedia.find((a) => a.id === accountId)?.siteName ?? t('publish.media.theBlog');

  useEffect(() => {
    if (!open || !accountId) return;
    setLoading(true);
    const timer = setTimeout(() => {
      call('listRemoteMedia', { accountId, page, search: search.trim() || undefined })
        .then((r) => {
          setItems(r.items);
          setTotalPages(r.totalPages);
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)))
        .finally(() => setLoading(false));
    }, 200);
    return () => clearTimeout(timer);
  }, [open, accountId, page, search, attempt]);

  return (
    <Dialog title={t('publish.media.title')} open={open} onClose={onClose} className="dialog-wide">
      {withMedia.length === 0 ? (
        <p>{t('publish.media.noLibrary')}</p>
      ) : (
        <>
          <div className="filters">
            <label>
              {t('publish.media.blog')}
              <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                {withMedia.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.siteName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('publish.media.search')}
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
          </div>
          <p role="status" className="list-count">
            {loading ? t('publish.media.loading', { site: siteName }) : ''}
          </p>
          {error ? (
            <RetryError
              message={t('publish.media.listError', { site: siteName, error })}
              onRetry={() => {
                setError(null);
                setAttempt((n) => n + 1);
              }}
            />
          ) : null}
          <ul className="media-grid" aria-label={t('publish.media.listLabel')}>
            {items.map((item) => (
              <li key={item.remoteId}>
                <button
                  type="button"
                  className="media-item"
                  aria-label={t('publish.media.insert', {
                    name: item.altText || item.title || t('publish.media.imageId', { id: item.remoteId }),
                  })}
                  onClick={() => onInsert(item)}
                >
                  <img src={item.url} alt="" referrerPolicy="no-referrer" loading="lazy" />
                  <span>{item.title || item.altText}</span>
                </button>
              </li>
            ))}
          </ul>
          {items.length === 0 && !error && !loading ? (
            <div className="empty-state">
              <p>
                {search.trim()
                  ? t('publish.media.noMatch', { site: siteName, search: search.trim() })
                  : t('publish.media.none', { site: siteName })}
              </p>
              {search.trim() ? (
                <button type="button" className="secondary-button" onClick={() => setSearch('')}>
                  {t('publish.media.clear')}
                </button>
              ) : (
                <button type="button" className="secondary-button" onClick={onClose}>
                  {t('publish.media.back')}
                </button>
              )}
            </div>
          ) : null}
          <Pager page={page} totalPages={totalPages} onPage={setPage} />
        </>
      )}
    </Dialog>
  );
}
