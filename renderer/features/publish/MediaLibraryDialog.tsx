import { useEffect, useState } from 'react';
import type { AccountSummary, RemoteMediaItem } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { Pager } from '../../ui/Pager';

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

  useEffect(() => {
    if (!open || !accountId) return;
    const timer = setTimeout(() => {
      call('listRemoteMedia', { accountId, page, search: search.trim() || undefined })
        .then((r) => {
          setItems(r.items);
          setTotalPages(r.totalPages);
          setError(null);
        })
        .catch((e: unknown) => setError(errorMessage(e)));
    }, 200);
    return () => clearTimeout(timer);
  }, [open, accountId, page, search]);

  return (
    <Dialog title="Insert from media library" open={open} onClose={onClose} className="dialog-wide">
      {withMedia.length === 0 ? (
        <p>
          None of your blogs has a media library Signet can use. Add one that has under Accounts, or drop an
          image into the draft.
        </p>
      ) : (
        <>
          <div className="filters">
            <label>
              Blog
              <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                {withMedia.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.siteName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Search images
              <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
            </label>
          </div>
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          <ul className="media-grid" aria-label="Images on the blog">
            {items.map((item) => (
              <li key={item.remoteId}>
                <button
                  type="button"
                  className="media-item"
                  aria-label={`Insert ${item.altText || item.title || 'image ' + item.remoteId}`}
                  onClick={() => onInsert(item)}
                >
                  <img src={item.url} alt="" referrerPolicy="no-referrer" loading="lazy" />
                  <span>{item.title || item.altText}</span>
                </button>
              </li>
            ))}
          </ul>
          {items.length === 0 && !error ? <p className="empty-state">No images found.</p> : null}
          <Pager page={page} totalPages={totalPages} onPage={setPage} />
        </>
      )}
    </Dialog>
  );
}
