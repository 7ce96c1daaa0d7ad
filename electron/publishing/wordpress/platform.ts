/**
 * WordPress as one platform of the registry. Its sign-in flows (application password, the blog's
 * "authorize application" page, a multisite login's blogs) stay in PublishingService, which
 * knows WordPress's discovery; everything after sign-in goes through this definition.
 */
import type { PlatformDefinition } from '../platform';
import { createWordPressPublisher } from './createWordPressPublisher';
import { REST_CAPABILITIES } from './types';

export const wordpressPlatform: PlatformDefinition = {
  id: 'wordpress',
  name: 'WordPress',
  connect: 'wordpress',
  capabilities: REST_CAPABILITIES,
  body: (account) => ({
    format: account.settings.contentFormat === 'blocks' ? 'gutenberg' : 'html',
    readMore: 'wordpress',
    embeds: 'wordpress',
  }),
  createPublisher: (account, secret, deps) =>
    createWordPressPublisher(
      {
        siteUrl: account.siteUrl,
        userLogin: account.userLogin,
        transport: account.api.transport === 'xmlrpc' ? 'xmlrpc' : 'rest',
        restRoot: account.api.restRoot ?? null,
        xmlrpcUrl: account.api.xmlrpcUrl ?? null,
        ...(account.api.blogId ? { blogId: account.api.blogId } : {}),
        timeZone: account.timeZone,
        ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
      },
      secret,
      deps.fetch,
    ),
};
