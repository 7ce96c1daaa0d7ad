/** How the outbox reads to the author: pure functions, so the panel stays a thin view. */
import type { OutboxJobSummary } from '../../../electron/contract';

/** Jobs still to be delivered (not done, not cancelled). */
export function undelivered(jobs: readonly OutboxJobSummary[]): OutboxJobSummary[] {
  return jobs.filter((job) => job.state !== 'done' && job.state !== 'cancelled');
}

/** Some job waits because the network or the blog's host could not be reached at all. */
export function waitsForNetwork(jobs: readonly OutboxJobSummary[]): boolean {
  return jobs.some((job) => job.state === 'waiting' && job.lastError?.code === 'OFFLINE');
}

export function kindLabel(job: OutboxJobSummary): string {
  return job.kind === 'delete' ? 'Remove from blog' : 'Publish';
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The job's state in words: "Queued", "Waiting — next try at 14:05", "Failed: …". */
export function stateLabel(job: OutboxJobSummary): string {
  switch (job.state) {
    case 'queued':
      return job.notBefore && Date.parse(job.notBefore) > Date.now()
        ? `Scheduled — Signet publishes it on ${new Date(job.notBefore).toLocaleString(undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          })}`
        : 'Queued';
    case 'sending':
      return 'Sending…';
    case 'waiting':
      return job.nextAttemptAt ? `Waiting — next try at ${clock(job.nextAttemptAt)}` : 'Waiting';
    case 'failed':
      return `Failed: ${job.lastError?.message ?? 'Signet could not send it.'}`;
    case 'done':
      return job.kind === 'delete' ? 'Removed' : 'Delivered';
    case 'cancelled':
      return 'Cancelled';
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
  return count > 0 ? `Outbox (${count})` : 'Outbox';
}
