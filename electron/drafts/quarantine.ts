/**
 * The quarantine folder: draft files Signet cannot read are moved here, never deleted, each with
 * a sidecar `<name>.reason.json` saying why, so the author can be told and can recover them.
 */
import * as path from 'node:path';
import { z } from 'zod';
import type { QuarantineEntry } from '../contract';
import { errorCode, writeFileAtomic } from './atomicFile';
import type { FsPort } from './fsPort';
import { t } from '../contract/i18n';

export const QUARANTINE_DIR = 'quarantine';
const SIDECAR_SUFFIX = '.reason.json';

export type QuarantineKind = 'not-json' | 'invalid' | 'newer-schema' | 'foreign-name';

const sidecarSchema = z.object({
  fileName: z.string(),
  why: z.string(),
  kind: z.enum(['not-json', 'invalid', 'newer-schema', 'foreign-name']),
  at: z.string(),
  schemaVersion: z.number().optional(),
});
type Sidecar = z.infer<typeof sidecarSchema>;

export function quarantineDir(dir: string): string {
  return path.join(dir, QUARANTINE_DIR);
}

function reasonText(why: string, movedTo: string): string {
  return t('error.drafts.quarantine.reason', { why, movedTo });
}

/**
 * Moves `<dir>/<fileName>` into the quarantine folder under a name no other quarantined file has.
 * Returns null when the file is gone already (another program removed it first).
 */
export async function quarantineFile(
  fs: FsPort,
  dir: string,
  fileName: string,
  problem: { why: string; kind: QuarantineKind; schemaVersion?: number },
  at: Date,
): Promise<QuarantineEntry | null> {
  const qdir = quarantineDir(dir);
  await fs.mkdir(qdir, { recursive: true });
  const taken = new Set((await fs.readdir(qdir)).map((n) => n.toLowerCase()));
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  let target = fileName;
  for (
    let n = 2;
    taken.has(target.toLowerCase()) || taken.has(`${target}${SIDECAR_SUFFIX}`.toLowerCase());
    n++
  ) {
    target = `${stem}-${n}${ext}`;
  }
  const movedTo = path.join(qdir, target);
  try {
    await fs.rename(path.join(dir, fileName), movedTo);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  const sidecar: Sidecar = { fileName, why: problem.why, kind: problem.kind, at: at.toISOString() };
  if (problem.schemaVersion !== undefined) sidecar.schemaVersion = problem.schemaVersion;
  // The file is safe already; a missing sidecar only makes the listing vaguer.
  await writeFileAtomic(fs, `${movedTo}${SIDECAR_SUFFIX}`, JSON.stringify(sidecar)).catch(() => {});
  return { fileName, movedTo, reason: reasonText(problem.why, movedTo), at: sidecar.at };
}

export interface QuarantinedFile {
  entry: QuarantineEntry;
  kind: QuarantineKind | null;
  /** Name inside the quarantine folder. */
  storedName: string;
}

/** Every file in the quarantine folder, newest first, with its reason. */
export async function listQuarantined(fs: FsPort, dir: string): Promise<QuarantinedFile[]> {
  const qdir = quarantineDir(dir);
  let names: string[];
  try {
    names = await fs.readdir(qdir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const present = new Set(names);
  const files: QuarantinedFile[] = [];
  for (const name of names) {
    if (name.endsWith(SIDECAR_SUFFIX) || name.startsWith('.')) continue;
    const movedTo = path.join(qdir, name);
    let sidecar: Sidecar | null = null;
    if (present.has(`${name}${SIDECAR_SUFFIX}`)) {
      try {
        const parsed = sidecarSchema.safeParse(
          JSON.parse(await fs.readFile(`${movedTo}${SIDECAR_SUFFIX}`, 'utf8')),
        );
        if (parsed.success) sidecar = parsed.data;
      } catch {
        // An unreadable sidecar: list the file with the vaguer reason below.
      }
    }
    if (sidecar) {
      files.push({
        entry: {
          fileName: sidecar.fileName,
          movedTo,
          reason: reasonText(sidecar.why, movedTo),
          at: sidecar.at,
        },
        kind: sidecar.kind,
        storedName: name,
      });
    } else {
      const at = await fs.stat(movedTo).then(
        (s) => s.mtime.toISOString(),
        () => new Date(0).toISOString(),
      );
      files.push({
        entry: {
          fileName: name,
          movedTo,
          reason: t('error.drafts.quarantine.unrecorded'),
          at,
        },
        kind: null,
        storedName: name,
      });
    }
  }
  return files.sort((a, b) => (a.entry.at < b.entry.at ? 1 : a.entry.at > b.entry.at ? -1 : 0));
}

/** Takes a file out of quarantine (after an update made it readable), sidecar and all. */
export async function releaseQuarantined(
  fs: FsPort,
  dir: string,
  storedName: string,
  toName: string,
): Promise<void> {
  const from = path.join(quarantineDir(dir), storedName);
  await fs.rename(from, path.join(dir, toName));
  await fs.rm(`${from}${SIDECAR_SUFFIX}`, { force: true });
}

export { SIDECAR_SUFFIX };
