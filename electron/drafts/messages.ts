/**
 * What the author reads when the disk refuses a write: what happened, that nothing is lost, and
 * what to do.
 */
import { errorCode } from './atomicFile';

export function displayTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (!trimmed) return 'Untitled';
  return trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed;
}

/** Why a write failed, as the end of a sentence ("…: the disk is full"). */
export function writeProblem(error: unknown, dir: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return `Signet has no permission to write to ${dir}`;
    case 'EROFS':
      return `${dir} is on a disk that cannot be written to`;
    case 'ENOENT':
      return `the folder ${dir} is not there any more (was a disk removed?)`;
    case 'EIO':
      return 'the disk reported an error';
    default:
      return `the system reported ${code ?? (error instanceof Error ? error.message : 'an unknown error')}`;
  }
}

/** What the author can do about a failed write. */
export function writeRemedy(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free some space';
    case 'EACCES':
    case 'EPERM':
      return 'check that folder’s permissions, or move your drafts to another folder';
    case 'EROFS':
    case 'ENOENT':
      return 'reconnect the disk, or move your drafts to another folder';
    default:
      return 'if this goes on, move your drafts to another folder';
  }
}

export function saveFailedMessage(error: unknown, title: string, dir: string): string {
  return (
    `Signet could not save “${displayTitle(title)}”: ${writeProblem(error, dir)}. ` +
    `Your text is kept in memory and Signet keeps trying; ${writeRemedy(error)}.`
  );
}

export function conflictMessage(title: string): string {
  return (
    `“${displayTitle(title)}” was changed by another program (a sync app or another computer) ` +
    'while you were editing it. Both versions are kept; choose which version to keep.'
  );
}
