/**
 * What the author reads when the disk refuses a write: what happened, that nothing is lost, and
 * what to do.
 */
import { errorCode } from './atomicFile';
import { t } from '../contract/i18n';

export function displayTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (!trimmed) return t('error.drafts.untitled');
  return trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed;
}

/** Why a write failed, as the end of a sentence ("…: the disk is full"). */
export function writeProblem(error: unknown, dir: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t('error.drafts.problem.diskFull');
    case 'EACCES':
    case 'EPERM':
      return t('error.drafts.problem.noWritePermission', { dir });
    case 'EROFS':
      return t('error.drafts.problem.readOnly', { dir });
    case 'ENOENT':
      return t('error.drafts.problem.folderGone', { dir });
    case 'EIO':
      return t('error.drafts.problem.diskError');
    default:
      return t('error.drafts.problem.other', {
        detail: code ?? (error instanceof Error ? error.message : t('error.drafts.problem.unknown')),
      });
  }
}

/** What the author can do about a failed write. */
export function writeRemedy(error: unknown): string {
  switch (errorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t('error.drafts.remedy.freeSpace');
    case 'EACCES':
    case 'EPERM':
      return t('error.drafts.remedy.permissions');
    case 'EROFS':
    case 'ENOENT':
      return t('error.drafts.remedy.reconnect');
    default:
      return t('error.drafts.remedy.other');
  }
}

export function saveFailedMessage(error: unknown, title: string, dir: string): string {
  return t('error.drafts.saveFailed', {
    title: displayTitle(title),
    problem: writeProblem(error, dir),
    remedy: writeRemedy(error),
  });
}

export function conflictMessage(title: string): string {
  return t('error.drafts.conflict', { title: displayTitle(title) });
}
