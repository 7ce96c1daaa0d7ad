/** Previous/next paging for a list that comes from a blog one page at a time. */
export function Pager({
  page,
  totalPages,
  onPage,
  previousLabel = 'Previous',
  nextLabel = 'Next',
}: {
  page: number;
  totalPages: number;
  onPage(page: number): void;
  previousLabel?: string;
  nextLabel?: string;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav className="dialog-actions" aria-label="Pages">
      <button
        type="button"
        className="secondary-button"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {previousLabel}
      </button>
      <span>
        Page {page} of {totalPages}
      </span>
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
