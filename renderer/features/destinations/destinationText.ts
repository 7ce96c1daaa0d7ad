/** How a draft's destinations read to the author: pure functions, so the panel stays a thin view. */
import type {
  DestinationStatus,
  PublishOptions,
  PublishOutcome,
  RequestOf,
} from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';

/** "Original", "Copy", or "Own post" (published on its own, not part of a syndication). */
export function roleLabel(destination: DestinationStatus): string {
  switch (destination.role) {
    case 'primary':
      return t('destinations.role.primary');
    case 'copy':
      return t('destinations.role.copy');
    case 'single':
      return t('destinations.role.single');
  }
}

/** Where the draft stands there, in words. */
export function stateLabel(destination: DestinationStatus): string {
  switch (destination.state) {
    case 'sent':
      return t('destinations.state.sent');
    case 'outOfDate':
      return t('destinations.state.outOfDate');
    case 'queued':
      return destination.message
        ? t('destinations.state.queuedWhy', { message: destination.message })
        : t('destinations.state.queued');
    case 'sending':
      return t('destinations.state.sending');
    case 'failed':
      return t('destinations.state.failed', {
        message: destination.message ?? t('destinations.state.failedUnknown'),
      });
    case 'notSent':
      return t('destinations.state.notSent');
  }
}

/** The draft screen's button: "Destinations" or "Destinations (3)". */
export function destinationsButtonLabel(destinations: readonly DestinationStatus[]): string {
  return destinations.length > 0
    ? t('destinations.buttonCount', { count: destinations.length })
    : t('destinations.button');
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
      reason: t('destinations.sendAgain.noAccount', { site: destination.siteName }),
    };
  }
  if (destination.state === 'queued' || destination.state === 'sending') {
    return { reason: t('destinations.sendAgain.onItsWay') };
  }
  if (!destination.lastOptions) {
    return {
      reason: t('destinations.sendAgain.noChoices', { site: destination.siteName }),
    };
  }
  const { canonicalFrom: _previous, ...last } = destination.lastOptions;
  let options: PublishOptions = { ...last, accountId: destination.accountId };
  if (destination.role === 'copy') {
    const primary = all.find((d) => d.role === 'primary');
    if (!primary?.accountId) {
      return {
        reason: primary
          ? t('destinations.sendAgain.noPrimaryAccountOf', { site: primary.siteName })
          : t('destinations.sendAgain.noPrimaryAccount'),
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
      return t('destinations.sendAgain.published', { site: siteName, permalink: outcome.permalink });
    case 'queued':
      return t('destinations.sendAgain.queued', { site: siteName, message: outcome.message });
    case 'conflict':
      return t('destinations.sendAgain.conflict', { site: siteName });
    case 'tookServerVersion':
      return t('destinations.sendAgain.tookServerVersion', { site: siteName });
  }
}
