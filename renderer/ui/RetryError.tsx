import { t } from '../../electron/contract/i18n';

interface RetryErrorProps {
  /** What went wrong, already worded for the author (a `t('…')` message). */
  message: string;
  /** Runs the failed step again; without it the alert has no "Try again" button. */
  onRetry?: () => void;
}

/**
 * A failed load or action the author can run again: announced at once (role=alert), the message
 * and a "Try again" button. Styled by `.inline-error`; the e2e tests find it by role and name.
 */
export function RetryError({ message, onRetry }: RetryErrorProps) {
  return (
    <div className="inline-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="secondary-button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
