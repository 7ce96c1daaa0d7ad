import type { SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';

import { createCleanExportMap } from './cleanExport';
import {
  NewerEditorStateError,
  SUPPORTED_EDITOR_STATE_VERSION,
  UnknownNodeTypeError,
  assertReadableEditorState,
  composeNodes,
  coreNodes,
  createComposeEditor,
  knownNodeTypes,
} from './composeEditor';
import { SNIPPET_NODE_TYPE } from '../../contract';
import { readEveryNodeGolden, typesIn } from './testing/helpers';

// The editor's golden draft holds every node type the editor registers (its own golden test
// checks that), so comparing against it keeps this list and renderer/editor/editorNodes.ts equal.
const saved = readEveryNodeGolden({ asSaved: true });
// The same draft as composeHtml receives it, snippet nodes taken out.
const golden = readEveryNodeGolden();

/** Node types that expandSnippets replaces by ordinary nodes before composeHtml sees the draft. */
const EXPANDED_BEFORE_COMPOSE = new Set<string>([SNIPPET_NODE_TYPE]);

describe('the main process registers the editor’s node types', () => {
  it('knows every node type in the editor’s golden draft but those expanded before composing', () => {
    const present = typesIn(saved.root);
    const missing = [...present].filter(
      (type) => !knownNodeTypes.has(type) && !EXPANDED_BEFORE_COMPOSE.has(type),
    );
    expect(missing).toEqual([]);
    // Each expanded type is really one the editor writes, and really one compose cannot read.
    for (const type of EXPANDED_BEFORE_COMPOSE) {
      expect(present.has(type)).toBe(true);
      expect(knownNodeTypes.has(type)).toBe(false);
    }
  });

  it('registers no node type the editor does not have', () => {
    const present = typesIn(saved.root);
    const extra = composeNodes.map((klass) => klass.getType()).filter((type) => !present.has(type));
    expect(extra).toEqual([]);
  });

  it('reads the golden draft and writes back identical JSON (the twins keep the JSON shape)', () => {
    const editor = createComposeEditor();
    const state = editor.parseEditorState(golden as unknown as SerializedEditorState);
    const { signetVersion: _version, ...withoutVersion } = golden;
    expect(state.toJSON()).toEqual(withoutVersion);
  });

  it('reads the editor format the golden draft is written in', () => {
    expect(golden.signetVersion).toBe(SUPPORTED_EDITOR_STATE_VERSION);
  });

  it('has a clean HTML exporter for every node class but the root', () => {
    const map = createCleanExportMap({
      images: () => null,
      readMore: 'none',
      templateLinks: false,
      warnings: [],
      composedImages: [],
      mediaIds: new WeakMap(),
    });
    const classes = [...coreNodes.filter((klass) => klass.getType() !== 'root'), ...composeNodes];
    expect(classes.filter((klass) => !map.has(klass)).map((klass) => klass.getType())).toEqual([]);
  });
});

describe('assertReadableEditorState', () => {
  it('names the node type it does not know', () => {
    const state = {
      root: {
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'poll', question: 'Tea?' }] }],
      },
    };
    expect(() => assertReadableEditorState(state)).toThrow(UnknownNodeTypeError);
    expect(() => assertReadableEditorState(state)).toThrow('"poll"');
  });

  it('refuses a draft written by a newer Signet', () => {
    const newer = { ...golden, signetVersion: SUPPORTED_EDITOR_STATE_VERSION + 1 };
    expect(() => assertReadableEditorState(newer)).toThrow(NewerEditorStateError);
  });

  it('accepts a draft saved before versions were recorded', () => {
    const { signetVersion: _version, ...unversioned } = golden;
    expect(() => assertReadableEditorState(unversioned as typeof golden)).not.toThrow();
  });
});
