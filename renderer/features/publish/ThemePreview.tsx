import { useEffect, useRef, useState } from 'react';
import type { PublishOptions, ThemePreview } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';
import { formatDateTime } from '../../ui/format';

/** What PreviewPane needs to offer the "In the blog's theme" tab. */
export interface ThemePreviewSource {
  draftId: string;
  options: PublishOptions | null;
  /** Moves after a publish (the draft is linked to the post now). */
  tick: number;
  beforePreview(): Promise<void>;
  siteName: string;
}

/**
 * The post inside the blog's page and styles, asked of the main process only while the tab is
 * shown (it may fetch from the blog). `refresh()` fetches the theme again.
 */
export function useThemePreview(
  enabled: boolean,
  source: ThemePreviewSource,
): { theme: ThemePreview | null; error: string | null; loading: boolean; refresh(): void } {
  const [theme, setTheme] = useState<ThemePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [refreshTick, setRefreshTick] = useState(0);
  const seq = useRef(0);
  const refreshing = useRef(false);
  const before = useRef(source.beforePreview);
  before.current = source.beforePreview;
  const optionsKey = JSON.stringify(source.options);
  useEffect(() => {
    const options = source.options;
    if (!enabled || !options) return;
    const mine = ++seq.current;
    const refresh = refreshing.current;
    refreshing.current = false;
    const timer = setTimeout(() => {
      setLoading(true);
      before
        .current()
        .then(() =>
          call('previewInTheme', { draftId: source.draftId, options, ...(refresh ? { refresh } : {}) }),
        )
        .then((fetched) => {
          if (mine !== seq.current) return;
          setTheme(fetched);
          setError(null);
        })
        .catch((e: unknown) => mine === seq.current && setError(errorMessage(e)))
        .finally(() => mine === seq.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [enabled, optionsKey, source.draftId, source.tick, refreshTick]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    theme,
    error,
    loading,
    refresh: () => {
      refreshing.current = true;
      setRefreshTick((n) => n + 1);
    },
  };
}

function fetchedWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? t('publish.theme.earlier') : formatDateTime(date);
}

/**
 * The frame: an iframe with `sandbox=""` (no script, no plugins, no forms, no navigation of the
 * app, and an opaque origin, so it cannot reach Signet's page or storage) showing a document that
 * the main process already rebuilt from an allow-list. Its `srcdoc` inherits the renderer's CSP,
 * which allows its one `data:` stylesheet and the blog's images and nothing else (see csp.ts).
 */
export function ThemeFrame({ source, active }: { source: ThemePreviewSource; active: boolean }) {
  const { theme, error, loading, refresh } = useThemePreview(active, source);
  return (
    <div className="theme-preview">
      <div className="preview-header">
        <p className="hint" role="status">
          {loading
            ? t('publish.theme.loading', { site: source.siteName })
            : theme
              ? t('publish.theme.fetched', {
                  site: source.siteName,
                  when: fetchedWhen(theme.fetchedAt),
                  kept: theme.fromCache ? 'yes' : 'no',
                })
              : ''}
        </p>
        <button
          type="button"
          className="secondary-button"
          onClick={refresh}
          disabled={loading || !source.options}
        >
          {t('publish.theme.refresh')}
        </button>
      </div>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {theme?.warnings.length ? (
        <ul className="warnings" aria-label={t('publish.theme.notes')}>
          {theme.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      {theme ? (
        <iframe
          title={t('publish.theme.frameTitle', { site: source.siteName })}
          sandbox=""
          srcDoc={theme.html}
          referrerPolicy="no-referrer"
          style={{
            width: '100%',
            minHeight: 480,
            height: '60vh',
            border: '1px solid rgba(128,128,128,.4)',
            background: '#fff',
          }}
        />
      ) : null}
    </div>
  );
}
