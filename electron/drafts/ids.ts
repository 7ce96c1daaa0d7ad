import { randomBytes, randomUUID } from 'node:crypto';

export const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isDraftId(value: string): boolean {
  return DRAFT_ID.test(value);
}

/** 32 random hex digits: unguessable, safe in a file name and a URL, unique across machines. */
export function newDraftId(): string {
  return randomUUID().replaceAll('-', '');
}

/**
 * Revision ids sort by time as plain strings (`<epoch ms in base 36>-<random>`), so the newest
 * revision is found from the folder listing alone, without opening the files.
 */
export class RevisionIds {
  private lastMs = 0;

  next(at: Date): string {
    // Two snapshots in the same millisecond still sort in the order they were taken.
    const ms = Math.max(at.getTime(), this.lastMs + 1);
    this.lastMs = ms;
    return `${ms.toString(36).padStart(9, '0')}-${randomBytes(3).toString('hex')}`;
  }
}

/** When a revision was taken, from its id; NaN for an id Signet did not make. */
export function revisionTime(revisionId: string): number {
  const match = /^([0-9a-z]{9})-[0-9a-f]{6}$/.exec(revisionId);
  return match ? parseInt(match[1]!, 36) : NaN;
}
