import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createNodeSelection,
  $getNodeByKey,
  $getSelection,
  $isNodeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  HISTORY_MERGE_TAG,
  KEY_TAB_COMMAND,
  mergeRegister,
  type NodeKey,
  SKIP_DOM_SELECTION_TAG,
} from 'lexical';
import { type JSX, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';

import { $isImageNode, type ImageNode } from '../../nodes/ImageNode';

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
 * the panel; Escape goes back to the image.
 */
export function ImageInspectorPlugin(): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [image, setImage] = useState<InspectedImage | null>(null);
  // What the inputs show. Kept locally because the node changes only after Lexical commits the
  // update, and a controlled input fed from the node would jump its caret on every keystroke.
  const [fields, setFields] = useState({ altText: '', caption: '' });
  const panelRef = useRef<HTMLDivElement>(null);
  const altRef = useRef<HTMLInputElement>(null);
  // The first change in a visit to the panel starts an undo step; later ones merge into it, so one
  // Ctrl+Z undoes a whole alt text rather than one character.
  const hasEditedRef = useRef(false);
  const altId = useId();
  const captionId = useId();
  const hintId = useId();

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read(() => {
            const node = $selectedImage();
            return node === null ? null : { key: node.getKey(), altText: node.getAltText(), caption: node.getCaption() };
          });
          // While the author types in the panel the editor selection is unchanged, but focus is
          // here; keep the panel for that image even if something else cleared the selection.
          const isEditingInPanel = panelRef.current?.contains(document.activeElement) ?? false;
          // Follow the node (another image selected, undo) unless the author is typing in the panel.
          if (next !== null && !isEditingInPanel) {
            setFields((current) =>
              current.altText === next.altText && current.caption === next.caption
                ? current
                : { altText: next.altText, caption: next.caption },
            );
          }
          setImage((current) => {
            if (next === null) return isEditingInPanel ? current : null;
            if (current !== null && current.key === next.key && current.altText === next.altText && current.caption === next.caption) {
              return current;
            }
            return next;
          });
        }),
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            if (event.shiftKey || editor.getEditorState().read($selectedImage) === null) return false;
            event.preventDefault();
            altRef.current?.focus();
            return true;
          },
          COMMAND_PRIORITY_HIGH,
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
      const tags = [SKIP_DOM_SELECTION_TAG];
      if (hasEditedRef.current) tags.push(HISTORY_MERGE_TAG);
      hasEditedRef.current = true;
      editor.update(
        () => {
          const node = $getNodeByKey(image.key);
          if ($isImageNode(node)) change(node);
        },
        // Focus is in the panel: reconciling must not pull the DOM selection back into the editor.
        { tag: tags },
      );
    },
    [editor, image],
  );

  const returnToImage = useCallback(() => {
    if (image === null) return;
    editor.update(() => {
      const selection = $createNodeSelection();
      selection.add(image.key);
      $setSelection(selection);
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

  if (image === null) return null;
  const isMissingAlt = fields.altText.trim().length === 0;

  return (
    <div
      ref={panelRef}
      className="signet-image-inspector"
      role="group"
      aria-label="Image details"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) hasEditedRef.current = false;
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          returnToImage();
        }
      }}
    >
      <label className="signet-image-inspector__label" htmlFor={altId}>
        Alt text
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
          Describe the image for readers who cannot see it.
        </p>
      )}
      <label className="signet-image-inspector__label" htmlFor={captionId}>
        Caption
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
        <button type="button" className="signet-button" onClick={returnToImage}>
          Done
        </button>
        <button type="button" className="signet-button signet-button--danger" onClick={remove}>
          Remove image
        </button>
      </div>
    </div>
  );
}
