import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNodeByKey,
  $getSelection,
  type BaseSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  HISTORY_MERGE_TAG,
  KEY_MODIFIER_COMMAND,
  type LexicalCommand,
  mergeRegister,
  type NodeKey,
} from 'lexical';
import { type JSX, useCallback, useEffect, useRef, useState } from 'react';

import type { RenderedSnippet, Snippet } from '../../../../electron/contract';
import { t } from '../../../../electron/contract/i18n';
import { $createSnippetNode, $isSnippetNode, SnippetNode } from '../../nodes/SnippetNode';
import type { SnippetStatus } from '../../nodes/snippetStatus';
import { $insertBlockAtCaret } from '../../utils/insertBlock';
import { type PopoverAnchor, selectionRect } from '../../utils/popover';
import { $restoreSelection } from '../../utils/restoreSelection';
import { useLatest } from '../../utils/useLatest';
import { SnippetPicker } from './SnippetPicker';
import { SnippetTypeahead } from './SnippetTypeahead';

/**
 * What the editor needs from the app to use the snippet library. The editor never talks to the
 * main process itself; the draft screen builds this from the bridge.
 */
export interface SnippetsHost {
  /** The library in the author's order, for the picker and the `/` menu. */
  library: readonly Snippet[];
  /** Renders snippets for this draft (its title, its blog); an id the library lacks is left out. */
  render(snippetIds: string[]): Promise<RenderedSnippet[]>;
  /** Calls `listener` with the ids of snippets that changed in the library; returns the unsubscribe. */
  subscribe(listener: (snippetIds: string[]) => void): () => void;
  /** Opens the Snippets screen ("Manage snippets…" in the picker). */
  openLibrary?(): void;
}

/** Inserts the library snippet with this id at the caret, as a block, once it is rendered. */
export const INSERT_SNIPPET_COMMAND: LexicalCommand<string> = createCommand('INSERT_SNIPPET_COMMAND');

/** Opens the "Insert snippet" picker at the caret (toolbar button, keyboard shortcut). */
export const OPEN_SNIPPET_PICKER_COMMAND: LexicalCommand<void> = createCommand('OPEN_SNIPPET_PICKER_COMMAND');

/** Updates that come from the library (a refresh, an insert): not the author's edits of a node. */
export const SNIPPET_UPDATE_TAG = 'signet-snippet-update';

/** How long the title must rest before snippets that show it are rendered again. */
export const TITLE_REFRESH_MS = 600;
/** Node changes (load, undo, paste) are gathered for this long into one render request. */
const NODE_REFRESH_MS = 30;

/** True for Ctrl+Shift+S (⇧⌘S on a Mac): free in Lexical, Chromium and Signet's menus. */
export function isInsertSnippetShortcut(event: KeyboardEvent): boolean {
  return (
    event.key.toLowerCase() === 's' && (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey
  );
}

function hasTemplateError(rendered: RenderedSnippet): boolean {
  return rendered.issues.some((issue) => issue.severity === 'error');
}

function statusOf(rendered: RenderedSnippet | undefined): SnippetStatus | undefined {
  if (rendered === undefined) return { kind: 'missing' };
  if (!hasTemplateError(rendered)) return undefined;
  const message = rendered.issues
    .filter((issue) => issue.severity === 'error')
    .map((issue) => issue.message)
    .join(' ');
  return { kind: 'error', message };
}

interface SnippetsPluginProps {
  host: SnippetsHost;
  /** The post's title: when it changes, snippets are rendered again (they may show `{{post.title}}`). */
  title?: string | undefined;
  /** What the last renderings said about each snippet in use (missing, template error). */
  onStatus(status: ReadonlyMap<string, SnippetStatus>): void;
  onError(message: string): void;
}

interface PickerState {
  selection: BaseSelection | null;
  anchor: PopoverAnchor | null;
}

/**
 * Snippets in a post: inserting them (toolbar picker, Ctrl/Cmd+Shift+S, the `/` menu) and keeping
 * the nodes in step with the library.
 *
 * Each node keeps the snippet's last rendered HTML. After the draft loads, when the library says
 * snippets changed, when the title changes, and when undo or a paste brings back an older copy,
 * the snippets in use are rendered again and a node whose HTML or name differs takes the new one.
 * That update is tagged history-merge: it is no undo step, and the ChangePlugin saves it only
 * when the document really differs (a fresh rendering is saved, so the draft file has it; an
 * unchanged draft is not rewritten just by opening it).
 */
export function SnippetsPlugin({ host, title, onStatus, onError }: SnippetsPluginProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const latest = useLatest({ host, onStatus, onError });
  const [picker, setPicker] = useState<PickerState | null>(null);
  const [canvas, setCanvas] = useState<HTMLElement | null>(null);
  const refreshAll = useRef<(() => void) | null>(null);

  useEffect(
    () =>
      editor.registerRootListener((root) =>
        setCanvas(root?.closest<HTMLElement>('.signet-editor__canvas') ?? root?.parentElement ?? null),
      ),
    [editor],
  );

  useEffect(() => {
    /** Snippet node key → snippet id, kept by the mutation listener (no document walks). */
    const nodes = new Map<NodeKey, string>();
    const statuses = new Map<string, SnippetStatus>();
    /** Per snippet id, the request whose answer may still be applied (a newer one wins). */
    const requestOf = new Map<string, number>();
    let requests = 0;
    let isDisposed = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: Set<string> | 'all' = new Set();

    const setStatuses = (changes: Array<[string, SnippetStatus | undefined]>) => {
      let isChanged = false;
      for (const [id, status] of changes) {
        const before = statuses.get(id);
        if (JSON.stringify(before) === JSON.stringify(status)) continue;
        isChanged = true;
        if (status === undefined) statuses.delete(id);
        else statuses.set(id, status);
      }
      if (isChanged) latest.current.onStatus(new Map(statuses));
    };

    const refresh = async (only: ReadonlySet<string> | 'all') => {
      const ids = [...new Set(nodes.values())].filter((id) => only === 'all' || only.has(id));
      if (ids.length === 0) return;
      const request = ++requests;
      for (const id of ids) requestOf.set(id, request);
      let answer: RenderedSnippet[];
      try {
        answer = await latest.current.host.render(ids);
      } catch {
        // Nothing is known then; the nodes keep showing what they have.
        return;
      }
      if (isDisposed) return;
      const current = ids.filter((id) => requestOf.get(id) === request);
      const byId = new Map(answer.map((rendered) => [rendered.snippetId, rendered]));
      setStatuses(current.map((id) => [id, statusOf(byId.get(id))]));
      const stale = editor.getEditorState().read(() => {
        const keys: NodeKey[] = [];
        for (const [key, id] of nodes) {
          const rendered = byId.get(id);
          // A missing snippet and one whose template is broken keep their last good content.
          if (!current.includes(id) || rendered === undefined || hasTemplateError(rendered)) continue;
          const node = $getNodeByKey(key);
          if ($isSnippetNode(node) && (node.getHtml() !== rendered.html || node.getName() !== rendered.name))
            keys.push(key);
        }
        return keys;
      });
      if (stale.length === 0) return;
      editor.update(
        () => {
          for (const key of stale) {
            const node = $getNodeByKey(key);
            const rendered = $isSnippetNode(node) ? byId.get(node.getSnippetId()) : undefined;
            if ($isSnippetNode(node) && rendered !== undefined)
              node.setRendered(rendered.name, rendered.html);
          }
        },
        { tag: [HISTORY_MERGE_TAG, SNIPPET_UPDATE_TAG] },
      );
    };

    const schedule = (ids: Iterable<string> | 'all', delay: number) => {
      if (ids === 'all') pending = 'all';
      else if (pending !== 'all') for (const id of ids) pending.add(id);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const batch = pending;
        pending = new Set();
        void refresh(batch);
      }, delay);
    };
    refreshAll.current = () => schedule('all', TITLE_REFRESH_MS);

    const insert = (snippetId: string) => {
      const saved = $getSelection()?.clone() ?? null;
      latest.current.host.render([snippetId]).then(
        (answer) => {
          if (isDisposed) return;
          const rendered = answer.find((candidate) => candidate.snippetId === snippetId);
          if (rendered === undefined) {
            latest.current.onError(t('editor.snippets.gone'));
            return;
          }
          setStatuses([[snippetId, statusOf(rendered)]]);
          editor.update(
            () => {
              $restoreSelection(saved);
              $insertBlockAtCaret(
                $createSnippetNode({ snippetId, name: rendered.name, html: rendered.html }),
              );
            },
            // Freshly rendered: the listener below need not ask again.
            { tag: SNIPPET_UPDATE_TAG },
          );
        },
        (error: unknown) => {
          if (isDisposed) return;
          latest.current.onError(
            t('editor.snippets.insertFailed', {
              error: error instanceof Error ? error.message : String(error),
            }),
          );
        },
      );
    };

    const unsubscribe = latest.current.host.subscribe((ids) => schedule(ids, 0));

    return mergeRegister(
      editor.registerMutationListener(
        SnippetNode,
        (mutations, { updateTags }) => {
          const fresh = new Set<string>();
          editor.getEditorState().read(() => {
            for (const [key, mutation] of mutations) {
              if (mutation === 'destroyed') {
                nodes.delete(key);
                continue;
              }
              const node = $getNodeByKey(key);
              if (!$isSnippetNode(node)) continue;
              nodes.set(key, node.getSnippetId());
              // A loaded draft, an undo, a paste: its copy may be older than the library's.
              if (!updateTags.has(SNIPPET_UPDATE_TAG)) fresh.add(node.getSnippetId());
            }
          });
          if (fresh.size > 0) schedule(fresh, NODE_REFRESH_MS);
        },
        { skipInitialization: false },
      ),
      editor.registerCommand(
        INSERT_SNIPPET_COMMAND,
        (snippetId) => {
          insert(snippetId);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        OPEN_SNIPPET_PICKER_COMMAND,
        () => {
          const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
          setPicker({ selection, anchor: selectionRect() });
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        KEY_MODIFIER_COMMAND,
        (event) => {
          if (!isInsertSnippetShortcut(event)) return false;
          event.preventDefault();
          return editor.dispatchCommand(OPEN_SNIPPET_PICKER_COMMAND, undefined);
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      unsubscribe,
      () => {
        isDisposed = true;
        refreshAll.current = null;
        if (timer !== null) clearTimeout(timer);
      },
    );
  }, [editor, latest]);

  // The first title is the one the draft loaded with; only later changes ask for a new rendering.
  const firstTitle = useRef(title);
  useEffect(() => {
    if (title === firstTitle.current) return;
    firstTitle.current = undefined;
    refreshAll.current?.();
  }, [title]);

  const insertAtSelection = useCallback(
    (snippetId: string, selection: BaseSelection | null) => {
      setPicker(null);
      editor.update(() => {
        $restoreSelection(selection);
        editor.dispatchCommand(INSERT_SNIPPET_COMMAND, snippetId);
      });
      editor.focus();
    },
    [editor],
  );

  const insertFromMenu = useCallback(
    (snippetId: string) => editor.dispatchCommand(INSERT_SNIPPET_COMMAND, snippetId),
    [editor],
  );

  return (
    <>
      {picker !== null && (
        <SnippetPicker
          library={host.library}
          anchor={picker.anchor}
          onChoose={(snippetId) => insertAtSelection(snippetId, picker.selection)}
          onManage={
            host.openLibrary
              ? () => {
                  setPicker(null);
                  latest.current.host.openLibrary?.();
                }
              : undefined
          }
          onClose={(refocusEditor) => {
            setPicker(null);
            if (refocusEditor) editor.focus();
          }}
        />
      )}
      <SnippetTypeahead library={host.library} parent={canvas} onChoose={insertFromMenu} />
    </>
  );
}
