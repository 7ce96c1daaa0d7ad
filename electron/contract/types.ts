import type { PublishOptions } from './publishing';
/**
 * Domain types the renderer sees. Pure TypeScript: no Node, no DOM, no Electron.
 * Nothing here ever carries a secret.
 */

/** Lexical's serialized editor state (`editor.getEditorState().toJSON()`), kept as opaque JSON. */
export type EditorStateJSON = { root: Record<string, unknown> } & Record<string, unknown>;

/** Where a draft stands, as shown and filtered in the draft list. */
export type DraftState = 'local' | 'published' | 'scheduled' | 'queued' | 'trash';

/** A filter of the draft list: every live draft, or one state. */
export type DraftFilter = 'all' | DraftState;

/** Post metadata kept with the draft. */
export interface DraftMeta {
  excerpt?: string;
  slug?: string;
  tags?: string[];
  categories?: string[];
  /** Asset file name inside the draft's assets folder. */
  featuredImage?: string;
  /** ISO date-time at which the post should go out. */
  scheduledAt?: string;
  /**
   * One draft, many blogs: the destination whose post is the original (`primary`) and the ones
   * that get a copy linking back to it (`targets`), as destination keys (the same on every machine).
   */
  syndication?: { primary: string; targets: string[] };
  /** The author's word-count goal for this draft (writing aid; never sent to a blog). */
  wordGoal?: number;
}

/** What Signet knows about the copy of a draft on one blog. */
export interface DestinationState {
  remoteId?: string;
  /** Post or page (WordPress keeps them apart). */
  type?: 'post' | 'page';
  permalink?: string;
  remoteModifiedAt?: string;
  lastPublishedHash?: string;
  status?: string;
  media?: Record<string, { remoteId: string; url: string; hash: string }>;
  /** Library snippets the last publish used (in the text, or as the account's header or footer). */
  snippets?: string[];
  /** Which of the account's header and footer snippets the last publish added (`false`: switched off). */
  header?: boolean;
  footer?: boolean;
  /** When Signet last sent the post here (ISO). */
  publishedAt?: string;
  /** The choices of the last publish here (status, tags…), so it can be sent again as it was. */
  lastOptions?: Omit<PublishOptions, 'accountId'>;
}

/** One draft, as stored in `<data>/drafts/<id>.json`. */
export interface Draft {
  schemaVersion: number;
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  editorState: EditorStateJSON | null;
  meta: DraftMeta;
  /** Keyed by `platform:canonical-site-URL[:blogId]`. */
  destinations: Record<string, DestinationState>;
  /** Set while the draft is in the trash. */
  trashedAt?: string;
}

/** A row of the draft list. */
export interface DraftSummary {
  id: string;
  title: string;
  /** The first words of the body, plain text. */
  snippet: string;
  updatedAt: string;
  createdAt: string;
  state: DraftState;
  wordCount: number;
}

export interface DraftListResult {
  items: DraftSummary[];
  /** How many drafts match, before paging. */
  total: number;
}

export interface RevisionSummary {
  id: string;
  /** When the snapshot was taken. */
  createdAt: string;
  reason: RevisionReason;
  title: string;
  wordCount: number;
}

export type RevisionReason =
  'autosave' | 'before-restore' | 'before-publish' | 'external-change' | 'conflict';

export interface Revision extends RevisionSummary {
  draft: Draft;
}

/** A draft file that could not be read and was moved aside. */
export interface QuarantineEntry {
  /** The original file name (e.g. `abc.json`). */
  fileName: string;
  /** Where it was moved, absolute path. */
  movedTo: string;
  /** Why, in words the author understands. */
  reason: string;
  at: string;
}

/** Both sides of a draft that changed on disk and in Signet at the same time. */
export interface DraftConflict {
  id: string;
  /** The version in Signet (what the author typed). */
  mine: Draft;
  /** The version another program wrote to the file. */
  theirs: Draft;
}

export type ConflictChoice = 'mine' | 'theirs' | 'both';

/** Result of saving a draft. */
export interface SaveResult {
  updatedAt: string;
}

export interface AppInfo {
  version: string;
  platform: string;
  dataDir: string;
  draftsDir: string;
  /** Prefix for draft images: `${assetBaseUrl}${draftId}/${fileName}`. */
  assetBaseUrl: string;
  /** `electron` inside the desktop app, `web` in the browser host. */
  runtime: 'electron' | 'web';
}

export type ThemePreference = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: ThemePreference;
  spellcheck: boolean;
  /** Id of the draft open when the app was last closed. */
  lastOpenDraftId: string | null;
  /** Distraction-free writing: sidebar, header and toolbars hidden, the column centred. */
  focusMode: boolean;
  /** Zoom of the whole window in percent, 50–200 (applied by the renderer as CSS zoom). */
  zoom: number;
  /** Typeface of the title and body in the editor (not the rest of the app). */
  editorFont: 'serif' | 'sans' | 'mono' | 'system';
  /** Body text size in the editor, CSS pixels, 12–32. */
  editorFontSize: number;
  /** Curly quotes and dashes as you type (the editor's smart punctuation plugin). */
  smartPunctuation: boolean;
  /** A desktop notification when an outbox job is published, updated or fails (default on). */
  desktopNotifications: boolean;
}

export interface AssetRef {
  /** File name inside the draft's assets folder. */
  fileName: string;
  /** URL the renderer can show. */
  url: string;
}

/** Something the author should be told, pushed from the main process. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** A stable code, e.g. `SAVE_FAILED`, so the UI can replace a notice of the same kind. */
  code?: string;
}

/** One backup of the drafts and the settings (never the passwords) in `<data>/backups/`. */
export interface BackupSummary {
  id: string;
  createdAt: string;
  draftCount: number;
  sizeBytes: number;
}
