import { useEffect, useRef, useState } from 'react';
import type { DraftFilter, DraftSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { formatWhen } from '../../ui/format';

const FILTERS: Array<{ value: DraftFilter; label: string }> = [
  { value: 'all', label: 'All drafts' },
  { value: 'local', label: 'Local only' },
  { value: 'published', label: 'Published' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'queued', label: 'Queued' },
  { value: 'trash', label: 'Trash' },
];

const PAGE = 100;

interface DraftListProps {
  filter: DraftFilter;
  onFilterChange(filter: DraftFilter): void;
  selectedId: string | null;
  onSelect(id: string): void;
  onNewDraft(): void;
  onEmptyTrash(): void;
  /** Bumped whenever drafts changed, so the list reloads. */
  refreshKey: number;
  searchRef: React.RefObject<HTMLInputElement | null>;
}

export function DraftList(props: DraftListProps) {
  const { filter, refreshKey } = props;
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<DraftSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);
  const requestSeq = useRef(0);

  useEffect(() => {
    const seq = ++requestSeq.current;
    // Results as the author types, without a request per keystroke.
    const timer = setTimeout(
      () => {
        call('listDrafts', { filter, query: query.trim() || undefined, offset: 0, limit })
          .then((result) => {
            if (seq !== requestSeq.current) return;
            setItems(result.items);
            setTotal(result.total);
            setError(null);
          })
          .catch((e: unknown) => seq === requestSeq.current && setError(errorMessage(e)));
      },
      query ? 80 : 0,
    );
    return () => clearTimeout(timer);
  }, [filter, query, limit, refreshKey]);

  const searching = query.trim().length > 0;

  return (
    <nav className="sidebar" aria-label="Drafts">
      <div className="sidebar-actions">
        <button type="button" className="primary-button" onClick={props.onNewDraft}>
          New draft
        </button>
      </div>
      <input
        ref={props.searchRef}
        type="search"
        className="search-input"
        aria-label="Search drafts"
        placeholder="Search drafts"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setLimit(PAGE);
        }}
      />
      <label className="filter-label">
        <span className="visually-hidden">Show</span>
        <select
          aria-label="Show"
          value={filter}
          onChange={(event) => {
            props.onFilterChange(event.target.value as DraftFilter);
            setLimit(PAGE);
          }}
        >
          {FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <p className="list-count" role="status">
        {searching
          ? `${total} ${total === 1 ? 'draft matches' : 'drafts match'}`
          : `${total} ${total === 1 ? 'draft' : 'drafts'}`}
      </p>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {filter === 'trash' && total > 0 ? (
        <button type="button" className="link-button danger" onClick={props.onEmptyTrash}>
          Empty trash…
        </button>
      ) : null}
      <ul className="draft-list" aria-label={searching ? 'Search results' : 'Draft list'}>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="draft-item"
              aria-current={item.id === props.selectedId ? 'true' : undefined}
              onClick={() => props.onSelect(item.id)}
            >
              <span className="draft-item-title">{item.title || 'Untitled'}</span>
              <span className="draft-item-snippet">{item.snippet}</span>
              <span className="draft-item-meta">
                {formatWhen(item.updatedAt)} · {item.wordCount} words
                {item.state !== 'local' && item.state !== 'trash' ? ` · ${item.state}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {items.length === 0 && !error ? (
        <div className="empty-state">
          {searching ? (
            <p>No draft matches “{query}”. Try fewer or different words.</p>
          ) : filter === 'trash' ? (
            <p>The trash is empty.</p>
          ) : (
            <p>No drafts here yet. Start one with “New draft”.</p>
          )}
        </div>
      ) : null}
      {items.length < total ? (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + PAGE)}>
          Show more drafts
        </button>
      ) : null}
    </nav>
  );
}
