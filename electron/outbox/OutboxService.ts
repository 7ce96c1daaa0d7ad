/**
 * Publishing through the outbox: `publishDraft` and `deleteRemotePost` become jobs written to
 * `<data>/outbox/` before anything is sent; the answer comes after the job's first attempt —
 * published, a conflict for the author, or `queued` when the blog cannot be reached now (the
 * outbox keeps trying by itself). The runner hands each attempt's journal to PublishingService, so
 * a request whose answer was lost is looked up on the blog before it is repeated.
 */
import * as path from 'node:path';

import type {
  ErrorCode,
  JobProgress,
  OutboxJobSummary,
  PublishOptions,
  PublishOutcome,
  QueuedOutcome,
  SyndicateResult,
} from '../contract';
import { AppError } from '../dispatcher';
import type { FsPort } from '../drafts/fsPort';
import type { DraftStore } from '../drafts/DraftStore';
import type { Logger } from '../ports';
import { PublishError, PUBLISH_ERROR_CODES, type PublishErrorCode } from '../publishing/http/PublishError';
import { toAppError, type PublishingService } from '../publishing/PublishingService';
import type { OutboxJob } from './job';
import { JobNeedsAuthorError, Outbox, type JobJournal, type Timers } from './Outbox';
import { OUTBOX_DIR, OutboxStore } from './OutboxStore';
import { outboxResultOf, type OutboxResultEvent } from './notifications';
import { t } from '../contract/i18n';
import { formatDateTime } from '../contract/i18n/format';

export interface OutboxServiceOptions {
  dataDir: string;
  publishing: PublishingService;
  drafts: DraftStore;
  log: Logger;
  fs?: FsPort;
  clock?: () => Date;
  random?: () => number;
  timers?: Timers;
  /** The first wait and the longest (default 2 s and 10 min). */
  backoff?: { baseMs?: number; maxMs?: number };
  onChange?: (jobs: OutboxJobSummary[]) => void;
  /** The job being sent: each step as it starts, and `done` when it is delivered. */
  onProgress?: (progress: JobProgress) => void;
  /** A job was delivered or stopped for good (a desktop notification may say so). */
  onResult?: (result: OutboxResultEvent) => void;
}

/** Codes a job's `lastError` may carry that the renderer knows as they are. */
const APP_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'SAVE_FAILED',
  'IO_ERROR',
  'UNAVAILABLE',
  'AUTH_FAILED',
  'OFFLINE',
]);

export class OutboxService {
  /** Jobs whose caller waits for the first attempt: the outcome or error is kept for it. */
  private readonly waiting = new Set<string>();
  private readonly outcomes = new Map<string, PublishOutcome>();
  private readonly errors = new Map<string, unknown>();
  /** Publish jobs whose post was on the blog before their attempt (an update, not a new post). */
  private readonly updates = new Set<string>();
  /** How many attempts the runner made (the fault tests print it). */
  attempts = 0;

  private constructor(
    readonly outbox: Outbox,
    private readonly options: OutboxServiceOptions,
  ) {}

  /** Opens `<data>/outbox` and resumes what a crash or a quit left behind. */
  static async open(options: OutboxServiceOptions): Promise<OutboxService> {
    const store = await OutboxStore.open({
      dir: path.join(options.dataDir, OUTBOX_DIR),
      ...(options.fs ? { fs: options.fs } : {}),
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    let service: OutboxService | null = null;
    const outbox = new Outbox({
      store,
      run: (job, journal) => service!.run(job, journal),
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.onChange ? { onChange: options.onChange } : {}),
      onAttemptEnd: (job) => service?.attemptEnded(job),
    });
    service = new OutboxService(outbox, options);
    await outbox.start();
    return service;
  }

  /** Publishes through the outbox; answers after the first attempt. */
  async publish(
    draftId: string,
    options: PublishOptions,
    onConflict: 'ask' | 'overwrite',
  ): Promise<PublishOutcome> {
    const account = this.options.publishing.accounts.get(options.accountId);
    const now = this.options.clock?.() ?? new Date();
    if (
      account &&
      !account.capabilities.scheduling &&
      options.status === 'future' &&
      options.scheduledAt &&
      Date.parse(options.scheduledAt) > now.getTime()
    ) {
      // The blog cannot hold a post until a date: Signet keeps the job and publishes it on time.
      const held = await this.outbox.enqueue({
        kind: 'publish',
        ...(await this.target(draftId, options.accountId)),
        options: { ...options, status: 'publish' },
        onConflict,
        notBefore: options.scheduledAt,
      });
      return {
        kind: 'queued',
        jobId: held.id,
        message: t('outbox.notify.queue.heldUntil', {
          site: account.siteName,
          when: formatDateTime(options.scheduledAt),
        }),
        nextAttemptAt: options.scheduledAt,
      };
    }
    const job = await this.outbox.enqueue({
      kind: 'publish',
      ...(await this.target(draftId, options.accountId)),
      options,
      onConflict,
    });
    const behind = this.behind(job.id);
    if (behind) return behind;
    const settled = await this.firstAttempt(job.id);
    if (settled.job.state === 'done') {
      const outcome = settled.outcome ?? (await this.publishedFromDraft(draftId, options.accountId));
      return outcome;
    }
    if (settled.job.state === 'waiting') return queued(settled.job);
    if (settled.outcome?.kind === 'conflict') return settled.outcome;
    throw this.failure(settled.job, settled.error);
  }

  /**
   * One draft, many blogs: the original on `primary` first; each copy is a job the outbox holds
   * until the original's job is finished, then sends with the original's address. Answers after
   * the first attempts (a copy waiting for an original that is queued answers `queued`).
   */
  async syndicate(
    draftId: string,
    primary: PublishOptions,
    copies: PublishOptions[],
    onConflict: 'ask' | 'overwrite',
  ): Promise<SyndicateResult> {
    const original = await this.publish(draftId, { ...primary, canonicalFrom: undefined }, onConflict);
    const results: SyndicateResult['copies'] = [];
    for (const copy of copies) {
      const options: PublishOptions = { ...copy, canonicalFrom: primary.accountId };
      try {
        if (original.kind === 'published') {
          results.push({
            accountId: copy.accountId,
            outcome: await this.publish(draftId, options, onConflict),
          });
          continue;
        }
        const job = await this.outbox.enqueue({
          kind: 'publish',
          ...(await this.target(draftId, copy.accountId)),
          options,
          onConflict,
        });
        const site =
          this.options.publishing.accounts.get(primary.accountId)?.siteName ??
          t('outbox.notify.queue.mainBlog');
        results.push({
          accountId: copy.accountId,
          outcome: {
            kind: 'queued',
            jobId: job.id,
            message: t('outbox.notify.queue.copyAfterOriginal', { site }),
          },
        });
      } catch (error) {
        const mapped = toAppError(error);
        results.push({
          accountId: copy.accountId,
          error: {
            code: mapped?.code ?? 'INTERNAL',
            message: mapped?.message ?? t('error.outbox.copyFailed'),
          },
        });
      }
    }
    return { primary: original, copies: results };
  }

  /** Removes the draft's post from the blog through the outbox; answers after the first attempt. */
  async remove(draftId: string, accountId: string, force: boolean): Promise<null | QueuedOutcome> {
    const job = await this.outbox.enqueue({
      kind: 'delete',
      ...(await this.target(draftId, accountId)),
      force,
    });
    const behind = this.behind(job.id);
    if (behind) return behind;
    const settled = await this.firstAttempt(job.id);
    if (settled.job.state === 'done') return null;
    if (settled.job.state === 'waiting') return queued(settled.job);
    throw this.failure(settled.job, settled.error);
  }

  list(): OutboxJobSummary[] {
    return this.outbox.list();
  }

  async retry(id: string): Promise<OutboxJobSummary> {
    await this.outbox.retryNow(id);
    return this.summary(id);
  }

  async cancel(id: string): Promise<OutboxJobSummary> {
    await this.outbox.cancel(id);
    return this.summary(id);
  }

  async nudge(): Promise<void> {
    await this.outbox.nudge();
  }

  /** What is being sent now and what is due (the quit question counts them). */
  activity(): { sending: number; queued: number } {
    const jobs = this.outbox.list();
    return {
      sending: jobs.filter((j) => j.state === 'sending').length,
      queued: jobs.filter((j) => j.state === 'queued').length,
    };
  }

  /** Resolves once nothing is being sent or due (jobs waiting for the network do not count). */
  async drain(): Promise<void> {
    for (;;) {
      const { sending, queued } = this.activity();
      if (sending + queued === 0) return;
      await this.outbox.idle();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The app is quitting: no new attempt starts; the one in flight finishes first. */
  async stop(): Promise<void> {
    await this.outbox.stop();
  }

  // ---------------------------------------------------------------------------------------------

  /** An attempt is over: its progress ends (`done`, whatever the outcome), and a result is told. */
  private attemptEnded(job: OutboxJobSummary): void {
    const result = outboxResultOf(job, this.updates.has(job.id));
    if (job.state !== 'waiting' && job.state !== 'queued' && job.state !== 'sending')
      this.updates.delete(job.id);
    this.options.onProgress?.({
      jobId: job.id,
      draftId: job.draftId,
      accountId: job.accountId,
      step: 'done',
      done: 1,
      total: 1,
      label:
        job.state === 'done'
          ? job.kind === 'delete'
            ? t('outbox.notify.progress.removed')
            : t('outbox.notify.progress.done')
          : job.state === 'waiting'
            ? t('outbox.notify.progress.waiting')
            : t('outbox.notify.progress.stopped'),
    });
    if (result) this.options.onResult?.(result);
  }

  /** The journal the runner gets, with each step reported as `jobProgress`. */
  private withProgress(job: OutboxJob, journal: JobJournal): JobJournal {
    const emit = this.options.onProgress;
    const stepOf = { compose: 'prepare', upload: 'upload', send: 'post' } as const;
    return {
      get unclear() {
        return journal.unclear;
      },
      begin: (step) => journal.begin(step),
      settle: () => journal.settle(),
      progress: (step, label, done, total) =>
        emit?.({
          jobId: job.id,
          draftId: job.draftId,
          accountId: job.accountId,
          step: stepOf[step],
          done,
          total,
          label,
        }),
    };
  }

  private async run(job: OutboxJob, plainJournal: JobJournal): Promise<{ permalink?: string }> {
    this.attempts++;
    const journal = this.withProgress(job, plainJournal);
    // Kept for callers still waiting for a first attempt (and this job's), nothing older.
    for (const map of [this.outcomes, this.errors])
      for (const id of map.keys()) if (id === job.id || !this.waiting.has(id)) map.delete(id);
    try {
      if (job.kind === 'delete') {
        this.options.onProgress?.({
          jobId: job.id,
          draftId: job.draftId,
          accountId: job.accountId,
          step: 'delete',
          done: 0,
          total: 1,
          label: t('outbox.notify.progress.removing'),
        });
        await this.options.publishing.deleteRemotePost(
          job.draftId,
          job.accountId,
          job.force ?? false,
          journal,
        );
        return {};
      }
      if (!job.options) throw new AppError('BAD_REQUEST', t('error.outbox.noOptions'));
      if (await this.isOnBlog(job)) this.updates.add(job.id);
      const outcome = await this.options.publishing.publish(
        job.draftId,
        job.options,
        job.onConflict,
        journal,
      );
      this.outcomes.set(job.id, outcome);
      if (outcome.kind === 'conflict') {
        throw new JobNeedsAuthorError(
          'CONFLICT',
          t('error.outbox.conflict', {
            title: job.draftTitle || t('outbox.notify.untitled'),
            site: job.siteName,
          }),
        );
      }
      return outcome.kind === 'published' ? { permalink: outcome.permalink } : {};
    } catch (error) {
      if (!(error instanceof JobNeedsAuthorError)) this.errors.set(job.id, error);
      throw error;
    }
  }

  /** The draft's post is on the job's blog already (so this publish is an update). */
  private async isOnBlog(job: OutboxJob): Promise<boolean> {
    const account = this.options.publishing.accounts.get(job.accountId);
    if (!account) return false;
    try {
      const draft = await this.options.drafts.get(job.draftId);
      return Boolean(draft.destinations[account.destinationKey]?.remoteId);
    } catch {
      return false;
    }
  }

  /** Behind an earlier request for the same draft that waits for the blog: it goes after that one. */
  private behind(id: string): QueuedOutcome | null {
    const before = this.outbox.waitingBefore(id);
    if (!before) return null;
    return {
      kind: 'queued',
      jobId: id,
      message: t('outbox.notify.queue.behind', {
        earlier: before.kind,
        reason: before.lastError?.message ?? t('outbox.notify.queue.notSentYet'),
      }),
      ...(before.nextAttemptAt ? { nextAttemptAt: before.nextAttemptAt } : {}),
    };
  }

  private async firstAttempt(
    id: string,
  ): Promise<{ job: OutboxJob; outcome: PublishOutcome | undefined; error: unknown }> {
    this.waiting.add(id);
    try {
      const job = await this.outbox.whenSettled(id);
      return { job, outcome: this.outcomes.get(id), error: this.errors.get(id) };
    } finally {
      this.waiting.delete(id);
      this.outcomes.delete(id);
      this.errors.delete(id);
    }
  }

  private async target(draftId: string, accountId: string) {
    const draft = await this.options.drafts.get(draftId);
    const account = this.options.publishing.accounts.get(accountId);
    if (!account) throw new AppError('NOT_FOUND', t('error.app.accountGone'));
    return { draftId, draftTitle: draft.title, accountId, siteName: account.siteName };
  }

  /** A job finished by an earlier attempt than the caller's: the draft holds what was published. */
  private async publishedFromDraft(draftId: string, accountId: string): Promise<PublishOutcome> {
    const account = this.options.publishing.accounts.get(accountId);
    const draft = await this.options.drafts.get(draftId);
    const dest = account ? draft.destinations[account.destinationKey] : undefined;
    if (!dest?.remoteId) throw new AppError('NOT_FOUND', t('error.publishing.notOnBlog'));
    const status = dest.status;
    return {
      kind: 'published',
      remoteId: dest.remoteId,
      permalink: dest.permalink ?? '',
      status:
        status === 'draft' || status === 'pending' || status === 'private' || status === 'future'
          ? status
          : 'publish',
      modifiedGmt: dest.remoteModifiedAt ?? '',
    };
  }

  /** The error the caller sees for a job that stopped: the original one when this attempt threw it. */
  private failure(job: OutboxJob, error: unknown): AppError {
    const mapped = error === undefined ? null : toAppError(error);
    if (mapped) return mapped;
    const code = job.lastError?.code ?? 'INTERNAL';
    const message = job.lastError?.message ?? t('error.outbox.notSent');
    if (job.state === 'cancelled')
      return new AppError('CONFLICT', code === 'REPLACED' ? message : t('error.outbox.cancelled'));
    if ((PUBLISH_ERROR_CODES as readonly string[]).includes(code))
      return (
        toAppError(new PublishError(code as PublishErrorCode, message)) ??
        new AppError('REMOTE_ERROR', message)
      );
    return new AppError(APP_ERROR_CODES.has(code) ? (code as ErrorCode) : 'REMOTE_ERROR', message);
  }

  private summary(id: string): OutboxJobSummary {
    const job = this.outbox.list().find((j) => j.id === id);
    if (!job) throw new AppError('NOT_FOUND', t('error.outbox.jobGone'));
    return job;
  }
}

function queued(job: OutboxJob): QueuedOutcome {
  return {
    kind: 'queued',
    jobId: job.id,
    message: job.lastError?.message ?? t('outbox.notify.queue.willRetry'),
    ...(job.nextAttemptAt ? { nextAttemptAt: job.nextAttemptAt } : {}),
  };
}
