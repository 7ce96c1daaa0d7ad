import { $isCodeNode } from '@lexical/code';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $generateNodesFromDOM } from '@lexical/html';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent } from '@lexical/utils';
import {
  $addUpdateTag,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  type LexicalEditor,
  type LexicalNode,
  PASTE_COMMAND,
  PASTE_TAG,
} from 'lexical';
import { useEffect } from 'react';

import { $isImageNode } from '../../nodes/ImageNode';
import { isDataImageSrc } from '../../nodes/imageSources';
import { sanitizePastedHtmlToDom } from '../../serialization/sanitizePastedHtml';
import { useLatest } from '../../utils/useLatest';
import { storeDataImages, type ImageFilesHandler } from '../ImagesPlugin';

const LEXICAL_MIME = 'application/x-lexical-editor';

/** True when the clipboard holds Lexical JSON copied from a Signet editor (same namespace). */
function isOwnLexicalPayload(data: DataTransfer, editor: LexicalEditor): boolean {
  const payload = data.getData(LEXICAL_MIME);
  if (!payload) return false;
  try {
    const parsed: unknown = JSON.parse(payload);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      'namespace' in parsed &&
      parsed.namespace === editor._config.namespace
    );
  } catch {
    return false;
  }
}

function collectDataImageKeys(nodes: LexicalNode[]): string[] {
  const keys: string[] = [];
  const visit = (node: LexicalNode) => {
    if ($isImageNode(node)) {
      const src = node.getSrc();
      if (src !== undefined && isDataImageSrc(src)) keys.push(node.getKey());
    }
    if ($isElementNode(node)) node.getChildren().forEach(visit);
  };
  nodes.forEach(visit);
  return keys;
}

interface PastePluginProps {
  onImageFiles: ImageFilesHandler;
  onError: (message: string) => void;
}

/**
 * HTML pastes go through sanitizePastedHtmlToDom before Lexical sees them. Registered above Lexical's
 * own rich-text paste handler, which would import the clipboard HTML as is.
 *
 * Left to Lexical: Signet's own clipboard JSON (exact nodes; ContentRulesPlugin still checks
 * links and headings), plain text, and files (they arrive as DRAG_DROP_PASTE in ImagesPlugin).
 */
export function PastePlugin({ onImageFiles, onError }: PastePluginProps): null {
  const [editor] = useLexicalComposerContext();
  const handlers = useLatest({ onImageFiles, onError });

  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (data === null || isOwnLexicalPayload(data, editor)) return false;
          const html = data.getData('text/html');
          if (!html) return false;

          const selection = $getSelection();
          if (selection === null) return false;
          event.preventDefault();

          // Commands run inside an update already; the tag gives the paste its own undo step.
          $addUpdateTag(PASTE_TAG);

          // Inside a code block only the text makes sense.
          if ($isRangeSelection(selection) && $findMatchingParent(selection.anchor.getNode(), $isCodeNode)) {
            selection.insertRawText(data.getData('text/plain'));
            return true;
          }

          // The sanitised <body> itself: parsing the page a second time costs as much as the first.
          const nodes = $generateNodesFromDOM(editor, sanitizePastedHtmlToDom(html));
          const dataImageKeys = collectDataImageKeys(nodes);
          $insertGeneratedNodes(editor, nodes, selection);
          if (dataImageKeys.length > 0) {
            // After this update commits, so the new image nodes are in the editor state it reads.
            const { onImageFiles: store, onError: report } = handlers.current;
            setTimeout(() => void storeDataImages(editor, dataImageKeys, store, report), 0);
          }
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, handlers],
  );
  return null;
}
