/**
 * The IPC contract: every command the renderer may call, what it sends and what it gets back,
 * and the events the main process pushes. One builder turns it into `window.signet`, used by the
 * Electron preload (over ipcRenderer) and by the web host's page shim (over a WebSocket).
 */
import type { input, output } from 'zod';
import type { RequestSchemas } from './schemas';
import type {
  AccountSummary,
  DestinationStatus,
  PlatformInfo,
  SyndicateResult,
  PublishOutcome,
  PublishPreview,
  PublishProgress,
  QueuedOutcome,
  RemoteMediaItem,
  RemotePostSummary,
  RemoteTermItem,
  SignInResult,
  SiteDiscovery,
  VaultStatus,
} from './publishing';
import type {
  AppInfo,
  AssetRef,
  BackupSummary,
  Draft,
  DraftConflict,
  DraftListResult,
  Notice,
  Preferences,
  QuarantineEntry,
  Revision,
  RevisionSummary,
  SaveResult,
} from './types';
import type { JobProgress, OutboxJobSummary } from './outbox';
import type {
  RenderedSnippet,
  ReapplyResult,
  Snippet,
  SnippetLibrary,
  SnippetUse,
  TemplateIssue,
} from './snippets';

/** What each command answers with. */
export interface ResponseMap {
  getAppInfo: AppInfo;
  getPreferences: Preferences;
  setPreferences: Preferences;
  listDrafts: DraftListResult;
  getDraft: Draft;
  createDraft: Draft;
  saveDraft: SaveResult;
  trashDraft: null;
  restoreDraft: null;
  emptyTrash: { removed: number };
  listRevisions: RevisionSummary[];
  getRevision: Revision;
  restoreRevision: Draft;
  getConflict: DraftConflict | null;
  resolveConflict: Draft;
  listQuarantine: QuarantineEntry[];
  addImage: AssetRef;
  /** `null` when the author cancelled the picker. */
  pickImage: AssetRef | null;
  getDraftsFolder: { path: string };
  /** `null` when the author cancelled the picker. */
  moveDraftsFolder: { path: string } | null;
  openExternal: { opened: boolean };

  getVaultStatus: VaultStatus;
  allowWeakVault: VaultStatus;
  listAccounts: AccountSummary[];
  discoverSite: SiteDiscovery;
  /** Verifies user + application password; nothing is stored until `addAccounts`. */
  signIn: SignInResult;
  /** Opens the blog's "authorize application" page; the result arrives as `signInCompleted`. */
  startBrowserSignIn: { opened: boolean };
  addAccounts: AccountSummary[];
  /** Every platform this build publishes to. */
  listPlatforms: PlatformInfo[];
  /**
   * Connects an account of another platform: a key or a folder answers at once; a sign-in in the
   * browser (OAuth, IndieAuth) answers `waitingForBrowser` and the result arrives as `signInCompleted`.
   */
  connectAccount: SignInResult | { waitingForBrowser: true };
  /** A folder for a static site, chosen in the system's dialog; `null` when cancelled. */
  pickSiteFolder: { path: string } | null;
  removeAccount: null;
  updateAccountSettings: AccountSummary;
  searchTerms: RemoteTermItem[];
  previewPost: PublishPreview;
  /** The same post inside the blog's own page and styles (cleaned in the main process; shown sandboxed). */
  previewInTheme: ThemePreview;
  /** Sent through the outbox: answers after the first attempt (`queued` when it must wait). */
  publishDraft: PublishOutcome;
  /** The original first, then each copy once the original has its address (all through the outbox). */
  syndicateDraft: SyndicateResult;
  /** Where the draft stands on each destination it was sent or is going to. */
  listDraftDestinations: DestinationStatus[];
  /** `null` when the author cancelled the save dialog. */
  exportDraftMarkdown: { path: string } | null;
  /** A Markdown file (front matter and images included) as a new draft; `null` when cancelled. */
  importDraftMarkdown: Draft | null;
  listRemotePosts: { items: RemotePostSummary[]; total: number; totalPages: number };
  openRemotePost: Draft;
  /** `null` once removed; `queued` when the blog cannot be reached now (the outbox goes on). */
  deleteRemotePost: null | QueuedOutcome;
  listRemoteMedia: { items: RemoteMediaItem[]; totalPages: number };

  listSnippets: SnippetLibrary;
  createSnippet: Snippet;
  updateSnippet: Snippet;
  duplicateSnippet: Snippet;
  deleteSnippet: null;
  restoreSnippet: Snippet;
  /** The snippets in their new order. */
  moveSnippet: Snippet[];
  setSnippetDetails: SnippetLibrary;
  previewSnippet: { html: string; issues: TemplateIssue[] };
  /** Only the snippets the library has; a missing id is left out. */
  renderSnippets: RenderedSnippet[];
  /** `null` when the author cancelled the file picker. */
  exportSnippets: { path: string; count: number } | null;
  importSnippets: { added: number; updated: number; unchanged: number } | null;
  findSnippetUses: SnippetUse[];
  reapplySnippet: ReapplyResult[];

  /** Every job in the outbox (finished ones for a day), oldest first. */
  listOutbox: OutboxJobSummary[];
  /** Sends a waiting or failed job now. */
  retryOutboxJob: OutboxJobSummary;
  /** Cancels a job not yet delivered (one being sent stops after this attempt). */
  cancelOutboxJob: OutboxJobSummary;
  /** The network is back (the renderer saw `online`): every waiting job is due now. */
  outboxNudge: null;

  /** Every backup, newest first. */
  listBackups: BackupSummary[];
  /** A new backup, or the latest one when nothing changed since. */
  backupNow: BackupSummary;
  /** Backs up the current state (the answer), then puts the chosen backup's drafts back. */
  restoreBackup: BackupSummary;

  /** A plain-text report for a bug report (versions, settings, counts, recent errors), redacted. */
  getDiagnostics: { text: string };
}

export type CommandName = keyof ResponseMap & keyof RequestSchemas;

/** What the renderer sends (before defaults are applied). */
export type RequestOf<C extends CommandName> = input<RequestSchemas[C]>;
/** What a handler receives (after the schema applied defaults). */
export type ParsedRequestOf<C extends CommandName> = output<RequestSchemas[C]>;
export type ResponseOf<C extends CommandName> = ResponseMap[C];

/** Error codes the renderer can branch on. */
/** `previewInTheme`: a whole HTML document for a sandboxed iframe's `srcdoc`. */
export interface ThemePreview {
  html: string;
  /** UTC ISO time the blog's page and styles were fetched. */
  fetchedAt: string;
  /** True when the blog was not asked this time (fresh copy, or offline). */
  fromCache: boolean;
  /** Sentences for the author: what was left out, or that the copy is old because the blog did not answer. */
  warnings: string[];
}

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SAVE_FAILED'
  | 'IO_ERROR'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  /** The blog refused the login. */
  | 'AUTH_FAILED'
  /** The blog or the network cannot be reached now; trying again later may work. */
  | 'OFFLINE'
  /** The blog answered with something Signet cannot use (blocked, not WordPress, disabled API). */
  | 'REMOTE_ERROR'
  /** The OS keyring offers no real protection: the author must agree before a secret is stored. */
  | 'VAULT_WEAK_NEEDS_CONSENT';

export interface ErrorInfo {
  code: ErrorCode;
  /** A sentence for the author that says what happened and what to do. */
  message: string;
}

/** Nothing throws across the boundary: every answer is one of these. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Events the main process pushes to the renderer. */
export interface EventMap {
  /** Drafts changed on disk (by Signet or by another program); the list should refresh. */
  draftsChanged: { ids: string[]; external: boolean };
  /** A draft changed on disk and in Signet at once: the author must choose. */
  draftConflict: { id: string };
  /** A draft file could not be read and was quarantined. */
  quarantined: { entries: QuarantineEntry[] };
  notice: Notice;
  /** A save is failing (disk full, no permission): the text is kept in memory and retried. */
  saveStatus: { id: string; state: 'failing' | 'recovered'; message: string };
  /** A menu item or global shortcut the renderer carries out. */
  menuCommand: { command: MenuCommand };
  /** A browser sign-in finished (or failed) and is ready for `addAccounts`. */
  signInCompleted: { result?: SignInResult; error?: { code: ErrorCode; message: string } };
  publishProgress: PublishProgress;
  accountsChanged: { accounts: AccountSummary[] };
  /** Snippets were changed, added, removed or imported: drafts showing them render them again. */
  snippetsChanged: { ids: string[] };
  /** Progress of `reapplySnippet`, one post at a time. */
  reapplyProgress: { snippetId: string; done: number; total: number; message: string };
  /** A job was added, sent, finished, is waiting or failed: the whole outbox as it is now. */
  outboxChanged: { jobs: OutboxJobSummary[] };
  /** The outbox job being sent now: which step (image uploads, then the post), `done` of `total`. */
  jobProgress: JobProgress;
}

/** Commands the application menu sends to the renderer. */
export type MenuCommand =
  | 'newDraft'
  | 'find'
  | 'showDrafts'
  | 'showTrash'
  | 'showSnippets'
  | 'saveNow'
  | 'moveDraftsFolder'
  /** File › Import Markdown…: a Markdown file becomes a new draft (`importDraftMarkdown`). */
  | 'importMarkdown'
  /** File › Export as Markdown…: the open draft as a Markdown file (`exportDraftMarkdown`). */
  | 'exportMarkdown'
  | 'openSettings'
  | 'commandPalette'
  | 'toggleFocusMode'
  | 'toggleOutline'
  | 'toggleTheme'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  /** Help › Copy Diagnostics: a redacted report for a bug report, onto the clipboard. */
  | 'copyDiagnostics';

export type EventName = keyof EventMap;

/** The command names, as a runtime list (the builder and the shell iterate over it). */
export const COMMANDS = [
  'getAppInfo',
  'getPreferences',
  'setPreferences',
  'listDrafts',
  'getDraft',
  'createDraft',
  'saveDraft',
  'trashDraft',
  'restoreDraft',
  'emptyTrash',
  'listRevisions',
  'getRevision',
  'restoreRevision',
  'getConflict',
  'resolveConflict',
  'listQuarantine',
  'addImage',
  'pickImage',
  'getDraftsFolder',
  'moveDraftsFolder',
  'openExternal',
  'getVaultStatus',
  'allowWeakVault',
  'listAccounts',
  'discoverSite',
  'signIn',
  'startBrowserSignIn',
  'addAccounts',
  'listPlatforms',
  'connectAccount',
  'pickSiteFolder',
  'removeAccount',
  'updateAccountSettings',
  'searchTerms',
  'previewPost',
  'previewInTheme',
  'publishDraft',
  'syndicateDraft',
  'listDraftDestinations',
  'exportDraftMarkdown',
  'importDraftMarkdown',
  'listRemotePosts',
  'openRemotePost',
  'deleteRemotePost',
  'listRemoteMedia',
  'listSnippets',
  'createSnippet',
  'updateSnippet',
  'duplicateSnippet',
  'deleteSnippet',
  'restoreSnippet',
  'moveSnippet',
  'setSnippetDetails',
  'previewSnippet',
  'renderSnippets',
  'exportSnippets',
  'importSnippets',
  'findSnippetUses',
  'reapplySnippet',
  'listOutbox',
  'retryOutboxJob',
  'cancelOutboxJob',
  'outboxNudge',
  'listBackups',
  'backupNow',
  'restoreBackup',
  'getDiagnostics',
] as const satisfies readonly CommandName[];

export const EVENTS = [
  'draftsChanged',
  'draftConflict',
  'quarantined',
  'notice',
  'saveStatus',
  'menuCommand',
  'signInCompleted',
  'publishProgress',
  'accountsChanged',
  'snippetsChanged',
  'reapplyProgress',
  'outboxChanged',
  'jobProgress',
] as const satisfies readonly EventName[];

/** IPC channel for a command; only the shell and the preload use channel strings. */
export const commandChannel = (name: CommandName): string => `signet:cmd:${name}`;
export const eventChannel = (name: EventName): string => `signet:evt:${name}`;

/** `window.signet`: one async function per command, plus a typed event subscription. */
export type SignetApi = {
  [C in CommandName]: (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
};

export interface Transport {
  invoke(name: CommandName, request: unknown): Promise<Result<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.signet` from a transport. The only place that knows the API's shape. */
export function buildSignetApi(transport: Transport): SignetApi {
  const api: Record<string, unknown> = {};
  for (const name of COMMANDS) {
    api[name] = (request?: unknown) => transport.invoke(name, request);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as SignetApi;
}
