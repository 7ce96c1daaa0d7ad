/**
 * Outbox jobs as files: `<data>/outbox/<id>.json`, one per job, written atomically (the same
 * writer as drafts), so a job survives a crash or a quit and resumes on the next start. A job file
 * that cannot be read is moved to `outbox/quarantine/` with the reason, never deleted.
 */
import * as path from 'node:path';

import { errorCode, isTempFileName, writeFileAtomic } from '../drafts/atomicFile';
import { nodeFs, type FsPort } from '../drafts/fsPort';
import { quarantineFile } from '../drafts/quarantine';
import { consoleLogger, type Logger } from '../ports';
import { jobSchema, OUTBOX_JOB_VERSION, type OutboxJob } from './job';

export const OUTBOX_DIR = 'outbox';

export class OutboxStore {
  private readonly jobs = new Map<string, OutboxJob>();
  /** Writes of one job run one after another, so an older state never lands after a newer one. */
  private readonly writing = new Map<string, Promise<void>>();

  private constructor(
    readonly dir: string,
    private readonly fs: FsPort,
    private readonly log: Logger,
  ) {}

  static async open(options: {
    dir: string;
    fs?: FsPort;
    log?: Logger;
    clock?: () => Date;
  }): Promise<OutboxStore> {
    const fs = options.fs ?? nodeFs;
    const log = options.log ?? consoleLogger;
    const store = new OutboxStore(options.dir, fs, log);
    await fs.mkdir(options.dir, { recursive: true });
    for (const name of await fs.readdir(options.dir)) {
      if (!name.endsWith('.json') || isTempFileName(name)) continue;
      const file = path.join(options.dir, name);
      let problem: { why: string; kind: 'not-json' | 'invalid' | 'newer-schema' } | null = null;
      try {
        const parsed = jobSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
        if (!parsed.success) problem = { why: 'This outbox job file is damaged.', kind: 'invalid' };
        else if (parsed.data.schemaVersion > OUTBOX_JOB_VERSION)
          problem = { why: 'This outbox job was written by a newer Signet.', kind: 'newer-schema' };
        else if (`${parsed.data.id}.json` !== name)
          problem = { why: 'This outbox job file has the wrong name.', kind: 'invalid' };
        else store.jobs.set(parsed.data.id, parsed.data);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') continue;
        problem = { why: 'This outbox job file is not readable JSON.', kind: 'not-json' };
      }
      if (problem) {
        const entry = await quarantineFile(fs, options.dir, name, problem, options.clock?.() ?? new Date());
        if (entry)
          log.warn('outbox job quarantined', { file: name, movedTo: entry.movedTo, why: problem.why });
      }
    }
    return store;
  }

  /** Every job, oldest first. */
  list(): OutboxJob[] {
    return [...this.jobs.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((job) => structuredClone(job));
  }

  get(id: string): OutboxJob | null {
    const job = this.jobs.get(id);
    return job ? structuredClone(job) : null;
  }

  /** Writes the job to disk; resolves once it is there (fsynced). */
  async put(job: OutboxJob): Promise<void> {
    const copy = structuredClone(job);
    const write = async () => {
      await writeFileAtomic(this.fs, this.fileOf(copy.id), `${JSON.stringify(copy, null, 2)}\n`);
      this.jobs.set(copy.id, copy);
    };
    const previous = this.writing.get(copy.id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(write);
    this.writing.set(copy.id, next);
    try {
      await next;
    } finally {
      if (this.writing.get(copy.id) === next) this.writing.delete(copy.id);
    }
  }

  async remove(id: string): Promise<void> {
    await (this.writing.get(id) ?? Promise.resolve()).catch(() => {});
    try {
      await this.fs.rm(this.fileOf(id));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    this.jobs.delete(id);
    this.log.info('outbox job removed', { id });
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}
