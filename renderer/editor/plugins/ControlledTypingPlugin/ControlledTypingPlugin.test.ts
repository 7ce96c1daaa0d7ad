// @vitest-environment happy-dom
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerRichText } from '@lexical/rich-text';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  BEFORE_INPUT_COMMAND,
  COMMAND_PRIORITY_LOW,
  type LexicalEditor,
  UNDO_COMMAND,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';

import { installBrowserNodeName } from '../../testing/happyDomNodeName';
import { createTestEditor } from '../../testing/headlessEditor';
import { registerControlledTyping } from './index';

installBrowserNodeName();

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const undo of cleanup) undo();
  cleanup = [];
});

/** The beforeinput events the plugin passed on to the handlers after it (Lexical's own, in the app). */
let passedOn: InputEvent[] = [];

/** An editor holding one paragraph `text` (a token node when `token`), the caret at `caret`. */
function setup(text: string, caret: number, { token = false, select = 0 } = {}): LexicalEditor {
  const editor = createTestEditor();
  passedOn = [];
  cleanup.push(registerRichText(editor), registerHistory(editor, createEmptyHistoryState(), 1000));
  cleanup.push(registerControlledTyping(editor));
  // Stands in for Lexical's own handler (a lower priority still), which a DOM-less editor cannot run.
  cleanup.push(
    editor.registerCommand(
      BEFORE_INPUT_COMMAND,
      (event) => {
        passedOn.push(event);
        return true;
      },
      COMMAND_PRIORITY_LOW,
    ),
  );
  editor.update(
    () => {
      const node = $createTextNode(text);
      if (token) node.setMode('token');
      $getRoot().clear().append($createParagraphNode().append(node));
      node.select(caret, caret + select);
    },
    { discrete: true },
  );
  return editor;
}

function beforeInput(init: InputEventInit): InputEvent {
  return new InputEvent('beforeinput', { cancelable: true, ...init });
}

/** Sends `event` to the editor as Lexical's beforeinput listener does, in an update of its own. */
function dispatchBeforeInput(editor: LexicalEditor, event: InputEvent): void {
  editor.update(() => void editor.dispatchCommand(BEFORE_INPUT_COMMAND, event), { discrete: true });
}

function state(editor: LexicalEditor): { text: string; caret: number | null } {
  return editor.getEditorState().read(() => {
    const selection = $getSelection();
    return {
      text: $getRoot().getTextContent(),
      caret: $isRangeSelection(selection) && selection.isCollapsed() ? selection.anchor.offset : null,
    };
  });
}

describe('ControlledTypingPlugin', () => {
  it('types a character at the caret in the editor state and keeps the browser from inserting it', () => {
    const editor = setup('helo', 3);
    const event = beforeInput({ inputType: 'insertText', data: 'l' });
    dispatchBeforeInput(editor, event);
    expect(passedOn).toEqual([]);
    expect(event.defaultPrevented).toBe(true);
    expect(state(editor)).toEqual({ text: 'hello', caret: 4 });
  });

  it('types a run of characters that one undo takes back, as typing in the browser does', () => {
    const editor = setup('draft', 5);
    for (const data of ' one') {
      dispatchBeforeInput(editor, beforeInput({ inputType: 'insertText', data }));
    }
    expect(state(editor)).toEqual({ text: 'draft one', caret: 9 });
    editor.update(() => void editor.dispatchCommand(UNDO_COMMAND, undefined), { discrete: true });
    expect(state(editor).text).toBe('draft');
  });

  it.each([
    ['a composition (IME, dead key)', { inputType: 'insertText', data: 'é', isComposing: true }],
    ['composition text', { inputType: 'insertCompositionText', data: 'é' }],
    ['more than one character', { inputType: 'insertText', data: 'ab' }],
    ['an emoji (two UTF-16 units)', { inputType: 'insertText', data: '😀' }],
    ['a line break', { inputType: 'insertText', data: '\n' }],
    ['a paragraph break', { inputType: 'insertParagraph', data: null }],
    ['a deletion', { inputType: 'deleteContentBackward', data: null }],
  ] as const)('leaves %s to Lexical', (_, init) => {
    const editor = setup('text', 2);
    const event = beforeInput(init);
    dispatchBeforeInput(editor, event);
    expect(passedOn).toEqual([event]);
    expect(event.defaultPrevented).toBe(false);
    expect(state(editor).text).toBe('text');
  });

  it('leaves typing over a selection, and typing into a token node, to Lexical', () => {
    for (const [text, caret, options] of [
      ['text', 1, { select: 2 }],
      ['#tag', 2, { token: true }],
    ] as const) {
      const editor = setup(text, caret, options);
      const event = beforeInput({ inputType: 'insertText', data: 'x' });
      dispatchBeforeInput(editor, event);
      expect(passedOn).toEqual([event]);
      expect(event.defaultPrevented).toBe(false);
      expect(state(editor).text).toBe(text);
    }
  });

  it('leaves a character to Lexical while a native insertion still waits for its input event', () => {
    const editor = setup('text', 2);
    editor._inputState.unprocessedBeforeInputData = 'q';
    const event = beforeInput({ inputType: 'insertText', data: 'x' });
    dispatchBeforeInput(editor, event);
    expect(passedOn).toEqual([event]);
    expect(event.defaultPrevented).toBe(false);
    expect(state(editor).text).toBe('text');
  });
});
