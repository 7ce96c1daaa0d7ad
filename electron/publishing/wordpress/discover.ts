/**
 * Finds a WordPress site's APIs from whatever address the author typed (`example.com`,
 * `https://example.com/blog/`, `127.0.0.1:8088`, a post's URL…), without signing in:
 *
 * - REST: the home page's `Link: <…>; rel="https://api.w.org/"` header (or the same `<link>` in
 *   its HTML), else `?rest_route=/`, else `/wp-json/`; the index gives name, home URL, time zone
 *   and whether Application Passwords are on.
 * - XML-RPC: `<link rel="EditURI">` → RSD → the "WordPress" API link, else `/xmlrpc.php`;
 *   confirmed with `demo.sayHello` (no login: failed logins can lock an author out).
 */
import {
  HttpClient,
  isHtml,
  parseJsonLenient,
  plainText,
  type FetchPort,
  type HttpResponse,
} from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import { callXmlRpc, XmlRpcFault } from '../http/xmlrpc';
import type { ApiProblem, WordPressSite } from './types';
import { restUrl } from './WordPressRestPublisher';
import { decodeWpText, siteTimeZone } from './wpText';
import { t } from '../../contract/i18n';

const INDEX_FIELDS = 'name,url,home,timezone_string,gmt_offset,namespaces,authentication';
/** Paths that are parts of WordPress rather than the blog: the blog is above them. */
const WP_PATHS = /\/(wp-admin|wp-login\.php|xmlrpc\.php|wp-json|index\.php|wp-content|wp-includes)(\/.*)?$/i;

export interface DiscoverOptions {
  timeoutMs?: number;
}

/**
 * The URLs to try for what the author typed: theirs when it has a scheme, else https then http.
 * Throws VALIDATION when it cannot be an address.
 */
export function siteUrlCandidates(input: string): string[] {
  const text = input
    .trim()
    .replace(/^<|>$/g, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const bad = () =>
    new PublishError('VALIDATION', t('error.wordpress.notAnAddress', { input: input.trim() || ' ' }), {
      reason: 'bad-site-url',
    });
  if (!text || /\s/.test(text)) throw bad();
  // `mailto:x`, `javascript:x`: a scheme without `//` (but `host:8080` is a port).
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d+(\/|$))/i.test(text)) throw bad();
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    throw bad();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) throw bad();
  url.hash = '';
  url.search = '';
  url.username = '';
  url.password = '';
  url.pathname = url.pathname.replace(WP_PATHS, '/').replace(/\/[^/]*\.(php|html?)$/i, '/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  if (hasScheme) return [url.toString()];
  const http = new URL(url);
  http.protocol = 'http:';
  return [url.toString(), http.toString()];
}

interface LinkTag {
  rel: string;
  href: string;
}

/** `rel`/`href` pairs from a `Link` header. */
export function parseLinkHeader(value: string | null): LinkTag[] {
  if (!value) return [];
  const out: LinkTag[] = [];
  for (const m of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?\s*)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(m[2] ?? '');
    if (rel) for (const r of (rel[1] ?? rel[2] ?? '').split(/\s+/)) if (r) out.push({ rel: r, href: m[1]! });
  }
  return out;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    out[m[1]!.toLowerCase()] = decodeWpText(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** `<link rel=… href=…>` tags of an HTML page. */
export function parseHtmlLinks(html: string): LinkTag[] {
  const head = html.slice(0, 200_000);
  const out: LinkTag[] = [];
  for (const m of head.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    if (a.rel && a.href) for (const r of a.rel.split(/\s+/)) if (r) out.push({ rel: r, href: a.href });
  }
  return out;
}

function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html.slice(0, 200_000));
  if (!m) return null;
  const title = decodeWpText(plainText(m[1]!));
  // WordPress titles the home page "Name – Tagline".
  return title.split(/\s+[–—|-]\s+/)[0]!.trim() || null;
}

function absolute(href: string, base: string): string | null {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function problem(error: unknown): ApiProblem | null {
  return error instanceof PublishError ? { code: error.code, message: error.message } : null;
}

interface RestIndex {
  root: string;
  name?: string;
  home?: string;
  timeZone: string | null;
  applicationPasswords: boolean;
  authorizeUrl: string | null;
}

type RestProbe = { found: RestIndex } | { problem: ApiProblem | null; isWordPress: boolean };

async function probeRestRoot(http: HttpClient, root: string): Promise<RestProbe> {
  let res: HttpResponse;
  try {
    res = await http.send({
      url: restUrl(root, '', { _fields: INDEX_FIELDS }),
      headers: { accept: 'application/json' },
      redirects: 'any',
    });
  } catch (error) {
    return { problem: problem(error), isWordPress: false };
  }
  const json = isHtml(res) ? undefined : parseJsonLenient(res.text);
  const body =
    json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (res.status >= 200 && res.status < 300 && body && Array.isArray(body.namespaces)) {
    if (!body.namespaces.includes('wp/v2')) {
      return {
        problem: {
          code: 'NOT_FOUND',
          message: t('error.wordpress.noPostsApi', { host: hostOf(res.url) }),
        },
        isWordPress: true,
      };
    }
    const auth = body.authentication;
    const appPasswords =
      auth && typeof auth === 'object' && !Array.isArray(auth)
        ? (auth as Record<string, unknown>)['application-passwords']
        : undefined;
    const endpoint = (appPasswords as { endpoints?: { authorization?: unknown } } | undefined)?.endpoints
      ?.authorization;
    // The root as the site announces it; the rest_route form stays a rest_route form.
    const rootUrl = new URL(res.url);
    rootUrl.searchParams.delete('_fields');
    return {
      found: {
        root: rootUrl.toString(),
        ...(typeof body.name === 'string' && { name: decodeWpText(body.name) }),
        ...(typeof body.home === 'string' && { home: body.home }),
        timeZone: siteTimeZone(body.timezone_string, body.gmt_offset),
        applicationPasswords: appPasswords !== undefined,
        authorizeUrl: typeof endpoint === 'string' ? endpoint : null,
      },
    };
  }
  // A REST API that wants a login even for its index (a "disable REST for visitors" plugin).
  if (
    (res.status === 401 || res.status === 403) &&
    typeof body?.code === 'string' &&
    body.code.startsWith('rest_')
  ) {
    const rootUrl = new URL(res.url);
    rootUrl.searchParams.delete('_fields');
    return {
      found: { root: rootUrl.toString(), timeZone: null, applicationPasswords: true, authorizeUrl: null },
    };
  }
  if (res.status === 403 && isHtml(res)) {
    return {
      problem: {
        code: 'BLOCKED_BY_FIREWALL',
        message: t('error.wordpress.restFirewall', { host: hostOf(res.url) }),
      },
      isWordPress: false,
    };
  }
  if (res.status >= 500) {
    return {
      problem: {
        code: 'SERVER_ERROR',
        message: t('error.wordpress.restServerError', { host: hostOf(res.url), status: res.status }),
      },
      isWordPress: typeof body?.code === 'string',
    };
  }
  return { problem: null, isWordPress: false };
}

async function probeXmlRpc(
  http: HttpClient,
  url: string,
): Promise<{ url: string | null; problem: ApiProblem | null }> {
  try {
    const hello = await callXmlRpc(http, url, 'demo.sayHello', []);
    return typeof hello === 'string' ? { url, problem: null } : { url: null, problem: null };
  } catch (error) {
    if (error instanceof XmlRpcFault) {
      // An XML-RPC server that will not say hello is still one (a plugin may drop demo.*).
      if (error.faultCode === 405) {
        return {
          url: null,
          problem: {
            code: 'XMLRPC_DISABLED',
            message: t('error.wordpress.xmlrpcSwitchedOff', { host: hostOf(url) }),
          },
        };
      }
      return { url, problem: null };
    }
    const p = problem(error);
    return { url: null, problem: p && p.code !== 'BAD_RESPONSE' && p.code !== 'NOT_FOUND' ? p : null };
  }
}

async function rsdApiLink(
  http: HttpClient,
  rsdUrl: string,
): Promise<{ api: string | null; home: string | null }> {
  try {
    const res = await http.send({
      url: rsdUrl,
      headers: { accept: 'application/rsd+xml, text/xml' },
      redirects: 'any',
    });
    if (res.status !== 200) return { api: null, home: null };
    const apis = [...res.text.matchAll(/<api\b[^>]*>/gi)].map((m) => attributes(m[0]));
    const wp = apis.find((a) => a.name === 'WordPress') ?? apis.find((a) => a.preferred === 'true');
    const home = /<homePageLink>([^<]*)<\/homePageLink>/i.exec(res.text)?.[1]?.trim() ?? null;
    return {
      api: wp?.apilink ? absolute(wp.apilink, res.url) : null,
      home: home ? decodeWpText(home) : null,
    };
  } catch {
    return { api: null, home: null };
  }
}

/** Reads a site's home page; for an address typed without a scheme, https first, then http. */
async function fetchHome(http: HttpClient, candidates: string[]): Promise<HttpResponse> {
  let lastError: unknown;
  for (const [i, url] of candidates.entries()) {
    try {
      return await http.send({
        url,
        headers: { accept: 'text/html,application/xhtml+xml' },
        redirects: 'any',
      });
    } catch (error) {
      lastError = error;
      const isLast = i === candidates.length - 1;
      // Never fall back to plain http past a certificate problem: that is what an attacker would cause.
      const tryHttp =
        error instanceof PublishError &&
        (error.code === 'OFFLINE' ||
          (error.code === 'TLS' && /VERSION|PACKET|EPROTO|PROTOCOL/.test(error.reason ?? '')));
      if (isLast || !tryHttp) throw error;
    }
  }
  throw lastError;
}

export async function discoverWordPress(
  siteUrl: string,
  fetchPort: FetchPort,
  options: DiscoverOptions = {},
): Promise<WordPressSite> {
  const http = new HttpClient({
    fetch: fetchPort,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  const candidates = siteUrlCandidates(siteUrl);
  const home = await fetchHome(http, candidates);
  const base = new URL(home.url);
  base.search = '';
  base.hash = '';
  base.pathname = base.pathname.replace(WP_PATHS, '/').replace(/\/[^/]*\.(php|html?)$/i, '/');
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const baseUrl = base.toString();

  const html = isHtml(home) ? home.text : '';
  const links = [...parseLinkHeader(home.headers.get('link')), ...parseHtmlLinks(html)];
  const apiLink = links.find((l) => l.rel === 'https://api.w.org/');
  const editUri = links.find((l) => l.rel.toLowerCase() === 'edituri');
  const generator = /<meta\s+name=["']generator["']\s+content=["']WordPress/i.test(html);

  const restCandidates = [
    apiLink && absolute(apiLink.href, home.url),
    `${baseUrl}?rest_route=/`,
    `${baseUrl}wp-json/`,
    ...(base.pathname !== '/' ? [`${base.origin}/?rest_route=/`, `${base.origin}/wp-json/`] : []),
  ].filter((u, i, all): u is string => !!u && all.indexOf(u) === i);

  const restSearch = (async () => {
    let firstProblem: ApiProblem | null = null;
    let sawWordPress = false;
    for (const root of restCandidates) {
      const probe = await probeRestRoot(http, root);
      if ('found' in probe) return { index: probe.found, problem: null, sawWordPress: true };
      sawWordPress ||= probe.isWordPress;
      firstProblem ??= probe.problem;
      if (probe.problem && ['OFFLINE', 'TIMEOUT', 'TLS'].includes(probe.problem.code)) break;
    }
    return { index: null, problem: firstProblem, sawWordPress };
  })();

  const xmlrpcSearch = (async () => {
    const rsd = editUri
      ? await rsdApiLink(http, absolute(editUri.href, home.url) ?? '')
      : { api: null, home: null };
    const url = rsd.api ?? `${baseUrl}xmlrpc.php`;
    return { ...(await probeXmlRpc(http, url)), rsdHome: rsd.home };
  })();

  const [rest, xmlrpc] = await Promise.all([restSearch, xmlrpcSearch]);
  const isWordPress =
    !!rest.index || !!xmlrpc.url || !!apiLink || !!editUri || generator || rest.sawWordPress;
  if (!isWordPress) {
    throw new PublishError('NOT_WORDPRESS', t('error.wordpress.notWordPress', { host: hostOf(home.url) }), {
      status: home.status,
      reason: 'no-wordpress-api',
    });
  }

  const canonical = (rest.index?.home ?? xmlrpc.rsdHome ?? baseUrl).replace(/\/+$/, '');
  return {
    siteUrl: canonical,
    name: rest.index?.name || htmlTitle(html) || hostOf(canonical),
    restRoot: rest.index?.root ?? null,
    xmlrpcUrl: xmlrpc.url,
    applicationPasswords: rest.index ? rest.index.applicationPasswords : true,
    authorizeUrl: rest.index?.authorizeUrl ?? null,
    timeZone: rest.index?.timeZone ?? null,
    restProblem: rest.index
      ? null
      : (rest.problem ?? {
          code: 'NOT_FOUND',
          message: t('error.wordpress.noRestApi', { host: hostOf(canonical) }),
        }),
    xmlrpcProblem: xmlrpc.url ? null : xmlrpc.problem,
  };
}
