// @vitest-environment happy-dom
import type { SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';

import type { EditorStateJSON } from '../../../electron/contract';
import { editorNodes } from '../editorNodes';
import { createTestEditor } from '../testing/headlessEditor';
import goldenFile from './__golden__/every-node.json';
import {
  EDITOR_STATE_VERSION,
  EDITOR_STATE_VERSION_KEY,
  migrateEditorState,
  NewerEditorStateError,
  stampEditorState,
} from './editorStateVersion';

// A draft containing every node type, as Signet writes it today. If this test fails after a
// change to a node's exportJSON, bump EDITOR_STATE_VERSION, add a migration for the old shape,
// and regenerate the file — never just edit the file to make the test pass.
const golden = goldenFile as EditorStateJSON;

function typesIn(node: unknown, into = new Set<string>()): Set<string> {
  if (typeof node === 'object' && node !== null) {
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === 'string') into.add(type);
    if (Array.isArray(children)) for (const child of children) typesIn(child, into);
  }
  return into;
}

function loadAndExport(json: EditorStateJSON): EditorStateJSON {
  const editor = createTestEditor();
  const state = editor.parseEditorState(migrateEditorState(json) as unknown as SerializedEditorState);
  editor.setEditorState(state);
  return stampEditorState(editor.getEditorState().toJSON());
}

describe('golden editor state', () => {
  it('contains every node type Signet registers', () => {
    const registered = editorNodes.map((klass) => klass.getType());
    const present = typesIn(golden.root);
    expect(registered.filter((type) => !present.has(type))).toEqual([]);
  });

  it('is written by the current format version', () => {
    expect(golden[EDITOR_STATE_VERSION_KEY]).toBe(EDITOR_STATE_VERSION);
  });

  it('loads into a headless editor and exports identical JSON', () => {
    expect(loadAndExport(golden)).toEqual(golden);
  });

  it('survives a second round trip unchanged', () => {
    expect(loadAndExport(loadAndExport(golden))).toEqual(golden);
  });
});

describe('migrateEditorState', () => {
  it('treats a state without a version as version 1', () => {
    const { [EDITOR_STATE_VERSION_KEY]: _omitted, ...unversioned } = golden;
    expect(migrateEditorState(unversioned as EditorStateJSON)).toEqual(golden);
  });

  it('refuses a draft written by a newer Signet instead of dropping what it cannot read', () => {
    const newer = { ...golden, [EDITOR_STATE_VERSION_KEY]: EDITOR_STATE_VERSION + 1 };
    expect(() => migrateEditorState(newer)).toThrow(NewerEditorStateError);
  });
});
