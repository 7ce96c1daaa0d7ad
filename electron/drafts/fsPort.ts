/**
 * The file-system operations the draft store uses. Production code passes Node's own
 * `fs/promises`; tests wrap it to fail on demand (disk full, no permission).
 */
import * as fsp from 'node:fs/promises';

export type FsPort = Pick<
  typeof fsp,
  'open' | 'readFile' | 'writeFile' | 'rename' | 'mkdir' | 'readdir' | 'stat' | 'rm' | 'copyFile' | 'unlink'
>;

export const nodeFs: FsPort = fsp;
