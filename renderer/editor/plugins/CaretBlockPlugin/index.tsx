import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  type EditorState,
  IS_APPLE,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

import { $caretBlockKeys } from './caretBlocks';
import { documentJump } from './documentKeys';

/** Marks the top-level blocks that hold the caret or the ends of the selection. */
const CARET_BLOCK_ATTRIBUTE = 'data-signet-caret';
/** Set on the editor root while a page move needs every block laid out. */
const RENDER_ALL_ATTRIBUTE = 'data-signet-render-all';

/**
 * Keeps the caret right while blocks out of view skip style, layout and paint
 * (`content-visibility: auto`, editor.css). Chromium decides which blocks are in view only when it
 * next renders a frame, and it cannot place a caret inside a block it skipped: it puts it at the
 * block's start instead. So:
 * - the blocks that hold the caret are always rendered, marked in the same task as Lexical's DOM
 *   update (a block made by Enter or a Markdown shortcut would otherwise wait for a frame, and a
 *   keystroke arriving first would land elsewhere);
 * - going to the start or end of the draft is done here, in the editor state;
 * - a page move (PageUp/PageDown) lays every block out until it has been drawn, so Chromium
 *   measures the page against real heights.
 */
export function CaretBlockPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => mergeRegister(registerCaretBlocks(editor), registerDocumentKeys(editor)), [editor]);
  return null;
}

function registerCaretBlocks(editor: LexicalEditor): () => void {
  let marked: HTMLElement[] = [];
  const mark = (editorState: EditorState) => {
    const next: HTMLElement[] = [];
    for (const key of editorState.read($caretBlockKeys)) {
      const element = editor.getElementByKey(key);
      if (element !== null) next.push(element);
    }
    for (const element of marked) {
      if (!next.includes(element)) element.removeAttribute(CARET_BLOCK_ATTRIBUTE);
    }
    for (const element of next) {
      if (!element.hasAttribute(CARET_BLOCK_ATTRIBUTE)) element.setAttribute(CARET_BLOCK_ATTRIBUTE, '');
    }
    marked = next;
  };
  mark(editor.getEditorState());
  const unregister = editor.registerUpdateListener(({ editorState }) => mark(editorState));
  return () => {
    unregister();
    for (const element of marked) element.removeAttribute(CARET_BLOCK_ATTRIBUTE);
    marked = [];
  };
}

function registerDocumentKeys(editor: LexicalEditor): () => void {
  let frame: number | null = null;
  const renderAllUntilDrawn = () => {
    const root = editor.getRootElement();
    if (root === null) return;
    root.setAttribute(RENDER_ALL_ATTRIBUTE, '');
    if (frame !== null) cancelAnimationFrame(frame);
    // Two frames: the caret has moved and been drawn, and its blocks are known to be in view.
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        frame = null;
        root.removeAttribute(RENDER_ALL_ATTRIBUTE);
      });
    });
  };
  const unregister = editor.registerCommand(
    KEY_DOWN_COMMAND,
    (event) => {
      const jump = documentJump(event, IS_APPLE);
      if (jump === null) return false;
      if (jump === 'page') {
        renderAllUntilDrawn();
        return false;
      }
      event.preventDefault();
      editor.update(
        () => {
          const selection = $getSelection();
          // Lexical moves the current selection in place: keep where it started first.
          const anchor = $isRangeSelection(selection)
            ? { key: selection.anchor.key, offset: selection.anchor.offset, type: selection.anchor.type }
            : null;
          const root = $getRoot();
          const target = jump === 'start' ? root.selectStart() : root.selectEnd();
          if (event.shiftKey && anchor !== null) target.anchor.set(anchor.key, anchor.offset, anchor.type);
        },
        {
          onUpdate: () => {
            const focusKey = editor.getEditorState().read(() => {
              const selection = $getSelection();
              return $isRangeSelection(selection)
                ? selection.focus.getNode().getTopLevelElement()?.getKey()
                : null;
            });
            const block = focusKey ? editor.getElementByKey(focusKey) : null;
            block?.scrollIntoView({ block: 'nearest' });
          },
        },
      );
      return true;
    },
    // The priority of every Signet key-down listener (FindReplacePlugin's too): Lexical runs each
    // priority level that has one in an update of its own, on every keystroke.
    COMMAND_PRIORITY_HIGH,
  );
  return () => {
    unregister();
    if (frame !== null) cancelAnimationFrame(frame);
    editor.getRootElement()?.removeAttribute(RENDER_ALL_ATTRIBUTE);
  };
}
