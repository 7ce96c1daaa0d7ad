/** How a draft's destinations read to the author: pure functions, so the panel stays a thin view. */
import type {
  DestinationStatus,
  PublishOptions,
  PublishOutcome,
  RequestOf,
} from '../../../electron/contract';

/** "Original", "Copy", or "Own post" (published on its own, not part of a syndication). */
export function roleLabel(destination: DestinationStatus): string {
  switch (destination.role) {
    case 'primary':
      return 'Original';
    case 'copy':
      return 'Copy';
    case 'single':
      return 'Own post';
  }
}

/** Where the draft stands there, in words. */
export function stateLabel(destination: DestinationStatus): string {
  switch (destination.state) {
    case 'sent':
      return 'Sent';
    case 'outOfDate':
      return 'Out of date — edited since it was sent';
    case 'queued':
      return destination.message ? `Queued — ${destination.message}` : 'Queued';
    case 'sending':
      return 'Sending…';
    case 'failed':
      return `Failed: ${destination.message ?? 'Signet could not send it.'}`;
    case 'notSent':
      return 'Not sent yet';
  }
}

/** The draft screen's button: "Destinations" or "Destinations (3)". */
export function destinationsButtonLabel(destinations: readonly DestinationStatus[]): string {
  return destinations.length > 0 ? `Destinations (${destinations.length})` : 'Destinations';
}

/**
 * What "Send again" sends: the choices of the last publish there (a copy again links back to the
 * original's account), or why it cannot be sent again from here.
 */
export function sendAgainRequest(
  draftId: string,
  destination: DestinationStatus,
  all: readonly DestinationStatus[],
): { request: RequestOf<'publishDraft'> } | { reason: string } {
  if (!destination.accountId) {
    return {
      reason: `The account for ${destination.siteName} is not on this computer: add it under Accounts to send this post there again.`,
    };
  }
  if (destination.state === 'queued' || destination.state === 'sending') {
    return { reason: 'It is on its way already: the outbox sends it.' };
  }
  if (!destination.lastOptions) {
    return {
      reason: `Signet has no earlier choices for ${destination.siteName} (status, tags…): use Publish… to send it there.`,
    };
  }
  const { canonicalFrom: _previous, ...last } = destination.lastOptions;
  let options: PublishOptions = { ...last, accountId: destination.accountId };
  if (destination.role === 'copy') {
    const primary = all.find((d) => d.role === 'primary');
    if (!primary?.accountId) {
      return {
        reason: `The original’s account${primary ? ` (${primary.siteName})` : ''} is not on this computer, so the copy cannot link back to it: add it under Accounts first.`,
      };
    }
    options = { ...options, canonicalFrom: primary.accountId };
  }
  return { request: { draftId, options } };
}

/** What came of "Send again", as a sentence. */
export function sendAgainMessage(siteName: string, outcome: PublishOutcome): string {
  switch (outcome.kind) {
    case 'published':
      return `Sent to ${siteName}: ${outcome.permalink}`;
    case 'queued':
      return `Queued for ${siteName}: ${outcome.message}`;
    case 'conflict':
      return `Nothing was sent: the post was changed on ${siteName} since Signet sent it. Use Publish… to compare the two versions and choose.`;
    case 'tookServerVersion':
      return `The version on ${siteName} became the draft’s text.`;
  }
}
