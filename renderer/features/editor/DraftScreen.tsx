import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountSummary, Draft, EditorStateJSON } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { readingMinutes } from '../../ui/format';
import { SignetEditor, type SignetEditorApi, type SnippetsHost } from '../../editor';
import { DestinationsControl } from '../destinations/DestinationsPanel';
import { ExportMarkdownButton } from '../publish/MarkdownFileActions';
import { MediaLibraryDialog } from '../publish/MediaLibraryDialog';
import { PublishDialog } from '../publish/PublishDialog';
import { useSnippetLibrary } from '../snippets/useSnippetLibrary';
import { ConflictDialog } from './ConflictDialog';
import { RevisionsDialog } from './RevisionsDialog';
import { useAutosave, type SaveState } from './useAutosave';

interface DraftScreenProps {
  draft: Draft;
  assetBaseUrl: string;
  spellcheck: boolean;
  accounts: AccountSummary[];
  onManageAccounts(): void;
  /** Publishing recorded something (the remote identity); the text is unchanged. */
  onPublishStateChanged(): void;
  /** Load the draft again from the store (after an outside change, a restore, a conflict). */
  onReload(): void;
  onTrashed(): void;
  onNotice(message: string, level?: 'info' | 'warning' | 'error'): void;
  registerFlush(flush: (() => Promise<void>) | null): void;
  /** Opens the Snippets screen ("Manage snippets…" in the editor's snippet picker). */
  onOpenSnippets?: () => void;
}

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Editing…',
  saving: 'Saving…',
  failing: 'Not saved — retrying',
  conflict: 'Changed elsewhere — choose a version',
};

export function DraftScreen({
  draft,
  assetBaseUrl,
  spellcheck,
  accounts,
  onManageAccounts,
  onReload,
  onPublishStateChanged,
  onTrashed,
  onNotice,
  registerFlush,
  onOpenSnippets,
}: DraftScreenProps) {
  const [title, setTitle] = useState(draft.title);
  const [words, setWords] = useState(0);
  const [showRevisions, setShowRevisions] = useState(false);
  const [showConflict, setShowConflict] = useState(false);
  const [showPublish, setShowPublish] = useState(false);
  const [showMedia, setShowMedia] = useState(false);
  const editorApi = useRef<SignetEditorApi | null>(null);
  const titleRef = useRef(draft.title);
  const stateRef = useRef<EditorStateJSON | null>(draft.editorState);
  const isTrashed = Boolean(draft.trashedAt);

  const autosave = useAutosave(draft.id, draft.updatedAt, () => setShowConflict(true));
  // The editor hands over its JSON (debounced) in onChange; saving reuses it instead of
  // serialising the document a second time.
  const current = useCallback(() => ({ title: titleRef.current, editorState: stateRef.current }), []);

  /** Takes what the editor has not handed over yet (the last few hundred ms of typing), then saves. */
  const { change: changeContent, flush: flushSave } = autosave;
  const saveNow = useCallback(async () => {
    const api = editorApi.current;
    if (api && !isTrashed && api.hasPendingChange()) {
      stateRef.current = api.flush();
      changeContent({ editorState: stateRef.current }, current);
    }
    await flushSave();
  }, [changeContent, flushSave, current, isTrashed]);

  useEffect(() => {
    registerFlush(saveNow);
    return () => registerFlush(null);
  }, [saveNow, registerFlush]);

  useEffect(() => {
    // Closing the window or hiding the page: save what was typed in the last moments too.
    const onHide = () => void saveNow();
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [saveNow]);

  // Another program changed this draft's file: take its version when nothing here is unsaved.
  const saveState = useRef(autosave.state);
  saveState.current = autosave.state;
  useEffect(
    () =>
      on('draftsChanged', ({ ids, external }) => {
        if (external && ids.includes(draft.id) && saveState.current === 'saved') onReload();
      }),
    [draft.id, onReload],
  );
  useEffect(
    () =>
      on('draftConflict', ({ id }) => {
        if (id === draft.id) setShowConflict(true);
      }),
    [draft.id],
  );

  const onImageFiles = useCallback(
    async (files: File[]) => {
      const stored: Array<{ fileName: string; url: string }> = [];
      for (const file of files) {
        try {
          const dataBase64 = await fileToBase64(file);
          stored.push(
            await call('addImage', {
              id: draft.id,
              fileName: file.name || 'image.png',
              mimeType: file.type,
              dataBase64,
            }),
          );
        } catch (error) {
          onNotice(`“${file.name}” was not added: ${errorMessage(error)}`, 'error');
        }
      }
      return stored;
    },
    [draft.id, onNotice],
  );

  // The snippet library for the editor: the picker and `/` menu list it, and the snippets in this
  // post are rendered with this draft's title and blog, again whenever the library changes.
  const { library: snippetLibrary } = useSnippetLibrary(!isTrashed);
  const snippetsHost = useMemo<SnippetsHost>(
    () => ({
      library: snippetLibrary?.snippets ?? [],
      render: (snippetIds) =>
        call('renderSnippets', { snippetIds, draftId: draft.id, title: titleRef.current.slice(0, 1000) }),
      subscribe: (listener) => on('snippetsChanged', ({ ids }) => listener(ids)),
      ...(onOpenSnippets ? { openLibrary: () => void saveNow().finally(onOpenSnippets) } : {}),
    }),
    [snippetLibrary, draft.id, onOpenSnippets, saveNow],
  );

  // Stable callbacks, so a render of this screen (save status, word count) does not re-render the editor.
  const onEditorReady = useCallback((api: SignetEditorApi) => {
    editorApi.current = api;
  }, []);
  const onEditorChange = useCallback(
    (state: EditorStateJSON, stats: { words: number }) => {
      stateRef.current = state;
      setWords(stats.words);
      changeContent({ editorState: state }, current);
    },
    [changeContent, current],
  );
  const onEditorStats = useCallback((stats: { words: number }) => setWords(stats.words), []);
  const onOpenLink = useCallback((url: string) => void call('openExternal', { url }), []);

  const resolveAssetUrl = useCallback(
    (fileName: string) => `${assetBaseUrl}${encodeURIComponent(draft.id)}/${encodeURIComponent(fileName)}`,
    [assetBaseUrl, draft.id],
  );

  // The same elements while their inputs are unchanged, so React skips them when only the save
  // status or the word count changed (the first keystroke after a save renders this screen).
  const { setBase } = autosave;
  const destinationsControl = useMemo(
    () => (
      <DestinationsControl
        draftId={draft.id}
        refreshKey={draft.updatedAt}
        beforeSend={saveNow}
        onDraftChanged={onPublishStateChanged}
      />
    ),
    [draft.id, draft.updatedAt, saveNow, onPublishStateChanged],
  );
  const exportButton = useMemo(
    () => <ExportMarkdownButton draftId={draft.id} beforeExport={saveNow} onNotice={onNotice} />,
    [draft.id, saveNow, onNotice],
  );
  const dialogs = useMemo(
    () => (
      <>
        <MediaLibraryDialog
          open={showMedia}
          accounts={accounts}
          onClose={() => setShowMedia(false)}
          onInsert={(media) => {
            setShowMedia(false);
            editorApi.current?.insertImages([
              { src: media.url, altText: media.altText, width: media.width, height: media.height },
            ]);
          }}
        />
        <RevisionsDialog
          open={showRevisions}
          draftId={draft.id}
          assetBaseUrl={assetBaseUrl}
          onClose={() => setShowRevisions(false)}
          beforeRestore={saveNow}
          onRestored={() => {
            setShowRevisions(false);
            onNotice('The revision was restored. The version before it is kept in Revisions.', 'info');
            onReload();
          }}
        />
        <ConflictDialog
          open={showConflict}
          draftId={draft.id}
          onClose={() => setShowConflict(false)}
          onResolved={(resolved, note) => {
            setShowConflict(false);
            setBase(resolved.updatedAt);
            onNotice(note, 'info');
            onReload();
          }}
        />
      </>
    ),
    [
      showMedia,
      showRevisions,
      showConflict,
      accounts,
      draft.id,
      assetBaseUrl,
      saveNow,
      onNotice,
      onReload,
      setBase,
    ],
  );

  return (
    <main className="draft-screen" aria-label="Draft">
      {isTrashed ? (
        <div className="banner" role="status">
          <p>This draft is in the trash. Restore it to edit it again.</p>
          <button
            type="button"
            className="primary-button"
            onClick={() =>
              void call('restoreDraft', { id: draft.id })
                .then(onReload)
                .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
            }
          >
            Restore draft
          </button>
        </div>
      ) : null}
      <div className="draft-toolbar">
        <span className={`save-state save-${autosave.state}`} role="status" aria-label="Save status">
          {SAVE_LABEL[autosave.state]}
        </span>
        <span className="word-count" aria-label="Word count">
          {words} {words === 1 ? 'word' : 'words'} · {readingMinutes(words)} min read
        </span>
        <span className="spacer" />
        {!isTrashed && accounts.some((a) => a.capabilities.mediaLibrary) ? (
          <button type="button" className="secondary-button" onClick={() => setShowMedia(true)}>
            Insert from media library
          </button>
        ) : null}
        {destinationsControl}
        {exportButton}
        <button type="button" className="secondary-button" onClick={() => setShowRevisions(true)}>
          Revisions
        </button>
        {!isTrashed ? (
          <button
            type="button"
            className="secondary-button"
            onClick={() =>
              void saveNow()
                .then(() => call('trashDraft', { id: draft.id }))
                .then(onTrashed)
                .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
            }
          >
            Move to trash
          </button>
        ) : null}
        {!isTrashed ? (
          <button type="button" className="primary-button" onClick={() => setShowPublish(true)}>
            Publish…
          </button>
        ) : null}
      </div>
      {autosave.message ? (
        <p className="inline-error" role="alert">
          {autosave.message}
        </p>
      ) : null}
      <div className="draft-page">
        <input
          className="title-input"
          aria-label="Title"
          placeholder="Title"
          value={title}
          readOnly={isTrashed}
          onChange={(event) => {
            setTitle(event.target.value);
            titleRef.current = event.target.value;
            autosave.change({ title: event.target.value }, current);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              editorApi.current?.focus();
            }
          }}
        />
        <SignetEditor
          key={draft.id}
          draftId={draft.id}
          initialState={draft.editorState}
          readOnly={isTrashed}
          title={title}
          snippets={snippetsHost}
          spellcheck={spellcheck}
          ariaLabel="Draft body"
          onReady={onEditorReady}
          onChange={onEditorChange}
          onStats={onEditorStats}
          onEdit={autosave.markEdited}
          onImageFiles={onImageFiles}
          resolveAssetUrl={resolveAssetUrl}
          onOpenLink={onOpenLink}
        />
      </div>
      {showPublish ? (
        <PublishDialog
          open
          draft={draft}
          accounts={accounts}
          beforePublish={saveNow}
          onClose={() => setShowPublish(false)}
          onManageAccounts={() => {
            setShowPublish(false);
            onManageAccounts();
          }}
          onDraftChanged={(isTextReplaced) => (isTextReplaced ? onReload() : onPublishStateChanged())}
        />
      ) : null}
      {dialogs}
    </main>
  );
}

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
