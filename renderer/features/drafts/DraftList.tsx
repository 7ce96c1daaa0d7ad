import { useEffect, useRef, useState } from 'react';
import type { DraftFilter, DraftSummary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { formatWhen } from '../../ui/format';
import { RetryError } from '../../ui/RetryError';
import { t } from '../../../electron/contract/i18n';

const filters = (): Array<{ value: DraftFilter; label: string }> => [
  { value: 'all', label: t('drafts.filter.all') },
  { value: 'local', label: t('drafts.filter.local') },
  { value: 'published', label: t('drafts.filter.published') },
  { value: 'scheduled', label: t('drafts.filter.scheduled') },
  { value: 'queued', label: t('drafts.filter.queued') },
  { value: 'trash', label: t('drafts.filter.trash') },
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
  /** False until the first answer: the count says "Loading drafts…" meanwhile. */
  const [loaded, setLoaded] = useState(false);
  /** Bumped by "Try again" after a failed load. */
  const [retryKey, setRetryKey] = useState(0);
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
            setLoaded(true);
          })
          .catch((e: unknown) => seq === requestSeq.current && setError(errorMessage(e)));
      },
      query ? 80 : 0,
    );
    return () => clearTimeout(timer);
  }, [filter, query, limit, refreshKey, retryKey]);

  const searching = query.trim().length > 0;
  const clearSearch = () => {
    setQuery('');
    setLimit(PAGE);
    props.searchRef.current?.focus();
  };
  const filterLabel = filters().find((f) => f.value === filter)?.label ?? '';

  return (
    <nav className="sidebar" aria-label={t('drafts.list.nav')}>
      <div className="sidebar-actions">
        <button type="button" className="primary-button" onClick={props.onNewDraft}>
          {t('drafts.list.newDraft')}
        </button>
      </div>
      <input
        ref={props.searchRef}
        type="search"
        className="search-input"
        aria-label={t('drafts.list.search')}
        placeholder={t('drafts.list.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setLimit(PAGE);
        }}
      />
      <label className="filter-label">
        <span className="visually-hidden">{t('drafts.list.show')}</span>
        <select
          aria-label={t('drafts.list.show')}
          value={filter}
          onChange={(event) => {
            props.onFilterChange(event.target.value as DraftFilter);
            setLimit(PAGE);
          }}
        >
          {filters().map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <p className="list-count" role="status">
        {!loaded && !error
          ? t('drafts.list.loading')
          : searching
            ? t('drafts.list.matchCount', { count: total })
            : t('drafts.list.count', { count: total })}
      </p>
      {error ? (
        <RetryError
          message={t('drafts.list.loadFailed', { error })}
          onRetry={() => setRetryKey((k) => k + 1)}
        />
      ) : null}
      {filter === 'trash' && total > 0 ? (
        <button type="button" className="link-button danger" onClick={props.onEmptyTrash}>
          {t('drafts.list.emptyTrash')}
        </button>
      ) : null}
      <ul className="draft-list" aria-label={searching ? t('drafts.list.results') : t('drafts.list.label')}>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="draft-item"
              aria-current={item.id === props.selectedId ? 'true' : undefined}
              onClick={() => props.onSelect(item.id)}
            >
              <span className="draft-item-title">{item.title || t('drafts.item.untitled')}</span>
              <span className="draft-item-snippet">{item.snippet}</span>
              <span className="draft-item-meta">
                {t('drafts.item.meta', {
                  when: formatWhen(item.updatedAt),
                  words: item.wordCount,
                  state: item.state,
                })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {items.length === 0 && loaded && !error ? (
        <div className="empty-state">
          {searching ? (
            <>
              <p>{t('drafts.empty.noMatch', { query })}</p>
              <button type="button" className="secondary-button" onClick={clearSearch}>
                {t('drafts.empty.clearSearch')}
              </button>
            </>
          ) : filter === 'trash' ? (
            <>
              <p>{t('drafts.empty.trash')}</p>
              <button type="button" className="secondary-button" onClick={() => props.onFilterChange('all')}>
                {t('drafts.empty.backToAll')}
              </button>
            </>
          ) : filter === 'all' ? (
            <>
              <p>{t('drafts.empty.none')}</p>
              <button type="button" className="secondary-button" onClick={props.onNewDraft}>
                {t('drafts.empty.writeFirst')}
              </button>
            </>
          ) : (
            <>
              <p>{t('drafts.empty.filter', { filter: filterLabel })}</p>
              <button type="button" className="secondary-button" onClick={() => props.onFilterChange('all')}>
                {t('drafts.empty.showAll')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {items.length < total ? (
        <button type="button" className="link-button" onClick={() => setLimit((l) => l + PAGE)}>
          {t('drafts.list.showMore')}
        </button>
      ) : null}
    </nav>
  );
}
