import type { Notice } from '../../electron/contract';
import { t } from '../../electron/contract/i18n';

export interface ShownNotice extends Notice {
  key: number;
}

/** Messages for the author. Errors are announced at once (role=alert), the rest politely. */
export function Notices({ notices, onDismiss }: { notices: ShownNotice[]; onDismiss(key: number): void }) {
  return (
    <div className="notices" aria-label={t('notices.label')} role="region">
      {notices.map((notice) => (
        <div
          key={notice.key}
          className={`notice notice-${notice.level}`}
          role={notice.level === 'error' || notice.level === 'warning' ? 'alert' : 'status'}
        >
          <p>{notice.message}</p>
          <button type="button" className="link-button" onClick={() => onDismiss(notice.key)}>
            {t('notices.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
