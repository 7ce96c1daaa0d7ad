/**
 * One outbox job as stored in `<data>/outbox/<id>.json`, and the schema that reads it back.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

import type { OutboxJobSummary, PublishOptions } from '../contract';
import type { JournalStep } from '../publishing/types';

export const OUTBOX_JOB_VERSION = 1;

/**
 * A request that creates or changes something on the blog was sent and its outcome is not known
 * yet. Written to disk before the request goes out and cleared when its answer is stored, so after
 * a crash, a timeout or a dropped connection the next attempt looks on the blog first.
 */
export type PendingStep = JournalStep;

export interface OutboxJob extends OutboxJobSummary {
  schemaVersion: number;
  /** publish: what to do when the post changed on the blog since Signet last saw it. */
  onConflict: 'ask' | 'overwrite';
  /** delete: for good instead of the blog's trash. */
  force?: boolean;
  pending?: PendingStep;
  /** The author asked to cancel while the job was sending: it stops after this attempt. */
  cancelRequested?: boolean;
  /** ISO: not sent before this time (a post Signet publishes on time for a blog that cannot schedule). */
  notBefore?: string;
}

const isoDate = z.iso.datetime({ offset: true });

const publishOptionsSchema = z.object({
  accountId: z.string(),
  postType: z.enum(['post', 'page']),
  status: z.enum(['draft', 'pending', 'private', 'publish', 'future']),
  scheduledAt: isoDate.optional(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  excerpt: z.string().optional(),
  slug: z.string().optional(),
  featuredImage: z.string().optional(),
  useHeader: z.boolean().optional(),
  useFooter: z.boolean().optional(),
  canonicalFrom: z.string().optional(),
  newsletter: z.string().optional(),
}) satisfies z.ZodType<PublishOptions>;

const pendingSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('upload'), fileName: z.string(), startedAt: isoDate }),
  z.object({ step: z.literal('create'), startedAt: isoDate, title: z.string(), contentHash: z.string() }),
  z.object({ step: z.literal('update'), startedAt: isoDate, remoteId: z.string(), contentHash: z.string() }),
  z.object({ step: z.literal('delete'), startedAt: isoDate, remoteId: z.string() }),
]) satisfies z.ZodType<PendingStep>;

export const jobSchema = z.object({
  schemaVersion: z.number().int(),
  id: z.string().regex(/^job_[A-Za-z0-9_-]{6,64}$/),
  kind: z.enum(['publish', 'delete']),
  draftId: z.string(),
  draftTitle: z.string(),
  accountId: z.string(),
  siteName: z.string(),
  state: z.enum(['queued', 'sending', 'waiting', 'failed', 'done', 'cancelled']),
  createdAt: isoDate,
  updatedAt: isoDate,
  attempts: z.number().int().min(0),
  nextAttemptAt: isoDate.optional(),
  lastError: z.object({ code: z.string(), message: z.string() }).optional(),
  permalink: z.string().optional(),
  options: publishOptionsSchema.optional(),
  onConflict: z.enum(['ask', 'overwrite']),
  force: z.boolean().optional(),
  pending: pendingSchema.optional(),
  cancelRequested: z.boolean().optional(),
  notBefore: isoDate.optional(),
}) satisfies z.ZodType<OutboxJob>;

export function newJobId(): string {
  return `job_${randomBytes(12).toString('base64url')}`;
}

/** What the renderer sees of a job. */
export function summaryOf(job: OutboxJob): OutboxJobSummary {
  const { schemaVersion: _v, onConflict: _c, force: _f, pending: _p, cancelRequested: _r, ...summary } = job;
  return structuredClone(summary);
}

/** Jobs that still have work to do. */
export function isOpen(job: Pick<OutboxJob, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'sending' || job.state === 'waiting';
}

/**
 * How long to wait before attempt `attempts + 1`: doubling from `baseMs` up to `maxMs`, with
 * jitter (50–100 % of the step, so many clients coming back online do not all knock at once),
 * and never sooner than the server's `Retry-After`.
 */
export function backoffMs(
  attempts: number,
  random: () => number,
  options: { baseMs?: number; maxMs?: number; retryAfterMs?: number } = {},
): number {
  const base = options.baseMs ?? 2_000;
  const max = options.maxMs ?? 10 * 60_000;
  const step = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(step * (0.5 + random() * 0.5));
  return Math.max(jittered, options.retryAfterMs ?? 0);
}
