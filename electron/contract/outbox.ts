/**
 * The outbox as the renderer sees it: every publish, update and removal is a job that Signet
 * delivers now or, when the blog cannot be reached, as soon as it can — exactly once.
 */
import type { PublishOptions } from './publishing';

export type OutboxJobKind = 'publish' | 'delete';

export type OutboxJobState =
  /** Waiting for its turn. */
  | 'queued'
  /** Being sent now. */
  | 'sending'
  /** The blog or the network could not be reached; tried again at `nextAttemptAt`. */
  | 'waiting'
  /** Cannot succeed without the author (wrong password, post gone, refused): says why. */
  | 'failed'
  | 'done'
  | 'cancelled';

export interface OutboxJobSummary {
  id: string;
  kind: OutboxJobKind;
  draftId: string;
  draftTitle: string;
  accountId: string;
  siteName: string;
  state: OutboxJobState;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  /** ISO: when a waiting job is tried again. */
  nextAttemptAt?: string;
  /** Why the last attempt did not succeed, in the author's words. */
  lastError?: { code: string; message: string };
  /** ISO: held until then (Signet publishes it on time for a blog that cannot schedule posts). */
  notBefore?: string;
  /** A done publish: where the post is. */
  permalink?: string;
  options?: PublishOptions;
}

/**
 * Where a job being sent stands: one event per step (images first, then the post); `done` ends
 * every attempt, whatever its outcome (the job's state in `outboxChanged` says which).
 */
export type JobProgressStep = 'prepare' | 'upload' | 'post' | 'delete' | 'done';

export interface JobProgress {
  jobId: string;
  draftId: string;
  accountId: string;
  step: JobProgressStep;
  /** Steps finished (or under way, for an upload: "image 2 of 5" is `done` 2). */
  done: number;
  total: number;
  /** A sentence for the author, such as "Uploading image 2 of 5…". */
  label: string;
}
