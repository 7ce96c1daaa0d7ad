import { $createLinkNode, $isLinkNode, $toggleLink, type LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent } from '@lexical/utils';
import {
  $createTextNode,
  $getNearestNodeFromDOMNode,
  $getSelection,
  $isRangeSelection,
  type BaseSelection,
  CLICK_COMMAND,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW,
  createCommand,
  KEY_MODIFIER_COMMAND,
  type LexicalCommand,
  type LexicalNode,
  mergeRegister,
} from 'lexical';
import {
  type FormEvent,
  type JSX,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

import { t } from '../../../../electron/contract/i18n';
import { $isSnippetNode } from '../../nodes/SnippetNode';
import { isAllowedLinkUrl, validateLinkUrl } from '../../utils/linkUrl';
import { placeUnder, type PopoverAnchor, selectionRect } from '../../utils/popover';
import { $restoreSelection } from '../../utils/restoreSelection';
import { useLatest } from '../../utils/useLatest';

/** Opens the link dialog for the current selection (toolbar button, Ctrl/Cmd+K). */
export const OPEN_LINK_EDITOR_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_EDITOR_COMMAND');

const LINK_REL = 'noreferrer';

interface OpenState {
  url: string;
  hasLink: boolean;
  selection: BaseSelection;
  /** Where the selection was on screen when the dialog opened. */
  anchor: PopoverAnchor | null;
}

function $linkAt(node: LexicalNode): LinkNode | null {
  return $findMatchingParent(node, $isLinkNode);
}

/** `mailto:a@b.c` shows as the address, everything else as typed. */
function linkText(url: string): string {
  return url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
}

interface LinkEditorPluginProps {
  onOpenLink?: ((url: string) => void) | undefined;
  /** Snippets only: also accept an address written with a variable (`{{post.originalUrl}}`). */
  allowTemplateLinks?: boolean;
}

/**
 * The link dialog (URL input, Save, Remove link) and link clicks. Only http(s) and mailto links
 * can be saved; anything else is refused with a message next to the input.
 */
export function LinkEditorPlugin({
  onOpenLink,
  allowTemplateLinks = false,
}: LinkEditorPluginProps): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [openState, setOpenState] = useState<OpenState | null>(null);
  const [draftUrl, setDraftUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const openLink = useLatest(onOpenLink);
  const inputId = useId();
  const errorId = useId();

  const open = useCallback((): boolean => {
    const next = editor.getEditorState().read(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return null;
      const link = $linkAt(selection.anchor.getNode()) ?? $linkAt(selection.focus.getNode());
      return { url: link?.getURL() ?? '', hasLink: link !== null, selection: selection.clone() };
    });
    if (next === null) return false;
    setOpenState({ ...next, anchor: selectionRect() });
    setDraftUrl(next.url);
    setError(null);
    return true;
  }, [editor]);

  const close = useCallback(
    (refocusEditor: boolean) => {
      setOpenState(null);
      setError(null);
      if (refocusEditor) editor.focus();
    },
    [editor],
  );

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(OPEN_LINK_EDITOR_COMMAND, open, COMMAND_PRIORITY_EDITOR),
        editor.registerCommand(
          KEY_MODIFIER_COMMAND,
          (event) => {
            const isLinkShortcut =
              event.key.toLowerCase() === 'k' &&
              (event.ctrlKey || event.metaKey) &&
              !event.altKey &&
              !event.shiftKey;
            if (!isLinkShortcut) return false;
            event.preventDefault();
            return open();
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        // A click on a link must never navigate the app window. Ctrl/Cmd+click (or any click when
        // the editor is read-only) hands the URL to the host, which opens the system browser.
        editor.registerCommand(
          CLICK_COMMAND,
          (event) => {
            const anchor = event.target instanceof Element ? event.target.closest('a') : null;
            if (anchor === null || !editor.getRootElement()?.contains(anchor)) return false;
            event.preventDefault();
            if (editor.isEditable() && !event.ctrlKey && !event.metaKey) return false;
            const node = $getNearestNodeFromDOMNode(anchor);
            // A link inside a snippet's rendered content is plain HTML, not a link node.
            const url =
              node === null
                ? undefined
                : $isSnippetNode(node)
                  ? (anchor.getAttribute('href') ?? undefined)
                  : $linkAt(node)?.getURL();
            if (url !== undefined && isAllowedLinkUrl(url)) openLink.current?.(url);
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, open, openLink],
  );

  // Place the dialog under the selection, inside the positioned editor canvas, then focus it.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (openState === null || dialog === null) return;
    placeUnder(dialog, openState.anchor);
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [openState]);

  if (openState === null) return null;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const result = validateLinkUrl(draftUrl, { allowTemplates: allowTemplateLinks });
    if (!result.ok) {
      setError(result.message);
      inputRef.current?.focus();
      return;
    }
    editor.update(() => {
      $restoreSelection(openState.selection);
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const link = $linkAt(selection.anchor.getNode());
      if (selection.isCollapsed()) {
        if (link !== null) {
          link.setURL(result.url);
        } else {
          const linkNode = $createLinkNode(result.url, { rel: LINK_REL });
          linkNode.append($createTextNode(linkText(result.url)));
          selection.insertNodes([linkNode]);
        }
      } else {
        $toggleLink(result.url, { rel: LINK_REL });
      }
    });
    close(true);
  };

  const remove = () => {
    editor.update(() => {
      $restoreSelection(openState.selection);
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const anchorLink = $linkAt(selection.anchor.getNode());
      const focusLink = $linkAt(selection.focus.getNode());
      // Within one link, "Remove link" means the whole link, not just the selected characters.
      if (anchorLink !== null && (selection.isCollapsed() || anchorLink.is(focusLink))) {
        for (const child of anchorLink.getChildren()) anchorLink.insertBefore(child);
        anchorLink.remove();
      } else {
        $toggleLink(null);
      }
    });
    close(true);
  };

  return (
    <div
      ref={dialogRef}
      className="signet-link-editor"
      role="dialog"
      aria-label={openState.hasLink ? t('editor.link.edit') : t('editor.link.insert')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close(true);
        }
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) close(false);
      }}
    >
      <form className="signet-link-editor__form" onSubmit={save} noValidate>
        <label className="signet-link-editor__label" htmlFor={inputId}>
          {t('editor.link.url')}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="signet-link-editor__input"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={
            allowTemplateLinks
              ? t('editor.link.placeholderTemplate', { variable: '{{post.originalUrl}}' })
              : t('editor.link.placeholder')
          }
          value={draftUrl}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setDraftUrl(event.target.value);
            if (error !== null) setError(null);
          }}
        />
        {error !== null && (
          <p id={errorId} className="signet-link-editor__error" role="alert">
            {error}
          </p>
        )}
        <div className="signet-link-editor__actions">
          <button type="submit" className="signet-button signet-button--primary">
            {t('editor.link.save')}
          </button>
          <button type="button" className="signet-button" onClick={remove} disabled={!openState.hasLink}>
            {t('editor.link.remove')}
          </button>
          <button type="button" className="signet-button" onClick={() => close(true)}>
            {t('editor.link.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
