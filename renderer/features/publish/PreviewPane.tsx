import DOMPurify from 'dompurify';
import { useEffect, useRef, useState } from 'react';
import type { PublishOptions, PublishPreview } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';

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
}

/** One destination's preview: warnings, the sanitised HTML (or its source), images to upload. */
export function PreviewPane({ preview, error, showSource, articleLabel }: PreviewPaneProps) {
  return (
    <>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview?.warnings.length ? (
        <ul className="warnings" aria-label="Warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        showSource ? (
          <pre className="preview-source" aria-label="HTML that will be sent">
            {preview.html}
          </pre>
        ) : (
          <article className="post-preview" aria-label={articleLabel}>
            <h1>{preview.title}</h1>
            {/* Composed in the main process from the draft, then sanitized again before display. */}
            <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(preview.html) }} />
          </article>
        )
      ) : error ? null : (
        <p role="status">Preparing the preview…</p>
      )}
      {preview && preview.imagesToUpload > 0 ? (
        <p className="hint">
          {preview.imagesToUpload} {preview.imagesToUpload === 1 ? 'image' : 'images'} will be uploaded first.
        </p>
      ) : null}
    </>
  );
}
