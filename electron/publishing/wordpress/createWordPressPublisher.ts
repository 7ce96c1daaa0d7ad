/**
 * Builds the WordPress publisher for an account: REST, XML-RPC, or (`auto`) whichever works —
 * REST unless it is missing, blocked by a firewall, or never sees the password because the host
 * strips the Authorization header; then XML-RPC. The chosen `transport` is on the result, so
 * the account can store it and skip the choice next time.
 */
import type { FetchPort } from '../http/HttpClient';
import { PublishError } from '../http/PublishError';
import { discoverWordPress } from './discover';
import type { WordPressConfig, WordPressPublisher, WordPressSite } from './types';
import { WordPressRestPublisher } from './WordPressRestPublisher';
import { WordPressXmlRpcPublisher } from './WordPressXmlRpcPublisher';

/** REST problems that XML-RPC may get around; others (a 500, a timeout) are the site's and pass. */
const SWITCH_TO_XMLRPC = new Set(['BLOCKED_BY_FIREWALL', 'NOT_FOUND', 'BAD_RESPONSE']);

function rest(
  config: WordPressConfig,
  restRoot: string,
  secret: string,
  fetch: FetchPort,
  site?: WordPressSite,
) {
  const xmlrpcUrl = config.xmlrpcUrl ?? site?.xmlrpcUrl ?? null;
  const appPasswords = config.applicationPasswords ?? site?.applicationPasswords;
  return new WordPressRestPublisher({
    siteUrl: config.siteUrl,
    restRoot,
    userLogin: config.userLogin,
    secret,
    fetch,
    xmlrpcUrl,
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(appPasswords !== undefined && { applicationPasswords: appPasswords }),
  });
}

function xmlrpc(
  config: WordPressConfig,
  xmlrpcUrl: string,
  secret: string,
  fetch: FetchPort,
  site?: WordPressSite,
) {
  const timeZone = config.timeZone ?? site?.timeZone ?? null;
  const appPasswords = config.applicationPasswords ?? site?.applicationPasswords;
  return new WordPressXmlRpcPublisher({
    siteUrl: config.siteUrl,
    xmlrpcUrl,
    userLogin: config.userLogin,
    secret,
    fetch,
    timeZone,
    ...(config.blogId !== undefined && { blogId: config.blogId }),
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
    ...(appPasswords !== undefined && { applicationPasswords: appPasswords }),
  });
}

function unusable(site: WordPressSite, which: 'rest' | 'xmlrpc'): PublishError {
  const p = which === 'rest' ? site.restProblem : site.xmlrpcProblem;
  return new PublishError(
    p?.code ?? (which === 'rest' ? 'NOT_FOUND' : 'XMLRPC_DISABLED'),
    p?.message ??
      (which === 'rest'
        ? 'Signet found no WordPress REST API on this site. Let Signet use XML-RPC instead.'
        : 'Signet found no XML-RPC on this site. Let Signet use the WordPress REST API instead.'),
  );
}

/**
 * `transport: 'rest' | 'xmlrpc'` with a known endpoint makes no request. Otherwise the site is
 * discovered first; `auto` also signs in once (verify) to be sure the chosen API accepts the
 * password.
 */
export async function createWordPressPublisher(
  config: WordPressConfig,
  secret: string,
  fetch: FetchPort,
): Promise<WordPressPublisher> {
  if (config.transport === 'rest' && config.restRoot) return rest(config, config.restRoot, secret, fetch);
  if (config.transport === 'xmlrpc' && config.xmlrpcUrl)
    return xmlrpc(config, config.xmlrpcUrl, secret, fetch);

  const site = await discoverWordPress(config.siteUrl, fetch, {
    ...(config.timeoutMs !== undefined && { timeoutMs: config.timeoutMs }),
  });
  if (config.transport === 'rest') {
    if (!site.restRoot) throw unusable(site, 'rest');
    return rest(config, site.restRoot, secret, fetch, site);
  }
  if (config.transport === 'xmlrpc') {
    if (!site.xmlrpcUrl) throw unusable(site, 'xmlrpc');
    return xmlrpc(config, site.xmlrpcUrl, secret, fetch, site);
  }

  // auto
  if (!site.restRoot) {
    const restProblem = site.restProblem;
    if (site.xmlrpcUrl && (!restProblem || SWITCH_TO_XMLRPC.has(restProblem.code))) {
      return xmlrpc(config, site.xmlrpcUrl, secret, fetch, site);
    }
    throw unusable(site, site.xmlrpcUrl ? 'rest' : restProblem ? 'rest' : 'xmlrpc');
  }
  const viaRest = rest(config, site.restRoot, secret, fetch, site);
  try {
    await viaRest.verify();
    return viaRest;
  } catch (error) {
    const canSwitch =
      error instanceof PublishError &&
      !!site.xmlrpcUrl &&
      (SWITCH_TO_XMLRPC.has(error.code) || error.reason === 'authorization-header-stripped');
    if (!canSwitch) throw error;
    const viaXmlRpc = xmlrpc(config, site.xmlrpcUrl!, secret, fetch, site);
    await viaXmlRpc.verify();
    return viaXmlRpc;
  }
}
