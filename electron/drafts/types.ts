import type {
  ConflictChoice,
  Draft,
  DraftConflict,
  DraftFilter,
  DraftListResult,
  DraftMeta,
  DestinationState,
  EditorStateJSON,
  QuarantineEntry,
  Revision,
  RevisionSummary,
  SaveResult,
} from '../contract';
import type { Logger } from '../ports';
import type { FsPort } from './fsPort';

export const DRAFT_SCHEMA_VERSION = 1;

export interface DraftStoreOptions {
  /** The drafts folder: `<id>.json`, `<id>.assets/`, `<id>.revisions/`, `quarantine/`. */
  dir: string;
  fs?: FsPort;
  clock?: () => Date;
  log?: Logger;
  /** Least time between two automatic revisions of one draft while it is edited. */
  revisionIntervalMs?: number;
  /** First retry delay of a failed save; doubles up to a minute. */
  saveRetryMs?: number;
  /** Watch the folder for changes made by other programs (off in some unit tests). */
  watch?: boolean;
  onEvent?: (event: DraftStoreEvent) => void;
}

export type DraftStoreEvent =
  | { type: 'draftsChanged'; ids: string[]; external: boolean }
  | { type: 'draftConflict'; id: string }
  | { type: 'quarantined'; entries: QuarantineEntry[] }
  | { type: 'saveStatus'; id: string; state: 'failing' | 'recovered'; message: string };

export interface SaveInput {
  id: string;
  title: string;
  editorState: EditorStateJSON | null;
  meta?: DraftMeta;
  baseUpdatedAt?: string;
}

export interface CreateInput {
  title?: string;
  editorState?: EditorStateJSON | null;
  meta?: DraftMeta;
  destinations?: Record<string, DestinationState>;
}

export interface ListInput {
  filter: DraftFilter;
  query?: string;
  offset: number;
  limit: number;
}

/** The draft store's public face, as `createApp` uses it. */
export interface DraftStoreApi {
  readonly dir: string;
  list(input: ListInput): DraftListResult;
  get(id: string): Promise<Draft>;
  create(input?: CreateInput): Promise<Draft>;
  save(input: SaveInput): Promise<SaveResult>;
  trash(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  emptyTrash(): Promise<number>;
  listRevisions(id: string): Promise<RevisionSummary[]>;
  getRevision(id: string, revisionId: string): Promise<Revision>;
  restoreRevision(id: string, revisionId: string): Promise<Draft>;
  getConflict(id: string): DraftConflict | null;
  resolveConflict(id: string, choice: ConflictChoice): Promise<Draft>;
  listQuarantine(): Promise<QuarantineEntry[]>;
  /** Copies bytes into the draft's assets folder; returns the stored file name (made unique). */
  addAsset(id: string, fileName: string, bytes: Uint8Array): Promise<string>;
  /** Absolute path of an asset, or null when there is no such draft or file. */
  assetPath(id: string, fileName: string): string | null;
  /** Moves every draft file to a new folder and keeps working there. */
  moveTo(newDir: string): Promise<void>;
  close(): Promise<void>;
}
