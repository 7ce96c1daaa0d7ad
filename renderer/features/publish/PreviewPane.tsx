import DOMPurify from 'dompurify';
import { useEffect, useId, useRef, useState } from 'react';
import type { PublishOptions, PublishPreview } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';
import { ThemeFrame, type ThemePreviewSource } from './ThemePreview';

/**
 * Exactly what would be sent to one destination, fetched again (debounced) whenever its options
 * change or `tick` moves (after a publish the draft is linked to the post).
 */
export function usePublishPreview(
  enabled: boolean,
  draftId: string,
  options: PublishOptions | null,
  tick: number,
  beforePreview: () => Promise<void>,
): { preview: PublishPreview | null; error: string | null } {
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const before = useRef(beforePreview);
  before.current = beforePreview;
  const optionsKey = JSON.stringify(options);
  useEffect(() => {
    if (!enabled || !options) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      before
        .current()
        .then(() => call('previewPost', { draftId, options }))
        .then((p) => {
          if (mine !== seq.current) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => mine === seq.current && setError(errorMessage(e)));
    }, 250);
    return () => clearTimeout(timer);
  }, [enabled, optionsKey, draftId, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  return { preview, error };
}

interface PreviewPaneProps {
  preview: PublishPreview | null;
  error?: string | null;
  showSource: boolean;
  /** The article's accessible name ("Post preview" for the original, "Copy preview" for a copy). */
  articleLabel: string;
  /** Given: tabs "Plain" / "In the blog's theme" (the post inside the blog's own page and styles). */
  theme?: ThemePreviewSource;
}

type Tab = 'plain' | 'theme';

/**
 * One destination's preview: warnings, the sanitised HTML (or its source), images to upload; with
 * `theme`, a second tab shows the post in the blog's own look.
 */
export function PreviewPane(props: PreviewPaneProps) {
  const [tab, setTab] = useState<Tab>('plain');
  const tabs = useRef<Record<Tab, HTMLButtonElement | null>>({ plain: null, theme: null });
  const id = useId();
  if (!props.theme) return <PlainPreview {...props} />;
  const select = (next: Tab) => {
    setTab(next);
    tabs.current[next]?.focus();
  };
  const tabButton = (value: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}-tab`}
      aria-controls={`${id}-${value}-panel`}
      aria-selected={tab === value}
      tabIndex={tab === value ? 0 : -1}
      ref={(el) => {
        tabs.current[value] = el;
      }}
      onClick={() => setTab(value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
          e.preventDefault();
          select(
            e.key === 'Home' ? 'plain' : e.key === 'End' ? 'theme' : tab === 'plain' ? 'theme' : 'plain',
          );
        }
      }}
    >
      {label}
    </button>
  );
  return (
    <>
      <div
        role="tablist"
        aria-label={t('publish.preview.tabsLabel', { site: props.theme.siteName })}
        className="preview-tabs"
      >
        {tabButton('plain', t('publish.preview.plain'))}
        {tabButton('theme', t('publish.preview.inTheme'))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-plain-panel`}
        aria-labelledby={`${id}-plain-tab`}
        hidden={tab !== 'plain'}
      >
        <PlainPreview {...props} />
      </div>
      <div
        role="tabpanel"
        id={`${id}-theme-panel`}
        aria-labelledby={`${id}-theme-tab`}
        hidden={tab !== 'theme'}
      >
        <ThemeFrame source={props.theme} active={tab === 'theme'} />
      </div>
    </>
  );
}

function PlainPreview({ preview, error, showSource, articleLabel }: PreviewPaneProps) {
  return (
    <>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview?.warnings.length ? (
        <ul className="warnings" aria-label={t('publish.preview.warnings')}>
          {preview.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        showSource ? (
          <pre
            className="preview-source"
            aria-label={
              preview.markdown !== undefined
                ? t('publish.preview.sourceMarkdown')
                : t('publish.preview.source')
            }
          >
            {preview.markdown ?? preview.html}
          </pre>
        ) : (
          <article className="post-preview" aria-label={articleLabel}>
            <h1>{preview.title}</h1>
            {/* Composed in the main process from the draft, then sanitized again before display. */}
            <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(preview.html) }} />
          </article>
        )
      ) : error ? null : (
        <p role="status">{t('publish.preview.preparing')}</p>
      )}
      {preview && preview.imagesToUpload > 0 ? (
        <p className="hint">{t('publish.preview.images', { count: preview.imagesToUpload })}</p>
      ) : null}
    </>
  );
}
