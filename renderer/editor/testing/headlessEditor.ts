import { createHeadlessEditor } from '@lexical/headless';
import type { LexicalEditor } from 'lexical';

import { editorNodes } from '../editorNodes';
import { editorTheme } from '../theme/editorTheme';

/** An editor with Signet's nodes and no DOM, for tests. Errors are thrown, never swallowed. */
export function createTestEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'signet',
    nodes: editorNodes,
    theme: editorTheme,
    onError: (error) => {
      throw error;
    },
  });
}
