/**
 * Crash-safe file replacement: after a crash or power cut a file holds either its old bytes or
 * its new ones, never a mix and never nothing.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { FsPort } from './fsPort';

/** Names of our temp files: `.<target name>.<8 hex>.tmp`, so no reader takes one for a draft. */
const TEMP_FILE = /^\..+\.[0-9a-f]{8}\.tmp$/;

export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

/** Errors that mean "this platform or file system does not let you fsync a folder". */
const DIR_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

/**
 * Writes `data` to `file` atomically: a temp file in the same folder (so the rename cannot cross
 * file systems), fsync it, rename it over the target, fsync the folder so the rename itself
 * survives a power cut.
 */
export async function writeFileAtomic(fs: FsPort, file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(fs, temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await fsyncDir(fs, dir);
}

export async function fsyncDir(fs: FsPort, dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!DIR_SYNC_UNSUPPORTED.has(errorCode(error) ?? '')) throw error;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Windows refuses to replace a file that a virus scanner or a sync client has open for a moment
 * (EPERM/EBUSY); trying again shortly after is what npm's write-file-atomic and graceful-fs do.
 */
async function renameWithRetry(fs: FsPort, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const isTransient =
        process.platform === 'win32' && (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES');
      if (!isTransient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
