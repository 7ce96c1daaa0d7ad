import type { EditorStateJSON } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';

/**
 * The version of Signet's editor JSON. Bump it whenever a node's exportJSON changes shape (or a
 * node type is renamed or removed), add the step to `migrateEditorState`, and update the golden
 * file: drafts written by an older Signet must always open.
 */
export const EDITOR_STATE_VERSION = 1;

/** Where the version is stored: next to Lexical's `root`, which Lexical ignores. */
export const EDITOR_STATE_VERSION_KEY = 'signetVersion';

export class NewerEditorStateError extends Error {
  constructor(readonly version: number) {
    super(t('editor.load.newerVersion', { version }));
    this.name = 'NewerEditorStateError';
  }
}

function versionOf(json: EditorStateJSON): number {
  const value = json[EDITOR_STATE_VERSION_KEY];
  // Drafts saved before the version was recorded are version 1.
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}

/** Marks serialized editor JSON (Lexical's `editorState.toJSON()`) with the current format version. */
export function stampEditorState(json: { root: object }): EditorStateJSON {
  // Lexical's root node JSON is a plain object; the contract only says so more loosely.
  return {
    ...json,
    root: json.root as Record<string, unknown>,
    [EDITOR_STATE_VERSION_KEY]: EDITOR_STATE_VERSION,
  };
}

/**
 * Brings editor JSON written by any earlier Signet up to the current format, before Lexical parses
 * it. Version 1 is the first format, so there is nothing to migrate yet. A draft from a newer
 * Signet is refused rather than parsed: unknown fields would be silently dropped and the next
 * autosave would destroy them.
 */
export function migrateEditorState(json: EditorStateJSON): EditorStateJSON {
  const version = versionOf(json);
  if (version > EDITOR_STATE_VERSION) throw new NewerEditorStateError(version);
  // Future steps go here, e.g. `if (version < 2) json = migrateV1toV2(json);`
  return stampEditorState(json);
}
