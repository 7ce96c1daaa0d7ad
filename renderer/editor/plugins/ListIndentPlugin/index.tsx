import { $isCodeNode } from '@lexical/code';
import { $isListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  INDENT_CONTENT_COMMAND,
  INSERT_TAB_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
} from 'lexical';
import { useEffect } from 'react';

/**
 * Tab and Shift+Tab nest and un-nest list items, and Tab inserts a tab inside a code block.
 *
 * Everywhere else Tab is left to the browser, so keyboard users can always leave the editor
 * (Lexical's TabIndentationPlugin takes every Tab, which is a keyboard trap, and indenting
 * paragraphs has no meaning in a blog post).
 */
export function ListIndentPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection)) return false;
          const anchor = selection.anchor.getNode();
          if ($findMatchingParent(anchor, $isListItemNode) !== null) {
            event.preventDefault();
            return editor.dispatchCommand(
              event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND,
              undefined,
            );
          }
          if (!event.shiftKey && $findMatchingParent(anchor, $isCodeNode) !== null) {
            event.preventDefault();
            return editor.dispatchCommand(INSERT_TAB_COMMAND, undefined);
          }
          return false;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );
  return null;
}
