import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import {
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  HISTORY_MERGE_TAG,
  type LexicalCommand,
  mergeRegister,
  type NodeKey,
  PASTE_TAG,
} from 'lexical';
import { useEffect } from 'react';

import { $createReadMoreNode, $isReadMoreNode, ReadMoreNode } from '../../nodes/ReadMoreNode';
import { $insertBlockAtCaret } from '../../utils/insertBlock';

export const INSERT_READ_MORE_COMMAND: LexicalCommand<void> = createCommand('INSERT_READ_MORE_COMMAND');

/**
 * Inserts the read-more break at the caret. A post has one excerpt boundary (WordPress honours
 * only the first `<!--more-->`), so inserting or pasting another moves it instead of adding a
 * second. Documents that already hold two (older drafts) are left as they are.
 */
export function ReadMorePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_READ_MORE_COMMAND,
          () => {
            // A full walk, but only on this rare explicit action.
            for (const { node } of $dfs()) if ($isReadMoreNode(node)) node.remove();
            $insertBlockAtCaret($createReadMoreNode());
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        // A paste can bring its own break (a pasted `<!--more-->`): keep the pasted one.
        editor.registerMutationListener(
          ReadMoreNode,
          (mutations, { updateTags }) => {
            if (!updateTags.has(PASTE_TAG)) return;
            const created = [...mutations]
              .filter(([, mutation]) => mutation === 'created')
              .map(([key]) => key);
            const keep: NodeKey | undefined = created.at(-1);
            if (keep === undefined) return;
            editor.update(
              () => {
                for (const { node } of $dfs()) {
                  if ($isReadMoreNode(node) && node.getKey() !== keep) node.remove();
                }
              },
              // Part of the paste as far as undo is concerned.
              { tag: HISTORY_MERGE_TAG },
            );
          },
          { skipInitialization: true },
        ),
      ),
    [editor],
  );
  return null;
}
