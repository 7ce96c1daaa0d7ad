import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountSummary, Draft, EditorStateJSON } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';
import { SignetEditor, type SignetEditorApi, type SnippetsHost } from '../../editor';
import { DestinationsControl } from '../destinations/DestinationsPanel';
import { ExportMarkdownButton } from '../publish/MarkdownFileActions';
import { MediaLibraryDialog } from '../publish/MediaLibraryDialog';
import { PublishDialog } from '../publish/PublishDialog';
import { useSnippetLibrary } from '../snippets/useSnippetLibrary';
import { onCommand } from '../../commands/bus';
import { FORMAT_COMMANDS, isFormatCommand } from '../../commands/registry';
import { isInDraftText } from '../../commands/findScope';
import { StatusLine } from '../writing/StatusLine';
import { ConflictDialog } from './ConflictDialog';
import { RevisionsDialog } from './RevisionsDialog';
import { useAutosave, type SaveState } from './useAutosave';
import { t } from '../../../electron/contract/i18n';

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
  /** Curly quotes and dashes as the author types (the preference; off by default). */
  smartPunctuation?: boolean;
  /** Opens Accounts at the connect form: "Add your blog" while no blog on the web is connected. */
  onAddBlog?: () => void;
}

const saveLabel = (state: SaveState): string => t('draft.save.state', { state });

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
  smartPunctuation = false,
  onAddBlog,
}: DraftScreenProps) {
  const [title, setTitle] = useState(draft.title);
  const [stats, setStats] = useState({ words: 0, characters: 0 });
  const [wordGoal, setWordGoal] = useState(draft.meta.wordGoal);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [showRevisions, setShowRevisions] = useState(false);
  const [showConflict, setShowConflict] = useState(false);
  const [showPublish, setShowPublish] = useState(false);
  const [showMedia, setShowMedia] = useState(false);
  const editorApi = useRef<SignetEditorApi | null>(null);
  const titleRef = useRef(draft.title);
  const stateRef = useRef<EditorStateJSON | null>(draft.editorState);
  const isTrashed = Boolean(draft.trashedAt);

  const autosave = useAutosave(draft.id, draft.updatedAt, () => setShowConflict(true));
  const { setBase, hasPendingEdit } = autosave;
  const saveState = useRef(autosave.state);
  saveState.current = autosave.state;
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
  useEffect(
    () =>
      on('draftsChanged', ({ ids, external }) => {
        // hasPendingEdit: the "unsaved" label follows an edit a moment later (useAutosave).
        if (external && ids.includes(draft.id) && saveState.current === 'saved' && !hasPendingEdit())
          onReload();
      }),
    [draft.id, onReload, hasPendingEdit],
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
          onNotice(t('draft.image.notAdded', { file: file.name, error: errorMessage(error) }), 'error');
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
    (state: EditorStateJSON, counts: { words: number; characters: number }) => {
      stateRef.current = state;
      setStats(counts);
      changeContent({ editorState: state }, current);
    },
    [changeContent, current],
  );
  const onEditorStats = useCallback((counts: { words: number; characters: number }) => setStats(counts), []);
  const onOutlineClose = useCallback(() => setOutlineOpen(false), []);

  // The goal is draft metadata: saved with the text (first whatever is unsaved), never as an edit of it.
  useEffect(() => setWordGoal(draft.meta.wordGoal), [draft.meta.wordGoal]);
  const latestMeta = useRef(draft.meta);
  latestMeta.current = draft.meta;
  const onGoalChange = useCallback(
    async (goal: number | undefined) => {
      await saveNow();
      if (saveState.current === 'conflict' || saveState.current === 'failing') {
        throw new Error(t('draft.goal.notSavedYet'));
      }
      const { wordGoal: _previous, ...rest } = latestMeta.current;
      const meta = goal === undefined ? rest : { ...rest, wordGoal: goal };
      try {
        const result = await call('saveDraft', {
          id: draft.id,
          title: titleRef.current,
          editorState: stateRef.current,
          meta,
        });
        latestMeta.current = meta;
        setBase(result.updatedAt);
        setWordGoal(goal);
      } catch (error) {
        throw new Error(t('draft.goal.saveFailed', { error: errorMessage(error) }), { cause: error });
      }
    },
    [draft.id, saveNow, setBase],
  );

  // Outline (Ctrl/Cmd+Shift+O) and Find… (Ctrl/Cmd+F) arrive as commands from the menu, the
  // palette or the web host's shortcuts (renderer/commands/bus.ts). Find… opens the find bar when
  // the author is in the draft's text; elsewhere App focuses the drafts search.
  useEffect(
    () =>
      onCommand((id) => {
        if (id === 'toggleOutline') setOutlineOpen((open) => !open);
        else if (id === 'find' && isInDraftText(document.activeElement)) editorApi.current?.openFind();
        else if (isFormatCommand(id)) editorApi.current?.format(FORMAT_COMMANDS[id]);
      }),
    [],
  );
  const onOpenLink = useCallback((url: string) => void call('openExternal', { url }), []);

  const resolveAssetUrl = useCallback(
    (fileName: string) => `${assetBaseUrl}${encodeURIComponent(draft.id)}/${encodeURIComponent(fileName)}`,
    [assetBaseUrl, draft.id],
  );

  // The same elements while their inputs are unchanged, so React skips them when only the save
  // status or the word count changed (the first keystroke after a save renders this screen).
  const destinationsControl = useMemo(
    () => (
      <DestinationsControl
        draftId={draft.id}
        refreshKey={draft.updatedAt}
        beforeSend={saveNow}
        onDraftChanged={onPublishStateChanged}
        accounts={accounts}
        {...(onAddBlog ? { onAddBlog } : {})}
      />
    ),
    [draft.id, draft.updatedAt, saveNow, onPublishStateChanged, accounts, onAddBlog],
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
            onNotice(t('draft.revisions.restored'), 'info');
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
    <main className="draft-screen" aria-label={t('draft.screen.label')}>
      {isTrashed ? (
        <div className="banner" role="status">
          <p>{t('draft.trashed.banner')}</p>
          <button
            type="button"
            className="primary-button"
            onClick={() =>
              void call('restoreDraft', { id: draft.id })
                .then(onReload)
                .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
            }
          >
            {t('draft.trashed.restore')}
          </button>
        </div>
      ) : null}
      <div className="draft-toolbar">
        <span
          className={`save-state save-${autosave.state}`}
          role="status"
          aria-label={t('draft.save.label')}
        >
          {saveLabel(autosave.state)}
        </span>
        <span className="spacer" />
        {!isTrashed && accounts.some((a) => a.capabilities.mediaLibrary) ? (
          <button type="button" className="secondary-button" onClick={() => setShowMedia(true)}>
            {t('draft.toolbar.insertMedia')}
          </button>
        ) : null}
        {destinationsControl}
        {exportButton}
        <button type="button" className="secondary-button" onClick={() => setShowRevisions(true)}>
          {t('draft.toolbar.revisions')}
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
            {t('draft.toolbar.trash')}
          </button>
        ) : null}
        {!isTrashed ? (
          <button type="button" className="primary-button" onClick={() => setShowPublish(true)}>
            {t('draft.toolbar.publish')}
          </button>
        ) : null}
      </div>
      {autosave.message ? (
        <p className="inline-error" role="alert">
          {autosave.message}
        </p>
      ) : null}
      <div className="draft-page" data-find-scope="draft">
        <input
          className="title-input"
          aria-label={t('draft.title.label')}
          placeholder={t('draft.title.label')}
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
          ariaLabel={t('draft.body.label')}
          onReady={onEditorReady}
          onChange={onEditorChange}
          onStats={onEditorStats}
          onEdit={autosave.markEdited}
          onImageFiles={onImageFiles}
          resolveAssetUrl={resolveAssetUrl}
          onOpenLink={onOpenLink}
          smartPunctuation={smartPunctuation}
          outlineOpen={outlineOpen}
          onOutlineClose={onOutlineClose}
        />
      </div>
      <StatusLine
        words={stats.words}
        characters={stats.characters}
        wordGoal={wordGoal}
        onGoalChange={onGoalChange}
        outlineOpen={outlineOpen}
        onToggleOutline={() => setOutlineOpen((open) => !open)}
        onFind={() => editorApi.current?.openFind()}
        readOnly={isTrashed}
      />
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
