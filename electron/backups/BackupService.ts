/**
 * Rolling backups of the drafts folder and the settings (never the secrets) in
 * `<data>/backups/<id>/`: at start and every hour while something changed, hourly ones kept for a
 * day, one a day for a week, and a total size cap that drops the oldest first.
 *
 * Layout of one backup: `manifest.json` ({createdAt, draftCount, sizeBytes, fingerprint}),
 * `settings.json` (preferences, accounts without passwords, the snippet library) and
 * `drafts/<id>.json` + `drafts/<id>.assets/`. Revisions are left out: they are a history of
 * their own and would multiply the size of every backup.
 *
 * A backup is written into `.tmp-<id>` and renamed when complete, so a listed backup is whole.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { BackupSummary } from '../contract';
import { AppError } from '../dispatcher';
import { errorCode, fsyncDir, isTempFileName, writeFileAtomic } from '../drafts/atomicFile';
import { nodeFs, type FsPort } from '../drafts/fsPort';
import { isDraftId } from '../drafts/ids';
import { consoleLogger, type Logger, type SettingsData, type SettingsPort } from '../ports';
import { t } from '../contract/i18n';

export const BACKUP_INTERVAL_MS = 60 * 60_000;
export const DEFAULT_MAX_BACKUP_BYTES = 500 * 1024 * 1024;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const TEMP_PREFIX = '.tmp-';
/** `2026-11-23T06-56-14.123Z`: an ISO time with `-` for `:` (Windows forbids `:`). */
const BACKUP_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z(?:-\d+)?$/;

/** The settings that a backup carries and a restore may put back. Never secrets. */
const SETTINGS_KEYS = ['preferences', 'accounts', 'snippetLibrary'] as const satisfies ReadonlyArray<
  keyof SettingsData
>;

interface Manifest {
  createdAt: string;
  draftCount: number;
  sizeBytes: number;
  fingerprint: string;
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BackupServiceOptions {
  dataDir: string;
  /** The drafts folder now (it may move). */
  draftsDir: () => string;
  settings: SettingsPort;
  /** Puts the drafts of a backup's `drafts/` folder in place of the current ones. */
  replaceDrafts: (sourceDir: string) => Promise<void>;
  fs?: FsPort;
  clock?: () => Date;
  log?: Logger;
  timers?: Timers;
  intervalMs?: number;
  maxTotalBytes?: number;
}

export class BackupService {
  private readonly root: string;
  private readonly fs: FsPort;
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly timers: Timers;
  private readonly intervalMs: number;
  private readonly maxTotalBytes: number;
  private timer: unknown = null;
  /** Backups and restores run one at a time. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BackupServiceOptions) {
    this.root = path.join(options.dataDir, 'backups');
    this.fs = options.fs ?? nodeFs;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? consoleLogger;
    this.timers = options.timers ?? {
      setInterval: (callback, ms) => {
        const handle = setInterval(callback, ms);
        handle.unref();
        return handle;
      },
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    };
    this.intervalMs = options.intervalMs ?? BACKUP_INTERVAL_MS;
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_BACKUP_BYTES;
  }

  /** Takes a backup now (when something changed) and then every interval. */
  start(): Promise<void> {
    if (this.timer === null) {
      this.timer = this.timers.setInterval(() => void this.scheduled(), this.intervalMs);
    }
    return this.scheduled();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    await this.tail.catch(() => {});
  }

  /** Resolves once the backup or restore under way (if any) has finished. */
  async whenIdle(): Promise<void> {
    await this.tail.catch(() => {});
  }

  async list(): Promise<BackupSummary[]> {
    const entries = await this.readAll();
    return entries.map(({ id, manifest }) => ({
      id,
      createdAt: manifest.createdAt,
      draftCount: manifest.draftCount,
      sizeBytes: manifest.sizeBytes,
    }));
  }

  /** A new backup, or the latest one when nothing changed since. */
  backupNow(): Promise<BackupSummary> {
    return this.serial(() => this.backupIfChanged());
  }

  /** Backs up the current state, then puts the backup's drafts (and settings, if asked) back. */
  restore(id: string, includeSettings: boolean): Promise<BackupSummary> {
    return this.serial(async () => {
      const dir = this.backupDir(id);
      const manifest = await this.readManifest(id);
      if (!manifest) throw new AppError('NOT_FOUND', t('error.backups.gone'));
      const safety = await this.backupIfChanged();
      await this.options.replaceDrafts(path.join(dir, 'drafts'));
      if (includeSettings) {
        const saved = JSON.parse(await this.fs.readFile(path.join(dir, 'settings.json'), 'utf8')) as Partial<
          Pick<SettingsData, (typeof SETTINGS_KEYS)[number]>
        >;
        for (const key of SETTINGS_KEYS) {
          if (saved[key] !== undefined) this.options.settings.set(key, saved[key] as never);
        }
      }
      this.log.info('restored a backup', { id, includeSettings, safetyBackup: safety.id });
      return safety;
    });
  }

  // ---------------------------------------------------------------------------------------------

  private async scheduled(): Promise<void> {
    try {
      await this.serial(() => this.backupIfChanged());
    } catch (error) {
      this.log.warn('the scheduled backup failed; the next one tries again', { error: String(error) });
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => {});
    return result;
  }

  private async backupIfChanged(): Promise<BackupSummary> {
    const draftsDir = this.options.draftsDir();
    const files = await this.draftFiles(draftsDir);
    const settingsText = JSON.stringify(this.settingsToKeep(), null, 2);
    const fingerprint = createHash('sha256')
      .update(files.map((f) => `${f.rel}\0${f.size}\0${f.mtimeMs}`).join('\n'))
      .update('\n--settings--\n')
      .update(settingsText)
      .digest('hex');
    const existing = await this.readAll();
    const latest = existing[0];
    if (latest && latest.manifest.fingerprint === fingerprint) {
      return { id: latest.id, ...pick(latest.manifest) };
    }

    const now = this.clock();
    let id = now.toISOString().replace(/:/g, '-');
    for (let n = 2; existing.some((e) => e.id === id); n++)
      id = `${now.toISOString().replace(/:/g, '-')}-${n}`;
    await this.fs.mkdir(this.root, { recursive: true });
    const temp = path.join(this.root, `${TEMP_PREFIX}${id}`);
    await this.fs.rm(temp, { recursive: true, force: true });
    try {
      await this.fs.mkdir(path.join(temp, 'drafts'), { recursive: true });
      let sizeBytes = 0;
      for (const file of files) {
        const target = path.join(temp, 'drafts', file.rel);
        await this.fs.mkdir(path.dirname(target), { recursive: true });
        try {
          await this.fs.copyFile(path.join(draftsDir, file.rel), target);
        } catch (error) {
          // Deleted between the listing and the copy: it is not part of this backup.
          if (errorCode(error) === 'ENOENT') continue;
          throw error;
        }
        sizeBytes += file.size;
      }
      await writeFileAtomic(this.fs, path.join(temp, 'settings.json'), settingsText);
      sizeBytes += Buffer.byteLength(settingsText);
      const manifest: Manifest = {
        createdAt: now.toISOString(),
        draftCount: files.filter((f) => !f.rel.includes(path.sep) && !f.rel.includes('/')).length,
        sizeBytes,
        fingerprint,
      };
      await writeFileAtomic(this.fs, path.join(temp, 'manifest.json'), JSON.stringify(manifest, null, 2));
      await this.fs.rename(temp, this.backupDir(id));
      await fsyncDir(this.fs, this.root);
      await this.prune();
      return { id, ...pick(manifest) };
    } catch (error) {
      await this.fs.rm(temp, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
  }

  private settingsToKeep(): Partial<SettingsData> {
    const kept: Record<string, unknown> = {};
    for (const key of SETTINGS_KEYS) {
      const value = this.options.settings.get(key);
      if (value !== undefined) kept[key] = value;
    }
    return kept as Partial<SettingsData>;
  }

  /** `<id>.json` and the files of `<id>.assets/` (relative paths); no temp files, no quarantine. */
  private async draftFiles(dir: string): Promise<Array<{ rel: string; size: number; mtimeMs: number }>> {
    const out: Array<{ rel: string; size: number; mtimeMs: number }> = [];
    let names: string[];
    try {
      names = (await this.fs.readdir(dir)).sort();
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return out;
      throw error;
    }
    const add = async (rel: string): Promise<void> => {
      const stat = await this.fs.stat(path.join(dir, rel)).catch(() => null);
      if (stat?.isFile()) out.push({ rel, size: stat.size, mtimeMs: stat.mtimeMs });
    };
    for (const name of names) {
      if (name.endsWith('.json') && isDraftId(name.slice(0, -5))) await add(name);
      else if (name.endsWith('.assets') && isDraftId(name.slice(0, -7))) {
        const inner = await this.fs.readdir(path.join(dir, name)).catch(() => [] as string[]);
        for (const file of inner.sort()) if (!isTempFileName(file)) await add(path.join(name, file));
      }
    }
    return out;
  }

  /** Every complete backup, newest first. */
  private async readAll(): Promise<Array<{ id: string; manifest: Manifest }>> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.root);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const out: Array<{ id: string; manifest: Manifest }> = [];
    for (const name of names) {
      if (!BACKUP_ID.test(name)) continue;
      const manifest = await this.readManifest(name);
      if (manifest) out.push({ id: name, manifest });
    }
    return out.sort(
      (a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.id.localeCompare(a.id),
    );
  }

  private async readManifest(id: string): Promise<Manifest | null> {
    if (!BACKUP_ID.test(id)) return null;
    try {
      const value = JSON.parse(
        await this.fs.readFile(path.join(this.backupDir(id), 'manifest.json'), 'utf8'),
      ) as Manifest;
      return typeof value.createdAt === 'string' && typeof value.fingerprint === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  private backupDir(id: string): string {
    return path.join(this.root, id);
  }

  /** Hourly for a day, the newest of each day for a week, then the size cap; the newest stays. */
  private async prune(): Promise<void> {
    const all = await this.readAll();
    const now = this.clock().getTime();
    const keep: typeof all = [];
    const days = new Set<string>();
    for (const [i, entry] of all.entries()) {
      const age = now - Date.parse(entry.manifest.createdAt);
      const day = entry.manifest.createdAt.slice(0, 10);
      if (i === 0 || age < DAY_MS) keep.push(entry);
      else if (age < 7 * DAY_MS && !days.has(day)) keep.push(entry);
      days.add(day);
    }
    let total = keep.reduce((sum, e) => sum + e.manifest.sizeBytes, 0);
    while (keep.length > 1 && total > this.maxTotalBytes) total -= keep.pop()!.manifest.sizeBytes;
    // A temp folder left by a crash never becomes a backup (backups run one at a time).
    for (const name of await this.fs.readdir(this.root)) {
      if (name.startsWith(TEMP_PREFIX))
        await this.fs.rm(path.join(this.root, name), { recursive: true, force: true });
    }
    const kept = new Set(keep.map((e) => e.id));
    for (const entry of all) {
      if (kept.has(entry.id)) continue;
      await this.fs.rm(this.backupDir(entry.id), { recursive: true, force: true }).catch((error: unknown) => {
        this.log.warn('could not delete an old backup', { id: entry.id, error: String(error) });
      });
    }
  }
}

function pick(manifest: Manifest): Omit<BackupSummary, 'id'> {
  return { createdAt: manifest.createdAt, draftCount: manifest.draftCount, sizeBytes: manifest.sizeBytes };
}
