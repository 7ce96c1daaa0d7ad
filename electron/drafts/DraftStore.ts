/**
 * The draft store: one JSON file per draft in a folder the author may sync between computers.
 * It keeps an index in memory for the list and search, writes atomically, keeps what the author
 * typed when the disk refuses it, and notices (and never silently overwrites) edits made by other
 * programs.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, lstatSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type {
  ConflictChoice,
  DestinationState,
  Draft,
  DraftConflict,
  DraftListResult,
  EditorStateJSON,
  QuarantineEntry,
  Revision,
  RevisionReason,
  RevisionSummary,
  SaveResult,
} from '../contract';
import { AppError } from '../dispatcher';
import { consoleLogger, type Logger } from '../ports';
import { safeAssetName } from './assets';
import { errorCode, fsyncDir, isTempFileName, writeFileAtomic } from './atomicFile';
import { parseDraftFile, serializeDraft } from './draftFile';
import { DraftIndex } from './DraftIndex';
import { nodeFs, type FsPort } from './fsPort';
import { isDraftId, newDraftId, RevisionIds } from './ids';
import { conflictMessage, displayTitle, saveFailedMessage, writeProblem, writeRemedy } from './messages';
import { countWords, plainTextOf } from '../contract/plainText';
import {
  listQuarantined,
  QUARANTINE_DIR,
  quarantineDir,
  quarantineFile,
  releaseQuarantined,
  SIDECAR_SUFFIX,
  type QuarantineKind,
} from './quarantine';
import * as revisions from './revisions';
import {
  DRAFT_SCHEMA_VERSION,
  type DraftStoreApi,
  type DraftStoreEvent,
  type DraftStoreOptions,
  type CreateInput,
  type ListInput,
  type SaveInput,
} from './types';
import { t } from '../contract/i18n';

const DEFAULT_REVISION_INTERVAL_MS = 5 * 60_000;
const DEFAULT_SAVE_RETRY_MS = 2_000;
const MAX_SAVE_RETRY_MS = 60_000;
const WATCH_DEBOUNCE_MS = 150;
/** A sync program writing many files keeps the debounce going; look at least this often. */
const WATCH_MAX_WAIT_MS = 1_000;
/**
 * A file that does not read as a draft but changed this recently may still be being written by a
 * program that writes in place: look again this long after it last changed before quarantining
 * it, at most `SETTLE_MAX_LOOKS` times (a file rewritten broken forever is quarantined in the end).
 */
const SETTLE_MS = 1_000;
const SETTLE_MAX_LOOKS = 10;
/** Drafts whose last written content is kept, to snapshot it if another program replaces it. */
const RECENT_WRITES = 16;
const READ_CONCURRENCY = 16;

type Problem = { why: string; kind: QuarantineKind; schemaVersion?: number };

type DiskRead =
  | { state: 'ok'; draft: Draft; hash: string }
  | { state: 'missing' }
  | { state: 'bad'; problem: Problem }
  /** The file could not be read at all (no permission, I/O error): we know nothing about it. */
  | { state: 'unreadable'; error: unknown };

interface PendingSave {
  draft: Draft;
  message: string;
  delayMs: number;
  timer: NodeJS.Timeout | null;
}

interface StoredConflict extends DraftConflict {
  /** The revision holding `mine` on disk, or null while that could not be written. */
  revisionId: string | null;
}

export class DraftStore implements DraftStoreApi {
  private currentDir: string;
  private readonly fs: FsPort;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly revisionIntervalMs: number;
  private readonly saveRetryMs: number;
  private readonly isWatching: boolean;
  private readonly onEvent: (event: DraftStoreEvent) => void;

  private readonly index = new DraftIndex();
  /** Hash of each draft file as Signet last read or wrote it: a different hash is news. */
  private readonly known = new Map<string, string>();
  /** The last version Signet itself wrote, per draft. */
  private readonly ownWrites = new Map<string, { updatedAt: string; hash: string }>();
  private readonly recentWrites = new Map<string, Draft>();
  /** Drafts whose file holds another program's version, taken in but not yet replaced by Signet. */
  private readonly absorbed = new Set<string>();
  private readonly pending = new Map<string, PendingSave>();
  private readonly conflicts = new Map<string, StoredConflict>();
  private readonly lastRevisionAt = new Map<string, number | null>();
  private readonly revisionIds = new RevisionIds();

  /** Per-draft queues: one write at a time per draft, in the order asked. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Everything waits for this; `moveTo` holds it while the folder moves. */
  private gate: Promise<void> = Promise.resolve();

  private watcher: FSWatcher | null = null;
  private readonly changedNames = new Set<string>();
  private needsRescan = false;
  private debounceTimer: NodeJS.Timeout | null = null;
  private firstChangeAt = 0;
  /** Broken files still changing: how many times each was looked at again, and the timers. */
  private readonly settling = new Map<string, number>();
  private readonly settleTimers = new Set<NodeJS.Timeout>();
  private isClosed = false;

  private constructor(options: DraftStoreOptions) {
    this.currentDir = path.resolve(options.dir);
    this.fs = options.fs ?? nodeFs;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? consoleLogger;
    this.revisionIntervalMs = options.revisionIntervalMs ?? DEFAULT_REVISION_INTERVAL_MS;
    this.saveRetryMs = options.saveRetryMs ?? DEFAULT_SAVE_RETRY_MS;
    this.isWatching = options.watch ?? true;
    this.onEvent = options.onEvent ?? (() => {});
  }

  /**
   * Opens the folder (creating it if needed): removes temp files a crash left, reads every draft,
   * quarantines what cannot be read. Resolves once the list is complete; full-text search
   * indexing goes on in the background (see `whenSearchReady`) and search finds everything
   * meanwhile, by plain matching.
   */
  static async open(options: DraftStoreOptions): Promise<DraftStore> {
    const store = new DraftStore(options);
    await store.load();
    store.startWatching();
    await store.catchUpAfterLoad();
    return store;
  }

  get dir(): string {
    return this.currentDir;
  }

  /** Resolves when every draft is in the full-text index (at once, unless just opened). */
  whenSearchReady(): Promise<void> {
    return this.index.indexInBackground();
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  list(input: ListInput): DraftListResult {
    return this.index.list(input, this.clock());
  }

  async get(id: string): Promise<Draft> {
    this.assertExists(id);
    const conflict = this.conflicts.get(id);
    if (conflict) return structuredClone(conflict.mine);
    const pending = this.pending.get(id);
    if (pending) return structuredClone(pending.draft);
    const disk = await this.readDisk(id);
    switch (disk.state) {
      case 'ok':
        return disk.draft;
      case 'missing':
        throw notFound();
      case 'bad':
        await this.run(id, () => this.absorbChange(id, new ChangeReport()).then((r) => this.report(r)));
        throw new AppError('NOT_FOUND', t('error.drafts.quarantined'));
      case 'unreadable':
        throw this.unreadable(disk);
    }
  }

  getConflict(id: string): DraftConflict | null {
    const conflict = this.conflicts.get(id);
    return conflict
      ? { id, mine: structuredClone(conflict.mine), theirs: structuredClone(conflict.theirs) }
      : null;
  }

  async listQuarantine(): Promise<QuarantineEntry[]> {
    return (await listQuarantined(this.fs, this.dir)).map((file) => file.entry);
  }

  async listRevisions(id: string): Promise<RevisionSummary[]> {
    this.assertExists(id);
    return revisions.listRevisions(this.fs, this.dir, id);
  }

  async getRevision(id: string, revisionId: string): Promise<Revision> {
    this.assertExists(id);
    const revision = isDraftId(revisionId)
      ? await revisions.readRevision(this.fs, this.dir, id, revisionId)
      : null;
    if (!revision) throw new AppError('NOT_FOUND', t('error.drafts.revisionGone'));
    return revision;
  }

  assetPath(id: string, fileName: string): string | null {
    if (!isDraftId(id) || !this.index.has(id) || !isPlainFileName(fileName)) return null;
    const folder = this.assetsDir(id);
    const file = path.join(folder, fileName);
    if (path.dirname(file) !== folder) return null;
    try {
      // Synchronous because the asset protocol asks synchronously. lstat, not stat: a symlink a
      // sync program brought in must not let a draft show files from elsewhere on the disk.
      return lstatSync(folder).isDirectory() && lstatSync(file).isFile() ? file : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** A new draft; with content and a remote identity when it is opened from a blog. */
  async create(input: CreateInput = {}): Promise<Draft> {
    const now = this.clock().toISOString();
    const draft: Draft = {
      schemaVersion: DRAFT_SCHEMA_VERSION,
      id: newDraftId(),
      title: input.title ?? '',
      createdAt: now,
      updatedAt: now,
      editorState: input.editorState ?? null,
      meta: input.meta ?? {},
      destinations: input.destinations ?? {},
    };
    return this.run(draft.id, async () => {
      try {
        this.record(draft, await this.writeDraftFile(draft));
      } catch (error) {
        throw new AppError(
          'SAVE_FAILED',
          t('error.drafts.createFailed', {
            problem: writeProblem(error, this.dir),
            remedy: writeRemedy(error),
          }),
        );
      }
      this.index.put(draft);
      this.emit({ type: 'draftsChanged', ids: [draft.id], external: false });
      return structuredClone(draft);
    });
  }

  async save(input: SaveInput): Promise<SaveResult> {
    return this.run(input.id, async () => {
      const { id } = input;
      this.assertExists(id);
      const updatedAt = this.clock().toISOString();
      const conflict = this.conflicts.get(id);
      if (conflict) {
        // The author keeps typing while the choice is open: that text belongs to "mine".
        conflict.mine = {
          ...conflict.mine,
          title: input.title,
          editorState: input.editorState,
          meta: input.meta ?? conflict.mine.meta,
          updatedAt,
        };
        conflict.revisionId = await this.snapshot(conflict.mine, 'conflict', {
          revisionId: conflict.revisionId ?? undefined,
        });
        this.index.put(conflict.mine);
        throw new AppError('CONFLICT', conflictMessage(conflict.mine.title));
      }
      // The draft it gets is only read (its meta and destinations carry over into `next`).
      const disk = await this.readDisk(id, { reuseOwnWrite: true });
      const previous = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      const kept = this.skeleton(id, previous);
      const next: Draft = {
        ...kept,
        title: input.title,
        editorState: input.editorState,
        meta: input.meta ?? kept.meta,
        updatedAt,
      };
      await this.persist(next, disk, input.baseUpdatedAt);
      return { updatedAt };
    });
  }

  /**
   * Records what publishing learned (remote identity, uploaded media, the options used) without
   * touching the text or `updatedAt`: publishing is not an edit.
   */
  async updatePublishState(
    id: string,
    change: (draft: Draft) => Pick<Draft, 'meta' | 'destinations'>,
  ): Promise<Draft> {
    return this.run(id, async () => {
      this.assertExists(id);
      this.assertNoConflict(id);
      const disk = await this.readDisk(id);
      const current = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      if (!current) throw disk.state === 'missing' ? notFound() : this.unreadable(disk);
      const { meta, destinations } = change(structuredClone(current));
      const next: Draft = { ...current, meta, destinations };
      await this.persist(next, disk, undefined, { skipAutosave: true });
      return structuredClone(next);
    });
  }

  /** What the draft knows about its copy on one blog, from memory (no disk read). */
  destinationOf(id: string, destinationKey: string): DestinationState | undefined {
    const destination = this.index.shell(id)?.destinations[destinationKey];
    return destination ? structuredClone(destination) : undefined;
  }

  /** Every live (not trashed) draft's title and destinations, from memory (no disk read). */
  shells(): Array<Pick<Draft, 'id' | 'title' | 'destinations'>> {
    const out: Array<Pick<Draft, 'id' | 'title' | 'destinations'>> = [];
    for (const id of this.index.ids()) {
      const shell = this.index.shell(id);
      if (!shell || shell.trashedAt) continue;
      out.push({ id, title: shell.title, destinations: structuredClone(shell.destinations) });
    }
    return out;
  }

  /** Keeps the current version as a revision (before a publish, or before taking a server's version). */
  async snapshotRevision(id: string, reason: RevisionReason): Promise<void> {
    await this.run(id, async () => {
      this.assertExists(id);
      const disk = await this.readDisk(id);
      const current = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      if (current && !(await this.snapshot(current, reason))) {
        throw new AppError(
          'SAVE_FAILED',
          t('error.drafts.snapshotFailed', { title: displayTitle(current.title) }),
        );
      }
    });
  }

  /** Replaces title and text (e.g. with a blog's version of the post), keeping the old one as a revision. */
  async replaceContent(
    id: string,
    content: { title: string; editorState: EditorStateJSON | null },
    reason: RevisionReason,
  ): Promise<Draft> {
    await this.snapshotRevision(id, reason);
    return this.run(id, async () => {
      const disk = await this.readDisk(id);
      const current = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      const next: Draft = {
        ...this.skeleton(id, current),
        title: content.title,
        editorState: content.editorState,
        updatedAt: this.clock().toISOString(),
      };
      await this.persist(next, disk, undefined, { skipAutosave: true });
      return structuredClone(next);
    });
  }

  async trash(id: string): Promise<void> {
    await this.setTrashed(id, this.clock().toISOString());
  }

  async restore(id: string): Promise<void> {
    await this.setTrashed(id, undefined);
  }

  async emptyTrash(): Promise<number> {
    const removed: string[] = [];
    const trashed = this.index.ids().filter((id) => this.index.isTrashed(id));
    await Promise.all(
      trashed.map((id) =>
        this.run(id, async () => {
          if (!this.index.isTrashed(id) || this.conflicts.has(id)) return;
          try {
            await this.fs.rm(this.draftPath(id), { force: true });
          } catch (error) {
            this.log.warn('could not delete a trashed draft', { id, error: String(error) });
            return;
          }
          // The draft is gone from the list once its file is; leftovers only cost space.
          for (const folder of [this.assetsDir(id), revisions.revisionsDir(this.dir, id)]) {
            await this.fs.rm(folder, { recursive: true, force: true }).catch((error: unknown) => {
              this.log.warn('could not delete a trashed draft’s folder', { folder, error: String(error) });
            });
          }
          this.forget(id);
          removed.push(id);
        }),
      ),
    );
    if (removed.length > 0) this.emit({ type: 'draftsChanged', ids: removed, external: false });
    return removed.length;
  }

  async restoreRevision(id: string, revisionId: string): Promise<Draft> {
    return this.run(id, async () => {
      this.assertExists(id);
      this.assertNoConflict(id);
      const revision = isDraftId(revisionId)
        ? await revisions.readRevision(this.fs, this.dir, id, revisionId)
        : null;
      if (!revision) throw new AppError('NOT_FOUND', t('error.drafts.revisionGone'));
      const disk = await this.readDisk(id);
      const current = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      if (current) {
        const kept = await this.snapshot(current, 'before-restore');
        if (!kept) {
          throw new AppError(
            'SAVE_FAILED',
            t('error.drafts.restoreSnapshotFailed', { title: displayTitle(current.title) }),
          );
        }
      }
      const next: Draft = {
        ...this.skeleton(id, current),
        title: revision.draft.title,
        editorState: revision.draft.editorState,
        meta: revision.draft.meta,
        updatedAt: this.clock().toISOString(),
      };
      await this.persist(next, disk, undefined, { skipAutosave: true });
      return structuredClone(next);
    });
  }

  async resolveConflict(id: string, choice: ConflictChoice): Promise<Draft> {
    return this.run(id, async () => {
      const conflict = this.conflicts.get(id);
      if (!conflict) {
        throw new AppError('NOT_FOUND', t('error.drafts.noConflict'));
      }
      const disk = await this.readDisk(id);
      if (disk.state === 'bad') {
        const report = new ChangeReport();
        await this.quarantine(`${id}.json`, disk.problem, report);
        this.reportQuarantined(report);
      }
      const theirs = disk.state === 'ok' ? disk.draft : conflict.theirs;
      const changed = [id];
      let result: Draft;
      if (choice === 'mine') {
        if (!(await this.snapshot(theirs, 'conflict'))) {
          throw new AppError(
            'SAVE_FAILED',
            t('error.drafts.keepTheirsCopyFailed', { title: displayTitle(theirs.title) }),
          );
        }
        result = {
          ...conflict.mine,
          destinations: mergeDestinations(conflict.mine.destinations, theirs.destinations),
          updatedAt: this.clock().toISOString(),
        };
        await this.writeOrExplain(result, 'mine');
      } else {
        if (choice === 'both') {
          changed.push(await this.createConflictedCopy(conflict.mine));
        } else if (!conflict.revisionId) {
          // "Theirs" drops the author's text from the draft: only once it is safe in a revision.
          conflict.revisionId = await this.snapshot(conflict.mine, 'conflict');
          if (!conflict.revisionId) {
            throw new AppError(
              'SAVE_FAILED',
              t('error.drafts.keepMineCopyFailed', { title: displayTitle(conflict.mine.title) }),
            );
          }
        }
        result = theirs;
        if (disk.state === 'ok') this.known.set(id, disk.hash);
        else await this.writeOrExplain(result, 'theirs');
      }
      this.conflicts.delete(id);
      this.index.put(result);
      this.emit({ type: 'draftsChanged', ids: changed, external: false });
      return structuredClone(result);
    });
  }

  async addAsset(id: string, fileName: string, bytes: Uint8Array): Promise<string> {
    return this.run(id, async () => {
      this.assertExists(id);
      const folder = this.assetsDir(id);
      const safe = safeAssetName(fileName);
      const ext = path.extname(safe);
      const stem = safe.slice(0, safe.length - ext.length);
      try {
        await this.fs.mkdir(folder, { recursive: true });
        const names = await this.fs.readdir(folder);
        for (const name of names.filter(isTempFileName)) {
          // Left by a crash during an earlier image write.
          await this.fs.rm(path.join(folder, name), { force: true }).catch(() => {});
        }
        // Compared without case: macOS and Windows file systems treat Photo.png and photo.png
        // as one file.
        const taken = new Set(names.map((name) => name.toLowerCase()));
        let name = safe;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}${ext}`;
        await writeFileAtomic(this.fs, path.join(folder, name), bytes);
        return name;
      } catch (error) {
        throw new AppError(
          'SAVE_FAILED',
          t('error.drafts.imageStoreFailed', {
            file: safe,
            problem: writeProblem(error, this.dir),
            remedy: writeRemedy(error),
          }),
        );
      }
    });
  }

  /**
   * Moves every draft (with its images, revisions and the quarantine folder) to `newDir`. The old
   * files are removed only after every copy is written and checked, so a failure half-way leaves
   * the drafts where they were.
   */
  async moveTo(newDir: string): Promise<void> {
    const target = path.resolve(newDir);
    const source = this.currentDir;
    if (target === source) return;
    if (isInside(target, source)) {
      throw new AppError('BAD_REQUEST', t('error.drafts.moveIntoItself', { target, source }));
    }
    await this.exclusive(async () => {
      this.stopWatching();
      try {
        const moved = await this.copyEverythingTo(source, target);
        this.currentDir = target;
        for (const file of moved) {
          await this.fs.rm(file, { recursive: true, force: true }).catch((error: unknown) => {
            this.log.warn('could not remove a moved file from the old drafts folder', {
              file,
              error: String(error),
            });
          });
        }
        // Drafts that were in the new folder already (synced from another computer) join in.
        const report = new ChangeReport();
        for (const name of await this.fs.readdir(target)) {
          if (isDraftFileName(name) && !this.index.has(name.slice(0, -5))) await this.loadFile(name, report);
        }
        this.reportQuarantined(report);
        void this.index.indexInBackground();
      } finally {
        this.startWatching();
      }
    });
    this.emit({ type: 'draftsChanged', ids: this.index.ids(), external: false });
  }

  /**
   * Replaces every draft with the drafts of `sourceDir` (a backup): `<id>.json` and
   * `<id>.assets/` are copied in, drafts that `sourceDir` lacks are deleted. Revisions stay as
   * they are. Unsaved text and open conflicts of the replaced drafts are dropped: the caller
   * takes a backup first.
   */
  async replaceAllFrom(sourceDir: string): Promise<void> {
    const source = path.resolve(sourceDir);
    const removed: string[] = [];
    await this.exclusive(async () => {
      this.stopWatching();
      try {
        const names = (await this.fs.readdir(source)).filter(isDraftFileName);
        const incoming = new Set(names.map((name) => name.slice(0, -'.json'.length)));
        for (const id of this.index.ids()) {
          if (incoming.has(id)) continue;
          removed.push(id);
          await this.fs.rm(this.draftPath(id), { force: true });
          await this.fs.rm(this.assetsDir(id), { recursive: true, force: true });
          this.forget(id);
        }
        const report = new ChangeReport();
        for (const name of names) {
          const id = name.slice(0, -'.json'.length);
          const assets = path.join(source, `${id}.assets`);
          await this.fs.rm(this.assetsDir(id), { recursive: true, force: true });
          const hasAssets = await this.fs.stat(assets).then(
            (stat) => stat.isDirectory(),
            () => false,
          );
          if (hasAssets) await this.copyTree(assets, this.assetsDir(id), []);
          await writeFileAtomic(this.fs, this.draftPath(id), await this.fs.readFile(path.join(source, name)));
          this.forget(id);
          await this.loadFile(name, report);
        }
        this.reportQuarantined(report);
        void this.index.indexInBackground();
      } finally {
        this.startWatching();
      }
    });
    // `external`: an open editor reloads the restored text, as after another program's change.
    this.emit({ type: 'draftsChanged', ids: [...this.index.ids(), ...removed], external: true });
  }

  /** Flushes pending saves (one last try), stops the watcher and the retry timers. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.stopWatching();
    this.index.stopIndexing();
    await Promise.all(
      [...this.pending.keys()].map((id) => this.run(id, () => this.retryPending(id, true), true)),
    );
    await Promise.all([this.gate, ...this.tails.values()]);
  }

  // ---------------------------------------------------------------------------------------------
  // Opening and the folder watcher

  private async load(): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true });
    let names = await this.fs.readdir(this.dir);
    for (const name of names.filter(isTempFileName)) {
      await this.fs.rm(path.join(this.dir, name), { force: true }).catch(() => {});
    }
    if (await this.releaseNowReadable(names)) names = await this.fs.readdir(this.dir);
    const report = new ChangeReport();
    const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) await this.loadFile(files[next++]!, report, true);
    };
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    this.reportQuarantined(report);
    void this.index.indexInBackground();
  }

  /**
   * Files another program added while the folder was being read, before the watcher was on: the
   * watcher takes them in as if it had seen them arrive.
   */
  private async catchUpAfterLoad(): Promise<void> {
    if (!this.watcher) return;
    const names = await this.fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      if (!this.index.has(name.slice(0, -'.json'.length))) this.onFolderEvent(name);
    }
  }

  /** Reads one `*.json` of the folder into the index, or quarantines it. */
  private async loadFile(name: string, report: ChangeReport, deferSearch = false): Promise<void> {
    const id = name.slice(0, -'.json'.length);
    if (!isDraftId(id)) {
      await this.quarantine(name, FOREIGN_NAME, report);
      return;
    }
    const disk = await this.readDisk(id);
    if (disk.state === 'ok') {
      this.known.set(id, disk.hash);
      this.index.put(disk.draft, { deferSearch });
    } else if (disk.state === 'bad') {
      await this.quarantine(name, disk.problem, report);
    } else if (disk.state === 'unreadable') {
      this.log.warn('a draft file could not be read', { name, error: String(disk.error) });
    }
  }

  /**
   * Files quarantined because a newer Signet wrote them open again once this Signet is that new:
   * "update Signet to open it" must be true.
   */
  private async releaseNowReadable(names: string[]): Promise<boolean> {
    if (!names.includes(QUARANTINE_DIR)) return false;
    let released = false;
    for (const file of await listQuarantined(this.fs, this.dir).catch(() => [])) {
      if (file.kind !== 'newer-schema' || !isDraftFileName(file.entry.fileName)) continue;
      if (names.includes(file.entry.fileName)) continue;
      try {
        const text = await this.fs.readFile(path.join(quarantineDir(this.dir), file.storedName), 'utf8');
        if (!parseDraftFile(text).ok) continue;
        await releaseQuarantined(this.fs, this.dir, file.storedName, file.entry.fileName);
        released = true;
      } catch (error) {
        this.log.warn('could not take a file out of quarantine', {
          file: file.storedName,
          error: String(error),
        });
      }
    }
    return released;
  }

  private startWatching(): void {
    if (!this.isWatching || this.isClosed || this.watcher) return;
    try {
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => this.onFolderEvent(name));
      this.watcher.on('error', (error) => {
        this.log.warn('the drafts folder watcher stopped', { error: String(error) });
        this.stopWatching();
      });
    } catch (error) {
      this.log.warn('cannot watch the drafts folder; changes by other programs are seen on save', {
        error: String(error),
      });
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
    this.changedNames.clear();
    this.needsRescan = false;
    for (const timer of this.settleTimers) clearTimeout(timer);
    this.settleTimers.clear();
    this.settling.clear();
  }

  private onFolderEvent(name: string | Buffer | null): void {
    const fileName = name === null ? null : name.toString();
    if (fileName === null) this.needsRescan = true;
    else if (fileName.endsWith('.json') && !fileName.startsWith('.')) this.changedNames.add(fileName);
    else return;
    const now = Date.now();
    if (!this.debounceTimer) this.firstChangeAt = now;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    const wait = Math.min(WATCH_DEBOUNCE_MS, Math.max(0, this.firstChangeAt + WATCH_MAX_WAIT_MS - now));
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = null;
      void this.absorbFolderChanges().catch((error: unknown) => {
        this.log.error('could not take in changes to the drafts folder', { error: String(error) });
      });
    }, wait);
  }

  private async absorbFolderChanges(): Promise<void> {
    const names = new Set(this.changedNames);
    this.changedNames.clear();
    if (this.needsRescan) {
      this.needsRescan = false;
      // The platform did not say which file changed: look at every draft file and every draft.
      for (const name of await this.fs.readdir(this.dir)) {
        if (name.endsWith('.json') && !name.startsWith('.')) names.add(name);
      }
      for (const id of this.index.ids()) names.add(`${id}.json`);
    }
    const report = new ChangeReport();
    for (const name of names) {
      if (this.isClosed) return;
      const id = name.slice(0, -'.json'.length);
      if (!isDraftId(id)) {
        await this.run(`file:${name}`, () => this.quarantine(name, FOREIGN_NAME, report));
      } else {
        await this.run(id, () => this.absorbChange(id, report));
      }
    }
    this.report(report);
  }

  /**
   * True when `fileName` changed less than SETTLE_MS ago (another program may be midway through
   * writing it): the watcher looks at it again once it has been still that long.
   */
  private async isStillBeingWritten(fileName: string): Promise<boolean> {
    const looks = this.settling.get(fileName) ?? 0;
    let sinceChange: number;
    try {
      sinceChange = Date.now() - (await this.fs.stat(path.join(this.dir, fileName))).mtimeMs;
    } catch {
      return false;
    }
    if (sinceChange >= SETTLE_MS || looks >= SETTLE_MAX_LOOKS || !this.watcher) {
      this.settling.delete(fileName);
      return false;
    }
    this.settling.set(fileName, looks + 1);
    const timer = setTimeout(
      () => {
        this.settleTimers.delete(timer);
        this.onFolderEvent(fileName);
      },
      Math.max(0, SETTLE_MS - sinceChange) + 50,
    );
    this.settleTimers.add(timer);
    return true;
  }

  /** Takes in what another program did to `<id>.json`. Runs in the draft's queue. */
  private async absorbChange(id: string, report: ChangeReport): Promise<ChangeReport> {
    const disk = await this.readDisk(id);
    if (disk.state !== 'bad') this.settling.delete(`${id}.json`);
    const isOurs = this.pending.has(id) || this.conflicts.has(id);
    switch (disk.state) {
      case 'missing':
        // With unsaved text, the retry writes the file again: what the author typed wins.
        if (this.index.has(id) && !isOurs) {
          this.forget(id);
          report.changed.add(id);
        }
        return report;
      case 'bad':
        if (await this.isStillBeingWritten(`${id}.json`)) return report;
        await this.quarantine(`${id}.json`, disk.problem, report);
        if (this.index.has(id) && !isOurs) {
          this.forget(id);
          report.changed.add(id);
        }
        return report;
      case 'unreadable':
        return report;
      case 'ok':
        break;
    }
    if (disk.hash === this.known.get(id)) return report;
    const conflict = this.conflicts.get(id);
    const pending = this.pending.get(id);
    if (conflict) {
      conflict.theirs = disk.draft;
      this.known.set(id, disk.hash);
      report.conflicts.add(id);
    } else if (pending) {
      await this.raiseConflict(pending.draft, disk.draft, disk.hash);
    } else {
      // The file held what Signet wrote last, and that text is about to leave the draft.
      const ours = this.recentWrites.get(id);
      const own = this.ownWrites.get(id);
      if (ours && own && own.updatedAt === ours.updatedAt && own.hash === this.known.get(id)) {
        await this.snapshot(ours, 'external-change');
      }
      this.known.set(id, disk.hash);
      this.absorbed.add(id);
      this.index.put(disk.draft);
      report.changed.add(id);
    }
    return report;
  }

  // ---------------------------------------------------------------------------------------------
  // The write path

  /**
   * Writes `next` unless that would silently replace another program's edit, and keeps it in
   * memory (retrying) when the disk refuses it. Runs in the draft's queue.
   */
  private async persist(
    next: Draft,
    disk: DiskRead,
    baseUpdatedAt: string | undefined,
    options: { skipAutosave?: boolean } = {},
  ): Promise<void> {
    const id = next.id;
    try {
      await this.commit(next, disk, baseUpdatedAt, options);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.keepPending(next, error);
    }
    this.settlePending(id);
    this.index.put(next);
    this.emit({ type: 'draftsChanged', ids: [id], external: false });
  }

  private async commit(
    next: Draft,
    disk: DiskRead,
    baseUpdatedAt: string | undefined,
    options: { skipAutosave?: boolean } = {},
  ): Promise<void> {
    const id = next.id;
    if (disk.state === 'bad') {
      const report = new ChangeReport();
      await this.quarantine(`${id}.json`, disk.problem, report);
      this.reportQuarantined(report);
    } else if (disk.state === 'ok') {
      const isUnseen = disk.hash !== this.known.get(id);
      const isOtherEdit =
        baseUpdatedAt !== undefined &&
        disk.draft.updatedAt !== baseUpdatedAt &&
        disk.draft.updatedAt !== this.ownWrites.get(id)?.updatedAt;
      if ((isUnseen && this.pending.has(id)) || isOtherEdit) {
        throw await this.raiseConflict(next, disk.draft, disk.hash);
      }
      if (isUnseen || this.absorbed.has(id)) {
        // Another program's version is about to be replaced: keep it, whether or not the editor
        // showed it (a program that leaves updatedAt alone cannot be told apart otherwise).
        await this.snapshot(disk.draft, 'external-change');
      } else if (!options.skipAutosave) {
        await this.autosaveSnapshot(disk.draft);
      }
    }
    this.record(next, await this.writeDraftFile(next));
  }

  private keepPending(draft: Draft, error: unknown): AppError {
    const message = saveFailedMessage(error, draft.title, this.dir);
    const pending = this.pending.get(draft.id);
    this.index.put(draft);
    this.log.warn('a save failed; the text is kept in memory', { id: draft.id, error: String(error) });
    if (pending) {
      pending.draft = draft;
      if (pending.message !== message) {
        pending.message = message;
        this.emit({ type: 'saveStatus', id: draft.id, state: 'failing', message });
      }
    } else {
      const entry: PendingSave = { draft, message, delayMs: this.saveRetryMs, timer: null };
      this.pending.set(draft.id, entry);
      this.emit({ type: 'saveStatus', id: draft.id, state: 'failing', message });
      this.scheduleRetry(draft.id, entry);
    }
    return new AppError('SAVE_FAILED', message);
  }

  private scheduleRetry(id: string, entry: PendingSave): void {
    if (this.isClosed) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      void this.run(id, () => this.retryPending(id, false)).catch((error: unknown) => {
        this.log.error('retrying a save failed unexpectedly', { id, error: String(error) });
      });
    }, entry.delayMs);
    entry.timer.unref();
  }

  private async retryPending(id: string, isFinal: boolean): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) return;
    const disk = await this.readDisk(id);
    try {
      await this.commit(entry.draft, disk, undefined);
    } catch (error) {
      if (error instanceof AppError) return; // Became a conflict: the author chooses.
      const message = saveFailedMessage(error, entry.draft.title, this.dir);
      if (message !== entry.message) {
        entry.message = message;
        this.emit({ type: 'saveStatus', id, state: 'failing', message });
      }
      if (isFinal) {
        this.log.error('a draft could not be saved before closing', { id, error: String(error) });
      } else {
        entry.delayMs = Math.min(entry.delayMs * 2, MAX_SAVE_RETRY_MS);
        this.scheduleRetry(id, entry);
      }
      return;
    }
    this.settlePending(id);
    this.emit({ type: 'draftsChanged', ids: [id], external: false });
  }

  /** A write went through: a failing save of this draft has recovered. */
  private settlePending(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
    this.emit({
      type: 'saveStatus',
      id,
      state: 'recovered',
      message: t('error.drafts.savedAgain', { title: displayTitle(entry.draft.title) }),
    });
  }

  private dropPending(id: string): void {
    const entry = this.pending.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  /**
   * Both versions are kept: "mine" in memory and as a revision on disk, "theirs" in the file.
   * Returns the error for the save that ran into it.
   */
  private async raiseConflict(mine: Draft, theirs: Draft, theirsHash: string): Promise<AppError> {
    const id = mine.id;
    this.dropPending(id);
    this.known.set(id, theirsHash);
    const conflict: StoredConflict = { id, mine, theirs, revisionId: null };
    this.conflicts.set(id, conflict);
    conflict.revisionId = await this.snapshot(mine, 'conflict');
    this.index.put(mine);
    this.emit({ type: 'draftConflict', id });
    return new AppError('CONFLICT', conflictMessage(mine.title));
  }

  private async setTrashed(id: string, trashedAt: string | undefined): Promise<void> {
    await this.run(id, async () => {
      this.assertExists(id);
      this.assertNoConflict(id);
      const disk = await this.readDisk(id);
      const current = this.pending.get(id)?.draft ?? (disk.state === 'ok' ? disk.draft : undefined);
      if (!current) throw disk.state === 'missing' ? notFound() : this.unreadable(disk);
      // updatedAt stays: moving to the trash is not an edit, and must not reorder the list.
      const next: Draft = { ...current };
      if (trashedAt === undefined) delete next.trashedAt;
      else next.trashedAt = trashedAt;
      await this.persist(next, disk, undefined, { skipAutosave: true });
    });
  }

  private async createConflictedCopy(mine: Draft): Promise<string> {
    const now = this.clock().toISOString();
    const copy: Draft = {
      ...mine,
      id: newDraftId(),
      title: `${mine.title.trim() || 'Untitled'} (conflicted copy)`,
      createdAt: now,
      updatedAt: now,
      // The copy is a new post: sharing the remote identity would make it overwrite the original.
      destinations: {},
    };
    delete copy.trashedAt;
    try {
      await this.copyTree(this.assetsDir(mine.id), this.assetsDir(copy.id), []);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') {
        await this.fs.rm(this.assetsDir(copy.id), { recursive: true, force: true }).catch(() => {});
        throw new AppError(
          'SAVE_FAILED',
          t('error.drafts.copyImagesFailed', {
            title: displayTitle(mine.title),
            problem: writeProblem(error, this.dir),
          }),
        );
      }
    }
    await this.writeOrExplain(copy, 'both');
    this.index.put(copy);
    return copy.id;
  }

  private async writeOrExplain(draft: Draft, action: 'mine' | 'theirs' | 'both'): Promise<void> {
    try {
      this.record(draft, await this.writeDraftFile(draft));
    } catch (error) {
      throw new AppError(
        'SAVE_FAILED',
        t('error.drafts.resolveWriteFailed', {
          action,
          title: displayTitle(draft.title),
          problem: writeProblem(error, this.dir),
          remedy: writeRemedy(error),
        }),
      );
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Revisions

  /** An autosave snapshot of the version about to be replaced, when the last one is old enough. */
  private async autosaveSnapshot(previous: Draft): Promise<void> {
    let last = this.lastRevisionAt.get(previous.id);
    if (last === undefined) {
      last = await revisions.newestRevisionTime(this.fs, this.dir, previous.id).catch(() => null);
      this.lastRevisionAt.set(previous.id, last);
    }
    if (last !== null && this.clock().getTime() - last < this.revisionIntervalMs) return;
    // A draft with no text yet (new, or only a title) is not worth a revision. Asked only when one
    // is due: the plain text of 20,000 words takes ~2 ms, and autosave comes every second or two.
    const text = plainTextOf(previous.editorState);
    if (!text) return;
    await this.snapshot(previous, 'autosave', { wordCount: countWords(text) });
  }

  /** Writes a revision; null when the disk refused (the caller decides whether that matters). */
  private async snapshot(
    draft: Draft,
    reason: RevisionReason,
    options: { revisionId?: string; wordCount?: number } = {},
  ): Promise<string | null> {
    const at = this.clock();
    const id = options.revisionId ?? this.revisionIds.next(at);
    try {
      await revisions.writeRevision(this.fs, this.dir, draft, reason, id, at, options.wordCount);
      this.lastRevisionAt.set(draft.id, at.getTime());
    } catch (error) {
      this.log.warn('could not write a revision', { id: draft.id, reason, error: String(error) });
      return null;
    }
    await revisions.pruneRevisions(this.fs, this.dir, draft.id).catch((error: unknown) => {
      this.log.warn('could not prune revisions', { id: draft.id, error: String(error) });
    });
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  private draftPath(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  /** The folder of a draft’s images. */
  assetsDir(id: string): string {
    return path.join(this.dir, `${id}.assets`);
  }

  /**
   * Reads and parses a draft's file. With `reuseOwnWrite`, a file that still holds exactly what
   * Signet wrote last (same hash) is answered with that draft from memory instead of parsing it
   * again: autosave reads the file before every write (to notice another program's edit), and
   * parsing 20,000 words of Lexical JSON each time held the main process for ~5 ms. Only for
   * callers that do not change the draft they get.
   */
  private async readDisk(id: string, options: { reuseOwnWrite?: boolean } = {}): Promise<DiskRead> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.draftPath(id));
    } catch (error) {
      return errorCode(error) === 'ENOENT' ? { state: 'missing' } : { state: 'unreadable', error };
    }
    if (options.reuseOwnWrite) {
      const hash = hashOf(bytes);
      const own = this.ownWrites.get(id);
      const ours = this.recentWrites.get(id);
      if (
        ours &&
        own &&
        own.hash === hash &&
        own.updatedAt === ours.updatedAt &&
        this.known.get(id) === hash
      ) {
        return { state: 'ok', draft: ours, hash };
      }
    }
    const parsed = parseDraftFile(bytes.toString('utf8'), id);
    if (!parsed.ok) {
      const problem: Problem = { why: parsed.why, kind: parsed.kind };
      if (parsed.schemaVersion !== undefined) problem.schemaVersion = parsed.schemaVersion;
      return { state: 'bad', problem };
    }
    return { state: 'ok', draft: parsed.draft, hash: hashOf(bytes) };
  }

  /** Writes the draft file atomically; returns the hash of what was written. */
  private async writeDraftFile(draft: Draft): Promise<string> {
    const text = serializeDraft(draft);
    await writeFileAtomic(this.fs, this.draftPath(draft.id), text);
    return hashOf(text);
  }

  /** Remembers a version Signet wrote, so the watcher and the next save recognise it. */
  private record(draft: Draft, hash: string): void {
    this.known.set(draft.id, hash);
    this.absorbed.delete(draft.id);
    this.ownWrites.set(draft.id, { updatedAt: draft.updatedAt, hash });
    this.recentWrites.delete(draft.id);
    this.recentWrites.set(draft.id, draft);
    if (this.recentWrites.size > RECENT_WRITES) {
      const oldest = this.recentWrites.keys().next().value;
      if (oldest !== undefined) this.recentWrites.delete(oldest);
    }
  }

  private forget(id: string): void {
    this.index.remove(id);
    this.known.delete(id);
    this.ownWrites.delete(id);
    this.recentWrites.delete(id);
    this.absorbed.delete(id);
    this.lastRevisionAt.delete(id);
    this.dropPending(id);
    this.conflicts.delete(id);
  }

  private async quarantine(fileName: string, problem: Problem, report: ChangeReport): Promise<void> {
    try {
      const entry = await quarantineFile(this.fs, this.dir, fileName, problem, this.clock());
      if (entry) report.quarantined.push(entry);
    } catch (error) {
      this.log.error('could not move an unreadable file to the quarantine folder', {
        fileName,
        error: String(error),
      });
    }
  }

  /** Copies a folder (recursively); every path it creates is added to `created`. */
  private async copyTree(from: string, to: string, created: string[]): Promise<void> {
    const names = await this.fs.readdir(from);
    await this.fs.mkdir(to);
    created.push(to);
    for (const name of names) {
      if (isTempFileName(name)) continue;
      const source = path.join(from, name);
      const stat = await this.fs.stat(source);
      if (stat.isDirectory()) await this.copyTree(source, path.join(to, name), created);
      else if (stat.isFile()) await this.copyFileChecked(source, path.join(to, name), created);
    }
    await fsyncDir(this.fs, to);
  }

  /** Copies one file, never over an existing one, then checks and fsyncs the copy. */
  private async copyFileChecked(from: string, to: string, created: string[]): Promise<void> {
    await this.fs.copyFile(from, to, fsConstants.COPYFILE_EXCL);
    created.push(to);
    const [a, b] = await Promise.all([this.fs.readFile(from), this.fs.readFile(to)]);
    if (!a.equals(b)) throw Object.assign(new Error(`the copy of ${from} differs`), { code: 'EIO' });
    const handle = await this.fs.open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Copies every draft file, folder and the quarantine into `target`; returns the source paths
   * to remove once the store has switched. On failure removes what it copied and explains.
   */
  private async copyEverythingTo(source: string, target: string): Promise<string[]> {
    const fail = (error: unknown): AppError =>
      new AppError(
        'IO_ERROR',
        t('error.drafts.moveFailed', { target, problem: writeProblem(error, target), source }),
      );
    let existing: string[];
    try {
      await this.fs.mkdir(target, { recursive: true });
      existing = await this.fs.readdir(target);
    } catch (error) {
      throw fail(error);
    }
    await this.refuseOccupied(target, existing);
    const created: string[] = [];
    const moved: string[] = [];
    try {
      for (const name of await this.fs.readdir(source)) {
        const from = path.join(source, name);
        const to = path.join(target, name);
        const owner = draftOfPath(name);
        if (name === QUARANTINE_DIR) {
          await this.copyQuarantine(from, path.join(target, QUARANTINE_DIR), created);
        } else if (owner && this.index.has(owner) && name.endsWith('.json')) {
          await this.copyFileChecked(from, to, created);
        } else if (owner && this.index.has(owner)) {
          await this.copyTree(from, to, created);
        } else {
          continue;
        }
        moved.push(from);
      }
      await fsyncDir(this.fs, target);
    } catch (error) {
      for (const file of created.reverse()) {
        await this.fs.rm(file, { recursive: true, force: true }).catch(() => {});
      }
      throw error instanceof AppError ? error : fail(error);
    }
    return moved;
  }

  /** Merges a quarantine folder into another, renaming on a clash (sidecars follow their file). */
  private async copyQuarantine(from: string, to: string, created: string[]): Promise<void> {
    const names = await this.fs.readdir(from);
    await this.fs.mkdir(to, { recursive: true });
    const taken = new Set((await this.fs.readdir(to)).map((n) => n.toLowerCase()));
    for (const name of names) {
      if (name.endsWith(SIDECAR_SUFFIX) || isTempFileName(name)) continue;
      const ext = path.extname(name);
      const stem = name.slice(0, name.length - ext.length);
      let target = name;
      for (let n = 2; taken.has(target.toLowerCase()); n++) target = `${stem}-${n}${ext}`;
      taken.add(target.toLowerCase());
      await this.copyFileChecked(path.join(from, name), path.join(to, target), created);
      if (names.includes(`${name}${SIDECAR_SUFFIX}`)) {
        await this.copyFileChecked(
          path.join(from, `${name}${SIDECAR_SUFFIX}`),
          path.join(to, `${target}${SIDECAR_SUFFIX}`),
          created,
        );
      }
    }
  }

  /** Refuses a folder that holds copies of these drafts, or JSON files that are not drafts. */
  private async refuseOccupied(target: string, existing: string[]): Promise<void> {
    const clashes = existing.filter((name) => {
      const owner = draftOfPath(name);
      return owner !== null && this.index.has(owner);
    });
    if (clashes.length > 0) {
      const example = this.index.summary(draftOfPath(clashes[0]!)!, this.clock())?.title ?? '';
      throw new AppError(
        'BAD_REQUEST',
        t('error.drafts.moveTargetHasDrafts', { target, title: displayTitle(example) }),
      );
    }
    for (const name of existing) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const isDraft = await this.fs
        .readFile(path.join(target, name), 'utf8')
        .then((text) => isDraftFileName(name) && parseDraftFile(text).ok)
        .catch(() => false);
      if (!isDraft) {
        throw new AppError('BAD_REQUEST', t('error.drafts.moveTargetHasOtherFiles', { target, file: name }));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** Runs `task` after every earlier task of the same draft (and after a folder move). */
  private run<T>(key: string, task: () => Promise<T>, isFinalFlush = false): Promise<T> {
    if (this.isClosed && !isFinalFlush) {
      return Promise.reject(new AppError('UNAVAILABLE', t('error.drafts.closing')));
    }
    const gate = this.gate;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = Promise.all([gate, previous]).then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Runs `task` alone: after every queued task, with every later one waiting for it. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = Promise.all([this.gate, ...this.tails.values()]).then(task);
    this.gate = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  private emit(event: DraftStoreEvent): void {
    try {
      this.onEvent(event);
    } catch (error) {
      this.log.error('a draft store event listener failed', { type: event.type, error: String(error) });
    }
  }

  private report(report: ChangeReport): void {
    this.reportQuarantined(report);
    for (const id of report.conflicts) this.emit({ type: 'draftConflict', id });
    if (report.changed.size > 0)
      this.emit({ type: 'draftsChanged', ids: [...report.changed], external: true });
  }

  private reportQuarantined(report: ChangeReport): void {
    if (report.quarantined.length === 0) return;
    this.emit({ type: 'quarantined', entries: report.quarantined.splice(0) });
  }

  private unreadable(disk: DiskRead): AppError {
    const error = disk.state === 'unreadable' ? disk.error : undefined;
    return new AppError('IO_ERROR', t('error.drafts.readFailed', { problem: readProblem(error, this.dir) }));
  }

  private assertExists(id: string): void {
    if (!isDraftId(id) || !this.index.has(id)) throw notFound();
  }

  private assertNoConflict(id: string): void {
    const conflict = this.conflicts.get(id);
    if (conflict) {
      throw new AppError(
        'CONFLICT',
        t('error.drafts.resolveConflictFirst', { title: displayTitle(conflict.mine.title) }),
      );
    }
  }

  /**
   * The fields of a draft that an edit keeps (identity, creation, metadata, remote state, trash),
   * from the version being replaced or, when its file cannot be read, from the index.
   */
  private skeleton(id: string, previous: Draft | undefined): Draft {
    const shell = previous ?? this.index.shell(id);
    const draft: Draft = {
      schemaVersion: DRAFT_SCHEMA_VERSION,
      id,
      title: '',
      createdAt: shell?.createdAt ?? this.clock().toISOString(),
      updatedAt: '',
      editorState: null,
      meta: shell?.meta ?? {},
      destinations: shell?.destinations ?? {},
    };
    if (shell?.trashedAt !== undefined) draft.trashedAt = shell.trashedAt;
    return draft;
  }
}

/** What one batch of outside changes did, reported as events once it is done. */
class ChangeReport {
  readonly changed = new Set<string>();
  readonly conflicts = new Set<string>();
  readonly quarantined: QuarantineEntry[] = [];
}

const FOREIGN_NAME: Problem = {
  kind: 'foreign-name',
  get why() {
    return t('error.drafts.foreignName');
  },
};

function notFound(): AppError {
  return new AppError('NOT_FOUND', t('error.drafts.notFound'));
}

function readProblem(error: unknown, dir: string): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return t('error.drafts.problem.noReadPermission', { dir });
  if (code === 'ENOSPC' || code === 'EDQUOT') return t('error.drafts.problem.diskError');
  return writeProblem(error, dir);
}

function hashOf(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

function isDraftFileName(name: string): boolean {
  return name.endsWith('.json') && isDraftId(name.slice(0, -'.json'.length));
}

/** The draft a top-level name belongs to (`<id>.json`, `<id>.assets`, `<id>.revisions`). */
function draftOfPath(name: string): string | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.(json|assets|revisions)$/.exec(name);
  return match ? match[1]! : null;
}

function isPlainFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.startsWith('.') &&
    !/[/\\\0:]/.test(name) &&
    path.basename(name) === name
  );
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The remote state of a draft is a fact about the blogs, not part of what the author typed: when
 * keeping "mine", a destination another computer published to since must stay known, or the next
 * publish would create a duplicate post.
 */
function mergeDestinations(
  mine: Record<string, DestinationState>,
  theirs: Record<string, DestinationState>,
): Record<string, DestinationState> {
  const merged: Record<string, DestinationState> = { ...mine };
  for (const [key, remote] of Object.entries(theirs)) {
    const local = merged[key];
    if (!local || (remote.remoteModifiedAt ?? '') >= (local.remoteModifiedAt ?? '')) merged[key] = remote;
  }
  return merged;
}
