// @vitest-environment happy-dom
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  HISTORY_MERGE_TAG,
  KEY_DOWN_COMMAND,
} from 'lexical';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EditorStateJSON } from '../../electron/contract';
import { SignetEditor, type SignetEditorApi, type SignetEditorProps } from './SignetEditor';
import { mountedEditor } from './testing/mountedEditor';
import goldenFile from './serialization/__golden__/every-node.json';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const golden = goldenFile as EditorStateJSON;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

function mount(props: Partial<SignetEditorProps>): {
  api: () => SignetEditorApi;
  onChange: ReturnType<typeof vi.fn>;
} {
  let api: SignetEditorApi | null = null;
  const onChange = vi.fn();
  act(() => {
    root.render(
      <SignetEditor
        draftId="d1"
        initialState={null}
        onChange={onChange}
        onImageFiles={async () => []}
        resolveAssetUrl={(fileName) => `signet-asset://d1/${fileName}`}
        onReady={(ready) => {
          api = ready;
        }}
        {...props}
      />,
    );
  });
  return {
    api: () => {
      if (api === null) throw new Error('editor API not ready');
      return api;
    },
    onChange,
  };
}

function button(name: string): HTMLButtonElement {
  const found = container.querySelector<HTMLButtonElement>(`[role="toolbar"] button[aria-label="${name}"]`);
  if (found === null) throw new Error(`no toolbar button named ${name}`);
  return found;
}

describe('SignetEditor', () => {
  it('offers a labelled formatting toolbar', () => {
    mount({});
    const toolbar = container.querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Formatting');
    for (const name of [
      'Bold', 'Italic', 'Underline', 'Strikethrough', 'Inline code', 'Link', 'Normal text', 'Heading 2', 'Heading 3',
      'Heading 4', 'Bulleted list', 'Numbered list', 'Quote', 'Code block', 'Insert table', 'Horizontal rule',
      'Read more break', 'Insert image', 'Undo', 'Redo',
    ]) {
      expect(button(name)).toBeTruthy();
    } // prettier-ignore
    expect(button('Bold').getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('input[type="file"][accept="image/*"]')?.getAttribute('aria-label')).toBe(
      'Choose image file',
    );
    // One tab stop for the whole toolbar.
    expect(toolbar?.querySelectorAll('button[tabindex="0"]')).toHaveLength(1);
  });

  it('shows every node of a saved draft and hands the same JSON back from flush', () => {
    const { api } = mount({ initialState: golden });
    expect(container.querySelector('h2')?.textContent).toBe('Heading two');
    expect(container.querySelector('[role="separator"][aria-label="Read more break"]')).not.toBeNull();
    const img = container.querySelector<HTMLImageElement>('img.signet-image__img');
    expect(img?.getAttribute('src')).toBe('signet-asset://d1/harbour.jpg');
    expect(img?.getAttribute('alt')).toBe('Boats in the harbour at dusk');
    // The image without alt text carries a visible warning.
    expect(container.querySelectorAll('.signet-image__badge')).toHaveLength(1);
    expect(api().flush()).toEqual(golden);
  });

  it('reports changes debounced, not per update', async () => {
    vi.useFakeTimers();
    const { onChange } = mount({});
    // Async act: Lexical commits updates in a microtask.
    await act(async () => button('Read more break').click());
    await act(async () => button('Horizontal rule').click());
    expect(container.querySelectorAll('.signet-read-more, .signet-hr')).toHaveLength(2);
    expect(onChange).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(1);
    const [state, stats] = onChange.mock.calls[0] as [EditorStateJSON, { words: number; characters: number }];
    expect(JSON.stringify(state)).toContain('"read-more"');
    expect(stats).toEqual({ words: 0, characters: 0 });
  });

  it('never reports a draft that was only opened, but does report a merge-tagged update that changed it', async () => {
    vi.useFakeTimers();
    const { api, onChange } = mount({ initialState: golden });
    const editor = mountedEditor(container);
    // Loading and Lexical re-marking nodes (history-merge updates) change nothing: no save.
    await act(async () => editor.update(() => $getRoot().markDirty(), { tag: HISTORY_MERGE_TAG }));
    expect(api().hasPendingChange()).toBe(false);
    await act(async () => vi.advanceTimersByTime(3000));
    expect(onChange).not.toHaveBeenCalled();
    // A merge-tagged update that did change the text is an edit all the same.
    await act(async () =>
      editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Merged'))), {
        tag: HISTORY_MERGE_TAG,
      }),
    );
    expect(api().hasPendingChange()).toBe(true);
    await act(async () => vi.advanceTimersByTime(3000));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(onChange.mock.calls[0]?.[0])).toContain('"Merged"');
  });

  it('handles its own keys in one update per keystroke: every key-down listener beyond Lexical’s at one priority', () => {
    mount({});
    const editor = mountedEditor(container);
    // Lexical runs each priority level that has KEY_DOWN_COMMAND listeners in an update of its own,
    // cloning the document's node map each time, on every keystroke (triggerCommandListeners).
    // Its own listener sits at COMMAND_PRIORITY_EDITOR; Signet's (find, document keys) share HIGH.
    // `_commands` is Lexical's internal table, read here as Lexical's own tests do.
    const table = (editor as unknown as { _commands: Map<unknown, Array<Set<unknown>>> })._commands.get(
      KEY_DOWN_COMMAND,
    );
    const levels = (table ?? []).flatMap((listeners, priority) => (listeners.size > 0 ? [priority] : []));
    expect(levels).toEqual([COMMAND_PRIORITY_EDITOR, COMMAND_PRIORITY_HIGH]);
    expect(table?.[COMMAND_PRIORITY_HIGH]?.size).toBeGreaterThanOrEqual(2);
  });

  it('is read-only without a toolbar when asked', () => {
    mount({ initialState: golden, readOnly: true });
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
    expect(container.querySelector('[aria-label="Post body"]')?.getAttribute('contenteditable')).toBe(
      'false',
    );
  });

  it('never overwrites a draft it cannot read', () => {
    const broken = {
      root: { type: 'root', children: [{ type: 'no-such-node', version: 1 }] },
    } as EditorStateJSON;
    const { api, onChange } = mount({ initialState: broken });
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/could not be opened/);
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
    expect(api().flush()).toBe(broken);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses a draft from a newer Signet with a message', () => {
    mount({ initialState: { ...golden, signetVersion: 99 } });
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/newer version of Signet/);
  });
});
