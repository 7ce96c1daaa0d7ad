// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EditorStateJSON, Snippet, SnippetLibrary, TemplateIssue } from '../../../electron/contract';
import { snippetPlainText } from '../../../electron/contract';
import { SnippetsDialog } from './SnippetsDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The real editor is tested on its own; here a text area stands in for it.
vi.mock('../../editor', () => ({
  SignetEditor: (props: { ariaLabel: string; onChange(state: EditorStateJSON): void }) => (
    <textarea aria-label={props.ariaLabel} onChange={(e) => props.onChange(textState(e.target.value))} />
  ),
}));

function textState(text: string): EditorStateJSON {
  return {
    root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
  } as unknown as EditorStateJSON;
}

function snippet(id: string, name: string, kind: Snippet['kind'], text: string): Snippet {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    name,
    kind,
    editorState: textState(text),
    obfuscateEmails: false,
    createdAt: at,
    updatedAt: at,
  };
}

/** An in-memory main process: the commands the screen uses, answering as the real ones do. */
function fakeMain() {
  const library: SnippetLibrary = {
    snippets: [
      snippet('s1', 'Work signature', 'signature', 'Best, {{author.name}}'),
      snippet('s2', 'Short bio', 'bio', 'Writes about boats.'),
      snippet('s3', 'Newsletter footer', 'footer', 'Subscribe to {{blog.name}}'),
    ],
    variables: [],
    author: { name: '', email: '' },
    trash: [],
  };
  const calls: Array<[string, unknown]> = [];
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const handlers: Record<string, (req: never) => Promise<unknown>> = {
    listSnippets: () => ok(structuredClone(library)),
    updateSnippet: ({ id, ...patch }: { id: string } & Partial<Snippet>) => {
      const i = library.snippets.findIndex((s) => s.id === id);
      library.snippets[i] = { ...library.snippets[i]!, ...patch };
      return ok(library.snippets[i]);
    },
    moveSnippet: ({ id, toIndex }: { id: string; toIndex: number }) => {
      const i = library.snippets.findIndex((s) => s.id === id);
      const [moved] = library.snippets.splice(i, 1);
      library.snippets.splice(toIndex, 0, moved!);
      return ok([...library.snippets]);
    },
    deleteSnippet: ({ id }: { id: string }) => {
      const index = library.snippets.findIndex((s) => s.id === id);
      library.trash.unshift({ snippet: library.snippets[index]!, index, deletedAt: '' });
      library.snippets.splice(index, 1);
      return ok(null);
    },
    restoreSnippet: ({ id }: { id: string }) => {
      const entry = library.trash.find((t) => t.snippet.id === id)!;
      library.snippets.splice(entry.index, 0, entry.snippet);
      return ok(entry.snippet);
    },
    previewSnippet: ({ editorState }: { editorState: EditorStateJSON | null }) => {
      const text = snippetPlainText(editorState);
      const issues: TemplateIssue[] = [];
      if (text.includes('{{#')) issues.push({ severity: 'error', message: 'A section is never closed.' });
      if (text.includes('{{nmae}}')) issues.push({ severity: 'warning', message: '{{nmae}} is not known.' });
      return ok({ html: issues.some((i) => i.severity === 'error') ? '' : `<p>${text}</p>`, issues });
    },
    findSnippetUses: () => ok([]),
  };
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) =>
        name === 'on'
          ? () => () => {}
          : (req: unknown) => {
              calls.push([name, req]);
              const handler = handlers[name];
              if (!handler) throw new Error(`unexpected command ${name}`);
              return handler(req as never);
            },
    },
  );
  (window as unknown as { signet: unknown }).signet = api;
  return { library, calls };
}

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

async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function mount(): Promise<ReturnType<typeof fakeMain>> {
  const main = fakeMain();
  act(() => root.render(<SnippetsDialog open onClose={() => {}} spellcheck={false} />));
  await settle();
  return main;
}

function names(): string[] {
  return [...container.querySelectorAll('[aria-label="Snippets"] .draft-item-title')].map(
    (e) => e.textContent ?? '',
  );
}

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

function listItem(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll<HTMLButtonElement>('[aria-label="Snippets"] button')].find(
    (b) => b.querySelector('.draft-item-title')?.textContent === name,
  );
  if (!found) throw new Error(`no snippet ${name}`);
  return found;
}

async function click(element: HTMLElement): Promise<void> {
  act(() => element.click());
  await settle();
}

function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
  act(() => {
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('SnippetsDialog', () => {
  it('lists the library in the author’s order with each kind, and opens the first snippet', async () => {
    await mount();
    expect(names()).toEqual(['Work signature', 'Short bio', 'Newsletter footer']);
    expect(listItem('Short bio').textContent).toContain('Bio');
    expect(listItem('Work signature').getAttribute('aria-current')).toBe('true');
    expect(container.querySelector<HTMLInputElement>('.snippet-name input')?.value).toBe('Work signature');
  });

  it('searches names and text', async () => {
    await mount();
    typeInto(container.querySelector<HTMLInputElement>('input[type="search"]')!, 'boats');
    expect(names()).toEqual(['Short bio']);
    expect(container.querySelector('.list-count')?.textContent).toBe('1 of 3 snippets');
  });

  it('deletes with an Undo that puts the snippet back in its place', async () => {
    const { calls } = await mount();
    await click(listItem('Short bio'));
    await click(button('Delete'));
    expect(names()).toEqual(['Work signature', 'Newsletter footer']);
    // The next snippet is opened in its place.
    expect(listItem('Newsletter footer').getAttribute('aria-current')).toBe('true');
    expect(container.textContent).toContain('Deleted “Short bio”.');
    await click(button('Undo deleting “Short bio”'));
    expect(calls.filter(([name]) => name === 'restoreSnippet')).toEqual([['restoreSnippet', { id: 's2' }]]);
    expect(names()).toEqual(['Work signature', 'Short bio', 'Newsletter footer']);
    expect(listItem('Short bio').getAttribute('aria-current')).toBe('true');
    expect(container.textContent).not.toContain('Deleted “Short bio”.');
  });

  it('reorders with Move up / Move down and with Alt+Arrow on a row', async () => {
    const { calls } = await mount();
    expect(button('Move up').disabled).toBe(true);
    await click(button('Move down'));
    expect(names()).toEqual(['Short bio', 'Work signature', 'Newsletter footer']);
    act(() => {
      listItem('Newsletter footer').dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }),
      );
    });
    await settle();
    expect(names()).toEqual(['Short bio', 'Newsletter footer', 'Work signature']);
    expect(calls.filter(([name]) => name === 'moveSnippet').map(([, req]) => req)).toEqual([
      { id: 's1', toIndex: 1 },
      { id: 's3', toIndex: 1 },
    ]);
  });

  it('shows template errors as alerts and warnings politely, next to the editor', async () => {
    await mount();
    const content = container.querySelector<HTMLTextAreaElement>('textarea[aria-label="Snippet content"]')!;
    typeInto(content, 'Hi {{nmae}} {{#author.email}}');
    await settle(300);
    const alert = container.querySelector('.template-issues [role="alert"]');
    expect(alert?.textContent).toBe('A section is never closed.');
    expect(container.querySelector('[aria-label="Template warnings"]')?.textContent).toBe(
      '{{nmae}} is not known.',
    );
    expect(container.querySelector('.snippet-preview')?.textContent).toContain(
      'when the template error is fixed',
    );
    typeInto(content, 'Hi {{author.name}}');
    await settle(300);
    expect(container.querySelector('.template-issues [role="alert"]')).toBeNull();
    expect(container.querySelector('[aria-label="Snippet preview"]')?.textContent).toBe('Hi {{author.name}}');
  });

  it('saves edits on its own after a pause, and the list follows the new name', async () => {
    const { calls } = await mount();
    typeInto(container.querySelector<HTMLInputElement>('.snippet-name input')!, 'Home signature');
    expect(container.querySelector('[aria-label="Snippet save status"]')?.textContent).toBe('Editing…');
    await settle(700);
    expect(calls.filter(([name]) => name === 'updateSnippet').map(([, req]) => req)).toEqual([
      { id: 's1', name: 'Home signature' },
    ]);
    expect(names()[0]).toBe('Home signature');
    expect(container.querySelector('[aria-label="Snippet save status"]')?.textContent).toBe('Saved');
  });

  it('saves what is waiting before deleting, so an undo brings back the latest text', async () => {
    const { calls, library } = await mount();
    const content = container.querySelector<HTMLTextAreaElement>('textarea[aria-label="Snippet content"]')!;
    typeInto(content, 'Kind regards');
    await click(button('Delete'));
    const order = calls.map(([name]) => name).filter((n) => n === 'updateSnippet' || n === 'deleteSnippet');
    expect(order).toEqual(['updateSnippet', 'deleteSnippet']);
    expect(snippetPlainText(library.trash[0]!.snippet.editorState)).toBe('Kind regards');
  });
});
