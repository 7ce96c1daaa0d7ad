import { describe, expect, it } from 'vitest';

import { SNIPPET_EXPORT_FORMAT } from '../contract';
import {
  EMPTY_LIBRARY,
  LibraryVersionError,
  MIGRATIONS,
  SNIPPET_LIBRARY_VERSION,
  librarySchema,
  migrateLibrary,
  newSnippetId,
  parseExportFile,
  toContractLibrary,
  toExportFile,
  variableSchema,
  type StoredLibrary,
} from './library';
import { jsonParagraph, jsonState, jsonText } from '../drafts/testing/editorJson';

const paragraphState = (content: string) => jsonState(jsonParagraph(jsonText(content)));

function library(): StoredLibrary {
  const snippet = {
    id: 'snp_signature1',
    name: 'Signature',
    kind: 'signature' as const,
    editorState: paragraphState('— {{author.name}}'),
    obfuscateEmails: true,
    createdAt: '2030-01-01T10:00:00.000Z',
    updatedAt: '2030-01-02T10:00:00.000Z',
  };
  return {
    schemaVersion: SNIPPET_LIBRARY_VERSION,
    snippets: [snippet],
    variables: [{ name: 'nickname', value: 'Jonny' }],
    author: { name: 'Jon Smith', email: 'jon.smith@example.com' },
    trash: [
      {
        snippet: { ...snippet, id: 'snp_old', name: 'Old bio', kind: 'bio' },
        index: 1,
        deletedAt: '2030-01-03T10:00:00.000Z',
      },
    ],
  };
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('migrateLibrary', () => {
  it('gives an empty library when there is none (and a fresh copy each time)', () => {
    const first = migrateLibrary(undefined);
    expect(first).toEqual({
      schemaVersion: 1,
      snippets: [],
      variables: [],
      author: { name: '', email: '' },
      trash: [],
    });
    expect(migrateLibrary(null)).toEqual(first);
    first.snippets.push(library().snippets[0]!);
    expect(EMPTY_LIBRARY.snippets).toEqual([]);
    expect(migrateLibrary(undefined).snippets).toEqual([]);
  });

  it('validates a library of the current version', () => {
    expect(migrateLibrary(library())).toEqual(library());
    const bad = { ...library(), snippets: [{ ...library().snippets[0]!, kind: 'poem' }] };
    expect(thrown(() => migrateLibrary(bad))).toHaveProperty('name', 'ZodError');
    expect(() => migrateLibrary({ ...library(), variables: [{ name: 'post', value: 'x' }] })).toThrow();
  });

  it('refuses a newer version with LibraryVersionError and leaves the value unchanged', () => {
    const newer = { ...library(), schemaVersion: 99, somethingNew: { a: 1 } };
    const before = structuredClone(newer);
    const error = thrown(() => migrateLibrary(newer));
    expect(error).toBeInstanceOf(LibraryVersionError);
    expect((error as LibraryVersionError).version).toBe(99);
    expect((error as Error).message).toBe(
      'The snippet library was written by a newer version of Signet (format 99). Update Signet to use it; it has not been changed.',
    );
    expect(newer).toEqual(before);
  });

  it('refuses a value without a format version', () => {
    const message = 'This is not a Signet snippet library (it has no format version).';
    expect(() => migrateLibrary({ snippets: [] })).toThrow(message);
    expect(() => migrateLibrary({ ...library(), schemaVersion: '1' })).toThrow(message);
    expect(() => migrateLibrary({ ...library(), schemaVersion: 0 })).toThrow(message);
    expect(() => migrateLibrary({ ...library(), schemaVersion: 1.5 })).toThrow(message);
    expect(() => migrateLibrary('a string')).toThrow(message);
  });

  it('runs each migration step in order up to the current version, then validates', () => {
    const calls: number[] = [];
    const migrations = {
      1: (value: unknown) => {
        calls.push(1);
        const v1 = value as { schemaVersion: 1; signatures: Array<{ id: string; text: string }> };
        // A made-up v1 that had signatures only: v2 calls them snippets.
        return {
          schemaVersion: 2,
          snippets: v1.signatures.map((s) => ({
            id: s.id,
            name: 'Signature',
            kind: 'signature',
            editorState: paragraphState(s.text),
            obfuscateEmails: false,
            createdAt: '2030-01-01T00:00:00.000Z',
            updatedAt: '2030-01-01T00:00:00.000Z',
          })),
          variables: [],
        };
      },
      2: (value: unknown) => {
        calls.push(2);
        const v2 = value as Record<string, unknown>;
        expect(v2.schemaVersion).toBe(2);
        return { ...v2, schemaVersion: 3, author: { name: '', email: '' }, trash: [] };
      },
    };
    const migrated = migrateLibrary(
      { schemaVersion: 1, signatures: [{ id: 'snp_a', text: 'Cheers' }] },
      migrations,
      3,
      librarySchema,
    );
    expect(calls).toEqual([1, 2]);
    expect(migrated.schemaVersion).toBe(3);
    expect(migrated.snippets.map((s) => [s.id, s.kind, s.editorState])).toEqual([
      ['snp_a', 'signature', paragraphState('Cheers')],
    ]);
    expect(migrated.trash).toEqual([]);

    calls.length = 0;
    expect(
      migrateLibrary({ ...library(), schemaVersion: 2 }, migrations, 3, librarySchema).schemaVersion,
    ).toBe(3);
    expect(calls).toEqual([2]);
  });

  it('says which format it cannot read when a step is missing', () => {
    expect(() =>
      migrateLibrary({ schemaVersion: 1 }, { 1: (v) => ({ ...(v as object), schemaVersion: 2 }) }, 3),
    ).toThrow('Signet cannot read snippet library format 2.');
  });

  it('has a step for every version below the current one, and reads a version 1 library', () => {
    for (let version = 1; version < SNIPPET_LIBRARY_VERSION; version++)
      expect(MIGRATIONS[version], `the step from version ${version}`).toBeTypeOf('function');
    const migrated = migrateLibrary({ ...library(), schemaVersion: 1 });
    expect(migrated.schemaVersion).toBe(SNIPPET_LIBRARY_VERSION);
    expect(migrated.snippets.map((s) => s.name)).toEqual(['Signature']);
  });
});

describe('toContractLibrary', () => {
  it('drops the schema version and copies the rest', () => {
    const stored = library();
    const contract = toContractLibrary(stored);
    expect(contract).not.toHaveProperty('schemaVersion');
    expect(contract.snippets).toEqual(stored.snippets);
    contract.snippets[0]!.name = 'changed';
    expect(stored.snippets[0]!.name).toBe('Signature');
  });
});

describe('newSnippetId', () => {
  it('makes distinct ids the library schema accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newSnippetId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^snp_[A-Za-z0-9_-]{12}$/);
  });
});

describe('export files', () => {
  const now = new Date('2030-02-03T04:05:06.000Z');

  it('writes the library without its trash', () => {
    const file = toExportFile(library(), now);
    expect(file.format).toBe(SNIPPET_EXPORT_FORMAT);
    expect(file.exportedAt).toBe('2030-02-03T04:05:06.000Z');
    expect(file.library).not.toHaveProperty('trash');
    expect(file.library.snippets).toEqual(library().snippets);
  });

  it('reads back what it wrote (with an empty trash)', () => {
    const text = JSON.stringify(toExportFile(library(), now), null, 2);
    expect(parseExportFile(text)).toEqual({ ...library(), trash: [] });
  });

  it('says when the file is not JSON', () => {
    expect(() => parseExportFile('{"format": "signet-snippets",')).toThrow(
      'That file is not a Signet snippet export (it is not JSON).',
    );
  });

  it('says when the file is JSON of another kind', () => {
    const message = 'That file is not a Signet snippet export.';
    expect(() => parseExportFile('null')).toThrow(message);
    expect(() => parseExportFile('[1, 2]')).toThrow(message);
    expect(() => parseExportFile('{"format": "other", "library": {}}')).toThrow(message);
  });

  it('says when the library inside has no version', () => {
    expect(() => parseExportFile(`{"format": "${SNIPPET_EXPORT_FORMAT}"}`)).toThrow(
      'This is not a Signet snippet library (it has no format version).',
    );
  });

  it('says in plain words when the library inside is damaged', () => {
    const file = toExportFile(library(), now);
    const damaged = { ...file, library: { ...file.library, snippets: [{ id: 'snp_x', kind: 'poem' }] } };
    const error = thrown(() => parseExportFile(JSON.stringify(damaged))) as Error;
    expect(error.message).toBe('The snippet library in this file is damaged, so Signet cannot read it.');
    expect(error.name).toBe('Error');
  });

  it('says when the file is from a newer Signet', () => {
    const file = toExportFile(library(), now);
    const newer = { ...file, library: { ...file.library, schemaVersion: SNIPPET_LIBRARY_VERSION + 1 } };
    expect(thrown(() => parseExportFile(JSON.stringify(newer)))).toBeInstanceOf(LibraryVersionError);
  });
});

describe('variableSchema', () => {
  const messageFor = (name: string) => {
    const result = variableSchema.safeParse({ name, value: 'x' });
    return result.success ? null : result.error.issues[0]!.message;
  };

  it('accepts names that start with a letter', () => {
    for (const name of ['nickname', 'a', 'Twitter_handle2', `a${'b'.repeat(39)}`])
      expect(messageFor(name)).toBeNull();
  });

  it('refuses the names Signet fills in', () => {
    for (const name of ['author', 'blog', 'post'])
      expect(messageFor(name)).toBe('author, blog and post are filled in by Signet');
  });

  it('refuses names with other characters, a leading digit or too long', () => {
    for (const name of ['', '1st', '_x', 'my-name', 'author.name', 'with space', `a${'b'.repeat(40)}`])
      expect(messageFor(name)).toBe(
        'a variable name starts with a letter and has only letters, digits and _',
      );
  });

  it('refuses a value over 2000 characters', () => {
    expect(variableSchema.safeParse({ name: 'bio', value: 'x'.repeat(2000) }).success).toBe(true);
    expect(variableSchema.safeParse({ name: 'bio', value: 'x'.repeat(2001) }).success).toBe(false);
  });
});
