// @vitest-environment happy-dom
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import {
  $createNodeSelection,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  type LexicalEditor,
  PASTE_COMMAND,
  type SerializedEditorState,
  UNDO_COMMAND,
} from 'lexical';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { $createEmbedNode, $isEmbedNode } from '../../nodes/EmbedNode';
import { installBrowserNodeName } from '../../testing/happyDomNodeName';
import { createTestEditor } from '../../testing/headlessEditor';
import { registerEmbeds } from './index';

installBrowserNodeName();

const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

/** The document's blocks as `type` or `type:text` / `embed:url`. */
function blocks(editor: LexicalEditor): string[] {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((node) => {
        if ($isEmbedNode(node)) return `embed:${node.getProvider()}:${node.getURL()}`;
        const text = node.getTextContent();
        return text === '' ? node.getType() : `${node.getType()}:${text}`;
      }),
  );
}

/** An editor with history and the embed behaviour, holding `lines` (the caret at the end of `caretLine`). */
function setup(lines: string[], caretLine = lines.length - 1): LexicalEditor {
  const editor = createTestEditor();
  registerHistory(editor, createEmptyHistoryState(), 0);
  registerEmbeds(editor);
  editor.update(
    () => {
      const paragraphs = lines.map((line) =>
        $createParagraphNode().append(...(line === '' ? [] : [$createTextNode(line)])),
      );
      $getRoot()
        .clear()
        .append(...paragraphs);
      paragraphs[caretLine]!.selectEnd();
    },
    { discrete: true },
  );
  return editor;
}

function pasteEvent(data: Record<string, string>): ClipboardEvent {
  return {
    clipboardData: { getData: (type: string) => data[type] ?? '' },
    preventDefault: vi.fn(),
  } as unknown as ClipboardEvent;
}

function paste(editor: LexicalEditor, data: Record<string, string>): boolean {
  let handled = false;
  editor.update(
    () => {
      handled = editor.dispatchCommand(PASTE_COMMAND, pasteEvent(data));
    },
    { discrete: true },
  );
  return handled;
}

function command<T>(
  editor: LexicalEditor,
  type: Parameters<LexicalEditor['dispatchCommand']>[0],
  payload: T,
) {
  let handled = false;
  editor.update(
    () => {
      handled = editor.dispatchCommand(type as never, payload as never);
    },
    { discrete: true },
  );
  return handled;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EmbedPlugin: paste', () => {
  it('turns a URL pasted on an empty line into an embed, and one undo gives the text back', () => {
    const editor = setup(['Intro', '']);
    expect(paste(editor, { 'text/plain': ` https://youtu.be/dQw4w9WgXcQ \n` })).toBe(true);
    // The paste itself writes the URL as text…
    expect(blocks(editor)).toEqual(['paragraph:Intro', 'paragraph:https://youtu.be/dQw4w9WgXcQ']);
    // …and the conversion follows as a step of its own.
    vi.runAllTimers();
    expect(blocks(editor)).toEqual(['paragraph:Intro', `embed:youtube:${YOUTUBE}`, 'paragraph']);
    editor.getEditorState().read(() => {
      const selection = $getSelection();
      expect($isRangeSelection(selection) && selection.anchor.getNode().getIndexWithinParent()).toBe(2);
    });
    command(editor, UNDO_COMMAND, undefined);
    expect(blocks(editor)).toEqual(['paragraph:Intro', 'paragraph:https://youtu.be/dQw4w9WgXcQ']);
  });

  it('takes the clipboard’s text over its HTML link', () => {
    const editor = setup(['']);
    paste(editor, {
      'text/html': `<a href="${YOUTUBE}">${YOUTUBE}</a>`,
      'text/plain': 'https://x.com/WordPress/status/1580661436132757506',
    });
    vi.runAllTimers();
    expect(blocks(editor)).toEqual([
      'embed:twitter:https://twitter.com/WordPress/status/1580661436132757506',
      'paragraph',
    ]);
  });

  it('leaves other pastes alone: a line with text, other URLs, Signet’s own clipboard', () => {
    const onLine = setup(['Watch ']);
    expect(paste(onLine, { 'text/plain': YOUTUBE })).toBe(false);
    const other = setup(['']);
    expect(paste(other, { 'text/plain': 'https://example.com/video' })).toBe(false);
    expect(paste(other, { 'text/plain': `${YOUTUBE} and more` })).toBe(false);
    const own = setup(['']);
    expect(paste(own, { 'text/plain': YOUTUBE, 'application/x-lexical-editor': '{}' })).toBe(false);
    vi.runAllTimers();
    expect(blocks(onLine)).toEqual(['paragraph:Watch ']);
    expect(blocks(other)).toEqual(['paragraph']);
  });

  it('does not convert when the line changed before the conversion ran', () => {
    const editor = setup(['']);
    paste(editor, { 'text/plain': YOUTUBE });
    editor.update(() => $getSelection()?.insertText(' is good'), { discrete: true });
    vi.runAllTimers();
    expect(blocks(editor)).toEqual([`paragraph:${YOUTUBE} is good`]);
  });
});

describe('EmbedPlugin: Enter', () => {
  it('turns a typed URL into an embed on Enter at the end of the line; undo restores the text', () => {
    const editor = setup(['Intro', 'http://vimeo.com/76979871', 'Outro'], 1);
    expect(command(editor, KEY_ENTER_COMMAND, null)).toBe(true);
    expect(blocks(editor)).toEqual([
      'paragraph:Intro',
      'embed:vimeo:https://vimeo.com/76979871',
      'paragraph',
      'paragraph:Outro',
    ]);
    command(editor, UNDO_COMMAND, undefined);
    expect(blocks(editor)).toEqual([
      'paragraph:Intro',
      'paragraph:http://vimeo.com/76979871',
      'paragraph:Outro',
    ]);
  });

  it('reuses an empty line below instead of adding another', () => {
    const editor = setup([YOUTUBE, ''], 0);
    command(editor, KEY_ENTER_COMMAND, null);
    expect(blocks(editor)).toEqual([`embed:youtube:${YOUTUBE}`, 'paragraph']);
  });

  it('lets Enter split the line as usual elsewhere: mid-URL, Shift+Enter, text around it', () => {
    const mid = setup([YOUTUBE]);
    mid.update(
      () => {
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.anchor.offset = selection.focus.offset = 5;
      },
      { discrete: true },
    );
    expect(command(mid, KEY_ENTER_COMMAND, null)).toBe(false);
    const shift = setup([YOUTUBE]);
    expect(command(shift, KEY_ENTER_COMMAND, { shiftKey: true, preventDefault: () => {} })).toBe(false);
    const text = setup([`See ${YOUTUBE}`]);
    expect(command(text, KEY_ENTER_COMMAND, null)).toBe(false);
  });
});

describe('EmbedPlugin: removing', () => {
  function withSelectedEmbed(): LexicalEditor {
    const editor = setup(['Before', 'After']);
    editor.update(
      () => {
        const embed = $createEmbedNode({ url: YOUTUBE, provider: 'youtube' });
        $getRoot().getFirstChildOrThrow().insertAfter(embed);
        const selection = $createNodeSelection();
        selection.add(embed.getKey());
        $setSelection(selection);
      },
      { discrete: true },
    );
    return editor;
  }

  it.each([
    ['Backspace', KEY_BACKSPACE_COMMAND],
    ['Delete', KEY_DELETE_COMMAND],
  ])('%s removes a selected embed', (_name, key) => {
    const editor = withSelectedEmbed();
    const event = { preventDefault: vi.fn() } as unknown as KeyboardEvent;
    expect(command(editor, key, event)).toBe(true);
    expect(blocks(editor)).toEqual(['paragraph:Before', 'paragraph:After']);
    expect((event.preventDefault as ReturnType<typeof vi.fn>).mock.calls).toHaveLength(1);
  });

  it('leaves Backspace in text to the editor', () => {
    const editor = setup(['Text']);
    expect(command(editor, KEY_BACKSPACE_COMMAND, { preventDefault: () => {} })).toBe(false);
  });
});

describe('EmbedNode in the editor', () => {
  it('round-trips its JSON exactly', () => {
    const editor = createTestEditor();
    const json = { type: 'embed', version: 1, url: YOUTUBE, provider: 'youtube' };
    const state = editor.parseEditorState({
      root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [json] },
    } as unknown as SerializedEditorState);
    expect(state.read(() => $getRoot().getFirstChildOrThrow().exportJSON())).toEqual(json);
  });

  it('exports a link paragraph and imports it (and a bare URL) back, but not a link with other text', () => {
    const editor = createTestEditor();
    let html = '';
    editor.update(
      () => {
        $getRoot()
          .clear()
          .append($createEmbedNode({ url: YOUTUBE, provider: 'youtube' }));
        html = $generateHtmlFromNodes(editor, null);
      },
      { discrete: true },
    );
    expect(html).toBe(`<p><a href="${YOUTUBE}">${YOUTUBE}</a></p>`);
    const doc = new DOMParser().parseFromString(
      `${html}<p>https://youtu.be/dQw4w9WgXcQ</p><p><a href="${YOUTUBE}">watch</a></p><ul><li><p>${YOUTUBE}</p></li></ul>`,
      'text/html',
    );
    editor.update(
      () => {
        $getRoot().clear().append($createParagraphNode()).selectEnd();
        $insertNodes($generateNodesFromDOM(editor, doc));
      },
      { discrete: true },
    );
    expect(blocks(editor).filter((block) => block.startsWith('embed'))).toEqual([
      `embed:youtube:${YOUTUBE}`,
      `embed:youtube:${YOUTUBE}`,
    ]);
  });
});
