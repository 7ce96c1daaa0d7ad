/**
 * Blogger as a Signet platform: sign in with Google (the author's own OAuth client, system
 * browser, loopback redirect, PKCE), every blog of the Google account becomes a pending account,
 * and `BloggerPublisher` publishes to one of them.
 */
import type { Account, NewAccount } from '../../accounts/types';
import type { PendingConnection, PlatformDefinition, PlatformDeps } from '../platform';
import { PublishError } from '../http/PublishError';
import { BloggerPublisher } from './BloggerPublisher';
import { GoogleTokens, signInWithBrowser, type GoogleClientConfig } from './bloggerOAuth';
import {
  BLOGGER_CAPABILITIES,
  GOOGLE_ENDPOINTS,
  endpointsFrom,
  offsetOf,
  parseBloggerSecret,
  serializeBloggerSecret,
  type BloggerEndpoints,
} from './bloggerText';
import { t } from '../../contract/i18n';

export { BloggerPublisher } from './BloggerPublisher';
export { BLOGGER_CAPABILITIES, GOOGLE_ENDPOINTS } from './bloggerText';

export interface BloggerPlatformOptions {
  /** Google's by default; tests and the e2e host point them at the fake. */
  endpoints?: Partial<BloggerEndpoints>;
  /** How long the browser sign-in may take (default 10 minutes). */
  signInTimeoutMs?: number;
}

export function createBloggerPlatform(options: BloggerPlatformOptions = {}): PlatformDefinition {
  const defaults: BloggerEndpoints = { ...GOOGLE_ENDPOINTS, ...options.endpoints };
  if (options.endpoints?.authorizationEndpoint && !options.endpoints.issuer) {
    defaults.issuer = endpointsFrom({
      authorizationEndpoint: options.endpoints.authorizationEndpoint,
    }).issuer;
  }
  /** Access tokens in memory, one per sign-in, shared by every publisher of its blogs. */
  const tokenCache = new Map<string, GoogleTokens>();

  function tokensFor(config: GoogleClientConfig, refreshToken: string): GoogleTokens {
    const key = JSON.stringify([config.endpoints.tokenEndpoint, config.clientId, refreshToken]);
    let tokens = tokenCache.get(key);
    if (!tokens) {
      tokens = new GoogleTokens(config, refreshToken);
      tokenCache.set(key, tokens);
    }
    return tokens;
  }

  function clientConfig(
    clientId: string,
    clientSecret: string | undefined,
    endpoints: BloggerEndpoints,
    deps: PlatformDeps,
  ): GoogleClientConfig {
    return {
      clientId,
      clientSecret,
      endpoints,
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      clock: deps.clock,
    };
  }

  return {
    id: 'blogger',
    name: 'Blogger',
    connect: 'oauth',
    capabilities: BLOGGER_CAPABILITIES,
    body: () => ({ format: 'html', readMore: 'none', embeds: 'link' }),

    async signIn(input, deps): Promise<PendingConnection> {
      if (input.kind !== 'oauth') {
        throw new PublishError('VALIDATION', t('error.blogger.wrongConnect'), {
          reason: 'wrong-connect-kind',
        });
      }
      const clientId = input.clientId.trim();
      const clientSecret = input.clientSecret?.trim() || undefined;
      const config = clientConfig(clientId, clientSecret, defaults, deps);
      const signedIn = await signInWithBrowser(config, deps.openExternal, {
        ...(options.signInTimeoutMs !== undefined && { timeoutMs: options.signInTimeoutMs }),
      });
      const tokens = new GoogleTokens(config, signedIn.refreshToken, signedIn);
      tokenCache.set(JSON.stringify([defaults.tokenEndpoint, clientId, signedIn.refreshToken]), tokens);
      const api = new BloggerPublisher({
        blogId: '0',
        apiRoot: defaults.apiRoot,
        tokens,
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
        clock: deps.clock,
      });
      const [user, blogs] = await Promise.all([api.user(), api.listBlogs()]);
      if (blogs.length === 0) {
        throw new PublishError('VALIDATION', t('error.blogger.noBlogs'), { reason: 'no-blogs' });
      }
      const secret = serializeBloggerSecret({
        refreshToken: signedIn.refreshToken,
        ...(clientSecret && { clientSecret }),
      });
      const first = blogs[0]!;
      return {
        siteUrl: first.url ?? '',
        siteName: first.name ?? '',
        userLogin: user.id,
        userName: user.displayName,
        secret,
        blogs: blogs.map((b) => {
          const url = (b.url ?? '').replace(/\/+$/, '');
          const account: NewAccount = {
            platform: 'blogger',
            siteUrl: url,
            siteName: b.name ?? '',
            userLogin: user.id,
            userName: user.displayName,
            api: {
              transport: 'api',
              restRoot: defaults.apiRoot,
              blogId: b.id,
              clientId,
              tokenEndpoint: defaults.tokenEndpoint,
              authorizationEndpoint: defaults.authorizationEndpoint,
            },
            // Blogger names no zone; its times carry the offset they were written in.
            timeZone: offsetOf(b.updated) ?? 'UTC',
            capabilities: { ...BLOGGER_CAPABILITIES },
            settings: { contentFormat: 'classic' },
          };
          return { blogId: b.id, name: b.name ?? '', url, account };
        }),
      };
    },

    async createPublisher(account: Account, secret: string, deps: PlatformDeps): Promise<BloggerPublisher> {
      const { blogId, clientId } = account.api;
      if (!blogId || !clientId) {
        throw new PublishError(
          'VALIDATION',
          t('error.blogger.incompleteAccount', { name: account.siteName }),
          { reason: 'incomplete-account' },
        );
      }
      const stored = parseBloggerSecret(secret);
      const endpoints = endpointsFrom(account.api);
      const config = clientConfig(clientId, stored.clientSecret, endpoints, deps);
      return new BloggerPublisher({
        blogId,
        apiRoot: endpoints.apiRoot,
        tokens: tokensFor(config, stored.refreshToken),
        fetch: deps.fetch,
        timeoutMs: deps.timeoutMs,
        clock: deps.clock,
      });
    },
  };
}

/** Blogger with Google's real endpoints. */
export const bloggerPlatform: PlatformDefinition = createBloggerPlatform();
