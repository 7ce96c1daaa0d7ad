import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import {
  $createParagraphNode,
  $getNodeByKey,
  CLICK_COMMAND,
  COMMAND_PRIORITY_LOW,
  type NodeKey,
} from 'lexical';
import { useEffect, useRef, type JSX, type MouseEvent } from 'react';

import type { EmbedProvider } from '../../../electron/contract/embeds';
import { t } from '../../../electron/contract/i18n';
import { useOpenLink } from './embedLinks';

interface EmbedComponentProps {
  nodeKey: NodeKey;
  url: string;
  provider: EmbedProvider;
}

/**
 * An embed as the author sees it: a labelled card with the provider, the URL, a link that opens it
 * in the browser and a Remove button. No player: third-party frames are forbidden in the renderer
 * and the editor works offline. Selected as a whole by a click (Backspace or Delete then removes it).
 */
export function EmbedComponent({ nodeKey, url, provider }: EmbedComponentProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const isEditable = useLexicalEditable();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const openLink = useOpenLink();
  const cardRef = useRef<HTMLDivElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const label = t('editor.embed.provider', { provider });

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const card = cardRef.current;
          if (card === null || !(event.target instanceof Node) || !card.contains(event.target)) return false;
          // The link and the button do their own work (React's onClick runs after this listener).
          if (actionsRef.current?.contains(event.target)) return true;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, clearSelection, setSelected],
  );

  // Enter and Space on the link and the button must activate them. Lexical listens for keys on the
  // editable root, an ancestor of both, and would take Enter as "new paragraph"; stopping the key
  // here keeps it out of the document.
  useEffect(() => {
    const actions = actionsRef.current;
    if (actions === null) return;
    const keepKey = (event: KeyboardEvent) => event.stopPropagation();
    actions.addEventListener('keydown', keepKey);
    return () => actions.removeEventListener('keydown', keepKey);
  }, [isEditable]);

  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    // Never navigate the app's window; the host opens the system browser.
    event.preventDefault();
    openLink?.(url);
  };

  const remove = () => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (node === null) return;
      // The caret goes where the embed was: the block after it, else the one before, else a new line.
      const next = node.getNextSibling();
      const previous = node.getPreviousSibling();
      if (next !== null) next.selectStart();
      else if (previous !== null) previous.selectEnd();
      else node.insertAfter($createParagraphNode()).selectStart();
      node.remove();
    });
    editor.focus();
  };

  return (
    <div
      ref={cardRef}
      className={`signet-embed__card${isSelected ? ' is-selected' : ''}`}
      role="group"
      aria-label={t('editor.embed.label', { label, url })}
      data-signet-embed-provider={provider}
    >
      <span className="signet-embed__provider" aria-hidden="true">
        {label}
      </span>
      <span className="signet-embed__url">{url}</span>
      <div ref={actionsRef} className="signet-embed__actions">
        <a className="signet-embed__open" href={url} onClick={open} title={t('editor.embed.open.title')}>
          {t('editor.embed.open')}
        </a>
        {isEditable && (
          <button
            type="button"
            className="signet-embed__remove"
            aria-label={t('editor.embed.remove.label', { label })}
            onClick={remove}
          >
            {t('editor.embed.remove')}
          </button>
        )}
      </div>
    </div>
  );
}
