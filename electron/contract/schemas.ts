/**
 * Runtime schemas for every request the renderer may send. The dispatcher checks a payload
 * against its command's schema before any handler sees it; unknown keys are rejected.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1–64 letters, digits, _ or -');

const isoDate = z.iso.datetime({ offset: true });

/** Lexical JSON is opaque here, but it must be an object with a root and stay a sane size. */
const editorState = z
  .object({ root: z.looseObject({}) })
  .loose()
  .nullable();

const draftMeta = z.strictObject({
  excerpt: z.string().max(10_000).optional(),
  slug: z.string().max(200).optional(),
  tags: z.array(z.string().max(200)).max(200).optional(),
  categories: z.array(z.string().max(200)).max(200).optional(),
  featuredImage: z.string().max(255).optional(),
  scheduledAt: isoDate.optional(),
});

const filter = z.enum(['all', 'local', 'published', 'scheduled', 'queued', 'trash']);

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'a file name, not a path');

const empty = z.strictObject({}).optional();

export const requestSchemas = {
  getAppInfo: empty,
  getPreferences: empty,
  setPreferences: z.strictObject({
    theme: z.enum(['system', 'light', 'dark']).optional(),
    spellcheck: z.boolean().optional(),
    lastOpenDraftId: id.nullable().optional(),
  }),

  listDrafts: z.strictObject({
    filter: filter.default('all'),
    query: z.string().max(500).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  getDraft: z.strictObject({ id }),
  createDraft: z.strictObject({ title: z.string().max(1000).optional() }).optional(),
  saveDraft: z.strictObject({
    id,
    title: z.string().max(1000),
    editorState,
    meta: draftMeta.optional(),
    /** The `updatedAt` the renderer last loaded or saved; lets the store spot outside edits. */
    baseUpdatedAt: isoDate.optional(),
  }),
  trashDraft: z.strictObject({ id }),
  restoreDraft: z.strictObject({ id }),
  emptyTrash: empty,

  listRevisions: z.strictObject({ id }),
  getRevision: z.strictObject({ id, revisionId: id }),
  restoreRevision: z.strictObject({ id, revisionId: id }),

  getConflict: z.strictObject({ id }),
  resolveConflict: z.strictObject({ id, choice: z.enum(['mine', 'theirs', 'both']) }),

  listQuarantine: empty,

  addImage: z.strictObject({
    id,
    fileName,
    mimeType: z.string().regex(/^image\/(png|jpeg|gif|webp|avif|svg\+xml)$/, 'an image type'),
    /** Base64 of the bytes; 25 MB of image at most. */
    dataBase64: z
      .string()
      .max(34_000_000)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  }),
  pickImage: z.strictObject({ id }),

  getDraftsFolder: empty,
  moveDraftsFolder: z.strictObject({ path: z.string().min(1).max(4096).optional() }),

  openExternal: z.strictObject({ url: z.string().max(8192) }),
} as const;

export type RequestSchemas = typeof requestSchemas;
