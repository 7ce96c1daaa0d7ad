import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import {
  $getNodeByKey,
  $getSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  createCommand,
  type LexicalCommand,
  type LexicalEditor,
  mergeRegister,
  type NodeKey,
} from 'lexical';
import { useEffect } from 'react';

import { t } from '../../../../electron/contract/i18n';
import { $createImageNode, $isImageNode, type ImagePayload } from '../../nodes/ImageNode';
import { $insertBlockAtCaret } from '../../utils/insertBlock';
import { $restoreSelection } from '../../utils/restoreSelection';
import { useLatest } from '../../utils/useLatest';

export type ImageFilesHandler = (files: File[]) => Promise<Array<{ fileName: string; url: string }>>;

/** Inserts image nodes at the caret (or after the selected block). */
export const INSERT_IMAGE_COMMAND: LexicalCommand<ImagePayload[]> = createCommand('INSERT_IMAGE_COMMAND');

/** Copies image files into the draft's assets (via the host) and inserts them where the caret was. */
export const INSERT_IMAGE_FILES_COMMAND: LexicalCommand<File[]> = createCommand('INSERT_IMAGE_FILES_COMMAND');

function isImageFile(file: File): boolean {
  return file.type.startsWith('image/');
}

async function insertImageFiles(
  editor: LexicalEditor,
  files: File[],
  onImageFiles: ImageFilesHandler,
  onError: (message: string) => void,
): Promise<void> {
  const images = files.filter(isImageFile);
  if (images.length === 0) {
    if (files.length > 0) onError(t('editor.images.notImages'));
    return;
  }
  const saved = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
  let stored: Array<{ fileName: string; url: string }>;
  try {
    stored = await onImageFiles(images);
  } catch (error) {
    onError(t('editor.images.addFailed', { error: error instanceof Error ? error.message : String(error) }));
    return;
  }
  if (stored.length === 0) return;
  editor.update(() => {
    $restoreSelection(saved);
    for (const { fileName } of stored) $insertBlockAtCaret($createImageNode({ fileName }));
  });
}

function dataUrlToFile(dataUrl: string, index: number): File | null {
  const match = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is.exec(dataUrl);
  if (match === null) return null;
  const [, type = 'image/png', base64 = ''] = match;
  let binary: string;
  try {
    binary = atob(base64.replace(/\s+/g, ''));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const extension = type.split('/')[1]?.replace('jpeg', 'jpg').replace(/\+.*$/, '') ?? 'png';
  return new File([bytes], `pasted-image-${index + 1}.${extension}`, { type });
}

/**
 * Pasted HTML from word processors embeds images as data: URIs. They are shown at once, then
 * copied into the draft's assets so the draft JSON stays small and the publisher can upload them.
 * If copying fails the data: URI stays, so nothing the author pasted is lost.
 */
export async function storeDataImages(
  editor: LexicalEditor,
  nodeKeys: NodeKey[],
  onImageFiles: ImageFilesHandler,
  onError: (message: string) => void,
): Promise<void> {
  const pending = editor.getEditorState().read(() =>
    nodeKeys.flatMap((key, index) => {
      const node = $getNodeByKey(key);
      const src = $isImageNode(node) ? node.getSrc() : undefined;
      const file = src !== undefined ? dataUrlToFile(src, index) : null;
      return file !== null ? [{ key, file }] : [];
    }),
  );
  if (pending.length === 0) return;
  let stored: Array<{ fileName: string }>;
  try {
    stored = await onImageFiles(pending.map(({ file }) => file));
  } catch (error) {
    onError(
      t('editor.images.pastedFailed', { error: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  editor.update(() => {
    pending.forEach(({ key }, index) => {
      const node = $getNodeByKey(key);
      const fileName = stored[index]?.fileName;
      if ($isImageNode(node) && fileName !== undefined) node.setFileName(fileName);
    });
  });
}

interface ImagesPluginProps {
  onImageFiles: ImageFilesHandler;
  onError: (message: string) => void;
}

export function ImagesPlugin({ onImageFiles, onError }: ImagesPluginProps): null {
  const [editor] = useLexicalComposerContext();
  const handlers = useLatest({ onImageFiles, onError });

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_IMAGE_COMMAND,
          (payloads) => {
            for (const payload of payloads) $insertBlockAtCaret($createImageNode(payload));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INSERT_IMAGE_FILES_COMMAND,
          (files) => {
            void insertImageFiles(editor, files, handlers.current.onImageFiles, handlers.current.onError);
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        // Lexical dispatches this for files pasted or dropped into the editor.
        editor.registerCommand(
          DRAG_DROP_PASTE,
          (files) => {
            if (!files.some(isImageFile)) return false;
            void insertImageFiles(editor, files, handlers.current.onImageFiles, handlers.current.onError);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor, handlers],
  );
  return null;
}
