import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { type EditorState, HISTORY_MERGE_TAG } from 'lexical';
import { useEffect } from 'react';

import type { EditorStateJSON } from '../../../../electron/contract';
import { stampEditorState } from '../../serialization/editorStateVersion';
import { createIncrementalStats, type TextStats } from '../../utils/textStats';
import { useLatest } from '../../utils/useLatest';

/** Quiet time after the last edit before the document is serialised and reported. */
export const CHANGE_DEBOUNCE_MS = 300;
/** Upper bound on how long continuous typing can postpone a report (autosave must still happen). */
export const CHANGE_MAX_WAIT_MS = 2000;

/**
 * Marks an update as the author's edit even when it also carries HISTORY_MERGE_TAG (a panel that
 * merges each keystroke into one undo step, such as the image's alt text). Without it, a merge
 * update is taken for Lexical re-marking nodes and the host is not told "unsaved" until the report.
 */
export const AUTHOR_EDIT_TAG = 'signet-author-edit';

export interface ChangeApi {
  /** Serialises the current document now and cancels the pending debounced report. */
  flush(): EditorStateJSON;
  /** Whether an edit has not been reported through onChange yet. */
  hasPendingChange(): boolean;
}

interface ChangePluginProps {
  onChange(state: EditorStateJSON, stats: TextStats): void;
  /** Word and character counts: once after the draft loads, then with every onChange. */
  onStats?: ((stats: TextStats) => void) | undefined;
  onApi(api: ChangeApi | null): void;
  /** The first edit after a report: cheap, so the host can show "unsaved" at once. */
  onEdit?: (() => void) | undefined;
}

/**
 * Reports the document to the host, debounced.
 *
 * Nothing here runs on the keystroke path except a timer reset: serialising a 20,000-word draft
 * and counting its words happens after a pause in typing (and then in an idle callback, so a
 * keystroke that arrives meanwhile is not delayed behind it). The word count re-counts only the
 * top-level blocks that changed (see createIncrementalStats).
 *
 * Selection-only updates are ignored. On unmount (switching drafts) a pending change is reported
 * at once, so the last edits before the switch are not lost.
 */
export function ChangePlugin({ onChange, onStats, onApi, onEdit }: ChangePluginProps): null {
  const [editor] = useLexicalComposerContext();
  const latest = useLatest({ onChange, onStats, onApi, onEdit });

  useEffect(() => {
    const stats = createIncrementalStats();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idleHandle: number | null = null;
    let pendingSince: number | null = null;

    const cancel = () => {
      if (timer !== null) clearTimeout(timer);
      if (idleHandle !== null) cancelIdleCallback(idleHandle);
      timer = null;
      idleHandle = null;
    };
    const serialize = () => {
      const editorState = editor.getEditorState();
      return {
        editorState,
        json: stampEditorState(editorState.toJSON()),
        stats: editorState.read(stats.$compute),
      };
    };
    // Updates tagged history-merge are not always edits: registering a node transform re-marks
    // every node of that type dirty right after a draft loads. Such a window is reported only if
    // the document really differs from the last one reported (or loaded), so opening a draft
    // never saves it and never bumps its date.
    // The comparison serialises the whole document (~1–3 ms at 20,000 words), so it is made only
    // in such a window: the state last reported is kept as it is (an EditorState never changes
    // once committed) and turned into JSON only then, not when a draft opens or on every report.
    let mergeOnly = false;
    let reported: EditorState = editor.getEditorState();
    const isSameAsReported = (json: EditorStateJSON) =>
      JSON.stringify(json) === JSON.stringify(stampEditorState(reported.toJSON()));
    const emit = () => {
      cancel();
      pendingSince = null;
      const { editorState, json, stats: counts } = serialize();
      const isUnchanged = mergeOnly && isSameAsReported(json);
      mergeOnly = false;
      reported = editorState;
      if (!isUnchanged) latest.current.onChange(json, counts);
      latest.current.onStats?.(counts);
    };
    const emitWhenIdle = () => {
      timer = null;
      // Electron's Chromium has requestIdleCallback; the timeout bounds the wait on a busy page.
      if (typeof requestIdleCallback === 'function') idleHandle = requestIdleCallback(emit, { timeout: 500 });
      else emit();
    };
    const schedule = (isMerge: boolean) => {
      const now = performance.now();
      if (pendingSince === null) {
        pendingSince = now;
        mergeOnly = isMerge;
        if (!isMerge) latest.current.onEdit?.();
      } else if (!isMerge && mergeOnly) {
        mergeOnly = false;
        latest.current.onEdit?.();
      }
      cancel();
      timer = setTimeout(
        emitWhenIdle,
        Math.max(0, Math.min(CHANGE_DEBOUNCE_MS, pendingSince + CHANGE_MAX_WAIT_MS - now)),
      );
    };

    // The initial count, for the host's word counter, without delaying the first paint.
    const reportInitialStats = () => {
      initialHandle = null;
      latest.current.onStats?.(editor.getEditorState().read(stats.$compute));
    };
    let initialHandle: number | null =
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(reportInitialStats, { timeout: 1000 })
        : null;
    if (initialHandle === null) reportInitialStats();

    const unregister = editor.registerUpdateListener((update) => {
      if (update.dirtyElements.size === 0 && update.dirtyLeaves.size === 0) return;
      stats.markDirty(update);
      const isMerge = update.tags.has(HISTORY_MERGE_TAG) && !update.tags.has(AUTHOR_EDIT_TAG);
      schedule(isMerge || update.prevEditorState.isEmpty());
    });
    latest.current.onApi({
      flush: () => {
        cancel();
        pendingSince = null;
        mergeOnly = false;
        const { editorState, json } = serialize();
        reported = editorState;
        return json;
      },
      hasPendingChange: () => pendingSince !== null && (!mergeOnly || !isSameAsReported(serialize().json)),
    });

    return () => {
      unregister();
      if (initialHandle !== null) cancelIdleCallback(initialHandle);
      // The callbacks of the last render are wanted here (they belong to this draft), not those from mount.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      latest.current.onApi(null);
      if (pendingSince !== null) emit();
      else cancel();
    };
  }, [editor, latest]);

  return null;
}
