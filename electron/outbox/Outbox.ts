/**
 * The outbox: publishing works like mail. Every publish or removal is a job written to disk before
 * anything is sent; one job is sent at a time; a job the network or the blog could not take waits
 * (exponential backoff with jitter, never sooner than `Retry-After`) and goes again when it is due
 * or when the author or the network says "now"; a job that cannot succeed without the author
 * stops and says why. After a crash, a job that was sending resumes with what it had recorded, so
 * the runner can look on the blog before repeating anything (see `JobJournal`).
 */
import type { OutboxJobSummary, PublishOptions } from '../contract';
import { AppError } from '../dispatcher';
import { PublishError } from '../publishing/http/PublishError';
import { consoleLogger, type Logger } from '../ports';
import {
  backoffMs,
  isOpen,
  newJobId,
  OUTBOX_JOB_VERSION,
  summaryOf,
  type OutboxJob,
  type PendingStep,
} from './job';
import type { OutboxStore } from './OutboxStore';
import { t } from '../contract/i18n';

/** What a runner records while it sends, so a later attempt knows what may have happened. */
export interface JobJournal {
  /** Left by an earlier attempt that did not learn its outcome: look on the blog before repeating it. */
  readonly unclear: PendingStep | undefined;
  /** Records (on disk, before the request is sent) that a request that changes the blog is going out. */
  begin(step: PendingStep): Promise<void>;
  /** The answer is stored where it belongs (the draft file): nothing is pending any more. */
  settle(): Promise<void>;
  /** Each step of the attempt as it starts (set by OutboxService, which emits `jobProgress`). */
  progress?(step: 'compose' | 'upload' | 'send', message: string, done: number, total: number): void;
}

export type JobRunner = (job: OutboxJob, journal: JobJournal) => Promise<{ permalink?: string }>;

/** A job that must not be retried: it needs the author (the post changed on the blog, and so on). */
export class JobNeedsAuthorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobNeedsAuthorError';
  }
}

export interface NewJob {
  kind: OutboxJob['kind'];
  draftId: string;
  draftTitle: string;
  accountId: string;
  siteName: string;
  options?: PublishOptions;
  onConflict?: OutboxJob['onConflict'];
  force?: boolean;
  /** ISO: hold the job until then. */
  notBefore?: string;
}

export interface Timers {
  set(callback: () => void, ms: number): () => void;
}

const realTimers: Timers = {
  set(callback, ms) {
    const handle = setTimeout(callback, Math.min(ms, 2 ** 31 - 1));
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

/** Done and cancelled jobs are shown for a day, then forgotten. */
const KEEP_FINISHED_MS = 24 * 60 * 60_000;

export class Outbox {
  private readonly store: OutboxStore;
  private readonly run: JobRunner;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly log: Logger;
  private readonly onChange: (jobs: OutboxJobSummary[]) => void;
  private readonly onAttemptEnd: (job: OutboxJobSummary) => void;
  private readonly backoff: { baseMs?: number; maxMs?: number };
  private current: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private readonly settledWaiters = new Map<string, Array<(job: OutboxJob) => void>>();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(options: {
    store: OutboxStore;
    run: JobRunner;
    clock?: () => Date;
    random?: () => number;
    timers?: Timers;
    log?: Logger;
    onChange?: (jobs: OutboxJobSummary[]) => void;
    /** An attempt ended: the job as it is now (done, failed, waiting, cancelled…). */
    onAttemptEnd?: (job: OutboxJobSummary) => void;
    /** The first wait and the longest (default 2 s and 10 min); tests shorten them. */
    backoff?: { baseMs?: number; maxMs?: number };
  }) {
    this.store = options.store;
    this.run = options.run;
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? realTimers;
    this.log = options.log ?? consoleLogger;
    this.onChange = options.onChange ?? (() => {});
    this.onAttemptEnd = options.onAttemptEnd ?? (() => {});
    this.backoff = options.backoff ?? {};
  }

  /** Resumes the jobs a crash or a quit left behind, and forgets finished ones older than a day. */
  async start(): Promise<void> {
    const now = this.clock().getTime();
    for (const job of this.store.list()) {
      if (job.state === 'sending') {
        // Killed mid-request: its pending step (if any) tells the next attempt to look first.
        await this.store.put({ ...job, state: 'queued', updatedAt: this.clock().toISOString() });
      } else if (
        (job.state === 'done' || job.state === 'cancelled') &&
        now - Date.parse(job.updatedAt) > KEEP_FINISHED_MS
      ) {
        await this.store.remove(job.id);
      }
    }
    this.changed();
    this.pump();
  }

  list(): OutboxJobSummary[] {
    return this.store.list().map(summaryOf);
  }

  /** Writes the job to disk (before anything is sent) and starts sending when it is its turn. */
  async enqueue(input: NewJob): Promise<OutboxJob> {
    // Jobs are ordered by creation time: a new one is always later than every job before it.
    const latest = Math.max(0, ...this.store.list().map((j) => Date.parse(j.createdAt)));
    const now = new Date(Math.max(this.clock().getTime(), latest + 1)).toISOString();
    const job: OutboxJob = {
      schemaVersion: OUTBOX_JOB_VERSION,
      id: newJobId(),
      kind: input.kind,
      draftId: input.draftId,
      draftTitle: input.draftTitle,
      accountId: input.accountId,
      siteName: input.siteName,
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      onConflict: input.onConflict ?? 'ask',
      ...(input.options ? { options: input.options } : {}),
      ...(input.force !== undefined ? { force: input.force } : {}),
      ...(input.notBefore ? { notBefore: input.notBefore } : {}),
    };
    await this.store.put(job);
    // The newest request for a draft on a blog is the one that counts: older ones not being sent
    // step aside (their record of an unclear request stays, and the new job looks it up first).
    for (const older of this.store.list()) {
      if (older.id === job.id || !sameTarget(older, job) || !replaceable(older)) continue;
      await this.store.put(replaced(older, this.nowIso()));
      this.notifySettled(older.id);
    }
    this.changed();
    this.pump();
    return job;
  }

  /** Resolves when the job has finished its current attempt (done, failed, waiting or cancelled). */
  whenSettled(id: string): Promise<OutboxJob> {
    const job = this.store.get(id);
    if (!job) return Promise.reject(new AppError('NOT_FOUND', t('error.outbox.jobGone')));
    if (job.state !== 'queued' && job.state !== 'sending') return Promise.resolve(job);
    return new Promise((resolve) => {
      const list = this.settledWaiters.get(id) ?? [];
      list.push(resolve);
      this.settledWaiters.set(id, list);
    });
  }

  /** Sends a waiting or failed job now. */
  async retryNow(id: string): Promise<void> {
    const job = this.mustGet(id);
    if (job.state === 'sending' || job.state === 'queued') return;
    if (job.state === 'done' || job.state === 'cancelled')
      throw new AppError('CONFLICT', t('error.outbox.jobFinished'));
    await this.store.put({ ...job, state: 'queued', nextAttemptAt: undefined, updatedAt: this.nowIso() });
    this.changed();
    this.pump();
  }

  /** The network came back (or the author asked): every waiting job is due now. */
  async nudge(): Promise<void> {
    for (const job of this.store.list()) {
      if (job.state === 'waiting')
        await this.store.put({ ...job, state: 'queued', nextAttemptAt: undefined, updatedAt: this.nowIso() });
    }
    this.changed();
    this.pump();
  }

  /** Cancels a job that has not been delivered; one that is sending stops after this attempt. */
  async cancel(id: string): Promise<void> {
    const job = this.mustGet(id);
    if (job.state === 'done' || job.state === 'cancelled') return;
    if (job.state === 'sending') {
      await this.store.put({ ...job, cancelRequested: true, updatedAt: this.nowIso() });
      return;
    }
    await this.store.put({ ...job, state: 'cancelled', nextAttemptAt: undefined, updatedAt: this.nowIso() });
    this.changed();
    this.notifySettled(id);
  }

  /**
   * An older job for the same draft on the same blog that is waiting for its next attempt, which
   * this one must follow (a publish queued behind a removal that could not be sent yet).
   */
  waitingBefore(id: string): OutboxJobSummary | null {
    const job = this.store.get(id);
    if (!job) return null;
    const ahead = this.store
      .list()
      .find((other) => other.id !== id && groupOf(other) === groupOf(job) && isOpen(other));
    return ahead && ahead.state === 'waiting' && ahead.createdAt <= job.createdAt ? summaryOf(ahead) : null;
  }

  /** Jobs still to deliver (queued, sending or waiting). */
  openJobs(): OutboxJobSummary[] {
    return this.list().filter(isOpen);
  }

  isSending(): boolean {
    return this.current !== null;
  }

  /** Resolves when no job is being sent. */
  idle(): Promise<void> {
    if (!this.current) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops starting new attempts (the app is quitting); the one in flight finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.idle();
  }

  // ---------------------------------------------------------------------------------------------

  private pump(): void {
    if (this.stopped || this.current) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    const now = this.clock().getTime();
    const jobs = this.store.list();
    // Jobs for one draft on one blog go in the order they were made (a removal, then a new publish).
    const first = new Map<string, string>();
    for (const job of jobs) if (isOpen(job) && !first.has(groupOf(job))) first.set(groupOf(job), job.id);
    const held = (job: OutboxJob) => job.notBefore !== undefined && Date.parse(job.notBefore) > now;
    // A syndicated copy waits while the original's job for the same draft is still on its way.
    const waitsForOriginal = (job: OutboxJob) =>
      job.kind === 'publish' &&
      job.options?.canonicalFrom !== undefined &&
      jobs.some(
        (other) =>
          other.kind === 'publish' &&
          isOpen(other) &&
          other.draftId === job.draftId &&
          other.accountId === job.options!.canonicalFrom,
      );
    const due = jobs.find(
      (job) =>
        first.get(groupOf(job)) === job.id &&
        !held(job) &&
        !waitsForOriginal(job) &&
        (job.state === 'queued' ||
          (job.state === 'waiting' && (!job.nextAttemptAt || Date.parse(job.nextAttemptAt) <= now))),
    );
    if (!due) {
      const next = jobs
        .flatMap((job) => [
          ...(job.state === 'waiting' && job.nextAttemptAt ? [Date.parse(job.nextAttemptAt)] : []),
          ...(isOpen(job) && held(job) ? [Date.parse(job.notBefore!)] : []),
        ])
        .sort((a, b) => a - b)[0];
      if (next !== undefined) this.cancelTimer = this.timers.set(() => this.pump(), Math.max(0, next - now));
      return;
    }
    this.current = this.attempt(due).finally(() => {
      this.current = null;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      this.pump();
    });
  }

  private async attempt(queued: OutboxJob): Promise<void> {
    let job: OutboxJob = {
      ...queued,
      state: 'sending',
      attempts: queued.attempts + 1,
      nextAttemptAt: undefined,
      updatedAt: this.nowIso(),
    };
    await this.store.put(job);
    this.changed();
    // A job this one replaced (or that was cancelled or failed) may have left an unclear request
    // for the same draft on the same blog: this job looks it up as if it were its own.
    let donor = queued.pending ? null : this.donorOf(queued);
    const releaseDonor = async () => {
      if (!donor) return;
      const latest = this.store.get(donor.id);
      donor = null;
      if (latest?.pending && !isOpen(latest)) {
        const { pending: _pending, ...rest } = latest;
        await this.store.put({ ...rest, updatedAt: this.nowIso() });
      }
    };
    const journal: JobJournal = {
      unclear: queued.pending ?? donor?.pending,
      begin: async (step) => {
        job = { ...(this.store.get(job.id) ?? job), pending: step, updatedAt: this.nowIso() };
        await this.store.put(job);
        await releaseDonor();
      },
      settle: async () => {
        const { pending: _pending, ...rest } = this.store.get(job.id) ?? job;
        job = { ...rest, updatedAt: this.nowIso() };
        await this.store.put(job);
        await releaseDonor();
      },
    };
    let next: OutboxJob;
    try {
      const result = await this.run(job, journal);
      const latest = this.store.get(job.id) ?? job;
      const { pending: _pending, lastError: _error, ...rest } = latest;
      next = {
        ...rest,
        state: 'done',
        updatedAt: this.nowIso(),
        ...(result.permalink ? { permalink: result.permalink } : {}),
      };
    } catch (error) {
      const latest = this.store.get(job.id) ?? job;
      const { code, message, retryable, retryAfterMs } = classify(error);
      if (
        !(error instanceof PublishError) &&
        !(error instanceof JobNeedsAuthorError) &&
        !(error instanceof AppError)
      )
        this.log.error('outbox job failed unexpectedly', {
          id: job.id,
          error: error instanceof Error ? error.stack : String(error),
        });
      if (latest.cancelRequested) {
        next = { ...latest, state: 'cancelled', lastError: { code, message }, updatedAt: this.nowIso() };
      } else if (this.hasNewer(latest)) {
        // A newer request for the same draft came in while this one was sent: it takes over.
        next = replaced(latest, this.nowIso());
      } else if (retryable) {
        const wait = backoffMs(latest.attempts, this.random, {
          ...this.backoff,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
        next = {
          ...latest,
          state: 'waiting',
          lastError: { code, message },
          nextAttemptAt: new Date(this.clock().getTime() + wait).toISOString(),
          updatedAt: this.nowIso(),
        };
      } else {
        next = { ...latest, state: 'failed', lastError: { code, message }, updatedAt: this.nowIso() };
      }
    }
    const { cancelRequested: _cancel, ...clean } = next;
    await this.store.put(clean);
    this.changed();
    this.notifySettled(job.id);
    try {
      this.onAttemptEnd(summaryOf(clean));
    } catch (error) {
      this.log.warn('outbox attempt listener failed', { error: String(error) });
    }
  }

  /** The newest finished job for the same draft, blog and kind that still holds an unclear request. */
  private donorOf(job: OutboxJob): OutboxJob | null {
    const donors = this.store
      .list()
      .filter((other) => other.id !== job.id && sameTarget(other, job) && !isOpen(other) && other.pending);
    return donors.at(-1) ?? null;
  }

  /** A newer request for the same draft, blog and kind is waiting its turn. */
  private hasNewer(job: OutboxJob): boolean {
    return this.store
      .list()
      .some(
        (other) =>
          other.id !== job.id && sameTarget(other, job) && isOpen(other) && other.createdAt >= job.createdAt,
      );
  }

  private notifySettled(id: string): void {
    const job = this.store.get(id);
    const waiters = this.settledWaiters.get(id);
    if (!job || !waiters) return;
    this.settledWaiters.delete(id);
    for (const resolve of waiters) resolve(job);
  }

  private changed(): void {
    this.onChange(this.list());
  }

  private mustGet(id: string): OutboxJob {
    const job = this.store.get(id);
    if (!job) throw new AppError('NOT_FOUND', t('error.outbox.jobGone'));
    return job;
  }

  private nowIso(): string {
    return this.clock().toISOString();
  }
}

/** One draft on one blog: its jobs run in order. */
function groupOf(job: Pick<OutboxJob, 'draftId' | 'accountId'>): string {
  return `${job.accountId}\u0000${job.draftId}`;
}

/** The same request (publish or removal) for the same draft on the same blog. */
function sameTarget(a: OutboxJob, b: OutboxJob): boolean {
  return a.kind === b.kind && a.draftId === b.draftId && a.accountId === b.accountId;
}

/** Not delivered, and not being sent: a newer request may take its place. */
function replaceable(job: OutboxJob): boolean {
  return job.state === 'queued' || job.state === 'waiting' || job.state === 'failed';
}

function replaced(job: OutboxJob, now: string): OutboxJob {
  return {
    ...job,
    state: 'cancelled',
    nextAttemptAt: undefined,
    lastError: {
      code: 'REPLACED',
      message: job.kind === 'publish' ? t('error.outbox.replacedPublish') : t('error.outbox.replacedDelete'),
    },
    updatedAt: now,
  };
}

/** Retry later, or stop and tell the author. */
function classify(error: unknown): {
  code: string;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
} {
  if (error instanceof PublishError)
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  if (error instanceof JobNeedsAuthorError || error instanceof AppError)
    return { code: error.code, message: error.message, retryable: false };
  return {
    code: 'INTERNAL',
    message: t('error.outbox.internal'),
    retryable: false,
  };
}
