import DOMPurify from 'dompurify';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  BUILT_IN_VARIABLES,
  SNIPPET_KINDS,
  type CustomVariable,
  type EditorStateJSON,
  type Snippet,
  type SnippetKind,
  type TemplateIssue,
} from '../../../electron/contract';
import { snippetKindLabel, variableDescription } from '../../../electron/contract/snippetLabels';
import { call, errorMessage } from '../../bridge';
import { SignetEditor, type SignetEditorApi } from '../../editor';
import { createPatchSaver, type PatchSaveState } from './patchSaver';
import { SnippetUses } from './SnippetUses';
import { t } from '../../../electron/contract/i18n';

type SnippetPatch = {
  name?: string;
  kind?: SnippetKind;
  editorState?: EditorStateJSON | null;
  obfuscateEmails?: boolean;
};

const saveLabel = (state: PatchSaveState): string => t('snippets.editor.saveState', { state });

const PREVIEW_DELAY_MS = 200;

interface SnippetEditorPaneProps {
  snippet: Snippet;
  /** Its place in the author's order, and how many there are (for Move up / Move down). */
  index: number;
  count: number;
  variables: readonly CustomVariable[];
  spellcheck: boolean;
  /** Focus the name field once (a snippet just created). */
  isNew: boolean;
  onSaved(snippet: Snippet): void;
  onMove(toIndex: number): void;
  onDuplicate(): void;
  onDelete(): void;
  onOpenDraft?(draftId: string): void;
  /** The screen calls this before duplicating, deleting or exporting, so the latest edits go too. */
  registerFlush(flush: (() => Promise<void>) | null): void;
}

/** One snippet: its name, kind and content (saved as the author types), a live preview, its uses. */
export function SnippetEditorPane({
  snippet,
  index,
  count,
  variables,
  spellcheck,
  isNew,
  onSaved,
  onMove,
  onDuplicate,
  onDelete,
  onOpenDraft,
  registerFlush,
}: SnippetEditorPaneProps) {
  const [name, setName] = useState(snippet.name);
  const [kind, setKind] = useState<SnippetKind>(snippet.kind);
  const [obfuscateEmails, setObfuscateEmails] = useState(snippet.obfuscateEmails);
  const [saveState, setSaveState] = useState<PatchSaveState>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ html: string; issues: TemplateIssue[] } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const editorApi = useRef<SignetEditorApi | null>(null);
  const stateRef = useRef<EditorStateJSON | null>(snippet.editorState);
  const nameRef = useRef<HTMLInputElement>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const headingId = useId();

  const [saver] = useState(() =>
    createPatchSaver<SnippetPatch>({
      save: async (patch) => onSavedRef.current(await call('updateSnippet', { id: snippet.id, ...patch })),
      onState: (state, error) => {
        setSaveState(state);
        setSaveError(state === 'failed' ? errorMessage(error) : null);
      },
    }),
  );

  /** Takes what the editor has not handed over yet, then saves everything waiting. */
  const flush = useCallback(async () => {
    const api = editorApi.current;
    if (api?.hasPendingChange()) {
      stateRef.current = api.flush();
      saver.change({ editorState: stateRef.current });
    }
    await saver.flush();
  }, [saver]);

  useEffect(() => {
    registerFlush(flush);
    return () => {
      registerFlush(null);
      // Another snippet chosen, or the screen closed: send what was typed before this pane goes.
      void flush();
      saver.dispose();
    };
  }, [flush, registerFlush, saver]);

  useEffect(() => {
    if (isNew) nameRef.current?.select();
  }, [isNew]);

  // The preview (and the template check) follows the content and the email option, debounced.
  const previewSeq = useRef(0);
  const [previewTick, setPreviewTick] = useState(0);
  useEffect(() => {
    const seq = ++previewSeq.current;
    const timer = setTimeout(
      () => {
        call('previewSnippet', { editorState: stateRef.current, obfuscateEmails })
          .then((result) => {
            if (seq !== previewSeq.current) return;
            setPreview(result);
            setPreviewError(null);
          })
          .catch((e: unknown) => seq === previewSeq.current && setPreviewError(errorMessage(e)));
      },
      previewTick === 0 ? 0 : PREVIEW_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [obfuscateEmails, previewTick]);

  const onChange = useCallback(
    (state: EditorStateJSON) => {
      stateRef.current = state;
      saver.change({ editorState: state });
      setPreviewTick((n) => n + 1);
    },
    [saver],
  );

  const errors = preview?.issues.filter((i) => i.severity === 'error') ?? [];
  const warnings = preview?.issues.filter((i) => i.severity === 'warning') ?? [];

  return (
    <section className="snippet-pane" aria-labelledby={headingId}>
      <h3 id={headingId} className="visually-hidden">
        {t('snippets.editor.heading')}
      </h3>
      <div className="snippet-fields">
        <label className="snippet-name">
          {t('snippets.editor.name')}
          <input
            ref={nameRef}
            value={name}
            maxLength={200}
            onChange={(e) => {
              setName(e.target.value);
              if (e.target.value.trim()) saver.change({ name: e.target.value });
            }}
          />
        </label>
        <label>
          {t('snippets.editor.kind')}
          <select
            value={kind}
            onChange={(e) => {
              const next = e.target.value as SnippetKind;
              setKind(next);
              saver.change({ kind: next });
            }}
          >
            {SNIPPET_KINDS.map((k) => (
              <option key={k} value={k}>
                {snippetKindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <p
          className={saveState === 'failed' ? 'save-state save-failing' : 'save-state'}
          role="status"
          aria-label={t('snippets.editor.saveStatus')}
        >
          {saveLabel(saveState)}
        </p>
      </div>
      <label className="check snippet-obfuscate">
        <input
          type="checkbox"
          checked={obfuscateEmails}
          onChange={(e) => {
            setObfuscateEmails(e.target.checked);
            saver.change({ obfuscateEmails: e.target.checked });
          }}
        />
        {t('snippets.editor.obfuscate')}
      </label>
      {saveError ? (
        <div className="inline-error snippet-save-error" role="alert">
          <span>{t('snippets.editor.saveFailed', { error: saveError })}</span>{' '}
          <button type="button" className="link-button" onClick={() => void flush()}>
            {t('common.tryAgain')}
          </button>
        </div>
      ) : null}
      <div className="snippet-actions" role="group" aria-label={t('snippets.editor.actions')}>
        <button
          type="button"
          className="secondary-button"
          disabled={index <= 0}
          onClick={() => onMove(index - 1)}
        >
          {t('snippets.editor.moveUp')}
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={index >= count - 1}
          onClick={() => onMove(index + 1)}
        >
          {t('snippets.editor.moveDown')}
        </button>
        <button type="button" className="secondary-button" onClick={onDuplicate}>
          {t('snippets.editor.duplicate')}
        </button>
        <button type="button" className="secondary-button danger-button" onClick={onDelete}>
          {t('snippets.editor.delete')}
        </button>
      </div>

      <div className="snippet-editing">
        <div className="snippet-editor">
          <SignetEditor
            variant="snippet"
            draftId={`snippet-${snippet.id}`}
            initialState={snippet.editorState}
            onChange={onChange}
            spellcheck={spellcheck}
            ariaLabel={t('snippets.editor.content')}
            onReady={(api) => {
              editorApi.current = api;
            }}
          />
          <TemplateIssues errors={errors} warnings={warnings} />
        </div>
        <section className="snippet-preview" aria-label={t('snippets.editor.preview')}>
          <h3>{t('snippets.editor.preview')}</h3>
          <p className="hint">{t('snippets.editor.previewHint')}</p>
          {previewError ? (
            <p className="inline-error" role="alert">
              {previewError}
            </p>
          ) : null}
          {preview === null ? (
            <p role="status">{t('snippets.editor.previewPreparing')}</p>
          ) : errors.length > 0 ? (
            <p className="hint">{t('snippets.editor.previewBlocked')}</p>
          ) : preview.html ? (
            // Rendered in the main process from the snippet, then sanitized again before display.
            <div
              className="post-preview"
              aria-label={t('snippets.editor.previewLabel')}
              role="document"
              dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(preview.html) }}
            />
          ) : (
            <p className="hint">{t('snippets.editor.previewEmpty')}</p>
          )}
        </section>
      </div>

      <details className="variable-help">
        <summary>{t('snippets.editor.variablesHelp')}</summary>
        <p className="hint">{t('snippets.editor.variablesHint', { example: '{{author.name}}' })}</p>
        <dl>
          {BUILT_IN_VARIABLES.map((v) => (
            <div key={v.name}>
              <dt>
                <code>{`{{${v.name}}}`}</code>
              </dt>
              <dd>{variableDescription(v.name)}</dd>
            </div>
          ))}
          {variables.map((v) => (
            <div key={v.name}>
              <dt>
                <code>{`{{${v.name}}}`}</code>
              </dt>
              <dd>
                {t('snippets.editor.customVariable', { value: v.value || t('snippets.editor.emptyValue') })}
              </dd>
            </div>
          ))}
        </dl>
      </details>

      <SnippetUses
        key={snippet.id}
        snippetId={snippet.id}
        snippetName={name}
        beforeReapply={flush}
        onOpenDraft={onOpenDraft}
      />
    </section>
  );
}

/** Template problems next to the editor: errors at once (they stop the snippet), warnings politely. */
function TemplateIssues({ errors, warnings }: { errors: TemplateIssue[]; warnings: TemplateIssue[] }) {
  return (
    <div className="template-issues">
      {errors.map((issue, i) => (
        <p key={`e${i}`} className="template-issue template-error" role="alert">
          {issue.message}
        </p>
      ))}
      <div role="status" aria-label={t('snippets.editor.templateWarnings')}>
        {warnings.map((issue, i) => (
          <p key={`w${i}`} className="template-issue template-warning">
            {issue.message}
          </p>
        ))}
      </div>
    </div>
  );
}
