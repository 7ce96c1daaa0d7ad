/**
 * Which outbox results become a desktop notification, and what it says. Pure: the app feeds it
 * each finished attempt, the window's focus and the author's preference; the shell shows it.
 *
 * The rule: failures (for good, or needing the author, e.g. a refused password) always notify,
 * because the post did not go out and nothing else will happen by itself. A success notifies only
 * when the window is not focused: with the window in front, the publish dialog and the outbox
 * already say so, and a second voice is noise. Nothing when the author switched notifications off.
 */
import type { OutboxJobSummary } from '../contract';
import { t } from '../contract/i18n';

export type OutboxResultKind = 'published' | 'updated' | 'removed' | 'failed' | 'needsAuthor';

export interface OutboxResultEvent {
  kind: OutboxResultKind;
  /** What the job was doing: publishing the post, or removing it from the blog. */
  action: 'publish' | 'delete';
  jobId: string;
  draftTitle: string;
  siteName: string;
  permalink?: string;
  /** Why it failed, in the author's words (failed, needsAuthor). */
  message?: string;
}

export interface DesktopNotification {
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
}

/** Codes of a job that stopped because the author must act (sign in again, choose a version…). */
const NEEDS_AUTHOR_CODES: ReadonlySet<string> = new Set(['AUTH_FAILED', 'CONFLICT', 'FORBIDDEN']);

/**
 * The result event of one finished attempt, or null when the job goes on (waiting, queued) or
 * was cancelled. `wasOnBlog`: the post existed on the blog before this job (an update).
 */
export function outboxResultOf(job: OutboxJobSummary, wasOnBlog: boolean): OutboxResultEvent | null {
  const base = {
    action: job.kind,
    jobId: job.id,
    draftTitle: job.draftTitle,
    siteName: job.siteName,
  };
  if (job.state === 'done') {
    const kind: OutboxResultKind = job.kind === 'delete' ? 'removed' : wasOnBlog ? 'updated' : 'published';
    return { ...base, kind, ...(job.permalink ? { permalink: job.permalink } : {}) };
  }
  if (job.state === 'failed') {
    const code = job.lastError?.code ?? '';
    return {
      ...base,
      kind: NEEDS_AUTHOR_CODES.has(code) ? 'needsAuthor' : 'failed',
      ...(job.lastError?.message ? { message: job.lastError.message } : {}),
    };
  }
  return null;
}

export function outboxNotification(
  event: OutboxResultEvent,
  context: { windowFocused: boolean; enabled: boolean },
): DesktopNotification | null {
  if (!context.enabled) return null;
  const title = t('outbox.notify.quotedTitle', {
    title: event.draftTitle.trim() || t('outbox.notify.untitled'),
  });
  const site = event.siteName;
  const notDone = event.action === 'delete' ? t('outbox.notify.notRemoved') : t('outbox.notify.notSent');
  switch (event.kind) {
    case 'published':
    case 'updated':
    case 'removed': {
      if (context.windowFocused) return null;
      return {
        title: t('outbox.notify.doneTitle', { kind: event.kind, site }),
        body:
          event.permalink && event.kind !== 'removed'
            ? t('outbox.notify.doneBody', { title, permalink: event.permalink })
            : title,
        urgency: 'normal',
      };
    }
    case 'needsAuthor':
      return {
        title: t('outbox.notify.needsAuthorTitle', { site }),
        body: t('outbox.notify.failedBody', {
          title,
          notDone,
          message: event.message ?? t('outbox.notify.needsAuthorHint'),
        }),
        urgency: 'critical',
      };
    case 'failed':
      return {
        title: t('outbox.notify.failedTitle', { site }),
        body: t('outbox.notify.failedBody', {
          title,
          notDone,
          message: event.message ?? t('outbox.notify.failedHint'),
        }),
        urgency: 'critical',
      };
  }
}
