import './theme/editor.css';

import { createHeadlessEditor } from '@lexical/headless';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import type { EditorState, SerializedEditorState } from 'lexical';
import {
  type JSX,
  memo,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';

import { isTemplateLinkUrl, type EditorStateJSON } from '../../electron/contract';
import { t } from '../../electron/contract/i18n';
import { editorNodes } from './editorNodes';
import { OpenLinkContext } from './nodes/embedLinks';
import { ImageAssetsContext } from './nodes/imageSources';
import { type SnippetStatus, SnippetStatusContext } from './nodes/snippetStatus';
import { CaretBlockPlugin } from './plugins/CaretBlockPlugin';
import { type ChangeApi, ChangePlugin } from './plugins/ChangePlugin';
import { ContentRulesPlugin } from './plugins/ContentRulesPlugin';
import { ControlledTypingPlugin } from './plugins/ControlledTypingPlugin';
import { EmbedPlugin } from './plugins/EmbedPlugin';
import { FindReplacePlugin, OPEN_FIND_COMMAND } from './plugins/FindReplacePlugin';
import { ImageInspectorPlugin } from './plugins/ImageInspectorPlugin';
import type { ImagePayload } from './nodes/ImageNode';
import { type ImageFilesHandler, ImagesPlugin, INSERT_IMAGE_COMMAND } from './plugins/ImagesPlugin';
import { LinkEditorPlugin } from './plugins/LinkEditorPlugin';
import { ListIndentPlugin } from './plugins/ListIndentPlugin';
import { OutlinePlugin } from './plugins/OutlinePlugin';
import { SIGNET_TRANSFORMERS } from './plugins/MarkdownTransformers';
import { PastePlugin } from './plugins/PastePlugin';
import { ReadMorePlugin } from './plugins/ReadMorePlugin';
import { SmartPunctuationPlugin } from './plugins/SmartPunctuationPlugin';
import { type SnippetsHost, SnippetsPlugin } from './plugins/SnippetsPlugin';
import { applyFormatCommand, ToolbarPlugin, type EditorFormatCommand } from './plugins/ToolbarPlugin';
import { migrateEditorState, stampEditorState } from './serialization/editorStateVersion';
import { editorTheme } from './theme/editorTheme';
import { isAllowedLinkUrl } from './utils/linkUrl';
import type { TextStats } from './utils/textStats';
import { useLatest } from './utils/useLatest';

export type EditorStats = TextStats;

/** Imperative API of the editor, through `ref` or `onReady`. */
export interface SignetEditorApi {
  /** The document as JSON, serialised now; a pending debounced onChange is cancelled (the caller saves this). */
  flush(): EditorStateJSON;
  /** Whether there are edits not yet reported through onChange (then `flush` before saving). */
  hasPendingChange(): boolean;
  /** Puts the caret back in the document. */
  focus(): void;
  /** Inserts images at the caret (e.g. from a blog's media library: remote `src`). */
  insertImages(images: ImagePayload[]): void;
  /** Opens the find-and-replace bar (as Ctrl/Cmd+F in the document does). */
  openFind(): void;
  /** A Format command of the palette, as its toolbar button does it; the caret goes back in. */
  format(command: EditorFormatCommand): void;
}

/** A post's body, or a snippet's content on the Snippets screen. */
export type EditorVariant = 'post' | 'snippet';

export interface SignetEditorProps {
  /**
   * 'snippet': no images from files, no read-more break, no snippets inside it, and links may use
   * a variable as their address (`{{post.originalUrl}}`). Defaults to 'post'.
   */
  variant?: EditorVariant;
  /** The snippet library (posts only): insert snippets, and keep the ones in the post up to date. */
  snippets?: SnippetsHost | undefined;
  /** The post's title; snippets in the post are rendered again when it changes (`{{post.title}}`). */
  title?: string | undefined;
  /** The draft's saved editor JSON, or null for a new, empty draft. Read once per draftId. */
  initialState: EditorStateJSON | null;
  /** The editor remounts (fresh history, fresh state) whenever this changes. */
  draftId: string;
  /** Called debounced (300 ms after typing pauses, at least every 2 s while typing) with the latest document. */
  onChange(state: EditorStateJSON, stats: EditorStats): void;
  /** Word and character counts: once after the draft loads (no onChange then), and with every onChange. */
  onStats?(stats: EditorStats): void;
  /** Called on the first edit after each onChange (not on every keystroke): the draft has unsaved edits. */
  onEdit?(): void;
  /** Copies image files into the draft's assets; each result becomes an image node. Posts need it. */
  onImageFiles?: ImageFilesHandler;
  /** URL to display an asset file of this draft. Posts need it. */
  resolveAssetUrl?(fileName: string): string;
  /** Ctrl/Cmd+click on a link (or any click when read-only); only http(s)/mailto URLs are passed. */
  onOpenLink?(url: string): void;
  spellcheck?: boolean;
  readOnly?: boolean;
  /** Curly quotes, en/em dashes and ellipses as the author types (never in code). Off by default. */
  smartPunctuation?: boolean;
  /** Shows the heading outline (H2–H4) beside the document. */
  outlineOpen?: boolean;
  /** The outline asked to close (Escape in it). */
  onOutlineClose?(): void;
  /** Accessible name of the document area. */
  ariaLabel?: string;
  /** Alternative to `ref`: receives the API once the editor is ready. */
  onReady?(api: SignetEditorApi): void;
  ref?: Ref<SignetEditorApi>;
}

type LoadResult = { state: EditorState | undefined; error: null } | { state: undefined; error: string };

/**
 * Parses the saved JSON before the editor exists, in a headless editor with the same nodes, so a
 * draft that cannot be read (corrupt file, newer Signet) is shown as an error instead of crashing
 * the window, and is never overwritten by an empty document.
 */
function loadInitialState(json: EditorStateJSON | null): LoadResult {
  if (json === null) return { state: undefined, error: null };
  try {
    const parser = createHeadlessEditor({
      namespace: 'signet',
      nodes: editorNodes,
      onError: (error) => {
        throw error;
      },
    });
    const state = parser.parseEditorState(
      // Lexical validates the shape while parsing; the contract types the JSON loosely.
      migrateEditorState(json) as unknown as SerializedEditorState,
    );
    return { state, error: null };
  } catch (error) {
    return { state: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

function EditablePlugin({ isEditable }: { isEditable: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.setEditable(isEditable), [editor, isEditable]);
  return null;
}

interface ApiPluginProps {
  changeApi: { readonly current: ChangeApi | null };
  /** Set when the draft could not be loaded: flush must hand back the saved JSON untouched. */
  unreadableState: EditorStateJSON | null;
  handleRef: Ref<SignetEditorApi> | undefined;
  onReady: ((api: SignetEditorApi) => void) | undefined;
}

function ApiPlugin({ changeApi, unreadableState, handleRef, onReady }: ApiPluginProps): null {
  const [editor] = useLexicalComposerContext();
  const [api] = useState<SignetEditorApi>(() => ({
    flush: () => {
      if (unreadableState !== null) return unreadableState;
      // After unmount (the host flushing on a draft switch) the editor still holds the final
      // document, so serialise that rather than anything older.
      return changeApi.current?.flush() ?? stampEditorState(editor.getEditorState().toJSON());
    },
    hasPendingChange: () => unreadableState === null && (changeApi.current?.hasPendingChange() ?? false),
    focus: () => editor.focus(),
    insertImages: (images) => {
      editor.dispatchCommand(INSERT_IMAGE_COMMAND, images);
    },
    openFind: () => {
      editor.dispatchCommand(OPEN_FIND_COMMAND, undefined);
    },
    format: (command) => {
      editor.focus();
      applyFormatCommand(editor, command);
    },
  }));
  useImperativeHandle(handleRef, () => api, [api]);
  const ready = useLatest(onReady);
  useEffect(() => ready.current?.(api), [api, ready]);
  return null;
}

// A snippet has no assets folder: files are not copied anywhere, and only web images are shown.
const NO_IMAGE_FILES: ImageFilesHandler = async () => [];
const ASSET_FILE_AS_IS = (fileName: string) => fileName;

function isAllowedSnippetLinkUrl(url: string): boolean {
  return isAllowedLinkUrl(url) || isTemplateLinkUrl(url);
}

function EditorInstance({
  variant = 'post',
  snippets,
  title,
  initialState,
  onChange,
  onStats,
  onEdit,
  onImageFiles = NO_IMAGE_FILES,
  resolveAssetUrl = ASSET_FILE_AS_IS,
  onOpenLink,
  spellcheck = true,
  readOnly = false,
  smartPunctuation = false,
  outlineOpen = false,
  onOutlineClose,
  ariaLabel,
  onReady,
  handleRef,
}: Omit<SignetEditorProps, 'ref' | 'draftId'> & {
  handleRef: Ref<SignetEditorApi> | undefined;
}): JSX.Element {
  const [load] = useState(() => loadInitialState(initialState));
  const [notice, setNotice] = useState<string | null>(null);
  const [snippetStatus, setSnippetStatus] = useState<ReadonlyMap<string, SnippetStatus>>(() => new Map());
  const isSnippet = variant === 'snippet';
  const placeholder = isSnippet ? t('editor.snippet.placeholder') : t('editor.body.placeholder');
  const documentLabel = ariaLabel ?? (isSnippet ? t('editor.snippet.label') : t('editor.body.label'));
  const changeApi = useRef<ChangeApi | null>(null);
  const latestResolver = useLatest(resolveAssetUrl);
  // Stable for the context so every image does not re-render when the parent re-renders.
  const [resolveAsset] = useState(() => (fileName: string) => latestResolver.current(fileName));
  const latestOpenLink = useLatest(onOpenLink);
  const latestOutlineClose = useLatest(onOutlineClose);
  // Only web addresses reach the host, as for links (LinkEditorPlugin).
  const [openLink] = useState(() => (url: string) => {
    if (isAllowedLinkUrl(url)) latestOpenLink.current?.(url);
  });
  const setChangeApi = useCallback((api: ChangeApi | null) => {
    changeApi.current = api;
  }, []);

  const [initialConfig] = useState<InitialConfigType>(() => ({
    namespace: 'signet',
    nodes: editorNodes,
    theme: editorTheme,
    editable: !readOnly && load.error === null,
    editorState: load.state,
    onError: (error) => {
      // An exception inside an update means that edit was not applied; say so instead of failing silently.
      console.error(error);
      setNotice(t('editor.notice.editFailed'));
    },
  }));
  const isEditable = !readOnly && load.error === null;
  const closeOutline = useCallback(() => latestOutlineClose.current?.(), [latestOutlineClose]);

  return (
    <ImageAssetsContext.Provider value={resolveAsset}>
      <OpenLinkContext.Provider value={openLink}>
        <SnippetStatusContext.Provider value={snippetStatus}>
          <div className={`signet-editor${isEditable ? '' : ' signet-editor--readonly'}`}>
            <LexicalComposer initialConfig={initialConfig}>
              {isEditable && (
                <ToolbarPlugin isSnippet={isSnippet} canInsertSnippets={snippets !== undefined} />
              )}
              {load.error !== null && (
                <div className="signet-editor__notice signet-editor__notice--error" role="alert">
                  {t('editor.notice.unreadable', { error: load.error })}
                </div>
              )}
              {notice !== null && (
                <div className="signet-editor__notice" role="alert">
                  <span>{notice}</span>
                  <button type="button" className="signet-button" onClick={() => setNotice(null)}>
                    {t('editor.notice.dismiss')}
                  </button>
                </div>
              )}
              {load.error === null && <FindReplacePlugin isEditable={isEditable} />}
              <div className="signet-editor__canvas">
                <RichTextPlugin
                  contentEditable={
                    <ContentEditable
                      className="signet-editor__input"
                      ariaLabel={documentLabel}
                      ariaMultiline
                      spellCheck={spellcheck}
                      aria-placeholder={placeholder}
                      placeholder={<div className="signet-editor__placeholder">{placeholder}</div>}
                    />
                  }
                  ErrorBoundary={LexicalErrorBoundary}
                />
                <LinkEditorPlugin onOpenLink={onOpenLink} allowTemplateLinks={isSnippet} />
                {isEditable && <ImageInspectorPlugin />}
                {isEditable && !isSnippet && snippets !== undefined && (
                  <SnippetsPlugin
                    host={snippets}
                    title={title}
                    onStatus={setSnippetStatus}
                    onError={setNotice}
                  />
                )}
              </div>
              {outlineOpen && load.error === null && <OutlinePlugin onClose={closeOutline} />}
              <EditablePlugin isEditable={isEditable} />
              <CaretBlockPlugin />
              <ControlledTypingPlugin />
              <HistoryPlugin />
              <ListPlugin />
              <ListIndentPlugin />
              <LinkPlugin
                validateUrl={isSnippet ? isAllowedSnippetLinkUrl : isAllowedLinkUrl}
                attributes={{ rel: 'noreferrer' }}
              />
              <TablePlugin hasCellMerge hasCellBackgroundColor={false} hasHorizontalScroll />
              <HorizontalRulePlugin />
              <MarkdownShortcutPlugin transformers={SIGNET_TRANSFORMERS} />
              <ContentRulesPlugin isSnippet={isSnippet} />
              {!isSnippet && <ImagesPlugin onImageFiles={onImageFiles} onError={setNotice} />}
              {!isSnippet && <ReadMorePlugin />}
              <PastePlugin onImageFiles={onImageFiles} onError={setNotice} />
              <EmbedPlugin />
              {smartPunctuation && isEditable && <SmartPunctuationPlugin />}
              {load.error === null && (
                <ChangePlugin onChange={onChange} onStats={onStats} onEdit={onEdit} onApi={setChangeApi} />
              )}
              <ApiPlugin
                changeApi={changeApi}
                unreadableState={load.error !== null ? initialState : null}
                handleRef={handleRef}
                onReady={onReady}
              />
            </LexicalComposer>
          </div>
        </SnippetStatusContext.Provider>
      </OpenLinkContext.Provider>
    </ImageAssetsContext.Provider>
  );
}

/**
 * Skips re-rendering the whole editor (toolbar, every plugin) when the host re-renders with the
 * same props, e.g. for its save status or word count while the author types.
 */
const MemoEditorInstance = memo(EditorInstance);

/**
 * Signet's post body editor. One instance per open draft: it remounts when `draftId` changes, so
 * undo history and selection never leak from one draft into another.
 */
export function SignetEditor({ ref, draftId, ...props }: SignetEditorProps): JSX.Element {
  return <MemoEditorInstance key={draftId} handleRef={ref} {...props} />;
}
