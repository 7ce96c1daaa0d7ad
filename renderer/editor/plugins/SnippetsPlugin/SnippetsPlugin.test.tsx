// @vitest-environment happy-dom
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EditorStateJSON, RenderedSnippet, Snippet } from '../../../../electron/contract';
import { t } from '../../../../electron/contract/i18n';
import { SignetEditor, type SignetEditorApi, type SignetEditorProps } from '../../SignetEditor';
import { installBrowserNodeName } from '../../testing/happyDomNodeName';
import { mountedEditor } from '../../testing/mountedEditor';
import { INSERT_SNIPPET_COMMAND, type SnippetsHost, TITLE_REFRESH_MS } from './index';

const MISSING_SNIPPET_NOTICE = t('editor.snippetNode.missing');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
installBrowserNodeName();

const NOW = '2025-01-01T00:00:00.000Z';

function snippet(id: string, name: string, kind: Snippet['kind'] = 'text'): Snippet {
  return { id, name, kind, editorState: null, obfuscateEmails: false, createdAt: NOW, updatedAt: NOW };
}

const LIBRARY = [
  snippet('snp_bio', 'Short bio', 'bio'),
  snippet('snp_sig', 'Signature', 'signature'),
  snippet('snp_foot', 'Footer links', 'footer'),
];

function rendered(snippetId: string, name: string, html: string): RenderedSnippet {
  return { snippetId, name, html, issues: [] };
}

function draftWith(...nodes: Array<{ snippetId: string; name: string; html: string }>): EditorStateJSON {
  const paragraph = (text: string) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text }],
  });
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        paragraph('Hello there.'),
        ...nodes.map((node) => ({ type: 'snippet', version: 1, ...node })),
        paragraph('The end.'),
      ],
    },
    signetVersion: 1,
  };
}

interface FakeHost {
  host: SnippetsHost;
  render: ReturnType<typeof vi.fn<SnippetsHost['render']>>;
  openLibrary: ReturnType<typeof vi.fn<() => void>>;
  emit(ids: string[]): void;
}

/** The library's answers: the snippets it has, rendered; any other id is left out, as the main process does. */
function fakeHost(answers: Record<string, { name: string; html: string }>, library = LIBRARY): FakeHost {
  const listeners = new Set<(ids: string[]) => void>();
  const render = vi.fn<SnippetsHost['render']>(async (ids) =>
    ids.flatMap((id) => {
      const answer = answers[id];
      return answer === undefined ? [] : [rendered(id, answer.name, answer.html)];
    }),
  );
  const openLibrary = vi.fn<() => void>();
  return {
    host: {
      library,
      render,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      openLibrary,
    },
    render,
    openLibrary,
    emit: (ids) => listeners.forEach((listener) => listener(ids)),
  };
}

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  vi.useFakeTimers();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

function editorProps(props: Partial<SignetEditorProps>, onChange: SignetEditorProps['onChange']) {
  return {
    draftId: 'd1',
    initialState: null,
    onChange,
    onImageFiles: async () => [],
    resolveAssetUrl: (fileName: string) => fileName,
    ...props,
  } satisfies SignetEditorProps;
}

function mount(props: Partial<SignetEditorProps>) {
  let api: SignetEditorApi | null = null;
  const onChange = vi.fn<SignetEditorProps['onChange']>();
  const render = (next: Partial<SignetEditorProps>) =>
    act(() => {
      root.render(
        <SignetEditor
          {...editorProps({ ...props, ...next }, onChange)}
          onReady={(ready) => {
            api = ready;
          }}
        />,
      );
    });
  render({});
  return {
    onChange,
    rerender: render,
    api: () => {
      if (api === null) throw new Error('editor API not ready');
      return api;
    },
  };
}

/** Lets timers, the fake host's promise and Lexical's commit run. */
async function settle(ms = 100): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function lexical(): LexicalEditor {
  return mountedEditor(container);
}

function group(name: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[role="group"][aria-label="Snippet: ${name}"]`);
}

function snippetJson(state: EditorStateJSON): unknown[] {
  return (state.root.children as Array<{ type: string }>).filter((node) => node.type === 'snippet');
}

function toolbarButton(name: string): HTMLButtonElement | null {
  return container.querySelector<HTMLButtonElement>(`[role="toolbar"] button[aria-label="${name}"]`);
}

function key(target: Element, init: KeyboardEventInit): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}

describe('snippet nodes in a post', () => {
  it('shows the stored content, read-only, in a group named after the snippet', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    mount({
      initialState: draftWith({ snippetId: 'snp_sig', name: 'Signature', html: '<p>Jon Smith</p>' }),
      snippets: host,
    });
    await settle();
    const frame = group('Signature');
    expect(frame?.textContent).toContain('Jon Smith');
    expect(frame?.closest('[contenteditable="false"]')).not.toBeNull();
    expect(frame?.querySelector('button[aria-label="Unlink snippet Signature"]')).not.toBeNull();
    expect(frame?.textContent).not.toContain(MISSING_SNIPPET_NOTICE);
  });

  it('never shows a script or an event handler from a hand-edited draft file', async () => {
    mount({
      initialState: draftWith({
        snippetId: 'snp_x',
        name: 'X',
        html: '<p>Safe</p><img src="https://x.example/a.png" onerror="alert(1)"><script>alert(2)</script>',
      }),
    });
    await settle();
    const frame = group('X');
    expect(frame?.textContent).toContain('Safe');
    expect(frame?.querySelector('script')).toBeNull();
    expect(frame?.querySelector('[onerror]')).toBeNull();
    expect(frame?.innerHTML).not.toContain('alert');
  });

  it('says so when the library lacks the snippet, keeps showing it, and does not save the draft', async () => {
    const { host, render } = fakeHost({});
    const { onChange, api } = mount({
      initialState: draftWith({ snippetId: 'snp_gone', name: 'Old footer', html: '<p>Bye for now</p>' }),
      snippets: host,
    });
    await settle(1000);
    expect(render).toHaveBeenCalledWith(['snp_gone']);
    const frame = group('Old footer');
    expect(frame?.textContent).toContain(MISSING_SNIPPET_NOTICE);
    expect(frame?.textContent).toContain('Bye for now');
    expect(onChange).not.toHaveBeenCalled();
    expect(snippetJson(api().flush())).toEqual([
      { type: 'snippet', version: 1, snippetId: 'snp_gone', name: 'Old footer', html: '<p>Bye for now</p>' },
    ]);
  });

  it('takes a fresh rendering when the draft loads: saved, but not an undo step', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith, editor</p>' } });
    const { onChange } = mount({
      initialState: draftWith({ snippetId: 'snp_sig', name: 'Sig', html: '<p>Jon Smith</p>' }),
      snippets: host,
    });
    await settle(1000);
    expect(group('Signature')?.textContent).toContain('Jon Smith, editor');
    expect(toolbarButton('Undo')?.disabled).toBe(true);
    // The draft file must hold what will be published without the library.
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(snippetJson(onChange.mock.calls[0]![0])).toEqual([
      {
        type: 'snippet',
        version: 1,
        snippetId: 'snp_sig',
        name: 'Signature',
        html: '<p>Jon Smith, editor</p>',
      },
    ]);
  });

  it('does not save a draft whose snippets are already up to date', async () => {
    const { host, render } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    const { onChange } = mount({
      initialState: draftWith({ snippetId: 'snp_sig', name: 'Signature', html: '<p>Jon Smith</p>' }),
      snippets: host,
    });
    await settle(3000);
    expect(render).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows the library: a changed snippet updates, an unrelated change asks nothing', async () => {
    const answers = { snp_sig: { name: 'Signature', html: '<p>v1</p>' } };
    const { host, render, emit } = fakeHost(answers);
    mount({
      initialState: draftWith({ snippetId: 'snp_sig', name: 'Signature', html: '<p>v1</p>' }),
      snippets: host,
    });
    await settle();
    expect(render).toHaveBeenCalledTimes(1);

    act(() => emit(['snp_other']));
    await settle();
    expect(render).toHaveBeenCalledTimes(1);

    answers.snp_sig = { name: 'Signature', html: '<p>v2</p>' };
    act(() => emit(['snp_sig']));
    await settle();
    expect(render).toHaveBeenCalledTimes(2);
    expect(group('Signature')?.textContent).toContain('v2');
  });

  it('renders again, debounced, when the title changes', async () => {
    const { host, render } = fakeHost({ snp_t: { name: 'Title line', html: '<p>About “First”</p>' } });
    const { rerender } = mount({
      initialState: draftWith({ snippetId: 'snp_t', name: 'Title line', html: '<p>About “First”</p>' }),
      snippets: host,
      title: 'First',
    });
    await settle();
    expect(render).toHaveBeenCalledTimes(1);
    rerender({ title: 'Firs' });
    rerender({ title: 'Second' });
    await settle(TITLE_REFRESH_MS / 2);
    expect(render).toHaveBeenCalledTimes(1);
    await settle(TITLE_REFRESH_MS);
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('shows a template error and keeps the last good content', async () => {
    const { host, render } = fakeHost({});
    render.mockImplementation(async (ids) =>
      ids.map((id) => ({
        snippetId: id,
        name: 'Broken',
        html: '',
        issues: [{ severity: 'error' as const, message: 'The section {{#a}} is never closed.' }],
      })),
    );
    mount({
      initialState: draftWith({ snippetId: 'snp_b', name: 'Broken', html: '<p>Last good</p>' }),
      snippets: host,
    });
    await settle();
    const frame = group('Broken');
    expect(frame?.textContent).toContain('template error');
    expect(frame?.textContent).toContain('never closed');
    expect(frame?.textContent).toContain('Last good');
  });

  it('unlinks one use into ordinary text, in one undo step', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon <strong>Smith</strong></p>' } });
    const { api } = mount({
      initialState: draftWith({
        snippetId: 'snp_sig',
        name: 'Signature',
        html: '<p>Jon <strong>Smith</strong></p>',
      }),
      snippets: host,
    });
    await settle();
    await act(async () => group('Signature')?.querySelector('button')?.click());
    expect(group('Signature')).toBeNull();
    const paragraphs = Array.from(container.querySelectorAll('.signet-paragraph')).map((p) => p.textContent);
    expect(paragraphs).toEqual(['Hello there.', 'Jon Smith', 'The end.']);
    expect(
      container.querySelector('.signet-paragraph strong, .signet-paragraph .signet-text--bold'),
    ).not.toBeNull();
    expect(snippetJson(api().flush())).toEqual([]);

    await act(async () => toolbarButton('Undo')?.click());
    expect(group('Signature')).not.toBeNull();
  });

  it('inserts a snippet, rendered, as a block at the caret', async () => {
    const { host, render } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    const { api } = mount({ initialState: draftWith(), snippets: host });
    await settle();
    await act(async () => {
      lexical().update(() => $getRoot().getFirstChildOrThrow().selectEnd());
    });
    await act(async () => {
      lexical().dispatchCommand(INSERT_SNIPPET_COMMAND, 'snp_sig');
    });
    await settle();
    expect(render).toHaveBeenCalledWith(['snp_sig']);
    const children = api().flush().root.children as Array<{ type: string }>;
    expect(children.map((child) => child.type)).toEqual(['paragraph', 'snippet', 'paragraph']);
    expect(children[1]).toEqual({
      type: 'snippet',
      version: 1,
      snippetId: 'snp_sig',
      name: 'Signature',
      html: '<p>Jon Smith</p>',
    });
    expect(group('Signature')?.textContent).toContain('Jon Smith');
    // Inserting is the author's edit: it can be undone.
    expect(toolbarButton('Undo')?.disabled).toBe(false);
  });
});

describe('inserting snippets', () => {
  it('offers "Insert snippet" with its shortcut only when there is a library', () => {
    mount({});
    expect(toolbarButton('Insert snippet')).toBeNull();
    act(() => root.unmount());
    root = createRoot(container);
    mount({ snippets: fakeHost({}).host });
    const button = toolbarButton('Insert snippet');
    expect(button?.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+S');
    expect(button?.title).toBe('Insert snippet (Ctrl+Shift+S)');
  });

  it('picks from a searchable list with the keyboard', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    const { api } = mount({ snippets: host });
    await act(async () => toolbarButton('Insert snippet')?.click());
    const dialog = container.querySelector('[role="dialog"][aria-label="Insert snippet"]');
    const search = dialog?.querySelector<HTMLInputElement>('input[role="combobox"]');
    expect(document.activeElement).toBe(search);
    const names = () =>
      Array.from(dialog?.querySelectorAll('[role="option"]') ?? []).map((o) => o.firstChild?.textContent);
    expect(names()).toEqual(['Short bio', 'Signature', 'Footer links', 'Manage snippets…']);

    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(search, 'sig');
      search?.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(names()).toEqual(['Signature', 'Manage snippets…']);
    expect(dialog?.querySelector('[aria-selected="true"]')?.textContent).toContain('Signature');

    await act(async () => key(search!, { key: 'Enter' }));
    await settle();
    expect(container.querySelector('[role="dialog"][aria-label="Insert snippet"]')).toBeNull();
    expect(snippetJson(api().flush())).toEqual([
      { type: 'snippet', version: 1, snippetId: 'snp_sig', name: 'Signature', html: '<p>Jon Smith</p>' },
    ]);
  });

  it('closes with Escape, and "Manage snippets…" opens the library', async () => {
    const { host, openLibrary } = fakeHost({});
    mount({ snippets: host });
    await act(async () => toolbarButton('Insert snippet')?.click());
    const search = container.querySelector<HTMLInputElement>('[aria-label="Insert snippet"] input');
    await act(async () => key(search!, { key: 'Escape' }));
    expect(container.querySelector('[aria-label="Insert snippet"][role="dialog"]')).toBeNull();

    await act(async () => toolbarButton('Insert snippet')?.click());
    const dialog = container.querySelector('[aria-label="Insert snippet"][role="dialog"]');
    await act(async () => key(dialog!.querySelector('input')!, { key: 'ArrowUp' }));
    expect(dialog?.querySelector('[aria-selected="true"]')?.textContent).toBe('Manage snippets…');
    await act(async () => key(dialog!.querySelector('input')!, { key: 'Enter' }));
    expect(openLibrary).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[aria-label="Insert snippet"][role="dialog"]')).toBeNull();
  });

  it('opens the picker with Ctrl+Shift+S in the text', async () => {
    mount({ snippets: fakeHost({}).host });
    const editable = container.querySelector('[contenteditable="true"]');
    await act(async () => key(editable!, { key: 'S', ctrlKey: true, shiftKey: true }));
    expect(container.querySelector('[role="dialog"][aria-label="Insert snippet"]')).not.toBeNull();
  });

  it('lists matching snippets after “/” and inserts the chosen one in place of what was typed', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    const { api } = mount({ snippets: host });
    const type = async (text: string) =>
      act(async () => {
        lexical().update(() => {
          const paragraph = $createParagraphNode().append($createTextNode(text));
          $getRoot().clear().append(paragraph);
          paragraph.selectEnd();
        });
      });
    await type('/sig');
    await settle();
    const menu = () => document.querySelector('.signet-snippet-menu__anchor');
    const options = () =>
      Array.from(menu()?.querySelectorAll('[role="option"]') ?? []).map((o) => o.firstChild?.textContent);
    expect(options()).toEqual(['Signature']);

    await type('/foo');
    await settle();
    expect(options()).toEqual(['Footer links']);

    // No snippet matches: no menu, so Enter and the arrows stay with the text.
    await type('either / or');
    await settle();
    expect(options()).toEqual([]);

    await type('/sig');
    await settle();
    const editable = container.querySelector('[contenteditable="true"]')!;
    await act(async () => key(editable, { key: 'Enter' }));
    await settle();
    const state = api().flush();
    expect(snippetJson(state)).toHaveLength(1);
    expect(JSON.stringify(state)).not.toContain('/sig');
  });

  it('leaves the typed text when Escape closes the “/” menu', async () => {
    const { host } = fakeHost({ snp_sig: { name: 'Signature', html: '<p>Jon Smith</p>' } });
    const { api } = mount({ snippets: host });
    await act(async () => {
      lexical().update(() => {
        const paragraph = $createParagraphNode().append($createTextNode('/sig'));
        $getRoot().clear().append(paragraph);
        paragraph.selectEnd();
      });
    });
    await settle();
    expect(document.querySelector('.signet-snippet-menu [role="option"]')).not.toBeNull();
    const editable = container.querySelector('[contenteditable="true"]')!;
    await act(async () => key(editable, { key: 'Escape' }));
    await settle();
    expect(document.querySelector('.signet-snippet-menu [role="option"]')).toBeNull();
    expect(snippetJson(api().flush())).toEqual([]);
    expect(JSON.stringify(api().flush())).toContain('/sig');
  });
});

describe('the snippet variant (editing a snippet on the Snippets screen)', () => {
  it('has no image, read-more or snippet insertion', () => {
    mount({ variant: 'snippet', snippets: fakeHost({}).host, ariaLabel: 'Snippet content' });
    expect(toolbarButton('Bold')).not.toBeNull();
    expect(toolbarButton('Insert image')).toBeNull();
    expect(toolbarButton('Read more break')).toBeNull();
    expect(toolbarButton('Insert snippet')).toBeNull();
    expect(container.querySelector('input[type="file"]')).toBeNull();
  });

  it('keeps a link whose address is a variable, which a post would drop', async () => {
    const link = (url: string): EditorStateJSON => ({
      root: {
        type: 'root',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: null,
            format: '',
            indent: 0,
            textFormat: 0,
            textStyle: '',
            children: [
              {
                type: 'link',
                version: 1,
                url,
                rel: 'noreferrer',
                target: null,
                title: null,
                direction: null,
                format: '',
                indent: 0,
                children: [
                  {
                    type: 'text',
                    version: 1,
                    detail: 0,
                    format: 0,
                    mode: 'normal',
                    style: '',
                    text: 'Original',
                  },
                ],
              },
            ],
          },
        ],
      },
      signetVersion: 1,
    });
    const snippetEditor = mount({ variant: 'snippet', initialState: link('{{post.originalUrl}}') });
    await settle();
    expect(JSON.stringify(snippetEditor.api().flush())).toContain('{{post.originalUrl}}');
    act(() => root.unmount());
    root = createRoot(container);
    const postEditor = mount({ initialState: link('{{post.originalUrl}}') });
    await settle();
    expect(JSON.stringify(postEditor.api().flush())).not.toContain('{{post.originalUrl}}');
  });

  it('turns a pasted snippet node into its content (no snippets inside snippets)', async () => {
    const { api } = mount({
      variant: 'snippet',
      initialState: draftWith({ snippetId: 'snp_sig', name: 'Signature', html: '<p>Jon Smith</p>' }),
    });
    await settle();
    const state = api().flush();
    expect(snippetJson(state)).toEqual([]);
    expect(JSON.stringify(state)).toContain('Jon Smith');
  });
});
