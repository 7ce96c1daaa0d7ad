/**
 * The stored shape of the snippet library (the settings file's `snippetLibrary`), its schema
 * version and the migrations that bring an older library (or an exported file) up to date.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import type { Snippet, SnippetLibrary } from '../contract';
import { SNIPPET_EXPORT_FORMAT, SNIPPET_KINDS } from '../contract';
import { t } from '../contract/i18n';

/**
 * Version 1: snippets with Lexical content, custom variables, the author's profile, a trash.
 * A change of this shape raises the version and adds a step to `MIGRATIONS` (with a test that
 * reads a library of the old version).
 */
export const SNIPPET_LIBRARY_VERSION = 1;

export const SNIPPET_TRASH_LIMIT = 20;

export const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Names the app fills in itself; a custom variable may not take them. */
export const RESERVED_VARIABLE_ROOTS: ReadonlySet<string> = new Set(['author', 'blog', 'post']);

const isoDate = z.iso.datetime({ offset: true });
const snippetId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const editorState = z
  .object({ root: z.looseObject({}) })
  .loose()
  .nullable();

export const snippetSchema = z.object({
  id: snippetId,
  name: z.string().max(200),
  kind: z.enum(SNIPPET_KINDS as [Snippet['kind'], ...Snippet['kind'][]]),
  editorState,
  obfuscateEmails: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const variableSchema = z.object({
  name: z
    .string()
    .regex(VARIABLE_NAME, 'a variable name starts with a letter and has only letters, digits and _')
    .refine((name) => !RESERVED_VARIABLE_ROOTS.has(name), 'author, blog and post are filled in by Signet'),
  value: z.string().max(2000),
});

const authorSchema = z.object({ name: z.string().max(200), email: z.string().max(320) });

export const librarySchema = z.object({
  schemaVersion: z.number().int(),
  snippets: z.array(snippetSchema),
  variables: z.array(variableSchema),
  author: authorSchema,
  trash: z.array(z.object({ snippet: snippetSchema, index: z.number().int().min(0), deletedAt: isoDate })),
});

export type StoredLibrary = z.infer<typeof librarySchema>;

export const EMPTY_LIBRARY: StoredLibrary = {
  schemaVersion: SNIPPET_LIBRARY_VERSION,
  snippets: [],
  variables: [],
  author: { name: '', email: '' },
  trash: [],
};

/** Each step takes the stored value of its version and returns the next version's. None yet. */
export type LibraryMigrations = Readonly<Record<number, (value: unknown) => unknown>>;
export const MIGRATIONS: LibraryMigrations = {};

export class LibraryVersionError extends Error {
  constructor(readonly version: number) {
    super(t('error.snippets.library.newer', { version }));
    this.name = 'LibraryVersionError';
  }
}

/**
 * Brings a stored library (or an imported file's library) to the current version. Throws
 * `LibraryVersionError` for a newer one and zod's error for one that is not a library at all.
 */
export function migrateLibrary(
  value: unknown,
  migrations: LibraryMigrations = MIGRATIONS,
  currentVersion = SNIPPET_LIBRARY_VERSION,
  schema: z.ZodType<StoredLibrary> = librarySchema,
): StoredLibrary {
  if (value === undefined || value === null) return structuredClone(EMPTY_LIBRARY);
  let current: unknown = value;
  for (;;) {
    const version = (current as { schemaVersion?: unknown }).schemaVersion;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      throw new Error(t('error.snippets.library.noVersion'));
    if (version > currentVersion) throw new LibraryVersionError(version);
    if (version === currentVersion) return schema.parse(current);
    const step = migrations[version];
    if (!step) throw new Error(t('error.snippets.library.oldVersion', { version }));
    current = step(current);
  }
}

export function toContractLibrary(stored: StoredLibrary): SnippetLibrary {
  const { schemaVersion: _version, ...library } = stored;
  return structuredClone(library);
}

export function newSnippetId(): string {
  return `snp_${randomBytes(9).toString('base64url')}`;
}

/** The file `exportSnippets` writes and `importSnippets` reads. */
export interface SnippetExportFile {
  format: typeof SNIPPET_EXPORT_FORMAT;
  exportedAt: string;
  library: Omit<StoredLibrary, 'trash'>;
}

export function toExportFile(stored: StoredLibrary, now: Date): SnippetExportFile {
  const { trash: _trash, ...library } = stored;
  return { format: SNIPPET_EXPORT_FORMAT, exportedAt: now.toISOString(), library };
}

/** Reads an exported file's text; the library inside is migrated like a stored one. */
export function parseExportFile(text: string): StoredLibrary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(t('error.snippets.import.notJson'));
  }
  const file = json as Partial<SnippetExportFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== SNIPPET_EXPORT_FORMAT)
    throw new Error(t('error.snippets.import.notExport'));
  try {
    return migrateLibrary({ trash: [], ...(file.library as object) });
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new Error(t('error.snippets.import.damaged'), {
        cause: error,
      });
    throw error;
  }
}
