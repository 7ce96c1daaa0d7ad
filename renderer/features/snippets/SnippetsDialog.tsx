import { useCallback, useEffect, useRef, useState } from 'react';
import { SNIPPET_KINDS, snippetPlainText, type Snippet, type SnippetKind } from '../../../electron/contract';
import { snippetKindLabel } from '../../../electron/contract/snippetLabels';
import { call, errorMessage } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { RetryError } from '../../ui/RetryError';
import { SnippetEditorPane } from './SnippetEditorPane';
import { filterSnippets } from './snippetSearch';
import { useSnippetLibrary } from './useSnippetLibrary';
import { VariablesPanel } from './VariablesPanel';
import { t } from '../../../electron/contract/i18n';

interface SnippetsDialogProps {
  open: boolean;
  onClose(): void;
  spellcheck: boolean;
  /** Opens a draft from the "Used on your blogs" list (the screen closes). */
  onOpenDraft?(draftId: string): void;
}

type View = { kind: 'snippet'; id: string } | { kind: 'variables' } | { kind: 'none' };

/**
 * The snippet library: signatures, bios, headers, footers and free text, in the author's order;
 * search, create, edit (saved as the author types), duplicate, delete with undo, reorder, the
 * variables, import and export.
 */
export function SnippetsDialog({ open, onClose, spellcheck, onOpenDraft }: SnippetsDialogProps) {
  const { library, error: loadError, setLibrary, reload } = useSnippetLibrary(open);
  const [view, setView] = useState<View>({ kind: 'none' });
  const [query, setQuery] = useState('');
  const [isChoosingKind, setIsChoosingKind] = useState(false);
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Bumped by an import: the Variables panel starts again from the merged details. */
  const [importCount, setImportCount] = useState(0);
  const flushPane = useRef<(() => Promise<void>) | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const registerFlush = useCallback((flush: (() => Promise<void>) | null) => {
    flushPane.current = flush;
  }, []);

  // Each time the screen opens: the first snippet, a clean slate of messages.
  useEffect(() => {
    if (!open) return;
    setView({ kind: 'none' });
    setQuery('');
    setUndo(null);
    setMessage(null);
    setError(null);
    setIsChoosingKind(false);
  }, [open]);
  useEffect(() => {
    if (open && library && view.kind === 'none' && library.snippets[0]) {
      setView({ kind: 'snippet', id: library.snippets[0].id });
    }
  }, [open, library, view.kind]);

  async function run(task: () => Promise<void>) {
    setError(null);
    try {
      await flushPane.current?.();
      await task();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const snippets = library?.snippets ?? [];
  const shown = filterSnippets(snippets, query);
  const selected = view.kind === 'snippet' ? (snippets.find((s) => s.id === view.id) ?? null) : null;
  const selectedIndex = selected ? snippets.indexOf(selected) : -1;

  const create = (kind: SnippetKind) =>
    run(async () => {
      const created = await call('createSnippet', { kind });
      setLibrary((lib) => ({ ...lib, snippets: [...lib.snippets, created] }));
      setIsChoosingKind(false);
      setQuery('');
      setJustCreated(created.id);
      setView({ kind: 'snippet', id: created.id });
    });

  const move = (snippet: Snippet, toIndex: number, refocus: boolean) =>
    run(async () => {
      if (toIndex < 0 || toIndex >= snippets.length) return;
      const order = await call('moveSnippet', { id: snippet.id, toIndex });
      setLibrary((lib) => ({ ...lib, snippets: order }));
      setMessage(
        t('snippets.library.moved', { name: snippet.name, position: toIndex + 1, count: order.length }),
      );
      if (refocus) {
        // The row moved in the list: keep the keyboard on it.
        requestAnimationFrame(() =>
          listRef.current?.querySelector<HTMLButtonElement>(`[data-snippet-id="${snippet.id}"]`)?.focus(),
        );
      }
    });

  const duplicate = (snippet: Snippet) =>
    run(async () => {
      const copy = await call('duplicateSnippet', { id: snippet.id });
      setLibrary((lib) => {
        const list = [...lib.snippets];
        list.splice(list.findIndex((s) => s.id === snippet.id) + 1, 0, copy);
        return { ...lib, snippets: list };
      });
      setJustCreated(copy.id);
      setView({ kind: 'snippet', id: copy.id });
    });

  const remove = (snippet: Snippet) =>
    run(async () => {
      await call('deleteSnippet', { id: snippet.id });
      const index = snippets.findIndex((s) => s.id === snippet.id);
      const rest = snippets.filter((s) => s.id !== snippet.id);
      setLibrary((lib) => ({ ...lib, snippets: lib.snippets.filter((s) => s.id !== snippet.id) }));
      const next = rest[Math.min(index, rest.length - 1)];
      setView(next ? { kind: 'snippet', id: next.id } : { kind: 'none' });
      setUndo({ id: snippet.id, name: snippet.name });
      setMessage(null);
    });

  const restore = (id: string) =>
    run(async () => {
      const restored = await call('restoreSnippet', { id });
      setUndo(null);
      await reload();
      setView({ kind: 'snippet', id: restored.id });
      setMessage(t('snippets.library.restored', { name: restored.name }));
    });

  return (
    <Dialog title={t('snippets.dialog.title')} open={open} onClose={onClose} className="dialog-snippets">
      <div className="snippets-layout">
        <nav className="snippets-sidebar" aria-label={t('snippets.library.label')}>
          <div className="snippets-new">
            <button
              type="button"
              className="primary-button"
              aria-expanded={isChoosingKind}
              onClick={() => setIsChoosingKind((v) => !v)}
            >
              {t('snippets.library.new')}
            </button>
            {isChoosingKind ? (
              <div className="snippet-kind-choice" role="group" aria-label={t('snippets.library.newKind')}>
                {SNIPPET_KINDS.map((kind) => (
                  <button
                    key={kind}
                    type="button"
                    className="secondary-button"
                    onClick={() => void create(kind)}
                  >
                    {snippetKindLabel(kind)}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
          <input
            type="search"
            className="search-input"
            aria-label={t('snippets.library.search')}
            placeholder={t('snippets.library.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <p className="list-count" role="status">
            {query.trim()
              ? t('snippets.library.matchCount', { shown: shown.length, count: snippets.length })
              : t('snippets.library.count', { count: snippets.length })}
          </p>
          {library && shown.length === 0 ? (
            <div className="empty-state snippet-list">
              {query.trim() ? (
                <>
                  <p>{t('snippets.library.noMatch', { query })}</p>
                  <button type="button" className="secondary-button" onClick={() => setQuery('')}>
                    {t('snippets.library.clearSearch')}
                  </button>
                </>
              ) : (
                <>
                  <p>{t('snippets.library.empty')}</p>
                  <button type="button" className="secondary-button" onClick={() => void create('signature')}>
                    {t('snippets.library.writeSignature')}
                  </button>
                </>
              )}
            </div>
          ) : (
            <ul ref={listRef} className="draft-list snippet-list" aria-label={t('snippets.library.list')}>
              {shown.map((snippet) => (
                <li key={snippet.id}>
                  <button
                    type="button"
                    className="draft-item"
                    data-snippet-id={snippet.id}
                    aria-current={view.kind === 'snippet' && view.id === snippet.id ? 'true' : undefined}
                    aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    onClick={() => setView({ kind: 'snippet', id: snippet.id })}
                    onKeyDown={(event) => {
                      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
                      event.preventDefault();
                      const index = snippets.indexOf(snippet);
                      setView({ kind: 'snippet', id: snippet.id });
                      void move(snippet, index + (event.key === 'ArrowUp' ? -1 : 1), true);
                    }}
                  >
                    <span className="draft-item-title">{snippet.name || t('snippets.library.untitled')}</span>
                    <span className="snippet-kind">{snippetKindLabel(snippet.kind)}</span>
                    <span className="draft-item-snippet">{snippetPlainText(snippet.editorState)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="secondary-button"
            aria-current={view.kind === 'variables' ? 'true' : undefined}
            onClick={() => void run(async () => setView({ kind: 'variables' }))}
          >
            {t('snippets.library.variables')}
          </button>
          <div className="snippets-file-actions" role="group" aria-label={t('snippets.library.file')}>
            <button
              type="button"
              className="secondary-button"
              onClick={() =>
                void run(async () => {
                  const result = await call('importSnippets');
                  if (!result) return;
                  await reload();
                  setImportCount((n) => n + 1);
                  setMessage(
                    t('snippets.library.imported', {
                      added: result.added,
                      updated: result.updated,
                      unchanged: result.unchanged,
                    }),
                  );
                })
              }
            >
              {t('snippets.library.import')}
            </button>
            <button
              type="button"
              className="secondary-button"
              onClick={() =>
                void run(async () => {
                  const result = await call('exportSnippets');
                  if (!result) return;
                  setMessage(t('snippets.library.exported', { count: result.count, path: result.path }));
                })
              }
            >
              {t('snippets.library.export')}
            </button>
          </div>
          <div className="snippets-messages" role="status">
            {undo ? (
              <p className="snippets-undo">
                {t('snippets.library.deleted', { name: undo.name })}{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('snippets.library.undoLabel', { name: undo.name })}
                  onClick={() => void restore(undo.id)}
                >
                  {t('snippets.library.undo')}
                </button>
              </p>
            ) : null}
            {message ? <p className="path">{message}</p> : null}
          </div>
          {error ? (
            <p className="inline-error" role="alert">
              {error}
            </p>
          ) : null}
          {loadError && !error ? (
            <RetryError
              message={t('snippets.library.loadFailed', { error: loadError })}
              onRetry={() => void reload()}
            />
          ) : null}
        </nav>

        <div className="snippets-main">
          {library === null ? (
            loadError ? null : (
              <p role="status">{t('snippets.library.opening')}</p>
            )
          ) : view.kind === 'variables' ? (
            <VariablesPanel key={importCount} library={library} onLibrary={(lib) => setLibrary(() => lib)} />
          ) : selected ? (
            <SnippetEditorPane
              key={`${selected.id}:${importCount}`}
              snippet={selected}
              index={selectedIndex}
              count={snippets.length}
              variables={library.variables}
              spellcheck={spellcheck}
              isNew={justCreated === selected.id}
              registerFlush={registerFlush}
              onSaved={(saved) =>
                setLibrary((lib) => ({
                  ...lib,
                  snippets: lib.snippets.map((s) => (s.id === saved.id ? saved : s)),
                }))
              }
              onMove={(toIndex) => void move(selected, toIndex, false)}
              onDuplicate={() => void duplicate(selected)}
              onDelete={() => void remove(selected)}
              onOpenDraft={onOpenDraft}
            />
          ) : (
            <div className="empty-state">
              <p>{t('snippets.library.choose')}</p>
            </div>
          )}
        </div>
      </div>
    </Dialog>
  );
}
