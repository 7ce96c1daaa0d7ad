import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createParagraphNode,
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isNodeSelection,
  CLICK_COMMAND,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_NORMAL,
  HISTORY_MERGE_TAG,
  KEY_TAB_COMMAND,
  mergeRegister,
  type NodeKey,
  SKIP_DOM_SELECTION_TAG,
} from 'lexical';
import { flushSync } from 'react-dom';
import { t } from '../../../../electron/contract/i18n';

import { type JSX, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';

import { $isImageNode, type ImageNode } from '../../nodes/ImageNode';
import { AUTHOR_EDIT_TAG } from '../ChangePlugin';

interface InspectedImage {
  key: NodeKey;
  altText: string;
  caption: string;
}

function $selectedImage(): ImageNode | null {
  const selection = $getSelection();
  if (!$isNodeSelection(selection)) return null;
  const nodes = selection.getNodes();
  const [node] = nodes;
  return nodes.length === 1 && $isImageNode(node) ? node : null;
}

/**
 * The alt text and caption fields of the selected image.
 *
 * Rendered beside the contenteditable rather than inside the image's decorator: Lexical treats
 * Backspace, Enter and paste inside a selected decorator as editing around that node, so inputs
 * in there would delete the image while the author types. Tab from a selected image moves into
 * the panel; Escape closes it and returns to the text after the image.
 */
export function ImageInspectorPlugin(): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [image, setImage] = useState<InspectedImage | null>(null);
  // What the inputs show. Kept locally because the node changes only after Lexical commits the
  // update, and a controlled input fed from the node would jump its caret on every keystroke.
  const [fields, setFields] = useState({ altText: '', caption: '' });
  // Escape (or Done) hides the panel for this image until it is clicked again or reached with Tab.
  const [dismissedKey, setDismissedKey] = useState<NodeKey | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  // The first change in a visit to the panel starts an undo step; later ones merge into it, so one
  // Ctrl+Z undoes a whole alt text rather than one character. Holds the image of the visit that has
  // started its step. A visit ends when the panel closes or shows another image: Done and Escape
  // remove the focused panel, and Chromium then sends React no blur, so onBlur alone cannot end it
  // (the next image's alt text would merge into the step before it, and Ctrl+Z would take the
  // image away with it).
  const editingKeyRef = useRef<NodeKey | null>(null);
  const lastSeen = useRef<InspectedImage | null>(null);
  const altId = useId();
  const captionId = useId();
  const hintId = useId();

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read(() => {
            const node = $selectedImage();
            return node === null
              ? null
              : { key: node.getKey(), altText: node.getAltText(), caption: node.getCaption() };
          });
          // Runs on every keystroke: nothing to do while no image is or was selected.
          const previous = lastSeen.current;
          if (next === null && previous === null) return;
          if (
            next !== null &&
            previous !== null &&
            next.key === previous.key &&
            next.altText === previous.altText &&
            next.caption === previous.caption
          ) {
            return;
          }
          lastSeen.current = next;
          // While the author types in the panel the editor selection may change under it; keep
          // the panel for that image, and do not overwrite what is being typed.
          const isEditingInPanel = panelRef.current?.contains(document.activeElement) ?? false;
          if (next !== null && !isEditingInPanel) setFields({ altText: next.altText, caption: next.caption });
          setDismissedKey((dismissed) => (next !== null && next.key === dismissed ? dismissed : null));
          if (next !== null || !isEditingInPanel) setImage(next);
        }),
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            if (event.shiftKey || editor.getEditorState().read($selectedImage) === null) return false;
            event.preventDefault();
            // Render the panel now so its input exists to take focus.
            flushSync(() => setDismissedKey(null));
            altRef.current?.focus();
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          CLICK_COMMAND,
          (event) => {
            if (event.target instanceof Element && event.target.closest('[data-signet-image-key]') !== null) {
              setDismissedKey(null);
            }
            // The image itself still handles the click (selection).
            return false;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor],
  );

  // Sit just below the image inside the positioned canvas.
  useLayoutEffect(() => {
    const panel = panelRef.current;
    if (image === null || panel === null) return;
    const figure = editor.getElementByKey(image.key);
    const parent = panel.offsetParent;
    if (figure === null || parent === null) return;
    const figureRect = figure.getBoundingClientRect();
    const parentRect = parent.getBoundingClientRect();
    panel.style.top = `${figureRect.bottom - parentRect.top + 6}px`;
    panel.style.left = `${Math.max(0, figureRect.left - parentRect.left)}px`;
  }, [editor, image]);

  const update = useCallback(
    (change: (node: ImageNode) => void) => {
      if (image === null) return;
      // Focus is in the panel: reconciling must not pull the DOM selection back into the editor.
      const tags = [SKIP_DOM_SELECTION_TAG, AUTHOR_EDIT_TAG];
      if (editingKeyRef.current === image.key) tags.push(HISTORY_MERGE_TAG);
      editingKeyRef.current = image.key;
      editor.update(
        () => {
          const node = $getNodeByKey(image.key);
          if ($isImageNode(node)) change(node);
        },
        { tag: tags },
      );
    },
    [editor, image],
  );

  // Escape and Done put the caret just after the image, so the author can keep writing. (Re-selecting
  // the image instead leaves Chromium free to drop a caret at the start of the document.)
  const close = useCallback(() => {
    if (image === null) return;
    // Remove the panel first: if the focused input disappeared after the editor took focus, focus
    // would fall back to <body> and the next keystroke would go nowhere.
    flushSync(() => setDismissedKey(image.key));
    editor.update(() => {
      const node = $getNodeByKey(image.key);
      if (node === null) return;
      const next = node.getNextSibling();
      if (next === null) node.insertAfter($createParagraphNode().append()).selectStart();
      else if ($isElementNode(next)) next.selectStart();
      else node.selectNext(0, 0);
    });
    editor.focus();
  }, [editor, image]);

  const remove = useCallback(() => {
    if (image === null) return;
    editor.update(() => $getNodeByKey(image.key)?.selectNext());
    editor.update(() => $getNodeByKey(image.key)?.remove());
    setImage(null);
    editor.focus();
  }, [editor, image]);

  const shownKey = image !== null && image.key !== dismissedKey ? image.key : null;
  useEffect(() => {
    editingKeyRef.current = null;
  }, [shownKey]);

  if (image === null || shownKey === null) return null;
  const isMissingAlt = fields.altText.trim().length === 0;

  return (
    <div
      ref={panelRef}
      className="signet-image-inspector"
      role="group"
      aria-label={t('editor.imageInspector.label')}
      onBlur={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        editingKeyRef.current = null;
        // Focus went elsewhere (the title field, another window): hide the panel unless the
        // image is still the editor's selection.
        const isStillSelected = editor.getEditorState().read(() => $selectedImage()?.getKey() === image.key);
        if (!isStillSelected) setDismissedKey(image.key);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      }}
    >
      <label className="signet-image-inspector__label" htmlFor={altId}>
        {t('editor.imageInspector.alt')}
      </label>
      <input
        ref={altRef}
        id={altId}
        className="signet-image-inspector__input"
        type="text"
        value={fields.altText}
        aria-describedby={isMissingAlt ? hintId : undefined}
        onChange={(event) => {
          const value = event.target.value;
          setFields((current) => ({ ...current, altText: value }));
          update((node) => node.setAltText(value));
        }}
      />
      {isMissingAlt && (
        <p id={hintId} className="signet-image-inspector__hint">
          {t('editor.imageInspector.altHint')}
        </p>
      )}
      <label className="signet-image-inspector__label" htmlFor={captionId}>
        {t('editor.imageInspector.caption')}
      </label>
      <input
        id={captionId}
        className="signet-image-inspector__input"
        type="text"
        value={fields.caption}
        onChange={(event) => {
          const value = event.target.value;
          setFields((current) => ({ ...current, caption: value }));
          update((node) => node.setCaption(value));
        }}
      />
      <div className="signet-image-inspector__actions">
        <button type="button" className="signet-button" onClick={close}>
          {t('editor.imageInspector.done')}
        </button>
        <button type="button" className="signet-button signet-button--danger" onClick={remove}>
          {t('editor.imageInspector.remove')}
        </button>
      </div>
    </div>
  );
}
