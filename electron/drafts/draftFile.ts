/**
 * The on-disk shape of one draft (`<id>.json`): its schema, the migrations from older shapes and
 * the one function that turns a file's bytes into a `Draft` or says, in the author's words, why
 * it cannot.
 */
import { z } from 'zod';
import type { Draft } from '../contract';
import { DRAFT_ID } from './ids';
import { DRAFT_SCHEMA_VERSION } from './types';
import { t } from '../contract/i18n';

const isoDate = z.iso.datetime({ offset: true });

const destinationSchema = z
  .object({
    remoteId: z.string().optional(),
    permalink: z.string().optional(),
    remoteModifiedAt: z.string().optional(),
    lastPublishedHash: z.string().optional(),
    status: z.string().optional(),
    media: z
      .record(z.string(), z.object({ remoteId: z.string(), url: z.string(), hash: z.string() }))
      .optional(),
    snippets: z.array(z.string()).optional(),
    header: z.boolean().optional(),
    footer: z.boolean().optional(),
    publishedAt: z.string().optional(),
  })
  // Publishers may learn to keep more about a destination; an older Signet must not drop it.
  .loose();

const metaSchema = z
  .object({
    excerpt: z.string().optional(),
    slug: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    featuredImage: z.string().optional(),
    scheduledAt: isoDate.optional(),
  })
  .loose();

export const draftFileSchema = z.object({
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  id: z.string().regex(DRAFT_ID),
  title: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  editorState: z
    .object({ root: z.looseObject({}) })
    .loose()
    .nullable(),
  meta: metaSchema,
  destinations: z.record(z.string(), destinationSchema),
  trashedAt: isoDate.optional(),
});

/**
 * `migrations[n]` turns a schema-n file into a schema-(n+1) one. Drafts written by an older
 * Signet must always open, so a version bump always comes with an entry here and a fixture test.
 *
 * Schema 0 is the prototype's shape: no `destinations` (publishing came later) and `meta` could
 * be missing.
 */
export const migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  0: (old) => ({
    ...old,
    schemaVersion: 1,
    meta: isRecord(old.meta) ? old.meta : {},
    destinations: {},
  }),
};

export type ParsedDraftFile =
  | { ok: true; draft: Draft; migratedFrom?: number }
  | { ok: false; kind: 'not-json' | 'invalid' | 'newer-schema'; why: string; schemaVersion?: number };

/** Reads a draft file's text. `expectedId` is the id its file name gives. */
export function parseDraftFile(text: string, expectedId?: string): ParsedDraftFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, kind: 'not-json', why: t('error.drafts.file.notJson', { detail }) };
  }
  return parseDraftValue(data, expectedId);
}

/** Checks and migrates a draft already parsed from JSON (a draft file, or one inside a revision). */
export function parseDraftValue(data: unknown, expectedId?: string): ParsedDraftFile {
  if (!isRecord(data)) {
    return { ok: false, kind: 'invalid', why: t('error.drafts.file.noObject') };
  }
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, kind: 'invalid', why: t('error.drafts.file.noSchema') };
  }
  if (version > DRAFT_SCHEMA_VERSION) {
    return {
      ok: false,
      kind: 'newer-schema',
      schemaVersion: version,
      why: t('error.drafts.file.newerSchema', { version }),
    };
  }
  let current = data;
  for (let v = version; v < DRAFT_SCHEMA_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) {
      return { ok: false, kind: 'invalid', why: t('error.drafts.file.oldSchema', { version }) };
    }
    current = migrate(current);
  }
  const parsed = draftFileSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      kind: 'invalid',
      why: t('error.drafts.file.invalid', {
        where,
        detail: issue?.message ?? t('error.drafts.file.unknownProblem'),
      }),
    };
  }
  const draft = parsed.data as Draft;
  if (expectedId !== undefined && draft.id !== expectedId) {
    // A file copied in a file manager ("abc.json" → "xyz.json") is a second draft: the name is
    // what the store and every URL go by, so it wins over the id inside.
    draft.id = expectedId;
  }
  return version < DRAFT_SCHEMA_VERSION ? { ok: true, draft, migratedFrom: version } : { ok: true, draft };
}

/** The text Signet writes for a draft, keys in a fixed order. */
export function serializeDraft(draft: Draft): string {
  const file: Draft = {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: draft.id,
    title: draft.title,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    editorState: draft.editorState,
    meta: draft.meta,
    destinations: draft.destinations,
  };
  if (draft.trashedAt !== undefined) file.trashedAt = draft.trashedAt;
  // Compact: Lexical JSON nests deeply, and indenting it doubles the bytes every open has to read.
  return JSON.stringify(file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
