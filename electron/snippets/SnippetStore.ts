/**
 * The snippet library, kept in the settings file (`snippetLibrary`, small: electron-store rewrites
 * the whole file on every set) under its own schema version. A library this version cannot read
 * (written by a newer Signet, or broken by a hand edit) is never overwritten: every change is
 * refused with a message until the author updates Signet or restores a good copy.
 */
import type {
  AuthorProfile,
  CustomVariable,
  EditorStateJSON,
  Snippet,
  SnippetKind,
  SnippetLibrary,
} from '../contract';
import { snippetKindLabel } from '../contract/snippetLabels';
import { AppError } from '../dispatcher';
import type { SettingsPort } from '../ports';
import {
  LibraryVersionError,
  migrateLibrary,
  newSnippetId,
  SNIPPET_LIBRARY_VERSION,
  SNIPPET_TRASH_LIMIT,
  toContractLibrary,
  variableSchema,
  type StoredLibrary,
} from './library';
import { t } from '../contract/i18n';

export interface SnippetPatch {
  name?: string;
  kind?: SnippetKind;
  editorState?: EditorStateJSON | null;
  obfuscateEmails?: boolean;
}

export class SnippetStore {
  private readonly settings: SettingsPort;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(options: { settings: SettingsPort; clock?: () => Date; newId?: () => string }) {
    this.settings = options.settings;
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? newSnippetId;
  }

  library(): SnippetLibrary {
    return toContractLibrary(this.read());
  }

  get(id: string): Snippet | null {
    return this.read().snippets.find((s) => s.id === id) ?? null;
  }

  create(input: { name?: string; kind: SnippetKind; editorState?: EditorStateJSON | null }): Snippet {
    const now = this.clock().toISOString();
    const stored = this.read();
    const snippet: Snippet = {
      id: this.newId(),
      name: input.name?.trim() || defaultName(input.kind, stored.snippets),
      kind: input.kind,
      editorState: input.editorState ?? null,
      obfuscateEmails: false,
      createdAt: now,
      updatedAt: now,
    };
    this.write({ ...stored, snippets: [...stored.snippets, snippet] });
    return snippet;
  }

  update(id: string, patch: SnippetPatch): Snippet {
    const stored = this.read();
    const current = stored.snippets.find((s) => s.id === id);
    if (!current) throw notFound();
    const next: Snippet = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name.trim() || current.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.editorState !== undefined ? { editorState: patch.editorState } : {}),
      ...(patch.obfuscateEmails !== undefined ? { obfuscateEmails: patch.obfuscateEmails } : {}),
      updatedAt: this.clock().toISOString(),
    };
    this.write({ ...stored, snippets: stored.snippets.map((s) => (s.id === id ? next : s)) });
    return next;
  }

  /** A copy right after the original, named "… copy". */
  duplicate(id: string): Snippet {
    const stored = this.read();
    const index = stored.snippets.findIndex((s) => s.id === id);
    if (index < 0) throw notFound();
    const original = stored.snippets[index]!;
    const now = this.clock().toISOString();
    const copy: Snippet = {
      ...structuredClone(original),
      id: this.newId(),
      name: `${original.name} copy`.slice(0, 200),
      createdAt: now,
      updatedAt: now,
    };
    const snippets = [...stored.snippets];
    snippets.splice(index + 1, 0, copy);
    this.write({ ...stored, snippets });
    return copy;
  }

  /** Moves a snippet to the trash, from where `restore` brings it back to its place. */
  delete(id: string): void {
    const stored = this.read();
    const index = stored.snippets.findIndex((s) => s.id === id);
    if (index < 0) throw notFound();
    const entry = { snippet: stored.snippets[index]!, index, deletedAt: this.clock().toISOString() };
    this.write({
      ...stored,
      snippets: stored.snippets.filter((s) => s.id !== id),
      trash: [entry, ...stored.trash.filter((t) => t.snippet.id !== id)].slice(0, SNIPPET_TRASH_LIMIT),
    });
  }

  restore(id: string): Snippet {
    const stored = this.read();
    const entry = stored.trash.find((t) => t.snippet.id === id);
    if (!entry) throw new AppError('NOT_FOUND', t('error.snippets.cannotRestore'));
    const snippets = [...stored.snippets];
    snippets.splice(Math.min(entry.index, snippets.length), 0, entry.snippet);
    this.write({ ...stored, snippets, trash: stored.trash.filter((t) => t !== entry) });
    return entry.snippet;
  }

  /** Puts a snippet at `toIndex` in the author's order; returns the new order. */
  move(id: string, toIndex: number): Snippet[] {
    const stored = this.read();
    const index = stored.snippets.findIndex((s) => s.id === id);
    if (index < 0) throw notFound();
    const snippets = [...stored.snippets];
    const [moved] = snippets.splice(index, 1);
    snippets.splice(Math.max(0, Math.min(toIndex, snippets.length)), 0, moved!);
    this.write({ ...stored, snippets });
    return snippets;
  }

  setDetails(details: { variables?: CustomVariable[]; author?: AuthorProfile }): SnippetLibrary {
    const stored = this.read();
    let variables = stored.variables;
    if (details.variables !== undefined) {
      const names = new Set<string>();
      for (const variable of details.variables) {
        const parsed = variableSchema.safeParse(variable);
        if (!parsed.success)
          throw new AppError(
            'BAD_REQUEST',
            t('error.snippets.variableInvalid', {
              name: variable.name,
              problem: parsed.error.issues[0]!.message,
            }),
          );
        if (names.has(variable.name))
          throw new AppError('BAD_REQUEST', t('error.snippets.variableDuplicate', { name: variable.name }));
        names.add(variable.name);
      }
      variables = details.variables.map((v) => ({ name: v.name, value: v.value }));
    }
    const next = { ...stored, variables, author: details.author ?? stored.author };
    this.write(next);
    return toContractLibrary(next);
  }

  /**
   * Adds an imported library: snippets with a new id are added, those already here (same id) are
   * replaced when the import is newer; variables are merged by name; the author's details are
   * taken only when none are set here.
   */
  importLibrary(incoming: StoredLibrary): { added: number; updated: number; unchanged: number } {
    const stored = this.read();
    const snippets = [...stored.snippets];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const snippet of incoming.snippets) {
      const index = snippets.findIndex((s) => s.id === snippet.id);
      if (index < 0) {
        snippets.push(snippet);
        added++;
      } else if (snippet.updatedAt > snippets[index]!.updatedAt) {
        snippets[index] = snippet;
        updated++;
      } else {
        unchanged++;
      }
    }
    const variables = [...stored.variables];
    for (const variable of incoming.variables) {
      const index = variables.findIndex((v) => v.name === variable.name);
      if (index < 0) variables.push(variable);
      else variables[index] = variable;
    }
    const author = stored.author.name || stored.author.email ? stored.author : incoming.author;
    // A deleted snippet the import brought back leaves the trash: restoring it would add it twice.
    const ids = new Set(snippets.map((s) => s.id));
    const trash = stored.trash.filter((t) => !ids.has(t.snippet.id));
    this.write({ ...stored, snippets, variables, author, trash });
    return { added, updated, unchanged };
  }

  /** The library as stored (current version), for export. */
  stored(): StoredLibrary {
    return this.read();
  }

  private read(): StoredLibrary {
    try {
      return migrateLibrary(this.settings.get('snippetLibrary'));
    } catch (error) {
      throw new AppError(
        'UNAVAILABLE',
        error instanceof LibraryVersionError ? error.message : t('error.snippets.libraryUnreadable'),
      );
    }
  }

  private write(library: StoredLibrary): void {
    this.settings.set('snippetLibrary', { ...library, schemaVersion: SNIPPET_LIBRARY_VERSION });
  }
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', t('error.snippets.gone'));
}

function defaultName(kind: SnippetKind, existing: readonly Snippet[]): string {
  const base = snippetKindLabel(kind);
  const names = new Set(existing.map((s) => s.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}
