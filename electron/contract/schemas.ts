/**
 * Runtime schemas for every request the renderer may send. The dispatcher checks a payload
 * against its command's schema before any handler sees it; unknown keys are rejected.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1–64 letters, digits, _ or -');

const isoDate = z.iso.datetime({ offset: true });

/** How deep a saved document may nest (a list in a list … is 4 levels a step): far past any draft. */
export const MAX_DOCUMENT_DEPTH = 400;

/**
 * Whether `value` is what JSON can hold — plain objects, arrays, strings, finite numbers, booleans,
 * null — nested at most `maxDepth` deep. Walked with an explicit stack, so a hostile payload
 * nested thousands deep cannot overflow the call stack; a bigint, Map, Date or typed array (all of
 * which structured clone carries over IPC) is refused before it reaches a store or Lexical.
 */
export function isPlainJson(value: unknown, maxDepth = MAX_DOCUMENT_DEPTH): boolean {
  // Objects only go on the stacks (primitives are checked where they are met), and no pair is made
  // per value: a 20,000-word document holds ~100,000 values, and the first check of a save runs
  // before V8 optimizes this loop (10–15 ms on the main thread with a pair per value, ~2 ms now).
  const objects: object[] = [];
  const depths: number[] = [];
  const take = (child: unknown, depth: number): boolean => {
    if (typeof child !== 'object' || child === null) return isJsonPrimitive(child);
    objects.push(child);
    depths.push(depth);
    return true;
  };
  if (!take(value, 0)) return false;
  while (objects.length > 0) {
    const item = objects.pop()!;
    const depth = depths.pop()!;
    if (depth >= maxDepth) return false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        if (!(i in item)) return false; // a sparse array is not JSON
        if (!take(item[i], depth + 1)) return false;
      }
      continue;
    }
    const proto = Object.getPrototypeOf(item) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key in item) {
      if (Object.hasOwn(item, key) && !take((item as Record<string, unknown>)[key], depth + 1)) return false;
    }
  }
  return true;
}

function isJsonPrimitive(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return value === null;
    default:
      return false;
  }
}

/** Lexical JSON is opaque here, but it must be plain JSON with an object root, nested sanely. */
const editorState = z
  .object({ root: z.looseObject({}) })
  .loose()
  .refine((state) => isPlainJson(state), {
    message: `a document is plain JSON nested at most ${MAX_DOCUMENT_DEPTH} deep`,
  })
  .nullable();

const draftMeta = z.strictObject({
  excerpt: z.string().max(10_000).optional(),
  slug: z.string().max(200).optional(),
  tags: z.array(z.string().max(200)).max(200).optional(),
  categories: z.array(z.string().max(200)).max(200).optional(),
  featuredImage: z.string().max(255).optional(),
  scheduledAt: isoDate.optional(),
  /** Kept as the store has it, so a save that sends the meta back does not lose it. */
  syndication: z
    .strictObject({ primary: z.string().max(500), targets: z.array(z.string().max(500)).max(100) })
    .optional(),
  /** Word-count goal of the draft (writing aid). */
  wordGoal: z.number().int().min(1).max(1_000_000).optional(),
});

const filter = z.enum(['all', 'local', 'published', 'scheduled', 'queued', 'trash']);

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'a file name, not a path');

const empty = z.strictObject({}).optional();

/** What an author types as a blog address: `example.com`, `https://example.com/blog/`. */
const siteUrl = z
  .string()
  .trim()
  .min(1, 'a blog address')
  .max(2048)
  .refine((s) => !/\s/.test(s), 'an address without spaces');

const postType = z.enum(['post', 'page']);
const platform = z.enum(['wordpress', 'ghost', 'blogger', 'micropub', 'static-site']);
const publishStatus = z.enum(['draft', 'pending', 'private', 'publish', 'future']);
const publishOptions = z.strictObject({
  accountId: id,
  postType,
  status: publishStatus,
  scheduledAt: isoDate.optional(),
  tags: z.array(z.string().trim().min(1).max(200)).max(100),
  categories: z.array(z.string().trim().min(1).max(200)).max(100),
  excerpt: z.string().max(10_000).optional(),
  slug: z.string().max(200).optional(),
  featuredImage: fileName.optional(),
  useHeader: z.boolean().optional(),
  useFooter: z.boolean().optional(),
  canonicalFrom: id.optional(),
  newsletter: z.string().trim().min(1).max(200).optional(),
});

const jobId = z.string().regex(/^job_[A-Za-z0-9_-]{6,64}$/, 'an outbox job id');

const snippetKind = z.enum(['signature', 'bio', 'header', 'footer', 'text']);
const snippetName = z.string().max(200);
const customVariable = z.strictObject({ name: z.string().max(40), value: z.string().max(2000) });

export const requestSchemas = {
  getAppInfo: empty,
  getPreferences: empty,
  setPreferences: z.strictObject({
    theme: z.enum(['system', 'light', 'dark']).optional(),
    spellcheck: z.boolean().optional(),
    lastOpenDraftId: id.nullable().optional(),
    focusMode: z.boolean().optional(),
    zoom: z.number().int().min(50).max(200).optional(),
    editorFont: z.enum(['serif', 'sans', 'mono', 'system']).optional(),
    editorFontSize: z.number().int().min(12).max(32).optional(),
    smartPunctuation: z.boolean().optional(),
    desktopNotifications: z.boolean().optional(),
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

  getVaultStatus: empty,
  allowWeakVault: empty,
  listAccounts: empty,
  discoverSite: z.strictObject({ url: siteUrl }),
  signIn: z.strictObject({
    url: siteUrl,
    userLogin: z.string().trim().min(1, 'a user name').max(200),
    appPassword: z.string().trim().min(1, 'an application password').max(200),
  }),
  startBrowserSignIn: z.strictObject({ url: siteUrl }),
  addAccounts: z.strictObject({ sessionId: id, blogIds: z.array(z.string().max(64)).min(1).max(100) }),
  listPlatforms: empty,
  pickSiteFolder: empty,
  connectAccount: z.discriminatedUnion('kind', [
    z.strictObject({
      platform,
      kind: z.literal('api-key'),
      siteUrl,
      apiKey: z.string().trim().min(1, 'a key').max(1000),
    }),
    z.strictObject({
      platform,
      kind: z.literal('oauth'),
      clientId: z.string().trim().min(1, 'a client id').max(500),
      clientSecret: z.string().trim().max(500).optional(),
    }),
    z.strictObject({ platform, kind: z.literal('indieauth'), me: siteUrl }),
    z.strictObject({
      platform,
      kind: z.literal('folder'),
      folder: z.string().trim().min(1, 'a folder').max(4096),
      generator: z.enum(['hugo', 'jekyll', 'eleventy']).optional(),
    }),
  ]),
  removeAccount: z.strictObject({ id }),
  updateAccountSettings: z.strictObject({
    id,
    contentFormat: z.enum(['blocks', 'classic']).optional(),
    maxImageWidth: z.number().int().min(320).max(10_000).optional(),
    /** `null` removes the header (or footer). */
    headerSnippetId: id.nullable().optional(),
    footerSnippetId: id.nullable().optional(),
    /** `null`: no account stores this one's images. */
    mediaAccountId: id.nullable().optional(),
  }),
  searchTerms: z.strictObject({
    accountId: id,
    taxonomy: z.enum(['tags', 'categories']),
    search: z.string().max(200),
  }),
  previewPost: z.strictObject({ draftId: id, options: publishOptions }),
  /** `refresh`: fetch the blog's page and styles again even when the kept copy is fresh. */
  previewInTheme: z.strictObject({ draftId: id, options: publishOptions, refresh: z.boolean().optional() }),
  publishDraft: z.strictObject({
    draftId: id,
    options: publishOptions,
    /** After a conflict: replace the server's version, or take it as a new revision of the draft. */
    onConflict: z.enum(['ask', 'overwrite', 'takeServer']).default('ask'),
  }),
  syndicateDraft: z.strictObject({
    draftId: id,
    primary: publishOptions,
    copies: z.array(publishOptions).max(20),
    onConflict: z.enum(['ask', 'overwrite']).default('ask'),
  }),
  listDraftDestinations: z.strictObject({ draftId: id }),
  exportDraftMarkdown: z.strictObject({ draftId: id }),
  importDraftMarkdown: empty,
  listRemotePosts: z.strictObject({
    accountId: id,
    type: postType.default('post'),
    page: z.number().int().min(1).max(10_000).default(1),
    search: z.string().max(200).optional(),
    status: z.array(publishStatus).max(5).optional(),
  }),
  openRemotePost: z.strictObject({ accountId: id, type: postType, remoteId: z.string().min(1).max(2048) }),
  deleteRemotePost: z.strictObject({
    draftId: id,
    accountId: id,
    /** Delete for good instead of moving to the blog's trash. */
    force: z.boolean().default(false),
  }),
  listRemoteMedia: z.strictObject({
    accountId: id,
    page: z.number().int().min(1).max(10_000).default(1),
    search: z.string().max(200).optional(),
  }),

  listSnippets: empty,
  createSnippet: z.strictObject({
    kind: snippetKind,
    name: snippetName.optional(),
    editorState: editorState.optional(),
  }),
  updateSnippet: z.strictObject({
    id,
    name: snippetName.optional(),
    kind: snippetKind.optional(),
    editorState: editorState.optional(),
    obfuscateEmails: z.boolean().optional(),
  }),
  duplicateSnippet: z.strictObject({ id }),
  deleteSnippet: z.strictObject({ id }),
  restoreSnippet: z.strictObject({ id }),
  moveSnippet: z.strictObject({ id, toIndex: z.number().int().min(0).max(10_000) }),
  setSnippetDetails: z.strictObject({
    variables: z.array(customVariable).max(200).optional(),
    author: z.strictObject({ name: z.string().max(200), email: z.string().max(320) }).optional(),
  }),
  /** Renders content being edited with sample values (the Snippets screen's live preview). */
  previewSnippet: z.strictObject({ editorState, obfuscateEmails: z.boolean().default(false) }),
  /** Renders library snippets for a draft (its title, its blog), as the editor shows them. */
  renderSnippets: z.strictObject({
    snippetIds: z.array(id).max(200),
    draftId: id.optional(),
    title: z.string().max(1000).optional(),
  }),
  exportSnippets: empty,
  importSnippets: empty,
  findSnippetUses: z.strictObject({ id }),
  /** Updates every published post that uses the snippet on its blog. */
  reapplySnippet: z.strictObject({ id }),

  listOutbox: empty,
  retryOutboxJob: z.strictObject({ id: jobId }),
  cancelOutboxJob: z.strictObject({ id: jobId }),
  outboxNudge: empty,

  listBackups: empty,
  backupNow: empty,
  restoreBackup: z.strictObject({
    id: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z(?:-\d+)?$/, 'a backup id'),
    includeSettings: z.boolean().default(false),
  }),

  getDiagnostics: empty,
} as const;

export type RequestSchemas = typeof requestSchemas;
