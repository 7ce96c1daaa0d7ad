/**
 * Ghost as one platform of the registry: the author pastes the site's address and the Admin API
 * key of a custom integration (Ghost Admin → Settings → Integrations); Signet checks both with one
 * signed request and offers the one blog.
 */
import type { ConnectInput, PendingConnection, PlatformDefinition, PlatformDeps } from '../platform';
import { PublishError } from '../http/PublishError';
import { GHOST_CAPABILITIES, GhostPublisher } from './GhostPublisher';
import { parseAdminApiKey } from './adminApiKey';
import { adminApiRoot, ghostSiteUrl } from './ghostText';
import { t } from '../../contract/i18n';

function publisherFor(siteUrl: string, apiKey: string, deps: PlatformDeps): GhostPublisher {
  return new GhostPublisher({
    siteUrl,
    adminApiKey: apiKey,
    fetch: deps.fetch,
    clock: deps.clock,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
  });
}

/** Verifies the address and the Admin API key; the key becomes the account's secret. */
export async function signInGhost(input: ConnectInput, deps: PlatformDeps): Promise<PendingConnection> {
  if (input.kind !== 'api-key') {
    throw new PublishError('UNSUPPORTED', t('error.ghost.wrongConnect'), {
      reason: 'wrong-connect-kind',
    });
  }
  const key = parseAdminApiKey(input.apiKey);
  const typed = ghostSiteUrl(input.siteUrl);
  const identity = await publisherFor(typed, key.key, deps).verify();
  // The Admin API answered at the typed address: requests keep going there, while the account is
  // named by the address Ghost gives itself (the one readers see) when it is on the same host.
  const siteUrl = new URL(identity.url).host === new URL(typed).host ? identity.url : typed;
  deps.log.info('Ghost sign-in verified', { site: new URL(siteUrl).host });
  return {
    siteUrl,
    siteName: identity.name,
    userLogin: identity.userLogin,
    userName: identity.userName,
    secret: key.key,
    blogs: [
      {
        blogId: '1',
        name: identity.name,
        url: siteUrl,
        account: {
          platform: 'ghost',
          siteUrl,
          siteName: identity.name,
          userLogin: identity.userLogin,
          userName: identity.userName,
          api: { transport: 'api', restRoot: adminApiRoot(typed) },
          timeZone: identity.timeZone,
          capabilities: GHOST_CAPABILITIES,
          settings: { contentFormat: 'classic' },
        },
      },
    ],
  };
}

export const ghostPlatform: PlatformDefinition = {
  id: 'ghost',
  name: 'Ghost',
  connect: 'api-key',
  capabilities: GHOST_CAPABILITIES,
  body: () => ({ format: 'html', readMore: 'none', embeds: 'ghost' }),
  signIn: signInGhost,
  createPublisher: async (account, secret, deps) => {
    // Requests go where the sign-in found the Admin API (`…/ghost/api/admin/`).
    const root = account.api.restRoot?.replace(/\/ghost\/api\/admin\/?$/, '') || account.siteUrl;
    return publisherFor(root, secret, deps);
  },
};
