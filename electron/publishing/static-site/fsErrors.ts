import { errorCode } from '../../drafts/atomicFile';
import { PublishError } from '../http/PublishError';

/**
 * A file-system error while publishing to a site folder, as a `PublishError` the author can act
 * on: the folder is gone, not writable, the disk is full. `target` is the folder or file named.
 */
export function fsError(error: unknown, target: string): PublishError {
  if (error instanceof PublishError) return error;
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new PublishError(
        'NOT_FOUND',
        `${target} is not there (was it moved or renamed, or is its disk not connected?). Connect the disk, or choose the site folder again in the account's settings.`,
        { reason: code, cause: error },
      );
    case 'EACCES':
    case 'EPERM':
      return new PublishError(
        'FORBIDDEN',
        `Signet has no permission to write to ${target}. Give your user write access to the site folder, or choose another folder.`,
        { reason: code, cause: error },
      );
    case 'EROFS':
      return new PublishError(
        'FORBIDDEN',
        `${target} is on a disk that cannot be written to (read-only). Choose a site folder on a writable disk.`,
        { reason: code, cause: error },
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new PublishError(
        'SERVER_ERROR',
        `The disk that holds ${target} is full, so nothing was written. Free some space on it, then publish again.`,
        { reason: code, retryable: false, cause: error },
      );
    default:
      return new PublishError(
        'SERVER_ERROR',
        `Signet could not write to ${target} (the system reported ${code ?? (error instanceof Error ? error.message : 'an unknown error')}). Try again; if it keeps failing, check the disk.`,
        { reason: code ?? 'fs-error', cause: error },
      );
  }
}
