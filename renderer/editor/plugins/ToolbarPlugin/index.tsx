import { $createCodeNode, $isCodeNode } from '@lexical/code';
import { $isLinkNode } from '@lexical/link';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findTableNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableCellNode,
  $isTableSelection,
  INSERT_TABLE_COMMAND,
} from '@lexical/table';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  type ElementNode,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
  type LexicalNode,
  mergeRegister,
  REDO_COMMAND,
  type TextFormatType,
  UNDO_COMMAND,
} from 'lexical';
import {
  type JSX,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

import { t } from '../../../../electron/contract/i18n';
import { INSERT_IMAGE_FILES_COMMAND } from '../ImagesPlugin';
import {
  BulletListIcon,
  CodeBlockIcon,
  ImageIcon,
  InlineCodeIcon,
  LinkIcon,
  NumberedListIcon,
  QuoteIcon,
  ReadMoreIcon,
  RedoIcon,
  RuleIcon,
  SnippetIcon,
  TableIcon,
  UndoIcon,
} from './icons';
import type { EditorFormat } from '../../../commands/registry';
import { OPEN_LINK_EDITOR_COMMAND } from '../LinkEditorPlugin';
import { INSERT_READ_MORE_COMMAND } from '../ReadMorePlugin';
import { OPEN_SNIPPET_PICKER_COMMAND } from '../SnippetsPlugin';

type BlockType = 'paragraph' | 'h2' | 'h3' | 'h4' | 'bullet' | 'number' | 'quote' | 'code' | 'other';

interface ToolbarState {
  blockType: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  code: boolean;
  isLink: boolean;
  isInTable: boolean;
}

const NO_SELECTION: ToolbarState = {
  blockType: 'other',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  code: false,
  isLink: false,
  isInTable: false,
};

function $blockOf(node: LexicalNode): LexicalNode {
  return (
    $findMatchingParent(node, (candidate) => {
      const parent = candidate.getParent();
      return parent !== null && $isRootOrShadowRoot(parent);
    }) ?? node
  );
}

function $blockTypeOf(node: LexicalNode): BlockType {
  const list = $getNearestNodeOfType(node, ListNode);
  if ($isListNode(list)) {
    const type = list.getListType();
    return type === 'number' ? 'number' : type === 'bullet' ? 'bullet' : 'other';
  }
  const block = $blockOf(node);
  if ($isHeadingNode(block)) {
    const tag = block.getTag();
    return tag === 'h3' ? 'h3' : tag === 'h4' || tag === 'h5' || tag === 'h6' ? 'h4' : 'h2';
  }
  if ($isQuoteNode(block)) return 'quote';
  if ($isCodeNode(block)) return 'code';
  if ($isParagraphNode(block)) return 'paragraph';
  return 'other';
}

// Runs on every editor update (every keystroke), so it only looks at the caret's ancestors.
function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if ($isTableSelection(selection)) return { ...NO_SELECTION, isInTable: true };
  if (!$isRangeSelection(selection)) return NO_SELECTION;
  const anchor = selection.anchor.getNode();
  const focus = selection.focus.getNode();
  return {
    blockType: anchor.getKey() === 'root' ? 'other' : $blockTypeOf(anchor),
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    code: selection.hasFormat('code'),
    isLink:
      $findMatchingParent(anchor, $isLinkNode) !== null || $findMatchingParent(focus, $isLinkNode) !== null,
    isInTable: $findMatchingParent(anchor, $isTableCellNode) !== null,
  };
}

function sameState(a: ToolbarState, b: ToolbarState): boolean {
  return (Object.keys(a) as Array<keyof ToolbarState>).every((key) => a[key] === b[key]);
}

function $setBlock(create: () => ElementNode): void {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) $setBlocksType(selection, create);
}

function setBlockType(editor: LexicalEditor, current: BlockType, target: BlockType): void {
  // Pressing the button of the current block type turns it back into a paragraph.
  const next = current === target ? 'paragraph' : target;
  if (current === 'bullet' || current === 'number') {
    if (next === 'bullet' || next === 'number') {
      editor.dispatchCommand(
        next === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    if (next === 'paragraph') {
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      return;
    }
  }
  if (next === 'bullet') return void editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
  if (next === 'number') return void editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
  editor.update(() => {
    switch (next) {
      case 'h2':
      case 'h3':
      case 'h4':
        $setBlock(() => $createHeadingNode(next));
        break;
      case 'quote':
        $setBlock(() => $createQuoteNode());
        break;
      case 'code': {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) break;
        if (selection.isCollapsed()) {
          $setBlocksType(selection, () => $createCodeNode());
        } else {
          // Several selected paragraphs become one code block with their lines, not one block each.
          const text = selection.getTextContent();
          const codeNode = $createCodeNode();
          selection.insertNodes([codeNode]);
          const inside = $getSelection();
          if ($isRangeSelection(inside)) inside.insertRawText(text);
        }
        break;
      }
      default:
        $setBlock(() => $createParagraphNode());
    }
  });
}

const IS_APPLE =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
/** What the palette's Format commands ask of the editor (the same as the toolbar's buttons). */
export type EditorFormatCommand = EditorFormat;

/** Does what the toolbar button of `command` does, on the editor's (possibly blurred) selection. */
export function applyFormatCommand(editor: LexicalEditor, command: EditorFormatCommand): void {
  switch (command) {
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
    case 'code':
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, command);
      return;
    case 'link':
      editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined);
      return;
    case 'undo':
      editor.dispatchCommand(UNDO_COMMAND, undefined);
      return;
    case 'redo':
      editor.dispatchCommand(REDO_COMMAND, undefined);
      return;
    default: {
      // As the button: the current block's own type turns it back into a paragraph.
      const current = editor.getEditorState().read(() => $readToolbarState().blockType);
      setBlockType(editor, current, command);
    }
  }
}

const MOD = IS_APPLE ? '⌘' : 'Ctrl+';

interface ToolButtonProps {
  label: string;
  shortcut?: string;
  /** The shortcut in `aria-keyshortcuts` syntax, for assistive technology. */
  keyShortcuts?: string;
  hasPopup?: 'dialog';
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

function ToolButton({
  label,
  shortcut,
  keyShortcuts,
  hasPopup,
  pressed,
  disabled,
  onClick,
  children,
}: ToolButtonProps): JSX.Element {
  return (
    <button
      type="button"
      className="signet-toolbar__button"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={keyShortcuts}
      aria-haspopup={hasPopup}
      title={shortcut ? t('editor.toolbar.withShortcut', { label, shortcut }) : label}
      disabled={disabled}
      // Keep focus (and the caret) in the document when a button is clicked with the mouse.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}

function Separator(): JSX.Element {
  return <span className="signet-toolbar__separator" role="separator" aria-orientation="vertical" />;
}

interface ToolbarPluginProps {
  /** A snippet's content: no images, no read-more break, no snippets inside it. */
  isSnippet?: boolean;
  /** The library is available: offer "Insert snippet". */
  canInsertSnippets?: boolean;
}

/**
 * The formatting toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar pattern),
 * Escape returns to the document. Toggle buttons expose `aria-pressed` for the caret's formatting.
 */
export function ToolbarPlugin({
  isSnippet = false,
  canInsertSnippets = false,
}: ToolbarPluginProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(NO_SELECTION);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readToolbarState);
          // Same object back when nothing changed, so typing does not re-render the toolbar.
          setState((current) => (sameState(current, next) ? current : next));
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (payload) => {
            setCanUndo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (payload) => {
            setCanRedo(payload);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  // Roving tab index: exactly one enabled button is in the tab order.
  useLayoutEffect(() => {
    const toolbar = toolbarRef.current;
    if (toolbar === null) return;
    const buttons = Array.from(toolbar.querySelectorAll<HTMLButtonElement>('button'));
    const enabled = buttons.filter((button) => !button.disabled);
    const current = enabled.find((button) => button.tabIndex === 0) ?? enabled[0];
    for (const button of buttons) button.tabIndex = button === current ? 0 : -1;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const toolbar = toolbarRef.current;
    if (toolbar === null) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      editor.focus();
      return;
    }
    const buttons = Array.from(toolbar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % buttons.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = buttons[next];
    if (target === undefined) return;
    for (const button of buttons) button.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  };

  const format = (type: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);
  const block = (target: BlockType) => setBlockType(editor, state.blockType, target);
  // Lexical's table helpers assert a range or table selection; do nothing without one.
  const table = (change: () => void) =>
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection) || $isTableSelection(selection)) change();
    });

  return (
    <>
      <div
        ref={toolbarRef}
        className="signet-toolbar"
        role="toolbar"
        aria-label={t('editor.toolbar.label')}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          // The button that last had focus is where Tab comes back to.
          if (event.target instanceof HTMLButtonElement && toolbarRef.current !== null) {
            for (const button of toolbarRef.current.querySelectorAll('button')) button.tabIndex = -1;
            event.target.tabIndex = 0;
          }
        }}
      >
        <ToolButton
          label={t('editor.toolbar.undo')}
          shortcut={`${MOD}Z`}
          disabled={!canUndo}
          onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}
        >
          <UndoIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.redo')}
          shortcut={IS_APPLE ? '⇧⌘Z' : 'Ctrl+Y'}
          disabled={!canRedo}
          onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}
        >
          <RedoIcon />
        </ToolButton>
        <Separator />
        <ToolButton
          label={t('editor.toolbar.paragraph')}
          pressed={state.blockType === 'paragraph'}
          onClick={() => block('paragraph')}
        >
          {t('editor.toolbar.paragraph.glyph')}
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.heading2')}
          pressed={state.blockType === 'h2'}
          onClick={() => block('h2')}
        >
          {t('editor.toolbar.heading2.glyph')}
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.heading3')}
          pressed={state.blockType === 'h3'}
          onClick={() => block('h3')}
        >
          {t('editor.toolbar.heading3.glyph')}
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.heading4')}
          pressed={state.blockType === 'h4'}
          onClick={() => block('h4')}
        >
          {t('editor.toolbar.heading4.glyph')}
        </ToolButton>
        <Separator />
        <ToolButton
          label={t('editor.toolbar.bold')}
          shortcut={`${MOD}B`}
          pressed={state.bold}
          onClick={() => format('bold')}
        >
          <b>{t('editor.toolbar.bold.glyph')}</b>
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.italic')}
          shortcut={`${MOD}I`}
          pressed={state.italic}
          onClick={() => format('italic')}
        >
          <i>{t('editor.toolbar.italic.glyph')}</i>
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.underline')}
          shortcut={`${MOD}U`}
          pressed={state.underline}
          onClick={() => format('underline')}
        >
          <u>{t('editor.toolbar.underline.glyph')}</u>
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.strikethrough')}
          pressed={state.strikethrough}
          onClick={() => format('strikethrough')}
        >
          <s>{t('editor.toolbar.strikethrough.glyph')}</s>
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.inlineCode')}
          pressed={state.code}
          onClick={() => format('code')}
        >
          <InlineCodeIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.link')}
          shortcut={`${MOD}K`}
          pressed={state.isLink}
          onClick={() => editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined)}
        >
          <LinkIcon />
        </ToolButton>
        <Separator />
        <ToolButton
          label={t('editor.toolbar.bulletList')}
          pressed={state.blockType === 'bullet'}
          onClick={() => block('bullet')}
        >
          <BulletListIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.numberedList')}
          pressed={state.blockType === 'number'}
          onClick={() => block('number')}
        >
          <NumberedListIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.quote')}
          pressed={state.blockType === 'quote'}
          onClick={() => block('quote')}
        >
          <QuoteIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.codeBlock')}
          pressed={state.blockType === 'code'}
          onClick={() => block('code')}
        >
          <CodeBlockIcon />
        </ToolButton>
        <Separator />
        <ToolButton
          label={t('editor.toolbar.insertTable')}
          onClick={() =>
            editor.dispatchCommand(INSERT_TABLE_COMMAND, {
              rows: '3',
              columns: '3',
              includeHeaders: { rows: true, columns: false },
            })
          }
        >
          <TableIcon />
        </ToolButton>
        <ToolButton
          label={t('editor.toolbar.horizontalRule')}
          onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}
        >
          <RuleIcon />
        </ToolButton>
        {!isSnippet && (
          <>
            <ToolButton
              label={t('editor.toolbar.readMore')}
              onClick={() => editor.dispatchCommand(INSERT_READ_MORE_COMMAND, undefined)}
            >
              <ReadMoreIcon />
            </ToolButton>
            <ToolButton label={t('editor.toolbar.insertImage')} onClick={() => fileInputRef.current?.click()}>
              <ImageIcon />
            </ToolButton>
          </>
        )}
        {!isSnippet && canInsertSnippets && (
          <ToolButton
            label={t('editor.toolbar.insertSnippet')}
            shortcut={IS_APPLE ? '⇧⌘S' : 'Ctrl+Shift+S'}
            keyShortcuts={IS_APPLE ? 'Meta+Shift+S' : 'Control+Shift+S'}
            hasPopup="dialog"
            onClick={() => editor.dispatchCommand(OPEN_SNIPPET_PICKER_COMMAND, undefined)}
          >
            <SnippetIcon />
          </ToolButton>
        )}
        {state.isInTable && (
          <>
            <Separator />
            <span className="signet-toolbar__group" role="group" aria-label={t('editor.toolbar.table')}>
              <ToolButton
                label={t('editor.toolbar.insertRow')}
                onClick={() => table(() => void $insertTableRowAtSelection(true))}
              >
                {t('editor.toolbar.insertRow.glyph')}
              </ToolButton>
              <ToolButton
                label={t('editor.toolbar.insertColumn')}
                onClick={() => table(() => void $insertTableColumnAtSelection(true))}
              >
                {t('editor.toolbar.insertColumn.glyph')}
              </ToolButton>
              <ToolButton
                label={t('editor.toolbar.deleteRow')}
                onClick={() => table(() => $deleteTableRowAtSelection())}
              >
                {t('editor.toolbar.deleteRow.glyph')}
              </ToolButton>
              <ToolButton
                label={t('editor.toolbar.deleteColumn')}
                onClick={() => table(() => $deleteTableColumnAtSelection())}
              >
                {t('editor.toolbar.deleteColumn.glyph')}
              </ToolButton>
              <ToolButton
                label={t('editor.toolbar.deleteTable')}
                onClick={() =>
                  table(() => {
                    const selection = $getSelection();
                    const node = $isRangeSelection(selection)
                      ? selection.anchor.getNode()
                      : selection?.getNodes()[0];
                    const tableNode = node !== undefined ? $findTableNode(node) : null;
                    if (tableNode === null) return;
                    tableNode.selectPrevious();
                    tableNode.remove();
                  })
                }
              >
                {t('editor.toolbar.deleteTable.glyph')}
              </ToolButton>
            </span>
          </>
        )}
      </div>
      {/* Outside the toolbar so assistive tech does not list it next to "Insert image". */}
      {!isSnippet && (
        <input
          ref={fileInputRef}
          className="signet-visually-hidden"
          type="file"
          accept="image/*"
          multiple
          tabIndex={-1}
          aria-label={t('editor.toolbar.chooseImageFile')}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            // Reset so choosing the same file again still fires a change.
            event.target.value = '';
            if (files.length > 0) editor.dispatchCommand(INSERT_IMAGE_FILES_COMMAND, files);
          }}
        />
      )}
    </>
  );
}
