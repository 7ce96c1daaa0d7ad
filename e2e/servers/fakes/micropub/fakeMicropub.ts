/**
 * A strict in-process Micropub site with its own IndieAuth server, written from the specs
 * (W3C Micropub, 2017 Recommendation; IndieAuth Living Standard, 2024-07-11) for Signet's tests.
 * One node:http server on 127.0.0.1 plays every role:
 *
 * - `/` — the author's home page (`me`). It advertises the endpoints as the chosen `discovery`
 *   mode says: `indieauth-metadata` in an HTTP `Link` header or an HTML `<link>`, or the legacy
 *   `authorization_endpoint` / `token_endpoint` rels; `micropub` always (header or HTML).
 *   `/www` answers 301 to `/` (a typed URL that redirects).
 * - `/.well-known/oauth-authorization-server` — the IndieAuth server metadata (RFC 8414 shape).
 * - `/auth` — the authorization endpoint: checks the request (response_type=code, client_id and
 *   redirect_uri URLs, state, PKCE S256 challenge) and approves at once with a redirect to the
 *   redirect_uri carrying `code`, `state` and `iss`, or denies (`access_denied`) when switched.
 *   A redirect_uri on another host than the client_id is allowed only on loopback (RFC 8252), as
 *   the spec lets a server show it to the user instead of verifying it.
 * - `/token` — the token endpoint: form-encoded only; the code is single-use and expires in 10
 *   minutes; client_id and redirect_uri must be those of the authorization request; the
 *   code_verifier must hash to the challenge; a code without scope gets no token. Answers
 *   `{access_token, token_type, scope, me, expires_in, refresh_token, profile?}`; refresh tokens
 *   rotate.
 * - `/micropub` — the Micropub endpoint. Bearer token in the header (or `access_token` in a form
 *   body, never both). No token → 401 `unauthorized`; unknown/expired token → 401; a token without
 *   the scope an action needs → 403 `insufficient_scope` (IndieAuth §8.1 / RFC 6750; the Micropub
 *   Recommendation's table says 401 — a client must read the `error` code, not only the status).
 *   Bad JSON, unknown request keys, unknown post properties and bad values → 400
 *   `invalid_request`. Deviation from the spec on purpose: a real server MUST ignore post
 *   properties it does not know; this fake refuses them so a typo in what Signet sends fails a
 *   test instead of vanishing. create → 201 + Location; update (replace/add/delete) → 204, 201
 *   with a new Location when `mp-slug` is replaced; delete/undelete → 204; `q=config`,
 *   `q=syndicate-to`, `q=source&url=` (one post, `properties[]` filter) and `q=source` without url
 *   (the post-list extension: `limit`, `after`, newest first, `{items, paging}`) when enabled.
 * - `/media` — the media endpoint: multipart with exactly one part named `file` → 201 + Location.
 *   Uploaded files and published posts are served back (`/files/…`, `/posts/…`).
 *
 * Everything is kept in memory so tests can read back exactly what was published.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type DiscoveryMode = 'metadata-header' | 'metadata-html' | 'legacy-header' | 'legacy-html';

export interface FakeMicropubOptions {
  /** How the home page advertises the IndieAuth server (default `metadata-header`). */
  discovery?: DiscoveryMode;
  /** Offer a media endpoint in `q=config` (default true). */
  mediaEndpoint?: boolean;
  /** Support `q=source` without `url` (the post-list extension; default true). */
  sourceList?: boolean;
  /** Set `updated` on every update (default true). */
  trackUpdated?: boolean;
  /** The site's title (the home page's <title>). */
  siteName?: string;
  /** The author's name (h-card, and `profile.name` for the `profile` scope). */
  authorName?: string;
}

export interface FakePost {
  url: string;
  type: string[];
  properties: Record<string, unknown[]>;
  deleted: boolean;
  createdAt: string;
}

export interface FakeMedia {
  url: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  /** Whether an Authorization header was sent (its value is never kept). */
  authorized: boolean;
}

export interface FakeMicropub {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The author's profile URL: `http://127.0.0.1:<port>/`. */
  me: string;
  issuer: string;
  micropubEndpoint: string;
  mediaEndpointUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Every post ever created (deleted ones flagged), oldest first. */
  posts(): FakePost[];
  post(url: string): FakePost | undefined;
  media(): FakeMedia[];
  requests: FakeRequest[];
  /** A token made directly (no browser), for publisher tests. */
  issueToken(
    scope: string,
    options?: { expiresInSeconds?: number; withRefresh?: boolean },
  ): {
    accessToken: string;
    refreshToken?: string;
  };
  revokeAllTokens(): void;
  /** The authorization endpoint denies every request while on. */
  setDeny(on: boolean): void;
  /** The token endpoint answers this `me` instead of the real one (a lying or confused server). */
  setTokenMe(me: string | null): void;
  /** The authorization endpoint sends this `iss` instead of its own. */
  setIss(iss: string | null): void;
  /** The next `count` Micropub/media requests answer `status` (e.g. 500, 503) without acting. */
  failNext(status: number, count?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Post properties this site knows (the h-entry vocabulary Signet may send, and a few more). */
const KNOWN_PROPERTIES = new Set([
  'name',
  'content',
  'summary',
  'category',
  'published',
  'updated',
  'post-status',
  'mp-slug',
  'photo',
  'featured',
  'syndication',
  'mp-syndicate-to',
  'visibility',
  'in-reply-to',
  'url',
]);
/** Set by the server; a client may not send them. */
const SERVER_PROPERTIES = new Set(['url', 'updated']);
const SINGLE_STRING = ['name', 'summary', 'mp-slug', 'post-status', 'visibility', 'published', 'featured'];
const SCOPES = ['create', 'update', 'delete', 'media', 'draft', 'profile', 'email', 'undelete'];
const CODE_LIFETIME_MS = 10 * 60_000;

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  issuedAt: number;
}
interface Token {
  scope: Set<string>;
  expiresAt: number | null;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(description);
  }
}

const invalid = (description: string) => new HttpFailure(400, 'invalid_request', description);

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.hash && !u.username && !u.password;
  } catch {
    return false;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === '[::1]' || hostname === 'localhost';
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export async function startFakeMicropub(options: FakeMicropubOptions = {}): Promise<FakeMicropub> {
  const discovery = options.discovery ?? 'metadata-header';
  const withMedia = options.mediaEndpoint ?? true;
  const withList = options.sourceList ?? true;
  const trackUpdated = options.trackUpdated ?? true;
  const siteName = options.siteName ?? 'Fake Micropub Site';
  const authorName = options.authorName ?? 'Ada Author';

  const posts: FakePost[] = [];
  const media: FakeMedia[] = [];
  const codes = new Map<string, AuthCode>();
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, { scope: string; clientId: string }>();
  const requests: FakeRequest[] = [];
  let deny = false;
  let tokenMe: string | null = null;
  let issOverride: string | null = null;
  let failures: { status: number; count: number; headers: Record<string, string> } | null = null;

  let origin = '';
  const me = () => `${origin}/`;
  const issuer = () => `${origin}/`;

  function makeToken(scope: string, expiresInSeconds: number | null, withRefresh: boolean, clientId: string) {
    const accessToken = b64url(randomBytes(24));
    tokens.set(accessToken, {
      scope: new Set(scope.split(/\s+/).filter(Boolean)),
      expiresAt: expiresInSeconds === null ? null : Date.now() + expiresInSeconds * 1000,
    });
    let refreshToken: string | undefined;
    if (withRefresh) {
      refreshToken = b64url(randomBytes(24));
      refreshTokens.set(refreshToken, { scope, clientId });
    }
    return { accessToken, ...(refreshToken !== undefined && { refreshToken }) };
  }

  // ------------------------------------------------------------------ responses

  function sendJson(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }
  function sendFailure(res: http.ServerResponse, f: HttpFailure) {
    const headers: Record<string, string> = { ...f.extra };
    if (f.status === 401) {
      headers['WWW-Authenticate'] =
        f.error === 'unauthorized' && f.description === 'No access token was provided.'
          ? 'Bearer realm="micropub"'
          : `Bearer realm="micropub", error="invalid_token"`;
    }
    if (f.error === 'insufficient_scope') {
      headers['WWW-Authenticate'] = `Bearer realm="micropub", error="insufficient_scope"`;
    }
    sendJson(res, f.status, { error: f.error, error_description: f.description, ...f.extra }, headers);
  }
  function sendHtml(
    res: http.ServerResponse,
    status: number,
    html: string,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
    res.end(html);
  }

  // ------------------------------------------------------------------ home page and metadata

  function homePage(res: http.ServerResponse, head: boolean) {
    const metadata = `${origin}/.well-known/oauth-authorization-server`;
    const links: string[] = [];
    const tags: string[] = [];
    if (discovery === 'metadata-header') links.push(`<${metadata}>; rel="indieauth-metadata"`);
    if (discovery === 'metadata-html')
      tags.push('<link rel="indieauth-metadata" href="/.well-known/oauth-authorization-server">');
    if (discovery === 'legacy-header') {
      links.push(`</auth>; rel="authorization_endpoint"`, `<${origin}/token>; rel="token_endpoint"`);
    }
    if (discovery === 'legacy-html') {
      tags.push(
        '<link rel="authorization_endpoint" href="/auth">',
        '<link href="/token" rel="token_endpoint">',
      );
    }
    // Micropub: in the header for header modes, as an HTML link otherwise.
    if (discovery.endsWith('header')) links.push(`</micropub>; rel="micropub"`);
    else tags.push('<link rel="micropub" href="/micropub">');
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(siteName)}</title>` +
      `<link rel="stylesheet" href="/style.css">${tags.join('')}</head>` +
      `<body><div class="h-card"><a class="u-url p-name" href="/">${escapeHtml(authorName)}</a></div></body></html>`;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      ...(links.length > 0 && { Link: links.join(', ') }),
    });
    res.end(head ? undefined : html);
  }

  function metadataDocument() {
    return {
      issuer: issuer(),
      authorization_endpoint: `${origin}/auth`,
      token_endpoint: `${origin}/token`,
      code_challenge_methods_supported: ['S256'],
      scopes_supported: SCOPES,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      authorization_response_iss_parameter_supported: true,
    };
  }

  // ------------------------------------------------------------------ IndieAuth

  function authorize(url: URL, res: http.ServerResponse) {
    const q = url.searchParams;
    const clientId = q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    // Without a trustworthy client_id and redirect_uri, never redirect (RFC 6749 §4.1.2.1).
    if (!isHttpUrl(clientId) || !new URL(clientId).pathname) {
      sendHtml(res, 400, '<h1>Invalid client_id</h1>');
      return;
    }
    if (!isHttpUrl(redirectUri)) {
      sendHtml(res, 400, '<h1>Invalid redirect_uri</h1>');
      return;
    }
    const client = new URL(clientId);
    const redirect = new URL(redirectUri);
    const sameOrigin = client.protocol === redirect.protocol && client.host === redirect.host;
    if (!sameOrigin && !(redirect.protocol === 'http:' && isLoopbackHost(redirect.hostname))) {
      sendHtml(res, 400, '<h1>This redirect_uri is not registered for this client</h1>');
      return;
    }
    const back = (params: Record<string, string>) => {
      for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
      res.writeHead(302, { Location: redirect.toString() });
      res.end();
    };
    const state = q.get('state');
    const fail = (error: string, description: string) =>
      back({
        error,
        error_description: description,
        ...(state !== null && { state }),
        iss: issOverride ?? issuer(),
      });
    if (q.get('response_type') !== 'code')
      return fail('unsupported_response_type', 'response_type must be code');
    if (!state) return fail('invalid_request', 'state is required');
    const challenge = q.get('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return fail('invalid_request', 'a S256 code_challenge is required');
    if (q.get('code_challenge_method') !== 'S256')
      return fail('invalid_request', 'code_challenge_method must be S256');
    const scope = (q.get('scope') ?? '').trim();
    const unknown = scope.split(/\s+/).filter((s) => s && !SCOPES.includes(s));
    if (unknown.length > 0) return fail('invalid_scope', `unknown scope: ${unknown.join(' ')}`);
    const hint = q.get('me');
    if (hint !== null && !isHttpUrl(hint)) return fail('invalid_request', 'me must be a URL');
    if (deny) return fail('access_denied', 'The user denied the request');
    const code = b64url(randomBytes(24));
    codes.set(code, { clientId, redirectUri, challenge, scope, issuedAt: Date.now() });
    back({ code, state, iss: issOverride ?? issuer() });
  }

  function token(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (req.method !== 'POST') throw new HttpFailure(405, 'invalid_request', 'Use POST.', { Allow: 'POST' });
    if (type !== 'application/x-www-form-urlencoded')
      throw invalid('The token request must be application/x-www-form-urlencoded.');
    const form = new URLSearchParams(body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      for (const name of ['code', 'client_id', 'redirect_uri', 'code_verifier']) {
        if (!form.get(name)) throw invalid(`${name} is required`);
      }
      const codeValue = form.get('code') ?? '';
      const entry = codes.get(codeValue);
      codes.delete(codeValue); // single use, whatever happens next
      const grantError = (d: string) => new HttpFailure(400, 'invalid_grant', d);
      if (!entry) throw grantError('The authorization code is unknown or was already used.');
      if (Date.now() - entry.issuedAt > CODE_LIFETIME_MS) throw grantError('The authorization code expired.');
      if (form.get('client_id') !== entry.clientId)
        throw grantError('client_id does not match the authorization request.');
      if (form.get('redirect_uri') !== entry.redirectUri)
        throw grantError('redirect_uri does not match the authorization request.');
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw invalid('code_verifier is malformed');
      if (b64url(createHash('sha256').update(verifier, 'ascii').digest()) !== entry.challenge)
        throw grantError('code_verifier does not match the code_challenge.');
      if (!entry.scope) throw grantError('This code was issued without a scope: no access token.');
      const made = makeToken(entry.scope, 3600, true, entry.clientId);
      sendJson(res, 200, {
        access_token: made.accessToken,
        token_type: 'Bearer',
        scope: entry.scope,
        me: tokenMe ?? me(),
        expires_in: 3600,
        refresh_token: made.refreshToken,
        ...(entry.scope.split(' ').includes('profile') && { profile: { name: authorName, url: me() } }),
      });
      return;
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const entry = refreshTokens.get(refresh);
      if (!entry || form.get('client_id') !== entry.clientId)
        throw new HttpFailure(400, 'invalid_grant', 'The refresh token is unknown.');
      refreshTokens.delete(refresh); // rotation
      const made = makeToken(entry.scope, 3600, true, entry.clientId);
      sendJson(res, 200, {
        access_token: made.accessToken,
        token_type: 'Bearer',
        scope: entry.scope,
        me: me(),
        expires_in: 3600,
        refresh_token: made.refreshToken,
      });
      return;
    }
    throw new HttpFailure(
      400,
      'unsupported_grant_type',
      'grant_type must be authorization_code or refresh_token',
    );
  }

  // ------------------------------------------------------------------ Micropub

  function bearer(req: http.IncomingMessage, formToken: string | null): Token {
    const header = req.headers.authorization;
    if (header && formToken !== null) throw invalid('Send the access token in one place only.');
    let value = formToken;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw new HttpFailure(401, 'unauthorized', 'The Authorization header must be a Bearer token.');
      value = m[1] ?? null;
    }
    if (!value) throw new HttpFailure(401, 'unauthorized', 'No access token was provided.');
    const t = tokens.get(value);
    if (!t || (t.expiresAt !== null && t.expiresAt < Date.now()))
      throw new HttpFailure(401, 'unauthorized', 'The access token is invalid or expired.');
    return t;
  }

  function need(t: Token, ...anyOf: string[]) {
    if (!anyOf.some((s) => t.scope.has(s)))
      throw new HttpFailure(403, 'insufficient_scope', `This request needs the ${anyOf[0]} scope.`, {
        scope: anyOf[0] ?? '',
      });
  }

  function livePost(url: unknown): FakePost {
    if (typeof url !== 'string' || !url) throw invalid('url is required');
    const post = posts.find((p) => p.url === url);
    if (!post || post.deleted) throw invalid('The post with the requested URL was not found');
    return post;
  }

  function checkValue(name: string, values: unknown, where: string): unknown[] {
    if (!KNOWN_PROPERTIES.has(name)) throw invalid(`Unknown property “${name}” in ${where}.`);
    if (SERVER_PROPERTIES.has(name)) throw invalid(`The property “${name}” is set by the server.`);
    if (!Array.isArray(values)) throw invalid(`The values of “${name}” must be an array.`);
    if (SINGLE_STRING.includes(name)) {
      if (values.length !== 1 || typeof values[0] !== 'string')
        throw invalid(`“${name}” takes exactly one string.`);
    }
    const v0 = values[0] as string;
    if (name === 'post-status' && v0 !== 'published' && v0 !== 'draft')
      throw invalid('post-status must be published or draft.');
    if (name === 'visibility' && !['public', 'unlisted', 'private'].includes(v0))
      throw invalid('visibility must be public, unlisted or private.');
    if (
      name === 'published' &&
      (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(v0) ||
        Number.isNaN(Date.parse(v0)))
    )
      throw invalid('published must be an ISO 8601 date-time with a time zone.');
    if (name === 'mp-slug' && !/^[a-z0-9][a-z0-9-]*$/i.test(v0))
      throw invalid('mp-slug may hold letters, digits and dashes.');
    if (name === 'category') {
      if (!values.every((c) => typeof c === 'string' && c.trim() !== ''))
        throw invalid('category values must be non-empty strings.');
    }
    if (name === 'content') {
      if (values.length !== 1) throw invalid('content takes one value.');
      const c = values[0];
      const ok =
        typeof c === 'string' ||
        (c !== null &&
          typeof c === 'object' &&
          !Array.isArray(c) &&
          Object.keys(c).length > 0 &&
          Object.entries(c).every(([k, v]) => (k === 'html' || k === 'value') && typeof v === 'string'));
      if (!ok) throw invalid('content must be a string or an object with html (and value).');
    }
    if (name === 'photo' || name === 'syndication' || name === 'in-reply-to' || name === 'mp-syndicate-to') {
      for (const p of values) {
        const url = typeof p === 'object' && p !== null ? (p as { value?: unknown }).value : p;
        if (typeof url !== 'string' || !isHttpUrl(url)) throw invalid(`${name} values must be URLs.`);
      }
    }
    if (name === 'featured' && !isHttpUrl(v0)) throw invalid('featured must be a URL.');
    return values;
  }

  function createPost(properties: Record<string, unknown>, type: string, t: Token, res: http.ServerResponse) {
    if (type !== 'h-entry') throw invalid(`This site only creates h-entry posts, not ${type}.`);
    const clean: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(properties))
      clean[name] = checkValue(name, values, 'properties');
    const status = (clean['post-status']?.[0] as string | undefined) ?? 'published';
    if (!t.scope.has('create')) {
      need(t, 'draft');
      if (status !== 'draft')
        throw new HttpFailure(403, 'insufficient_scope', 'This token may only create drafts.', {
          scope: 'create',
        });
    }
    if (!clean.content && !clean.name && !clean.photo)
      throw invalid('A post needs content, a name or a photo.');
    const slugWanted =
      (clean['mp-slug']?.[0] as string | undefined) ?? slugify(String(clean.name?.[0] ?? ''));
    let slug = slugWanted || randomUUID().slice(0, 8);
    for (let n = 2; posts.some((p) => p.url === `${origin}/posts/${slug}`); n++)
      slug = `${slugWanted || 'post'}-${n}`;
    delete clean['mp-slug'];
    const now = new Date().toISOString();
    clean.published ??= [now];
    clean['post-status'] = [status];
    clean.url = [`${origin}/posts/${slug}`];
    const post: FakePost = {
      url: `${origin}/posts/${slug}`,
      type: ['h-entry'],
      properties: clean,
      deleted: false,
      createdAt: now,
    };
    posts.push(post);
    res.writeHead(201, { Location: post.url });
    res.end();
  }

  function updatePost(body: Record<string, unknown>, t: Token, res: http.ServerResponse) {
    need(t, 'update');
    const post = livePost(body.url);
    const { replace, add } = body as { replace?: unknown; add?: unknown };
    const del = body.delete;
    if (replace === undefined && add === undefined && del === undefined)
      throw invalid('An update needs replace, add or delete.');
    const next: Record<string, unknown[]> = structuredClone(post.properties);
    let newSlug: string | undefined;
    const asObject = (v: unknown, what: string) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v))
        throw invalid(`${what} must be an object.`);
      return v as Record<string, unknown>;
    };
    if (replace !== undefined) {
      for (const [name, values] of Object.entries(asObject(replace, 'replace'))) {
        const checked = checkValue(name, values, 'replace');
        if (name === 'mp-slug') newSlug = checked[0] as string;
        else next[name] = checked;
      }
    }
    if (add !== undefined) {
      for (const [name, values] of Object.entries(asObject(add, 'add'))) {
        const checked = checkValue(name, values, 'add');
        if (SINGLE_STRING.includes(name) && next[name])
          throw invalid(`${name} already has a value; use replace.`);
        next[name] = [...(next[name] ?? []), ...checked];
      }
    }
    if (del !== undefined) {
      if (Array.isArray(del)) {
        for (const name of del) {
          if (typeof name !== 'string' || !KNOWN_PROPERTIES.has(name) || SERVER_PROPERTIES.has(name))
            throw invalid(`Cannot delete the property “${String(name)}”.`);
          delete next[name];
        }
      } else {
        for (const [name, values] of Object.entries(asObject(del, 'delete'))) {
          if (!KNOWN_PROPERTIES.has(name) || SERVER_PROPERTIES.has(name))
            throw invalid(`Cannot delete from “${name}”.`);
          if (!Array.isArray(values)) throw invalid(`The values of “${name}” must be an array.`);
          const kept = (next[name] ?? []).filter(
            (v) => !values.some((d) => JSON.stringify(d) === JSON.stringify(v)),
          );
          if (kept.length > 0) next[name] = kept;
          else delete next[name];
        }
      }
    }
    if (!next.content && !next.name && !next.photo) throw invalid('A post needs content, a name or a photo.');
    if (trackUpdated) next.updated = [new Date().toISOString()];
    post.properties = next;
    if (newSlug !== undefined && `${origin}/posts/${newSlug}` !== post.url) {
      const url = `${origin}/posts/${newSlug}`;
      if (posts.some((p) => p.url === url)) throw invalid('Another post already has that slug.');
      post.url = url;
      post.properties.url = [url];
      res.writeHead(201, { Location: url });
      res.end();
      return;
    }
    res.writeHead(204);
    res.end();
  }

  function source(post: FakePost, wanted: string[]) {
    if (wanted.length === 0) return { type: post.type, properties: post.properties };
    const properties: Record<string, unknown[]> = {};
    for (const name of wanted) if (post.properties[name]) properties[name] = post.properties[name];
    return { properties };
  }

  function micropubGet(url: URL, t: Token, res: http.ServerResponse) {
    const q = url.searchParams.get('q');
    if (q === 'config') {
      sendJson(res, 200, {
        ...(withMedia && { 'media-endpoint': `${origin}/media` }),
        'syndicate-to': [],
        'post-types': [
          { type: 'note', name: 'Note' },
          { type: 'article', name: 'Article' },
          { type: 'photo', name: 'Photo' },
        ],
        q: ['config', 'syndicate-to', 'source'],
      });
      return;
    }
    if (q === 'syndicate-to') {
      sendJson(res, 200, { 'syndicate-to': [] });
      return;
    }
    if (q === 'source') {
      const wanted = [...url.searchParams.getAll('properties[]'), ...url.searchParams.getAll('properties')];
      const postUrl = url.searchParams.get('url');
      if (postUrl !== null) {
        sendJson(res, 200, source(livePost(postUrl), wanted));
        return;
      }
      if (!withList) throw invalid('url is required');
      const limitRaw = url.searchParams.get('limit') ?? '10';
      if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > 100)
        throw invalid('limit must be a number from 1 to 100.');
      const limit = Number(limitRaw);
      for (const k of url.searchParams.keys()) {
        if (!['q', 'limit', 'after', 'properties[]', 'properties', 'post-type'].includes(k))
          throw invalid(`Unknown parameter ${k}.`);
      }
      const live = posts.filter((p) => !p.deleted).reverse();
      const after = url.searchParams.get('after');
      let start = 0;
      if (after !== null) {
        if (!/^\d+$/.test(after) || Number(after) > live.length)
          throw invalid('after is not a cursor this site gave.');
        start = Number(after);
      }
      const page = live.slice(start, start + limit);
      sendJson(res, 200, {
        items: page.map((p) => source(p, wanted)),
        ...(start + limit < live.length && { paging: { after: String(start + limit) } }),
      });
      return;
    }
    throw invalid(q === null ? 'q is required' : `Unknown query ${q}.`);
  }

  function micropubPost(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/json') {
      const t = bearer(req, null);
      let data: unknown;
      try {
        data = JSON.parse(body.toString('utf8'));
      } catch {
        throw invalid('The body is not valid JSON.');
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data))
        throw invalid('The body must be a JSON object.');
      const obj = data as Record<string, unknown>;
      if ('action' in obj) {
        const allowed =
          obj.action === 'update' ? ['action', 'url', 'replace', 'add', 'delete'] : ['action', 'url'];
        for (const k of Object.keys(obj))
          if (!allowed.includes(k)) throw invalid(`Unknown key “${k}” for this action.`);
        if (obj.action === 'update') return updatePost(obj, t, res);
        if (obj.action === 'delete' || obj.action === 'undelete') {
          need(t, obj.action, 'delete');
          const url = obj.url;
          if (typeof url !== 'string') throw invalid('url is required');
          const post = posts.find((p) => p.url === url);
          if (!post || post.deleted === (obj.action === 'delete'))
            throw invalid('The post with the requested URL was not found');
          post.deleted = obj.action === 'delete';
          res.writeHead(204);
          res.end();
          return;
        }
        throw invalid(`Unknown action ${String(obj.action)}.`);
      }
      for (const k of Object.keys(obj))
        if (k !== 'type' && k !== 'properties') throw invalid(`Unknown key “${k}”.`);
      if (!Array.isArray(obj.type) || obj.type.length !== 1 || typeof obj.type[0] !== 'string')
        throw invalid('type must be an array with one type, e.g. ["h-entry"].');
      const props = obj.properties;
      if (props === null || typeof props !== 'object' || Array.isArray(props))
        throw invalid('properties must be an object.');
      return createPost(props as Record<string, unknown>, obj.type[0], t, res);
    }
    if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(body.toString('utf8'));
      const t = bearer(req, form.get('access_token'));
      const action = form.get('action');
      if (action === 'delete' || action === 'undelete') {
        return micropubPostJsonLike({ action, url: form.get('url') }, t, res);
      }
      if (action !== null)
        throw invalid('Only delete and undelete may be form-encoded; send updates as JSON.');
      const h = form.get('h') ?? 'entry';
      const properties: Record<string, unknown[]> = {};
      for (const [k, v] of form) {
        if (k === 'h' || k === 'access_token') continue;
        const name = k.endsWith('[]') ? k.slice(0, -2) : k;
        (properties[name] ??= []).push(v);
      }
      return createPost(properties, `h-${h}`, t, res);
    }
    throw invalid('Send application/json or application/x-www-form-urlencoded.');
  }

  function micropubPostJsonLike(
    obj: { action: string; url: string | null },
    t: Token,
    res: http.ServerResponse,
  ) {
    need(t, obj.action, 'delete');
    const post = posts.find((p) => p.url === obj.url);
    if (!post || post.deleted === (obj.action === 'delete'))
      throw invalid('The post with the requested URL was not found');
    post.deleted = obj.action === 'delete';
    res.writeHead(204);
    res.end();
  }

  async function mediaUpload(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const t = bearer(req, null);
    need(t, 'media', 'create');
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data;\s*boundary=/i.test(contentType))
      throw invalid('Upload the file as multipart/form-data.');
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': contentType },
      }).formData();
    } catch {
      throw invalid('The multipart body could not be read.');
    }
    const names = [...form.keys()];
    if (names.length !== 1 || names[0] !== 'file') throw invalid('Send exactly one part, named file.');
    const file = form.get('file');
    if (!(file instanceof Blob) || !('name' in file)) throw invalid('The file part must be a file.');
    const bytes = Buffer.from(await file.arrayBuffer());
    if (bytes.length === 0) throw invalid('The file is empty.');
    const fileName = (file as File).name || 'upload';
    const url = `${origin}/files/${randomUUID()}/${encodeURIComponent(fileName)}`;
    media.push({ url, fileName, mimeType: file.type || 'application/octet-stream', bytes });
    res.writeHead(201, { Location: url });
    res.end();
  }

  // ------------------------------------------------------------------ router

  async function route(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/' && (method === 'GET' || method === 'HEAD')) return homePage(res, method === 'HEAD');
    if (path === '/www') {
      res.writeHead(301, { Location: `${origin}/` });
      res.end();
      return;
    }
    if (path === '/.well-known/oauth-authorization-server' && method === 'GET') {
      if (discovery.startsWith('legacy')) return sendHtml(res, 404, 'Not found');
      return sendJson(res, 200, metadataDocument());
    }
    if (path === '/auth' && method === 'GET') return authorize(url, res);
    if (path === '/token') return token(req, body, res);
    if (path === '/micropub' || path === '/media') {
      if (failures && failures.count > 0) {
        failures.count--;
        const f = failures;
        if (failures.count === 0) failures = null;
        return sendJson(
          res,
          f.status,
          { error: 'server_error', error_description: 'The fake was told to fail.' },
          f.headers,
        );
      }
      if (path === '/media') {
        if (method !== 'POST') throw new HttpFailure(405, 'invalid_request', 'Use POST.', { Allow: 'POST' });
        return mediaUpload(req, body, res);
      }
      if (method === 'GET') return micropubGet(url, bearer(req, null), res);
      if (method === 'POST') return micropubPost(req, body, res);
      throw new HttpFailure(405, 'invalid_request', 'Use GET or POST.', { Allow: 'GET, POST' });
    }
    if (path.startsWith('/posts/') && method === 'GET') {
      const post = posts.find((p) => p.url === `${origin}${path}`);
      if (!post) return sendHtml(res, 404, 'Not found');
      if (post.deleted) return sendHtml(res, 410, 'Gone');
      const content = post.properties.content?.[0];
      const html =
        typeof content === 'string' ? escapeHtml(content) : ((content as { html?: string })?.html ?? '');
      return sendHtml(
        res,
        200,
        `<!doctype html><article class="h-entry"><h1 class="p-name">${escapeHtml(String(post.properties.name?.[0] ?? ''))}</h1><div class="e-content">${html}</div></article>`,
      );
    }
    if (path.startsWith('/files/') && method === 'GET') {
      const file = media.find((m) => m.url === `${origin}${path}`);
      if (!file) return sendHtml(res, 404, 'Not found');
      res.writeHead(200, { 'Content-Type': file.mimeType, 'Content-Length': file.bytes.length });
      res.end(file.bytes);
      return;
    }
    sendHtml(res, 404, 'Not found');
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.on('finish', () =>
        requests.push({
          method: req.method ?? '',
          path,
          status: res.statusCode,
          authorized: !!req.headers.authorization,
        }),
      );
      route(req, body, res).catch((error: unknown) => {
        if (error instanceof HttpFailure) sendFailure(res, error);
        else {
          sendJson(res, 500, { error: 'server_error', error_description: String(error) });
        }
      });
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    me: me(),
    issuer: issuer(),
    micropubEndpoint: `${origin}/micropub`,
    mediaEndpointUrl: `${origin}/media`,
    authorizationEndpoint: `${origin}/auth`,
    tokenEndpoint: `${origin}/token`,
    posts: () => posts.map((p) => structuredClone(p)),
    post: (url) => {
      const p = posts.find((x) => x.url === url);
      return p ? structuredClone(p) : undefined;
    },
    media: () => [...media],
    requests,
    issueToken: (scope, opts = {}) =>
      makeToken(scope, opts.expiresInSeconds ?? null, opts.withRefresh ?? false, 'https://signet.app/'),
    revokeAllTokens: () => tokens.clear(),
    setDeny: (on) => {
      deny = on;
    },
    setTokenMe: (value) => {
      tokenMe = value;
    },
    setIss: (value) => {
      issOverride = value;
    },
    failNext: (status, count = 1, headers = {}) => {
      failures = { status, count, headers };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
