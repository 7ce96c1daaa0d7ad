import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs, $insertNodeToNearestRoot } from '@lexical/utils';
import { COMMAND_PRIORITY_EDITOR, createCommand, type LexicalCommand } from 'lexical';
import { useEffect } from 'react';

import { $createReadMoreNode, $isReadMoreNode } from '../../nodes/ReadMoreNode';

export const INSERT_READ_MORE_COMMAND: LexicalCommand<void> = createCommand('INSERT_READ_MORE_COMMAND');

/**
 * Inserts the read-more break at the caret. A post has one excerpt boundary (WordPress honours
 * only the first `<!--more-->`), so inserting it again moves it instead of adding a second.
 */
export function ReadMorePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        INSERT_READ_MORE_COMMAND,
        () => {
          // A full walk, but only on this rare explicit action.
          for (const { node } of $dfs()) if ($isReadMoreNode(node)) node.remove();
          $insertNodeToNearestRoot($createReadMoreNode());
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );
  return null;
}
