import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { EventMap, EventName } from '../contract';
import { AppError } from '../dispatcher';
import type { DialogPort, SettingsData, SettingsPort } from '../ports';
import { SnippetService } from './SnippetService';
import { SnippetStore } from './SnippetStore';
import { jsonParagraph, jsonState, jsonText } from '../drafts/testing/editorJson';

const state = (text: string) => jsonState(jsonParagraph(jsonText(text)));

function memorySettings(): SettingsPort {
  const data: Partial<SettingsData> = {};
  return {
    get: (key) => structuredClone(data[key]) as never,
    set: (key, value) => {
      data[key] = structuredClone(value);
    },
  };
}

/** The OS file pickers, answered by the test: the next path, or null for "cancelled". */
function dialogs(answers: { save?: string | null; open?: string | null }): DialogPort {
  return {
    pickFolder: async () => null,
    pickImage: async () => null,
    pickFile: async () => answers.open ?? null,
    pickSavePath: async () => answers.save ?? null,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-snippet-service-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function service(
  answers: { save?: string | null; open?: string | null },
  store = new SnippetStore({ settings: memorySettings() }),
) {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const svc = new SnippetService({
    store,
    dialogs: dialogs(answers),
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      events.push({ event, payload });
    },
    clock: () => new Date('2026-11-23T12:00:00Z'),
  });
  return { svc, store, events };
}

describe('SnippetService', () => {
  it('exports the library to a file and imports it into another library', async () => {
    const file = path.join(dir, 'my-snippets.json');
    const source = service({ save: file });
    const sig = source.store.create({
      kind: 'signature',
      name: 'Signature',
      editorState: state('Hi {{author.name}}'),
    });
    source.store.setDetails({
      author: { name: 'Jon', email: 'jon@example.com' },
      variables: [{ name: 'handle', value: '@jon' }],
    });
    source.store.create({ kind: 'bio', name: 'Bio' });
    source.store.delete(source.store.create({ kind: 'text', name: 'Deleted' }).id);

    expect(await source.svc.exportToFile()).toEqual({ path: file, count: 2 });
    const written = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written.format).toBe('signet-snippets');
    expect(JSON.stringify(written)).not.toContain('Deleted'); // the trash stays home
    expect(await fsp.readdir(dir)).toEqual(['my-snippets.json']); // no temp file left

    const target = service({ open: file });
    expect(await target.svc.importFromFile()).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const library = target.store.library();
    expect(library.snippets.map((s) => s.name)).toEqual(['Signature', 'Bio']);
    expect(library.snippets[0]!.id).toBe(sig.id);
    expect(library.variables).toEqual([{ name: 'handle', value: '@jon' }]);
    expect(library.author).toEqual({ name: 'Jon', email: 'jon@example.com' });
    expect(target.events).toContainEqual({
      event: 'snippetsChanged',
      payload: { ids: library.snippets.map((s) => s.id) },
    });

    // Importing the same file again changes nothing.
    expect(await target.svc.importFromFile()).toEqual({ added: 0, updated: 0, unchanged: 2 });
  });

  it('answers null when the author cancels either picker', async () => {
    const { svc } = service({ save: null, open: null });
    expect(await svc.exportToFile()).toBeNull();
    expect(await svc.importFromFile()).toBeNull();
  });

  it('says what went wrong with a file that is not an export, and imports nothing', async () => {
    const file = path.join(dir, 'notes.json');
    await fsp.writeFile(file, '{"hello": "world"}');
    const { svc, store } = service({ open: file });
    const error = await svc.importFromFile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as Error).message).toMatch(
      /notes\.json: .*not a Signet snippet export.*Nothing was imported/,
    );
    expect(store.library().snippets).toEqual([]);

    await fsp.writeFile(file, 'not json at all');
    await expect(svc.importFromFile()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('says so when the export cannot be written', async () => {
    const { svc } = service({ save: path.join(dir, 'missing-folder', 'x.json') });
    await expect(svc.exportToFile()).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: expect.stringMatching(/could not write .*x\.json/),
    });
  });

  it('previews content with sample values, escaped, and reports template errors', () => {
    const { svc, store } = service({});
    store.setDetails({ author: { name: '<script>alert(1)</script>', email: '' }, variables: [] });
    const preview = svc.preview(state('By {{author.name}} on {{blog.name}}'), false);
    expect(preview.issues).toEqual([]);
    expect(preview.html).toBe('<p>By &lt;script&gt;alert(1)&lt;/script&gt; on Your Blog</p>');

    const broken = svc.preview(state('{{#post.title}}unclosed'), false);
    expect(broken.html).toBe('');
    expect(broken.issues).toEqual([{ severity: 'error', message: expect.stringMatching(/never closed/) }]);
  });
});
