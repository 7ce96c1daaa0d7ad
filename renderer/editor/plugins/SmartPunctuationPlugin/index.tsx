import { $isCodeNode } from '@lexical/code';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelection,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  COLLABORATION_TAG,
  HISTORIC_TAG,
  HISTORY_PUSH_TAG,
  type EditorState,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { useEffect } from 'react';

import { smartReplacement } from './smartPunctuation';

export { smartReplacement } from './smartPunctuation';

const TRIGGERS = new Set(['"', "'", '-', '.']);

/** The character in the block just before `node`, or null when `node` starts its block. */
function $charBefore(node: TextNode): string | null {
  let sibling = node.getPreviousSibling();
  while (sibling !== null) {
    const text = sibling.getTextContent();
    if (text.length > 0) return text[text.length - 1] ?? null;
    sibling = sibling.getPreviousSibling();
  }
  return null;
}

/** The caret after one typed character in a text node: its key and offset, and the text node. */
function typedCharacter(
  editorState: EditorState,
  prevEditorState: EditorState,
  dirtyLeaves: ReadonlySet<string>,
): { key: string; offset: number } | null {
  return editorState.read(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
    const { key, offset, type } = selection.anchor;
    if (type !== 'text' || offset === 0 || !dirtyLeaves.has(key)) return null;
    const node = $getNodeByKey(key);
    if (!$isTextNode(node)) return null;
    const text = node.getTextContent();
    if (!TRIGGERS.has(text[offset - 1] ?? '')) return null;
    // Exactly one character typed just before the caret since the previous state.
    const previous = prevEditorState.read(() => {
      const prevSelection = $getSelection();
      if (!$isRangeSelection(prevSelection) || !prevSelection.isCollapsed()) return null;
      const before = $getNodeByKey(key);
      return { text: $isTextNode(before) ? before.getTextContent() : null, anchor: prevSelection.anchor };
    });
    if (previous === null) return null;
    if (previous.text === null) {
      // The first character in an empty block creates the text node.
      if (text.length !== 1) return null;
    } else {
      const { anchor } = previous;
      if (anchor.key !== key || anchor.offset !== offset - 1) return null;
      if (previous.text.length !== text.length - 1) return null;
    }
    return { key, offset };
  });
}

export function registerSmartPunctuation(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerUpdateListener(({ editorState, prevEditorState, dirtyLeaves, tags }) => {
      // Only what the author just typed: never undo/redo, paste, or another window's edit.
      if (tags.has(HISTORIC_TAG) || tags.has(COLLABORATION_TAG) || tags.has('paste')) return;
      if (dirtyLeaves.size === 0 || editor.isComposing()) return;
      const typed = typedCharacter(editorState, prevEditorState, dirtyLeaves);
      if (typed === null) return;
      // A separate update that starts a new undo step: Ctrl+Z right after gives back what was typed.
      editor.update(
        () => {
          const node = $getNodeByKey(typed.key);
          if (!$isTextNode(node) || node.hasFormat('code')) return;
          if (node.getTextContent().length < typed.offset) return;
          if ($findCodeParent(node)) return;
          const text = node.getTextContent().slice(0, typed.offset);
          const replacement = smartReplacement(text, $charBefore(node));
          if (replacement === null) return;
          const start = typed.offset - replacement.length;
          const selection = $createRangeSelection();
          selection.anchor.set(typed.key, start, 'text');
          selection.focus.set(typed.key, typed.offset, 'text');
          selection.format = node.getFormat();
          selection.style = node.getStyle();
          $setSelection(selection);
          selection.insertText(replacement.text);
        },
        { tag: HISTORY_PUSH_TAG },
      );
    }),
  );
}

function $findCodeParent(node: TextNode): boolean {
  for (let parent = node.getParent(); parent !== null; parent = parent.getParent()) {
    if ($isCodeNode(parent)) return true;
  }
  return false;
}

/**
 * Smart punctuation while typing: straight quotes become curly ones (opening or closing by what
 * comes before), `--` an en dash, `---` an em dash, `...` an ellipsis. Never in code. Each
 * replacement is its own undo step, so Ctrl/Cmd+Z right after restores what was typed.
 *
 * Cost per keystroke: one selection check, and the text of the node being typed in only when the
 * typed character is one of `" ' - .`.
 */
export function SmartPunctuationPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerSmartPunctuation(editor), [editor]);
  return null;
}
