// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Draft } from '../../../electron/contract';
import { requestSchemas } from '../../../electron/contract/schemas';
import { ExportMarkdownButton, ImportMarkdownButton } from './MarkdownFileActions';
import { getByRole } from './testDom';
import { runCommand } from '../../commands/bus';
import type { CommandId } from '../../commands/registry';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const imported: Draft = {
  schemaVersion: 1,
  id: 'draft_md',
  title: 'From Markdown',
  createdAt: '',
  updatedAt: '',
  editorState: null,
  meta: {},
  destinations: {},
};

/** The two Markdown commands (answering `null` once when `cancelOnce`), and menu commands. */
function fakeMain(answers: { export: unknown[]; import: unknown[] }) {
  const calls: Array<[string, unknown]> = [];
  const menu = new Set<(payload: { command: string }) => void>();
  (window as unknown as { signet: unknown }).signet = new Proxy(
    {},
    {
      get: (_t, name: string) =>
        name === 'on'
          ? (event: string, listener: (payload: { command: string }) => void) => {
              if (event === 'menuCommand') menu.add(listener);
              return () => menu.delete(listener);
            }
          : (req: unknown = {}) => {
              const schema = (
                requestSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>
              )[name];
              if (!schema?.safeParse(req).success) throw new Error(`bad ${name}`);
              calls.push([name, req]);
              const queue = name === 'exportDraftMarkdown' ? answers.export : answers.import;
              const next = queue.shift();
              return Promise.resolve(
                next instanceof Error
                  ? { ok: false, error: { code: 'IO_ERROR', message: next.message } }
                  : { ok: true, value: next },
              );
            },
    },
  );
  return {
    calls,
    /** A menu command as App hands it on: through the command bus, like the palette's. */
    menu(command: CommandId) {
      act(() => runCommand(command));
    },
  };
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
});
async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('Markdown files', () => {
  it('exports the open draft after saving it, from the button and from the menu, and says where', async () => {
    const main = fakeMain({
      export: [
        { path: '/home/ada/Boats.md' },
        null,
        new Error('The folder is read-only: choose another one.'),
      ],
      import: [],
    });
    const notices: Array<[string, string | undefined]> = [];
    let saves = 0;
    act(() =>
      root.render(
        <ExportMarkdownButton
          draftId="draft_boats"
          beforeExport={async () => {
            saves++;
          }}
          onNotice={(message, level) => notices.push([message, level])}
        />,
      ),
    );
    act(() => getByRole(container, 'button', 'Export as Markdown…').click());
    await settle();
    main.menu('exportMarkdown');
    await settle();
    main.menu('newDraft');
    main.menu('exportMarkdown');
    await settle();
    expect(saves).toBe(3);
    expect(main.calls).toEqual([
      ['exportDraftMarkdown', { draftId: 'draft_boats' }],
      ['exportDraftMarkdown', { draftId: 'draft_boats' }],
      ['exportDraftMarkdown', { draftId: 'draft_boats' }],
    ]);
    // Saved; cancelled (nothing said); failed (the main process's sentence).
    expect(notices).toEqual([
      ['Saved as Markdown at /home/ada/Boats.md.', 'info'],
      ['The folder is read-only: choose another one.', 'error'],
    ]);
  });

  it('imports a file as a new draft and hands it over to be opened', async () => {
    const main = fakeMain({ export: [], import: [imported, null] });
    const opened: Draft[] = [];
    const notices: string[] = [];
    act(() =>
      root.render(
        <ImportMarkdownButton onImported={(d) => opened.push(d)} onNotice={(m) => notices.push(m)} />,
      ),
    );
    main.menu('importMarkdown');
    await settle();
    act(() => getByRole(container, 'button', 'Import Markdown…').click());
    await settle();
    expect(main.calls).toEqual([
      ['importDraftMarkdown', {}],
      ['importDraftMarkdown', {}],
    ]);
    expect(opened.map((d) => d.id)).toEqual(['draft_md']);
    expect(notices).toEqual(['Imported “From Markdown” as a new draft.']);
  });
});
