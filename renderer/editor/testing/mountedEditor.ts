import type { LexicalEditor } from 'lexical';

/** The Lexical editor behind the editable root rendered inside `container` (Lexical keeps it on the root). */
export function mountedEditor(container: ParentNode): LexicalEditor {
  const editable = container.querySelector('[contenteditable]') as
    (HTMLElement & { __lexicalEditor?: LexicalEditor }) | null;
  if (!editable?.__lexicalEditor) throw new Error('no Lexical editor on an editable root');
  return editable.__lexicalEditor;
}
