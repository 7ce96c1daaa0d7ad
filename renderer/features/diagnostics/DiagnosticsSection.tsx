import { useId, useState } from 'react';
import { t } from '../../../electron/contract/i18n';
import { copyDiagnostics, type CopyOutcome } from './copyDiagnostics';

/** Settings › Reporting a problem: copies the diagnostics report and says so in place. */
export function DiagnosticsSection() {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('diagnostics.heading')}</h3>
      <p>{t('diagnostics.explain')}</p>
      <button
        type="button"
        className="secondary-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setOutcome(null);
          void copyDiagnostics()
            .then(setOutcome)
            .finally(() => setBusy(false));
        }}
      >
        {t('diagnostics.copy')}
      </button>
      {outcome ? (
        <p role={outcome.ok ? 'status' : 'alert'} className={outcome.ok ? undefined : 'inline-error'}>
          {outcome.message}
        </p>
      ) : null}
    </section>
  );
}
