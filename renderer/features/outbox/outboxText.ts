/** How the outbox reads to the author: pure functions, so the panel stays a thin view. */
import type { OutboxJobSummary } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { formatDate } from '../../ui/format';

/** Jobs still to be delivered (not done, not cancelled). */
export function undelivered(jobs: readonly OutboxJobSummary[]): OutboxJobSummary[] {
  return jobs.filter((job) => job.state !== 'done' && job.state !== 'cancelled');
}

/** Some job waits because the network or the blog's host could not be reached at all. */
export function waitsForNetwork(jobs: readonly OutboxJobSummary[]): boolean {
  return jobs.some((job) => job.state === 'waiting' && job.lastError?.code === 'OFFLINE');
}

export function kindLabel(job: OutboxJobSummary): string {
  return job.kind === 'delete' ? t('outbox.kind.delete') : t('outbox.kind.publish');
}

function clock(iso: string): string {
  return formatDate(iso, 'time');
}

/** The job's state in words: "Queued", "Waiting — next try at 14:05", "Failed: …". */
export function stateLabel(job: OutboxJobSummary): string {
  switch (job.state) {
    case 'queued':
      return job.notBefore && Date.parse(job.notBefore) > Date.now()
        ? t('outbox.state.scheduled', { when: formatDate(job.notBefore, 'dateTime') })
        : t('outbox.state.queued');
    case 'sending':
      return t('outbox.state.sending');
    case 'waiting':
      return job.nextAttemptAt
        ? t('outbox.state.waitingUntil', { time: clock(job.nextAttemptAt) })
        : t('outbox.state.waiting');
    case 'failed':
      return t('outbox.state.failed', {
        message: job.lastError?.message ?? t('outbox.state.failedUnknown'),
      });
    case 'done':
      return job.kind === 'delete' ? t('outbox.state.removed') : t('outbox.state.delivered');
    case 'cancelled':
      return t('outbox.state.cancelled');
  }
}

export function canRetry(job: OutboxJobSummary): boolean {
  return job.state === 'waiting' || job.state === 'failed';
}

export function canCancel(job: OutboxJobSummary): boolean {
  return job.state === 'queued' || job.state === 'waiting' || job.state === 'failed';
}

/** The toolbar entry: "Outbox" or "Outbox (2)". */
export function outboxButtonLabel(jobs: readonly OutboxJobSummary[]): string {
  const count = undelivered(jobs).length;
  return count > 0 ? t('outbox.buttonCount', { count }) : t('outbox.button');
}
