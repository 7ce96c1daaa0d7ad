import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $addUpdateTag,
  $createParagraphNode,
  $getNodeByKey,
  $getSelection,
  $isNodeSelection,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_LOW,
  HISTORY_PUSH_TAG,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  type LexicalEditor,
  type LexicalNode,
  mergeRegister,
  PASTE_COMMAND,
  PASTE_TAG,
  type ParagraphNode,
} from 'lexical';
import { useEffect } from 'react';

import { parseEmbedUrl, type ParsedEmbedUrl } from '../../../../electron/contract/embeds';
import { $createEmbedNode, $isEmbedNode, type EmbedNode } from '../../nodes/EmbedNode';

/** The MIME type of Lexical's own clipboard JSON (a copy from a Signet editor keeps its nodes). */
const LEXICAL_MIME = 'application/x-lexical-editor';

/** A paragraph directly in the document (not in a list, quote, table or snippet). */
function $isTopLevelParagraph(node: LexicalNode | null | undefined): node is ParagraphNode {
  const parent = node?.getParent() ?? null;
  return $isParagraphNode(node) && parent !== null && $isRootOrShadowRoot(parent);
}

/** The embed a top-level paragraph stands for when all it holds is an embeddable URL. */
export function $embedInParagraph(paragraph: LexicalNode | null | undefined): ParsedEmbedUrl | null {
  if (!$isTopLevelParagraph(paragraph)) return null;
  return parseEmbedUrl(paragraph.getTextContent());
}

/**
 * Replaces the paragraph by an embed node and puts the caret on the line after it (an empty
 * paragraph there, or a new one), where the author goes on writing.
 */
export function $convertParagraphToEmbed(paragraph: ParagraphNode, parsed: ParsedEmbedUrl): EmbedNode {
  const embed = $createEmbedNode({ url: parsed.url, provider: parsed.provider });
  paragraph.replace(embed);
  const next = embed.getNextSibling();
  if ($isParagraphNode(next) && next.isEmpty()) next.selectStart();
  else embed.insertAfter($createParagraphNode()).selectStart();
  return embed;
}

/** Backspace/Delete with embeds selected as blocks: they go, and the caret takes their place. */
function $removeSelectedEmbeds(event: KeyboardEvent | null): boolean {
  const selection = $getSelection();
  if (!$isNodeSelection(selection)) return false;
  const nodes = selection.getNodes();
  if (nodes.length === 0 || !nodes.every($isEmbedNode)) return false;
  event?.preventDefault();
  const last = nodes[nodes.length - 1]!;
  const first = nodes[0]!;
  const next = last.getNextSibling();
  const previous = first.getPreviousSibling();
  if (next !== null && !nodes.includes(next as EmbedNode)) next.selectStart();
  else if (previous !== null) previous.selectEnd();
  else last.insertAfter($createParagraphNode()).selectStart();
  for (const node of nodes) node.remove();
  return true;
}

/**
 * Registers the embed behaviour on an editor (EmbedPlugin, and tests without React):
 * - a YouTube/Vimeo/tweet URL pasted on an empty line becomes an embed. The paste writes the URL as
 *   text first (its own undo step), then the conversion is a second step, so one Undo gives back
 *   the plain URL;
 * - Enter at the end of a line that holds only such a URL turns the line into an embed and opens a
 *   new line below (one Undo gives the typed URL back);
 * - Backspace or Delete removes a selected embed.
 */
export function registerEmbeds(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerCommand(
      PASTE_COMMAND,
      (event) => {
        const data = 'clipboardData' in event ? event.clipboardData : null;
        if (data === null || data.getData(LEXICAL_MIME)) return false;
        const text = data.getData('text/plain').trim();
        const parsed = parseEmbedUrl(text);
        if (parsed === null) return false;
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
        const line = selection.anchor.getNode().getTopLevelElement();
        if (!$isTopLevelParagraph(line) || line.getTextContent().trim() !== '') return false;
        event.preventDefault();
        // Commands run inside an update already; the tag gives the paste its own undo step.
        $addUpdateTag(PASTE_TAG);
        selection.insertRawText(text);
        const key = line.getKey();
        // After the paste commits, so that it is a step of its own in the undo history.
        setTimeout(() => {
          editor.update(
            () => {
              const pasted = $getNodeByKey(key);
              const still = $embedInParagraph(pasted);
              if (still !== null && still.url === parsed.url && $isParagraphNode(pasted))
                $convertParagraphToEmbed(pasted, still);
            },
            { tag: HISTORY_PUSH_TAG, discrete: true },
          );
        }, 0);
        return true;
      },
      // Before PastePlugin (HIGH), which would import the clipboard's HTML link.
      COMMAND_PRIORITY_CRITICAL,
    ),
    editor.registerCommand(
      KEY_ENTER_COMMAND,
      (event) => {
        if (event?.shiftKey) return false;
        const selection = $getSelection();
        if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
        const line = selection.anchor.getNode().getTopLevelElement();
        const parsed = $embedInParagraph(line);
        if (parsed === null || !$isParagraphNode(line)) return false;
        // Only at the end of the line: Enter inside the URL splits it like any other text.
        const end = line.getLastDescendant();
        const anchor = selection.anchor;
        const atEnd =
          end === null ||
          (anchor.getNode().is(end) && anchor.offset === end.getTextContentSize()) ||
          (anchor.getNode().is(line) && anchor.offset === line.getChildrenSize());
        if (!atEnd) return false;
        event?.preventDefault();
        $addUpdateTag(HISTORY_PUSH_TAG);
        $convertParagraphToEmbed(line, parsed);
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
    editor.registerCommand(KEY_BACKSPACE_COMMAND, $removeSelectedEmbeds, COMMAND_PRIORITY_LOW),
    editor.registerCommand(KEY_DELETE_COMMAND, $removeSelectedEmbeds, COMMAND_PRIORITY_LOW),
  );
}

/** Turns YouTube, Vimeo and tweet URLs on a line of their own into embed nodes (see registerEmbeds). */
export function EmbedPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerEmbeds(editor), [editor]);
  return null;
}
