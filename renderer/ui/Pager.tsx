import { t } from '../../electron/contract/i18n';

/** Previous/next paging for a list that comes from a blog one page at a time. */
export function Pager({
  page,
  totalPages,
  onPage,
  previousLabel = t('pager.previous'),
  nextLabel = t('pager.next'),
}: {
  page: number;
  totalPages: number;
  onPage(page: number): void;
  previousLabel?: string;
  nextLabel?: string;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav className="dialog-actions" aria-label={t('pager.label')}>
      <button
        type="button"
        className="secondary-button"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {previousLabel}
      </button>
      <span>{t('pager.position', { page, totalPages })}</span>
      <button
        type="button"
        className="secondary-button"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {nextLabel}
      </button>
    </nav>
  );
}
