/** Shared pieces of the draft store tests: temp folders, a disk that fails on demand, a clock. */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EditorStateJSON } from '../../contract';
import type { Logger } from '../../ports';
import type { DraftStoreEvent } from '../types';
import { nodeFs, type FsPort } from '../fsPort';

export async function makeTempDir(): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), 'signet-drafts-'));
}

export async function removeTempDir(dir: string): Promise<void> {
  await fsp.rm(dir, { recursive: true, force: true });
}

export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A clock the test moves by hand. */
export function manualClock(start = '2030-01-01T10:00:00.000Z'): {
  now: () => Date;
  advance: (ms: number) => void;
} {
  let ms = Date.parse(start);
  return { now: () => new Date(ms), advance: (by) => (ms += by) };
}

/** Lexical JSON with one paragraph per text. */
export function paragraphs(...texts: string[]): EditorStateJSON {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: texts.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
      })),
    },
  };
}

/**
 * The real file system, except that writes fail with `code` (ENOSPC, EACCES…) while `failWith`
 * is set: as a full disk or a folder without permission would make them fail.
 */
export class FailingFs {
  private code: string | null = null;
  failures = 0;
  readonly port: FsPort;

  constructor() {
    const failIfSet = (): void => {
      if (this.code) {
        this.failures++;
        const error = new Error(`${this.code}: simulated failure`) as NodeJS.ErrnoException;
        error.code = this.code;
        throw error;
      }
    };
    this.port = {
      ...nodeFs,
      open: (async (file: string, flags?: string | number, mode?: number) => {
        if (flags !== undefined && flags !== 'r') failIfSet();
        return nodeFs.open(file, flags, mode);
      }) as FsPort['open'],
      writeFile: (async (...args: Parameters<FsPort['writeFile']>) => {
        failIfSet();
        return nodeFs.writeFile(...args);
      }) as FsPort['writeFile'],
      rename: async (from, to) => {
        failIfSet();
        return nodeFs.rename(from, to);
      },
      copyFile: async (from, to, mode) => {
        failIfSet();
        return nodeFs.copyFile(from, to, mode);
      },
      mkdir: (async (...args: Parameters<FsPort['mkdir']>) => {
        failIfSet();
        return nodeFs.mkdir(...args);
      }) as FsPort['mkdir'],
    };
  }

  failWith(code: string | null): void {
    this.code = code;
  }
}

/** Collects a store's events; `next` waits for the first event of a type that passes `test`. */
export class EventLog {
  readonly events: DraftStoreEvent[] = [];
  private waiters: { test: (e: DraftStoreEvent) => boolean; resolve: (e: DraftStoreEvent) => void }[] = [];

  readonly listener = (event: DraftStoreEvent): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  };

  of<T extends DraftStoreEvent['type']>(type: T): Extract<DraftStoreEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<DraftStoreEvent, { type: T }> => e.type === type);
  }

  next<T extends DraftStoreEvent['type']>(
    type: T,
    test: (event: Extract<DraftStoreEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Extract<DraftStoreEvent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        test: (e) => e.type === type && test(e as Extract<DraftStoreEvent, { type: T }>),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<DraftStoreEvent, { type: T }>);
        },
      });
    });
  }

  clear(): void {
    this.events.length = 0;
  }
}
