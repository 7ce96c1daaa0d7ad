/**
 * IndieAuth discovery (IndieAuth Living Standard §3.4, §4.1, §4.1.1): from the URL the author
 * typed (`me`) to their authorization and token endpoints and their Micropub endpoint.
 *
 * The profile page is fetched (redirects followed); `rel` values are read from HTTP `Link`
 * headers first, then from HTML `<link>` elements in document order. `indieauth-metadata` wins;
 * without it the legacy `authorization_endpoint` / `token_endpoint` rels are used. The metadata
 * document's `issuer` must be a prefix of the metadata URL (it is later compared with the `iss`
 * of the authorization response).
 */
import { badResponse, type HttpClient, isHtml, parseJsonLenient, plainText } from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import { t } from '../../contract/i18n';

export interface IndieAuthEndpoints {
  /** The URL as the author typed it, canonicalized (scheme and `/` path added, host lowercased). */
  enteredUrl: string;
  /** Every URL seen while discovering (entered, then where redirects ended). */
  seenUrls: string[];
  /** Where the profile page was finally read. */
  profileUrl: string;
  metadataUrl?: string;
  /** From the metadata document; absent for legacy discovery (then no `iss` can be checked). */
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The Micropub endpoint (`rel="micropub"`), if the page declares one. */
  micropub?: string;
  /** The page's <title>, or its host. */
  siteName: string;
}

export interface RelLink {
  url: string;
  rels: string[];
}

/**
 * The URL the author typed as an IndieAuth profile URL (§3.4): `example.com` → `http://example.com/`,
 * no path → `/`, host lowercased. Refuses what can never be a profile URL (another scheme, a
 * fragment, a user name or password, `.`/`..` segments). Ports and IP hosts are tolerated: the
 * spec forbids them for profiles, but refusing them only hurts authors with odd setups.
 */
export function canonicalProfileUrl(input: string): string {
  const typed = input.trim();
  const refuse = (why: 'empty' | 'dots' | 'notUrl' | 'scheme' | 'fragment' | 'credentials' | 'noHost') =>
    new PublishError('VALIDATION', t('error.micropub.badProfileUrl', { input: typed.slice(0, 200), why }), {
      reason: 'bad-profile-url',
    });
  if (!typed) throw refuse('empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`;
  const rawPath = withScheme.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  if (rawPath.split('/').some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) throw refuse('dots');
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw refuse('notUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('scheme');
  if (url.hash || typed.includes('#')) throw refuse('fragment');
  if (url.username || url.password) throw refuse('credentials');
  if (!url.hostname) throw refuse('noHost');
  url.hostname = url.hostname.toLowerCase();
  if (!url.pathname) url.pathname = '/';
  return url.toString();
}

/** Links of an HTTP `Link` header (RFC 8288), resolved against `base`. */
export function parseLinkHeader(value: string | null, base: string): RelLink[] {
  if (!value) return [];
  const out: RelLink[] = [];
  // <url>; param=value; rel="a b", <url2>; rel=c
  const re = /<([^>]*)>\s*((?:;\s*[^;,=]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?\s*)*)/g;
  for (const m of value.matchAll(re)) {
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const url = resolve(m[1] ?? '', base);
    if (url && rels.length > 0) out.push({ url, rels });
  }
  return out;
}

/** `<link rel=… href=…>` elements of an HTML page, in document order, resolved against `base`. */
export function htmlLinks(html: string, base: string): RelLink[] {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  let baseUrl = base;
  const baseTag = /<base\s[^>]*href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(withoutComments);
  if (baseTag) baseUrl = resolve(decodeEntities(baseTag[1] ?? baseTag[2] ?? baseTag[3] ?? ''), base) ?? base;
  const out: RelLink[] = [];
  for (const m of withoutComments.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const href = attrs.href;
    if (href === undefined || rels.length === 0) continue;
    const url = resolve(decodeEntities(href), baseUrl);
    if (url) out.push({ url, rels });
  }
  return out;
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s"'=<>/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!(name in out)) out[name] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function firstRel(rel: string, header: RelLink[], html: RelLink[]): string | undefined {
  return header.find((l) => l.rels.includes(rel))?.url ?? html.find((l) => l.rels.includes(rel))?.url;
}

function pageTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = m ? plainText(m[1] ?? '', 120) : '';
  return title || undefined;
}

/** The issuer must be a prefix of the metadata URL, without query or fragment (§3.1). */
function validIssuer(issuer: string, metadataUrl: string): boolean {
  try {
    const u = new URL(issuer);
    const m = new URL(metadataUrl);
    if (u.search || u.hash || issuer.includes('?') || issuer.includes('#')) return false;
    // https is required; plain http only where the metadata itself came over http (a local site).
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && m.protocol === 'http:')) return false;
    return metadataUrl.startsWith(issuer);
  } catch {
    return false;
  }
}

/** Reads the author's page and the IndieAuth server metadata it points to. */
export async function discoverIndieAuth(http: HttpClient, me: string): Promise<IndieAuthEndpoints> {
  const enteredUrl = canonicalProfileUrl(me);
  const host = hostOf(enteredUrl);
  const res = await http.send({
    url: enteredUrl,
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
    redirects: 'any',
  });
  if (res.status === 404 || res.status === 410) {
    throw new PublishError(
      'NOT_FOUND',
      `${host} has no page at ${enteredUrl} (HTTP ${res.status}). Check the address of your site and type it again.`,
      { status: res.status, reason: 'profile-not-found' },
    );
  }
  if (res.status < 200 || res.status >= 300) {
    throw new PublishError(
      res.status >= 500 ? 'SERVER_ERROR' : 'VALIDATION',
      `${host} did not show its home page to Signet (HTTP ${res.status}). Check the address, or try again later.`,
      { status: res.status, reason: 'profile-unreadable' },
    );
  }
  const profileUrl = res.url || enteredUrl;
  const header = parseLinkHeader(res.headers.get('link'), profileUrl);
  const html = isHtml(res) ? htmlLinks(res.text, profileUrl) : [];
  const micropub = firstRel('micropub', header, html);
  const siteName = (isHtml(res) ? pageTitle(res.text) : undefined) ?? hostOf(profileUrl);
  const seenUrls = [...new Set([enteredUrl, profileUrl])];
  const metadataUrl = firstRel('indieauth-metadata', header, html);

  if (metadataUrl) {
    const meta = await http.send({
      url: metadataUrl,
      headers: { accept: 'application/json' },
      redirects: 'any',
    });
    const data = meta.status === 200 && !isHtml(meta) ? parseJsonLenient(meta.text) : undefined;
    if (!data || typeof data !== 'object') {
      throw new PublishError(
        'BAD_RESPONSE',
        `${host} points to its IndieAuth settings at ${metadataUrl}, but that address did not answer with them ` +
          `(HTTP ${meta.status}). The sign-in software on your site may be misconfigured; check it, then try again.`,
        { status: meta.status, reason: 'metadata-unreadable' },
      );
    }
    const doc = data as Record<string, unknown>;
    const str = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined);
    const issuer = str('issuer');
    const authorizationEndpoint = str('authorization_endpoint');
    const tokenEndpoint = str('token_endpoint');
    if (!issuer || !validIssuer(issuer, metadataUrl)) {
      throw new PublishError('BAD_RESPONSE', t('error.micropub.badIssuer', { host }), {
        reason: 'bad-issuer',
      });
    }
    if (
      !authorizationEndpoint ||
      !tokenEndpoint ||
      !resolve(authorizationEndpoint, metadataUrl) ||
      !resolve(tokenEndpoint, metadataUrl)
    ) {
      throw badResponse(meta, 'IndieAuth metadata without authorization_endpoint or token_endpoint');
    }
    const methods = doc.code_challenge_methods_supported;
    if (Array.isArray(methods) && !methods.includes('S256')) {
      throw new PublishError('VALIDATION', t('error.micropub.noPkce', { host }), { reason: 'no-pkce-s256' });
    }
    return {
      enteredUrl,
      seenUrls,
      profileUrl,
      metadataUrl,
      issuer,
      authorizationEndpoint: resolve(authorizationEndpoint, metadataUrl) as string,
      tokenEndpoint: resolve(tokenEndpoint, metadataUrl) as string,
      ...(micropub !== undefined && { micropub }),
      siteName,
    };
  }

  const authorizationEndpoint = firstRel('authorization_endpoint', header, html);
  const tokenEndpoint = firstRel('token_endpoint', header, html);
  if (!authorizationEndpoint || !tokenEndpoint) {
    throw new PublishError(
      'VALIDATION',
      `${host} does not say where to sign in: its page has no IndieAuth links (indieauth-metadata, or ` +
        'authorization_endpoint and token_endpoint). Add IndieAuth to your site (for WordPress: the IndieAuth ' +
        'plugin), or check that you typed your own site’s address.',
      { reason: 'no-indieauth' },
    );
  }
  return {
    enteredUrl,
    seenUrls,
    profileUrl,
    authorizationEndpoint,
    tokenEndpoint,
    ...(micropub !== undefined && { micropub }),
    siteName,
  };
}
