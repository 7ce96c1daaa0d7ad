import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import { $getNodeByKey, CLICK_COMMAND, COMMAND_PRIORITY_LOW, type NodeKey } from 'lexical';
import { useEffect, useMemo, useRef, type JSX } from 'react';

import { t } from '../../../electron/contract/i18n';
import { sanitizeSnippetHtml } from '../serialization/snippetHtml';
import { $isSnippetNode, $unlinkSnippetNode } from './SnippetNode';
import { useSnippetStatus } from './snippetStatus';

interface SnippetComponentProps {
  nodeKey: NodeKey;
  snippetId: string;
  name: string;
  html: string;
}

/**
 * A snippet as the author sees it in a post: its rendered content, read-only, in a labelled frame
 * with an Unlink button. Selected as a whole by a click (Backspace or Delete then removes it).
 */
export function SnippetComponent({ nodeKey, snippetId, name, html }: SnippetComponentProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const isEditable = useLexicalEditable();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const status = useSnippetStatus(snippetId);
  const frameRef = useRef<HTMLDivElement>(null);
  const unlinkRef = useRef<HTMLButtonElement>(null);
  const content = useMemo(() => sanitizeSnippetHtml(html), [html]);
  const label = name.trim() === '' ? t('editor.snippetNode.untitled') : name;

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const frame = frameRef.current;
          if (frame === null || !(event.target instanceof Node) || !frame.contains(event.target))
            return false;
          // The button does its own work (React's onClick runs after Lexical's listener).
          if (unlinkRef.current?.contains(event.target)) return true;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, clearSelection, setSelected],
  );

  // Enter and Space on the button must press it. Lexical listens for keys on the editable root,
  // an ancestor of this button, and would take Enter as "new paragraph after the selected block"
  // and cancel the click; stopping the key at the button keeps it out of the document.
  useEffect(() => {
    const button = unlinkRef.current;
    if (button === null) return;
    const keepKey = (event: KeyboardEvent) => event.stopPropagation();
    button.addEventListener('keydown', keepKey);
    return () => button.removeEventListener('keydown', keepKey);
  }, [isEditable]);

  const unlink = () => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (!$isSnippetNode(node)) return;
      const blocks = $unlinkSnippetNode(node);
      blocks.at(-1)?.selectEnd();
    });
    editor.focus();
  };

  return (
    <div
      ref={frameRef}
      className={`signet-snippet__frame${isSelected ? ' is-selected' : ''}`}
      role="group"
      aria-label={t('editor.snippetNode.label', { name: label })}
      data-signet-snippet-key={nodeKey}
    >
      <div className="signet-snippet__bar">
        {/* The group's name already says it; the visible label is for sighted authors. */}
        <span className="signet-snippet__label" aria-hidden="true">
          {t('editor.snippetNode.bar', { name: label })}
        </span>
        {isEditable && (
          <button
            ref={unlinkRef}
            type="button"
            className="signet-snippet__unlink"
            aria-label={t('editor.snippetNode.unlink.label', { name: label })}
            title={t('editor.snippetNode.unlink.title')}
            onClick={unlink}
          >
            {t('editor.snippetNode.unlink')}
          </button>
        )}
      </div>
      {status?.kind === 'missing' && (
        <p className="signet-snippet__notice">{t('editor.snippetNode.missing')}</p>
      )}
      {status?.kind === 'error' && (
        <p className="signet-snippet__notice signet-snippet__notice--error">
          {t('editor.snippetNode.templateError', { message: status.message })}
        </p>
      )}
      <div
        className="signet-snippet__content"
        // Sanitised above: the draft file that carries this HTML may have been edited by hand.
        dangerouslySetInnerHTML={{ __html: content }}
      />
    </div>
  );
}
