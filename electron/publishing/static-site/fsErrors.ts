import { errorCode } from '../../drafts/atomicFile';
import { PublishError } from '../http/PublishError';
import { t } from '../../contract/i18n';

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
      return new PublishError('NOT_FOUND', t('error.staticSite.notThere', { target }), {
        reason: code,
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new PublishError('FORBIDDEN', t('error.staticSite.noPermission', { target }), {
        reason: code,
        cause: error,
      });
    case 'EROFS':
      return new PublishError('FORBIDDEN', t('error.staticSite.readOnly', { target }), {
        reason: code,
        cause: error,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new PublishError('SERVER_ERROR', t('error.staticSite.diskFull', { target }), {
        reason: code,
        retryable: false,
        cause: error,
      });
    default:
      return new PublishError(
        'SERVER_ERROR',
        t('error.staticSite.other', {
          target,
          detail: code ?? (error instanceof Error ? error.message : t('error.drafts.problem.unknown')),
        }),
        { reason: code ?? 'fs-error', cause: error },
      );
  }
}
