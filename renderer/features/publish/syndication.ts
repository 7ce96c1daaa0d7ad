/**
 * What the publish dialog sends to each destination, decided by the account's capabilities only
 * (never by its platform's name): pure functions, so the dialog stays a thin view.
 */
import type {
  AccountSummary,
  DraftMeta,
  OutboxJobSummary,
  PostType,
  PublisherCapabilities,
  PublishOptions,
  PublishStatus,
  SyndicateResult,
} from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';

/** What the author chose in the dialog, before it is fitted to one account. */
export interface PublishChoices {
  postType: PostType;
  status: PublishStatus;
  /** ISO date-time, for `future`. */
  scheduledAt?: string;
  tags: string[];
  categories: string[];
  excerpt: string;
  slug: string;
  featuredImage: string;
  useHeader: boolean;
  useFooter: boolean;
  /** The newsletter to email the post to (a blog with `newsletter`); empty: no email. */
  newsletter?: string;
}

/**
 * The statuses an account offers. "Schedule" is always there: an account that cannot hold a post
 * until a date (`scheduling` false) gets it from the outbox, which publishes it on time.
 */
export function statusesFor(caps: PublisherCapabilities): PublishStatus[] {
  return [
    ...(caps.drafts ? (['draft'] as const) : []),
    ...(caps.pendingReview ? (['pending'] as const) : []),
    ...(caps.privatePosts ? (['private'] as const) : []),
    'publish',
    'future',
  ];
}

/**
 * The status a destination gets for the one chosen: the same where it can, else the nearest one
 * that keeps the post just as hidden; `null` when the account has none (nothing is sent there).
 */
export function statusFor(status: PublishStatus, caps: PublisherCapabilities): PublishStatus | null {
  switch (status) {
    case 'publish':
    case 'future':
      return status;
    case 'draft':
      return caps.drafts ? 'draft' : null;
    case 'pending':
      return caps.pendingReview ? 'pending' : caps.drafts ? 'draft' : null;
    case 'private':
      return caps.privatePosts ? 'private' : caps.drafts ? 'draft' : null;
  }
}

/** Why a destination gets nothing with this status (a sentence for the author), or `null`. */
export function statusProblem(status: PublishStatus, account: AccountSummary): string | null {
  if (statusFor(status, account.capabilities)) return null;
  return t('publish.copies.statusProblem', { site: account.siteName, status });
}

/**
 * The options for one account: only what its capabilities allow (`null` when the status cannot be
 * kept there). A copy names the original's account in `canonicalFrom`.
 */
export function optionsFor(
  account: AccountSummary,
  choices: PublishChoices,
  canonicalFrom?: string,
): PublishOptions | null {
  const caps = account.capabilities;
  const status = statusFor(choices.status, caps);
  if (!status) return null;
  const postType: PostType = choices.postType === 'page' && caps.pages ? 'page' : 'post';
  const excerpt = choices.excerpt.trim();
  const slug = choices.slug.trim();
  return {
    accountId: account.id,
    postType,
    status,
    ...(status === 'future' && choices.scheduledAt ? { scheduledAt: choices.scheduledAt } : {}),
    tags: caps.tags && postType === 'post' ? choices.tags : [],
    categories: caps.categories && postType === 'post' ? choices.categories : [],
    ...(caps.excerpt && excerpt ? { excerpt } : {}),
    ...(caps.slug && slug ? { slug } : {}),
    ...(caps.featuredImage && choices.featuredImage ? { featuredImage: choices.featuredImage } : {}),
    // The header and footer switches are the original's; a copy gets its own account's snippets.
    ...(!canonicalFrom && account.settings.headerSnippetId ? { useHeader: choices.useHeader } : {}),
    ...(!canonicalFrom && account.settings.footerSnippetId ? { useFooter: choices.useFooter } : {}),
    ...(canonicalFrom ? { canonicalFrom } : {}),
    // Only the original is emailed, only when asked, only when it goes live.
    ...(!canonicalFrom &&
    caps.newsletter &&
    choices.newsletter?.trim() &&
    (status === 'publish' || status === 'future')
      ? { newsletter: choices.newsletter.trim() }
      : {}),
  };
}

/** The account whose post was the original last time (from the draft's `meta.syndication`). */
export function initialPrimaryId(
  meta: DraftMeta,
  accounts: readonly AccountSummary[],
  destinations?: Record<string, unknown>,
): string {
  const key = meta.syndication?.primary;
  const named = accounts.find((a) => key && a.destinationKey === key);
  if (named) return named.id;
  // Otherwise the blog the draft went to before, else the newest account (the one just added,
  // rather than the site folder every new user starts with).
  const already = accounts.find((a) => a.destinationKey in (destinations ?? {}));
  if (already) return already.id;
  const newest = [...accounts].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return newest?.id ?? '';
}

/** The accounts that got a copy last time (destination keys mapped to accounts on this computer). */
export function initialCopyIds(
  meta: DraftMeta,
  accounts: readonly AccountSummary[],
  primaryId: string,
): string[] {
  const targets = new Set(meta.syndication?.targets ?? []);
  return accounts.filter((a) => a.id !== primaryId && targets.has(a.destinationKey)).map((a) => a.id);
}

/** How one destination came out, for the result list. */
export interface DestinationResult {
  accountId: string;
  siteName: string;
  role: 'Original' | 'Copy';
  kind: 'published' | 'queued' | 'conflict' | 'error';
  text: string;
  permalink?: string;
  jobId?: string;
}

function siteNameOf(accounts: readonly AccountSummary[], accountId: string): string {
  return accounts.find((a) => a.id === accountId)?.siteName ?? t('publish.result.removedBlog');
}

/** "Published: <address>", "Scheduled: …", "Sent as a draft: …". */
function sentText(status: PublishStatus, permalink: string): string {
  return t('publish.result.sent', { status, permalink });
}

/** The original and each copy of a syndication, in words. */
export function syndicationResults(
  result: SyndicateResult,
  primaryId: string,
  accounts: readonly AccountSummary[],
): DestinationResult[] {
  const lines: DestinationResult[] = [];
  const add = (
    accountId: string,
    role: DestinationResult['role'],
    outcome: SyndicateResult['primary'] | undefined,
    error?: { message: string },
  ) => {
    const siteName = siteNameOf(accounts, accountId);
    const base = { accountId, siteName, role };
    if (error || !outcome) {
      lines.push({ ...base, kind: 'error', text: error?.message ?? t('publish.result.failedUnknown') });
    } else if (outcome.kind === 'published') {
      lines.push({
        ...base,
        kind: 'published',
        text: sentText(outcome.status, outcome.permalink),
        permalink: outcome.permalink,
      });
    } else if (outcome.kind === 'queued') {
      lines.push({
        ...base,
        kind: 'queued',
        text: t('publish.result.queued', { message: outcome.message }),
        jobId: outcome.jobId,
      });
    } else if (outcome.kind === 'conflict') {
      lines.push({
        ...base,
        kind: 'conflict',
        text: t('publish.result.conflict'),
      });
    } else {
      lines.push({ ...base, kind: 'published', text: t('publish.result.tookServerVersion') });
    }
  };
  add(primaryId, 'Original', result.primary);
  for (const copy of result.copies) add(copy.accountId, 'Copy', copy.outcome, copy.error);
  return lines;
}

/** Queued destinations as their outbox jobs stand now (delivered, failed, cancelled, waiting). */
export function followJobs(
  results: readonly DestinationResult[],
  jobs: readonly OutboxJobSummary[],
): DestinationResult[] {
  return results.map((result): DestinationResult => {
    if (result.kind !== 'queued' || !result.jobId) return result;
    const job = jobs.find((j) => j.id === result.jobId);
    if (!job) return result;
    const base = { accountId: result.accountId, siteName: result.siteName, role: result.role };
    switch (job.state) {
      case 'done':
        return {
          ...base,
          kind: 'published',
          text: sentText(job.options?.status ?? 'publish', job.permalink ?? ''),
          ...(job.permalink ? { permalink: job.permalink } : {}),
        };
      case 'failed':
        return {
          ...base,
          kind: 'error',
          text: t('publish.result.failed', {
            message: job.lastError?.message ?? t('publish.result.failedUnknown'),
          }),
        };
      case 'cancelled':
        return { ...base, kind: 'error', text: t('publish.result.cancelled') };
      case 'waiting':
        return job.lastError
          ? { ...result, text: t('publish.result.queued', { message: job.lastError.message }) }
          : result;
      default:
        return result;
    }
  });
}
