/**
 * Revisions: snapshots of a draft in `<dir>/<id>.revisions/<revisionId>.json`, taken while the
 * author edits, before a restore, and whenever another program's version would replace ours.
 */
import * as path from 'node:path';
import { z } from 'zod';
import type { Draft, Revision, RevisionReason, RevisionSummary } from '../contract';
import { errorCode, isTempFileName, writeFileAtomic } from './atomicFile';
import { parseDraftValue } from './draftFile';
import type { FsPort } from './fsPort';
import { revisionTime } from './ids';
import { countWords, plainTextOf } from '../contract/plainText';

/** Snapshots kept per draft; the oldest autosaves go first. */
export const MAX_REVISIONS = 200;

const revisionFileSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  reason: z.enum(['autosave', 'before-restore', 'before-publish', 'external-change', 'conflict']),
  title: z.string(),
  wordCount: z.number(),
  draft: z.unknown(),
});

export function revisionsDir(dir: string, draftId: string): string {
  return path.join(dir, `${draftId}.revisions`);
}

export async function writeRevision(
  fs: FsPort,
  dir: string,
  draft: Draft,
  reason: RevisionReason,
  revisionId: string,
  at: Date,
  /** When the caller already counted them (autosave walks the text to see whether it has any). */
  wordCount = countWords(plainTextOf(draft.editorState)),
): Promise<RevisionSummary> {
  const summary: RevisionSummary = {
    id: revisionId,
    createdAt: at.toISOString(),
    reason,
    title: draft.title,
    wordCount,
  };
  const folder = revisionsDir(dir, draft.id);
  await fs.mkdir(folder, { recursive: true });
  await writeFileAtomic(fs, path.join(folder, `${revisionId}.json`), JSON.stringify({ ...summary, draft }));
  return summary;
}

/** Revision ids of a draft, newest first. Leftover temp files of a crashed write are removed. */
export async function revisionIds(fs: FsPort, dir: string, draftId: string): Promise<string[]> {
  const folder = revisionsDir(dir, draftId);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const ids: string[] = [];
  for (const name of names) {
    if (isTempFileName(name)) await fs.rm(path.join(folder, name), { force: true }).catch(() => {});
    else if (name.endsWith('.json')) ids.push(name.slice(0, -'.json'.length));
  }
  return ids.sort().reverse();
}

/** Epoch ms of the newest revision of a draft, or null when it has none. */
export async function newestRevisionTime(fs: FsPort, dir: string, draftId: string): Promise<number | null> {
  for (const id of await revisionIds(fs, dir, draftId)) {
    const ms = revisionTime(id);
    if (!Number.isNaN(ms)) return ms;
  }
  return null;
}

async function readRevisionFile(
  fs: FsPort,
  dir: string,
  draftId: string,
  revisionId: string,
): Promise<z.infer<typeof revisionFileSchema> | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(revisionsDir(dir, draftId), `${revisionId}.json`), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    return revisionFileSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

export async function readRevision(
  fs: FsPort,
  dir: string,
  draftId: string,
  revisionId: string,
): Promise<Revision | null> {
  const file = await readRevisionFile(fs, dir, draftId, revisionId);
  if (!file) return null;
  const draft = parseDraftValue(file.draft, draftId);
  if (!draft.ok) return null;
  return { ...file, id: revisionId, draft: draft.draft };
}

/** Summaries of a draft's revisions, newest first; unreadable ones are left out. */
export async function listRevisions(fs: FsPort, dir: string, draftId: string): Promise<RevisionSummary[]> {
  const out: RevisionSummary[] = [];
  for (const id of await revisionIds(fs, dir, draftId)) {
    const revision = await readRevision(fs, dir, draftId, id);
    if (revision) {
      const { draft: _draft, ...summary } = revision;
      out.push(summary);
    }
  }
  return out;
}

/**
 * Keeps at most `max` revisions: the oldest autosaves go first, since the snapshots taken for a
 * reason (a restore, a conflict, another program's edit) are the ones an author comes back for.
 */
export async function pruneRevisions(
  fs: FsPort,
  dir: string,
  draftId: string,
  max = MAX_REVISIONS,
): Promise<number> {
  const ids = await revisionIds(fs, dir, draftId);
  let excess = ids.length - max;
  if (excess <= 0) return 0;
  const folder = revisionsDir(dir, draftId);
  let removed = 0;
  for (const id of [...ids].reverse()) {
    if (excess <= 0) break;
    // A file that cannot be read (perhaps written by a newer Signet) is not ours to delete.
    const file = await readRevisionFile(fs, dir, draftId, id);
    if (!file || file.reason !== 'autosave') continue;
    await fs.rm(path.join(folder, `${id}.json`), { force: true });
    excess--;
    removed++;
  }
  return removed;
}
