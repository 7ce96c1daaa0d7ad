/**
 * Micropub as a Signet platform: the author types their site's address, signs in with IndieAuth
 * in the browser, and Signet publishes through the site's Micropub endpoint.
 */
import type { Account } from '../../accounts/types';
import { HttpClient } from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import type { ConnectInput, PendingConnection, PlatformDefinition, PlatformDeps } from '../platform';
import { parseTokens, serializeTokens, signInWithIndieAuth, type MicropubTokens } from './indieauth';
import { MICROPUB_CAPABILITIES, MicropubPublisher, micropubCapabilities } from './MicropubPublisher';
import { t } from '../../contract/i18n';

export interface MicropubPlatformHooks {
  /** Stores tokens renewed with the refresh token (the vault, under the account's secret key). */
  onTokensRefreshed?(account: Account, secret: string): Promise<void> | void;
}

/** Signs in and describes the one site (the `me` URL) as a blog Signet can add. */
export async function signInMicropub(input: ConnectInput, deps: PlatformDeps): Promise<PendingConnection> {
  if (input.kind !== 'indieauth') {
    throw new PublishError('VALIDATION', t('error.micropub.wrongConnect'), {
      reason: 'wrong-connect-kind',
    });
  }
  const http = new HttpClient({
    fetch: deps.fetch,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
  });
  const result = await signInWithIndieAuth(input.me, {
    http,
    openExternal: deps.openExternal,
    clock: deps.clock,
  });
  const micropub = result.endpoints.micropub;
  if (!micropub) {
    throw new PublishError(
      'VALIDATION',
      `${hostOf(result.me)} signed you in, but its page names no Micropub endpoint (rel="micropub"), so Signet has ` +
        'nowhere to publish. Add a Micropub plugin or service to your site, then add it again.',
      { reason: 'no-micropub' },
    );
  }
  const probe = new MicropubPublisher({
    me: result.me,
    endpoint: micropub,
    tokens: result.tokens,
    sourceList: false,
    fetch: deps.fetch,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    tokenEndpoint: result.endpoints.tokenEndpoint,
    clock: deps.clock,
  });
  const config = await probe.readConfig();
  const sourceList = await probe.probeSourceList();
  deps.log.info('micropub sign-in', {
    host: hostOf(result.me),
    mediaEndpoint: !!config.mediaEndpoint,
    sourceList,
    scope: result.tokens.scope.join(' '),
  });
  const siteUrl = result.me.replace(/\/+$/, '');
  const siteName = result.endpoints.siteName;
  const userName = result.profileName ?? hostOf(result.me);
  return {
    siteUrl,
    siteName,
    userLogin: result.me,
    userName,
    secret: serializeTokens(probe.currentTokens()),
    blogs: [
      {
        blogId: '',
        name: siteName,
        url: siteUrl,
        account: {
          platform: 'micropub',
          siteUrl,
          siteName,
          userLogin: result.me,
          userName,
          api: {
            transport: 'api',
            endpoint: micropub,
            ...(config.mediaEndpoint !== undefined && { mediaEndpoint: config.mediaEndpoint }),
            tokenEndpoint: result.endpoints.tokenEndpoint,
            authorizationEndpoint: result.endpoints.authorizationEndpoint,
          },
          timeZone: 'UTC',
          capabilities: micropubCapabilities({
            ...(config.mediaEndpoint !== undefined && { mediaEndpoint: config.mediaEndpoint }),
            sourceList,
          }),
        },
      },
    ],
  };
}

/** The publisher for a stored account; `hooks.onTokensRefreshed` keeps renewed tokens. */
export async function createMicropubPublisher(
  account: Account,
  secret: string,
  deps: PlatformDeps,
  hooks: MicropubPlatformHooks = {},
): Promise<MicropubPublisher> {
  const endpoint = account.api.endpoint;
  if (!endpoint) {
    throw new PublishError('VALIDATION', t('error.micropub.noEndpoint', { host: hostOf(account.siteUrl) }), {
      reason: 'no-endpoint',
    });
  }
  const tokens: MicropubTokens = parseTokens(secret);
  return new MicropubPublisher({
    me: account.userLogin || `${account.siteUrl}/`,
    siteName: account.siteName,
    userName: account.userName,
    endpoint,
    ...(account.api.mediaEndpoint !== undefined && { mediaEndpoint: account.api.mediaEndpoint }),
    ...(account.api.tokenEndpoint !== undefined && { tokenEndpoint: account.api.tokenEndpoint }),
    tokens,
    sourceList: account.capabilities.remotePosts,
    fetch: deps.fetch,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    clock: deps.clock,
    ...(hooks.onTokensRefreshed && {
      onTokensRefreshed: (next: MicropubTokens) => hooks.onTokensRefreshed?.(account, serializeTokens(next)),
    }),
  });
}

export const micropubPlatform: PlatformDefinition = {
  id: 'micropub',
  /** In the author's language, read when shown. */
  get name() {
    return t('publishing.platform.micropub');
  },
  connect: 'indieauth',
  capabilities: MICROPUB_CAPABILITIES,
  body: () => ({ format: 'html', readMore: 'none', embeds: 'link' }),
  signIn: signInMicropub,
  createPublisher: (account, secret, deps) =>
    createMicropubPublisher(account, secret, deps, {
      onTokensRefreshed: async (refreshed, next) => {
        await deps.saveSecret?.(refreshed.id, next);
      },
    }),
};
