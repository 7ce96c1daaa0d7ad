/**
 * A strict in-process fake of Blogger API v3 and Google's OAuth 2.0 endpoints, on 127.0.0.1 with
 * a port the system picks. Built from Blogger's discovery document (./discovery.ts): every method
 * Signet uses, with Google's answers where a client can go wrong:
 *
 * - OAuth: `/o/oauth2/v2/auth` checks the client, the loopback `redirect_uri`, the scope and PKCE
 *   (S256 only), then redirects back with `code`, `scope`, `state` and `iss` (or
 *   `error=access_denied` when told to deny). `/token` takes `authorization_code` (the client
 *   secret, the same `redirect_uri`, and a `code_verifier` whose S256 hash is the challenge;
 *   a code works once) and `refresh_token`; a refresh token is issued only when the authorization
 *   asked for `access_type=offline`; a revoked one answers `invalid_grant`.
 * - API: a missing, unknown or expired access token → 401 with Google's error JSON; a path with
 *   another method → 404; an unknown query parameter or body field → 400; bad values (booleans,
 *   enums, dates, ids, types) → 400; a post's `status` appears only with `view=ADMIN`, as the
 *   discovery document says. State is kept, so tests read back what was published.
 *
 * Nothing here is fetched from anywhere: blog URLs point back at this server.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  BLOGGER_READONLY_SCOPE,
  BLOGGER_SCOPE,
  GLOBAL_PARAMETERS,
  METHODS,
  PAGE_FIELDS,
  POST_FIELDS,
  type FieldSpec,
  type MethodSpec,
  type ParamSpec,
} from './discovery';

export type PostStatus = 'LIVE' | 'DRAFT' | 'SCHEDULED' | 'SOFT_TRASHED';

export interface FakeEntry {
  kind: 'post' | 'page';
  id: string;
  blogId: string;
  title: string;
  content: string;
  labels: string[];
  status: PostStatus;
  /** ms since epoch. */
  published: number;
  updated: number;
  trashed?: number;
  authorId: string;
  version: number;
  /** Path of the public URL, set when first published. */
  urlPath?: string;
}

export interface FakeBlog {
  id: string;
  name: string;
  description: string;
  /** Owned by the signed-in user (listed by `users/self/blogs`). */
  entries: Map<string, FakeEntry>;
}

export interface FakeBloggerOptions {
  clientId?: string;
  clientSecret?: string;
  /** Blog names; default two blogs. */
  blogs?: string[];
  /** Access token lifetime in seconds (Google: 3599). */
  accessTokenTtlSec?: number;
  /** Offset of the blogs' time zone in minutes, used in the times Blogger writes (default −480, UTC−08:00). */
  blogOffsetMinutes?: number;
}

export interface FaultSpec {
  status: number;
  /** Google's `errors[0].reason` (e.g. `rateLimitExceeded`). */
  reason?: string;
  message?: string;
  retryAfterSec?: number;
  /** How many API requests fail (default 1). */
  count?: number;
  /** Only requests of this method (`blogger.posts.publish`); default any API request. */
  op?: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  /** The method id (`blogger.posts.insert`), `oauth.authorize`, `oauth.token:<grant>`, or `unknown`. */
  op: string;
}

export interface FakeBlogger {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** The API root Signet is configured with: `<url>/` (paths are `v3/...`). */
  readonly apiRoot: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly user: { id: string; displayName: string };
  readonly blogs: FakeBlog[];
  /** Every request, in order. */
  readonly requests: RequestRecord[];
  /** The next authorization is refused by the user (`error=access_denied`). */
  denyNextAuthorization(): void;
  /** Every access token issued so far stops working (as if it expired). */
  expireAccessTokens(): void;
  /** Every refresh token is revoked (the user removed Signet's access). */
  revokeRefreshTokens(): void;
  /** The next API request(s) (not OAuth) fail with this answer. */
  failNext(fault: FaultSpec): void;
  /** Adds a blog the signed-in user owns. */
  addBlog(name: string): FakeBlog;
  /** Changes a post or page as if edited in Blogger's own editor (bumps `updated`). */
  editOnServer(
    blogId: string,
    id: string,
    change: Partial<Pick<FakeEntry, 'title' | 'content' | 'labels'>>,
  ): void;
  /** A blog's entry (post or page), as stored. */
  entry(blogId: string, id: string): FakeEntry | undefined;
  /** Moves the fake's clock on (scheduled posts go live when it passes their time). */
  advanceClock(ms: number): void;
  now(): number;
  close(): Promise<void>;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  offline: boolean;
  expiresAt: number;
}

interface Token {
  clientId: string;
  expiresAt: number;
}

const GOOGLE_AUTH_401 =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid ' +
  'authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const GOOGLE_MISSING_401 =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other ' +
  'valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly extra: { headers?: Record<string, string>; location?: string; locationType?: string } = {},
  ) {
    super(message);
  }
}

const bad = (message: string, reason = 'invalid') => new HttpError(400, message, reason);
const notFound = (message = 'Not Found') => new HttpError(404, message, 'notFound');

function numericId(): string {
  // Blogger ids are 64-bit integers written as decimal strings.
  const n = BigInt(`0x${randomBytes(8).toString('hex')}`) & 0x7fffffffffffffffn;
  return (n < 1000000000000000000n ? n + 1000000000000000000n : n).toString();
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: string, name: string): number {
  const t = Date.parse(value);
  if (!RFC3339.test(value) || Number.isNaN(t)) {
    throw bad(`Invalid value at '${name}': "${value}" is not an RFC 3339 date-time.`);
  }
  return t;
}

export async function startFakeBlogger(options: FakeBloggerOptions = {}): Promise<FakeBlogger> {
  const clientId = options.clientId ?? '1234567890-signettest.apps.googleusercontent.com';
  const clientSecret = options.clientSecret ?? `GOCSPX-${randomBytes(12).toString('base64url')}`;
  const ttlSec = options.accessTokenTtlSec ?? 3599;
  const offsetMin = options.blogOffsetMinutes ?? -480;
  const user = { id: numericId(), displayName: 'Ada Author' };
  const blogs: FakeBlog[] = [];
  const requests: RequestRecord[] = [];
  const codes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, { clientId: string; revoked: boolean }>();
  const faults: FaultSpec[] = [];
  let denyNext = false;
  let skewMs = 0;
  let origin = '';
  const now = () => Date.now() + skewMs;

  function addBlog(name: string): FakeBlog {
    const blog: FakeBlog = { id: numericId(), name, description: '', entries: new Map() };
    blogs.push(blog);
    return blog;
  }
  for (const name of options.blogs ?? ['Field Notes', 'Kitchen Diary']) addBlog(name);

  // ------------------------------------------------------------------ formatting

  /** Blogger writes times in the blog's zone: `2026-11-23T00:10:51-08:00` (updated has ms). */
  function blogTime(ms: number, withMs = false): string {
    const local = new Date(ms + offsetMin * 60_000).toISOString();
    const body = withMs ? local.slice(0, 23) : local.slice(0, 19);
    if (offsetMin === 0) return `${body}Z`;
    const sign = offsetMin < 0 ? '-' : '+';
    const a = Math.abs(offsetMin);
    return `${body}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  }

  function blogUrl(blog: FakeBlog): string {
    return `${origin}/blogs/${blog.id}/`;
  }

  function blogJson(blog: FakeBlog) {
    const posts = [...blog.entries.values()].filter((e) => e.kind === 'post' && e.status === 'LIVE');
    const pages = [...blog.entries.values()].filter((e) => e.kind === 'page' && e.status === 'LIVE');
    return {
      kind: 'blogger#blog',
      id: blog.id,
      name: blog.name,
      description: blog.description,
      published: blogTime(Date.parse('2019-04-01T10:00:00Z')),
      updated: blogTime(now()),
      url: blogUrl(blog),
      selfLink: `${origin}/v3/blogs/${blog.id}`,
      posts: { totalItems: posts.length, selfLink: `${origin}/v3/blogs/${blog.id}/posts` },
      pages: { totalItems: pages.length, selfLink: `${origin}/v3/blogs/${blog.id}/pages` },
      locale: { language: 'en', country: '', variant: '' },
    };
  }

  function etag(e: FakeEntry): string {
    return `"${Buffer.from(`${e.id}:${e.version}`).toString('base64url')}"`;
  }

  function entryJson(e: FakeEntry, blog: FakeBlog, opts: { admin: boolean; body: boolean }) {
    const plural = e.kind === 'post' ? 'posts' : 'pages';
    const out: Record<string, unknown> = {
      kind: `blogger#${e.kind}`,
      id: e.id,
      blog: { id: blog.id },
      published: blogTime(e.published),
      updated: blogTime(e.updated, true),
      selfLink: `${origin}/v3/blogs/${blog.id}/${plural}/${e.id}`,
      title: e.title,
      author: {
        id: user.id,
        displayName: user.displayName,
        url: `${origin}/profile/${user.id}`,
        image: { url: `${origin}/img/avatar.png` },
      },
      etag: etag(e),
    };
    if (e.urlPath) out.url = `${blogUrl(blog).replace(/\/$/, '')}${e.urlPath}`;
    if (opts.body) out.content = e.content;
    if (e.kind === 'post') {
      out.replies = { totalItems: '0', selfLink: `${origin}/v3/blogs/${blog.id}/posts/${e.id}/comments` };
      if (e.labels.length > 0) out.labels = [...e.labels];
    }
    if (e.trashed !== undefined) out.trashed = blogTime(e.trashed);
    // "Status of the post. Only set for admin-level requests." (discovery document)
    if (opts.admin) out.status = e.status;
    return out;
  }

  function slugOf(title: string, id: string): string {
    const words = title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 6)
      .join('-');
    return words || `blog-post_${id.slice(-6)}`;
  }

  function goLive(e: FakeEntry): void {
    if (!e.urlPath) {
      const d = new Date(e.published);
      e.urlPath =
        e.kind === 'post'
          ? `/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slugOf(e.title, e.id)}.html`
          : `/p/${slugOf(e.title, e.id)}.html`;
    }
  }

  /** Scheduled posts whose time has come are live (Blogger's own scheduler). */
  function runScheduler(blog: FakeBlog): void {
    for (const e of blog.entries.values()) {
      if (e.status === 'SCHEDULED' && e.published <= now()) {
        e.status = 'LIVE';
        goLive(e);
      }
    }
  }

  // ------------------------------------------------------------------ validation

  function checkParams(spec: MethodSpec, query: URLSearchParams): void {
    const seen = new Map<string, number>();
    for (const [name, value] of query) {
      const p: ParamSpec | undefined = spec.parameters[name] ?? GLOBAL_PARAMETERS[name];
      if (!p) {
        throw bad(
          `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. ` +
            `Field '${name}' could not be found in request message.`,
        );
      }
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if ((seen.get(name) ?? 0) > 1 && !p.repeated) {
        throw bad(`Invalid JSON payload received. Repeated values for field '${name}'.`);
      }
      if (p.type === 'boolean' && value !== 'true' && value !== 'false') {
        throw bad(`Invalid value at '${name}' (TYPE_BOOL), "${value}"`);
      }
      if (p.type === 'uint32' && !/^\d{1,9}$/.test(value)) {
        throw bad(`Invalid value at '${name}' (TYPE_UINT32), "${value}"`);
      }
      if (p.enum && !p.enum.includes(value)) {
        throw bad(`Invalid value at '${name}' (type.googleapis.com/google.blogger.v3.${name}), "${value}"`);
      }
      if (p.dateTime) parseDateTime(value, name);
    }
    if (query.has('alt') && query.get('alt') !== 'json') throw bad('Only alt=json is supported here.');
  }

  function checkFields(value: unknown, spec: FieldSpec, at: string): void {
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string')
          throw bad(`Invalid value at '${at}' (TYPE_STRING), ${JSON.stringify(value)}`);
        if (spec.enum && !spec.enum.includes(value)) throw bad(`Invalid value at '${at}', "${value}"`);
        return;
      case 'number':
        if (typeof value !== 'number')
          throw bad(`Invalid value at '${at}' (TYPE_DOUBLE), ${JSON.stringify(value)}`);
        return;
      case 'array':
        if (!Array.isArray(value)) throw bad(`Invalid value at '${at}': expected a list.`);
        value.forEach((v, i) => checkFields(v, spec.items, `${at}[${i}]`));
        return;
      case 'object': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw bad(`Invalid value at '${at}': expected an object.`);
        }
        for (const [k, v] of Object.entries(value)) {
          const child = spec.properties[k];
          if (!child) {
            throw bad(`Invalid JSON payload received. Unknown name "${k}" at '${at}': Cannot find field.`);
          }
          checkFields(v, child, `${at}.${k}`);
        }
      }
    }
  }

  function readBody(
    spec: MethodSpec,
    headers: http.IncomingHttpHeaders,
    raw: Buffer,
  ): Record<string, unknown> {
    const type = String(headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type)) {
      throw bad(
        `Invalid JSON payload received. Content-Type "${type}" is not application/json.`,
        'parseError',
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(raw.toString('utf8'));
    } catch {
      throw bad('Invalid JSON payload received. Unexpected token.', 'parseError');
    }
    const fields = spec.request === 'Page' ? PAGE_FIELDS : POST_FIELDS;
    const at = spec.request === 'Page' ? 'page' : 'post';
    checkFields(data, { type: 'object', properties: fields }, at);
    return data as Record<string, unknown>;
  }

  function checkLabels(labels: string[]): string[] {
    const clean: string[] = [];
    for (const l of labels) {
      const t = l.trim();
      if (!t) throw bad('Invalid label: a label cannot be empty.');
      if (t.includes(',')) throw bad(`Invalid label "${t}": labels cannot contain commas.`);
      if (!clean.some((c) => c.toLowerCase() === t.toLowerCase())) clean.push(t);
    }
    // Blogger allows 200 characters of labels per post (names joined with commas).
    if (clean.join(',').length > 200) throw bad('Labels are too long: at most 200 characters per post.');
    return clean;
  }

  // ------------------------------------------------------------------ OAuth

  function isLoopbackRedirect(uri: string): boolean {
    try {
      const u = new URL(uri);
      return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost') && !u.hash;
    } catch {
      return false;
    }
  }

  function authorize(url: URL, res: http.ServerResponse): number {
    const q = url.searchParams;
    const page = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Error</title><p>${text}</p>`);
      return status;
    };
    if (q.get('client_id') !== clientId)
      return page(401, 'Error 401: invalid_client. The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!isLoopbackRedirect(redirectUri)) return page(400, 'Error 400: redirect_uri_mismatch');
    const back = (params: Record<string, string>) => {
      const to = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) to.searchParams.set(k, v);
      res.writeHead(302, { location: to.toString() });
      res.end();
      return 302;
    };
    const state = q.get('state');
    const withState = (p: Record<string, string>) => (state === null ? p : { ...p, state });
    if (q.get('response_type') !== 'code') {
      return back(withState({ error: 'unsupported_response_type' }));
    }
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    const known = new Set([BLOGGER_SCOPE, BLOGGER_READONLY_SCOPE]);
    if (scopes.length === 0 || scopes.some((s) => !known.has(s))) {
      return page(400, 'Error 400: invalid_scope. Some requested scopes were invalid.');
    }
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return page(400, 'Error 400: invalid_request. Signet must send a PKCE S256 code_challenge.');
    }
    const accessType = q.get('access_type');
    if (accessType !== null && accessType !== 'online' && accessType !== 'offline') {
      return page(400, 'Error 400: invalid_request. Invalid access_type.');
    }
    if (denyNext) {
      denyNext = false;
      return back(withState({ error: 'access_denied', iss: origin }));
    }
    const code = `4/${randomBytes(24).toString('base64url')}`;
    codes.set(code, {
      clientId,
      redirectUri,
      challenge,
      scope: scopes.join(' '),
      offline: accessType === 'offline',
      expiresAt: now() + 10 * 60_000,
    });
    return back(withState({ code, scope: scopes.join(' '), iss: origin }));
  }

  function tokenEndpoint(
    req: http.IncomingMessage,
    raw: Buffer,
    res: http.ServerResponse,
  ): { status: number; grant: string } {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
        pragma: 'no-cache',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') {
      send(405, { error: 'invalid_request', error_description: 'Only POST is supported.' });
      return { status: 405, grant: '-' };
    }
    if (!/^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? ''))) {
      send(400, { error: 'invalid_request', error_description: 'Bad Request' });
      return { status: 400, grant: '-' };
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    const grant = form.get('grant_type') ?? '';
    // Client authentication: client_secret_post or client_secret_basic.
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (basic) {
      const [u, p] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    if (id !== clientId) {
      send(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
      return { status: 401, grant };
    }
    if (secret !== clientSecret) {
      send(401, { error: 'invalid_client', error_description: 'Unauthorized' });
      return { status: 401, grant };
    }
    const issueAccess = () => {
      const token = `ya29.${randomBytes(32).toString('base64url')}`;
      accessTokens.set(token, { clientId, expiresAt: now() + ttlSec * 1000 });
      return token;
    };
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const entry = codes.get(code);
      codes.delete(code); // one use only
      if (!entry || entry.expiresAt < now() || entry.clientId !== id) {
        send(400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
        return { status: 400, grant };
      }
      if (form.get('redirect_uri') !== entry.redirectUri) {
        send(400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
        return { status: 400, grant };
      }
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== entry.challenge) {
        send(400, { error: 'invalid_grant', error_description: 'code_verifier or verifier is not needed.' });
        return { status: 400, grant };
      }
      const body: Record<string, unknown> = {
        access_token: issueAccess(),
        expires_in: ttlSec,
        scope: entry.scope,
        token_type: 'Bearer',
      };
      if (entry.offline) {
        const refresh = `1//${randomBytes(32).toString('base64url')}`;
        refreshTokens.set(refresh, { clientId, revoked: false });
        body.refresh_token = refresh;
      }
      send(200, body);
      return { status: 200, grant };
    }
    if (grant === 'refresh_token') {
      const refresh = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!refresh || refresh.revoked || refresh.clientId !== id) {
        send(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        return { status: 400, grant };
      }
      send(200, {
        access_token: issueAccess(),
        expires_in: ttlSec,
        scope: BLOGGER_SCOPE,
        token_type: 'Bearer',
      });
      return { status: 200, grant };
    }
    send(400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant}` });
    return { status: 400, grant };
  }

  // ------------------------------------------------------------------ API

  function route(method: string, path: string): { spec: MethodSpec; params: Record<string, string> } {
    let pathMatched = false;
    for (const spec of METHODS) {
      const names: string[] = [];
      const re = new RegExp(
        `^/${spec.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
          names.push(n);
          return '([^/]+)';
        })}$`,
      );
      const m = re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (spec.httpMethod !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { spec, params };
    }
    // Google's front end answers an unknown method on a known path with 404, like an unknown path.
    throw new HttpError(404, pathMatched ? `Method ${method} is not allowed here.` : 'Not Found', 'notFound');
  }

  function authenticate(req: http.IncomingMessage, query: URLSearchParams): void {
    const header = String(req.headers.authorization ?? '');
    const token =
      /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? query.get('access_token') ?? query.get('oauth_token');
    const www = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' };
    if (!token) {
      throw new HttpError(401, GOOGLE_MISSING_401, 'required', {
        headers: www,
        location: 'Authorization',
        locationType: 'header',
      });
    }
    const t = accessTokens.get(token);
    if (!t || t.expiresAt <= now()) {
      throw new HttpError(401, GOOGLE_AUTH_401, 'authError', {
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        location: 'Authorization',
        locationType: 'header',
      });
    }
  }

  function blogOf(blogId: string): FakeBlog {
    if (!/^\d+$/.test(blogId)) throw bad(`Invalid blog id: ${blogId}`);
    const blog = blogs.find((b) => b.id === blogId);
    if (!blog) throw notFound('Blog not found');
    runScheduler(blog);
    return blog;
  }

  function entryOf(blog: FakeBlog, id: string, kind: 'post' | 'page'): FakeEntry {
    if (!/^\d+$/.test(id)) throw bad(`Invalid ${kind} id: ${id}`);
    const e = blog.entries.get(id);
    if (!e || e.kind !== kind) throw notFound();
    return e;
  }

  function applyBody(e: FakeEntry, body: Record<string, unknown>, replace: boolean): void {
    if (body.id !== undefined && body.id !== e.id)
      throw bad(`The ${e.kind} id in the body does not match the URL.`);
    if (body.blog !== undefined && (body.blog as { id?: string }).id !== e.blogId) {
      throw bad('The blog id in the body does not match the URL.');
    }
    if (replace || body.title !== undefined) e.title = (body.title as string | undefined) ?? '';
    if (replace || body.content !== undefined) e.content = (body.content as string | undefined) ?? '';
    if (e.kind === 'post' && (replace || body.labels !== undefined)) {
      e.labels = checkLabels((body.labels as string[] | undefined) ?? []);
    }
    if (body.published !== undefined) e.published = parseDateTime(body.published as string, 'published');
    e.updated = Math.max(now(), e.updated + 1);
    e.version++;
  }

  function publish(e: FakeEntry, publishDate: string | null): void {
    if (e.status === 'LIVE') throw bad(`This ${e.kind} is already published.`);
    if (e.status === 'SOFT_TRASHED') throw bad(`This ${e.kind} is in the trash.`);
    const at = publishDate === null ? now() : parseDateTime(publishDate, 'publishDate');
    if (publishDate === null && e.status === 'SCHEDULED') e.published = Math.min(e.published, now());
    else e.published = at;
    e.status = e.published > now() ? 'SCHEDULED' : 'LIVE';
    if (e.status === 'LIVE') goLive(e);
    e.updated = Math.max(now(), e.updated + 1);
    e.version++;
  }

  function revert(e: FakeEntry): void {
    if (e.status !== 'LIVE' && e.status !== 'SCHEDULED') {
      throw bad(`Only a published or scheduled ${e.kind} can be reverted to a draft.`);
    }
    e.status = 'DRAFT';
    e.updated = Math.max(now(), e.updated + 1);
    e.version++;
  }

  function list(blog: FakeBlog, kind: 'post' | 'page', q: URLSearchParams) {
    const admin = q.get('view') === 'ADMIN';
    const statuses = q.getAll('status');
    const wanted = statuses.length > 0 ? new Set(statuses) : new Set(['LIVE']);
    const readerView = !q.get('view') || q.get('view') === 'READER';
    if (readerView && [...wanted].some((s) => s !== 'LIVE')) {
      throw new HttpError(
        403,
        "We're sorry, but you don't have permission to access this resource. Use view=ADMIN or AUTHOR.",
        'forbidden',
      );
    }
    let items = [...blog.entries.values()].filter((e) => e.kind === kind && wanted.has(e.status));
    const orderBy = q.get('orderBy') === 'UPDATED' ? 'updated' : 'published';
    if (kind === 'post') {
      const start = q.get('startDate');
      const end = q.get('endDate');
      if (start) items = items.filter((e) => e.published >= parseDateTime(start, 'startDate'));
      if (end) items = items.filter((e) => e.published < parseDateTime(end, 'endDate'));
      const labels = q.get('labels');
      if (labels) {
        const want = labels.split(',').map((l) => l.trim().toLowerCase());
        items = items.filter((e) => e.labels.some((l) => want.includes(l.toLowerCase())));
      }
    }
    const asc = q.get('sortOption') === 'ASCENDING';
    items.sort((a, b) => (asc ? 1 : -1) * (a[orderBy] - b[orderBy] || a.id.localeCompare(b.id)));
    const max = q.has('maxResults') ? Number(q.get('maxResults')) : kind === 'post' ? 10 : 1000;
    if (max < 1 || max > 500) throw bad(`Invalid value at 'maxResults': ${max} (1 to 500).`);
    const token = q.get('pageToken');
    let start = 0;
    if (token) {
      const m = /^off:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!m) throw bad('Invalid page token.');
      start = Number(m[1]);
    }
    const page = items.slice(start, start + max);
    const next =
      start + max < items.length ? Buffer.from(`off:${start + max}`).toString('base64url') : undefined;
    const body = q.get('fetchBodies') !== 'false';
    return {
      kind: kind === 'post' ? 'blogger#postList' : 'blogger#pageList',
      items: page.map((e) => entryJson(e, blog, { admin, body })),
      ...(next && { nextPageToken: next }),
      etag: `"${Buffer.from(`${blog.id}:${items.length}:${now()}`).toString('base64url')}"`,
    };
  }

  function handleApi(
    req: http.IncomingMessage,
    url: URL,
    raw: Buffer,
  ): { op: string; status: number; body?: unknown } {
    const { spec, params } = route(req.method ?? 'GET', url.pathname);
    const op = spec.id;
    authenticate(req, url.searchParams);
    checkParams(spec, url.searchParams);
    const fault = faults.find((f) => f.op === undefined || f.op === spec.id);
    if (fault) {
      fault.count = (fault.count ?? 1) - 1;
      if (fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
      throw new HttpError(
        fault.status,
        fault.message ?? 'Injected failure.',
        fault.reason ?? 'backendError',
        {
          ...(fault.retryAfterSec !== undefined && {
            headers: { 'retry-after': String(fault.retryAfterSec) },
          }),
        },
      );
    }
    const q = url.searchParams;
    const admin = q.get('view') === 'ADMIN';
    const bool = (name: string) => q.get(name) === 'true';
    const body = spec.request ? readBody(spec, req.headers, raw) : undefined;
    if (!spec.request && raw.length > 0 && req.method !== 'GET' && req.method !== 'DELETE') {
      // publish / revert take no body
      throw bad('Invalid JSON payload received. This method takes no request body.');
    }
    const userId = params.userId;
    if (userId !== undefined && userId !== 'self' && userId !== user.id) {
      throw new HttpError(
        403,
        "We're sorry, but you don't have permission to access this resource.",
        'forbidden',
      );
    }
    const kind: 'post' | 'page' = spec.id.startsWith('blogger.pages.') ? 'page' : 'post';
    const itemId = params.postId ?? params.pageId ?? '';
    switch (spec.id) {
      case 'blogger.users.get':
        return {
          op,
          status: 200,
          body: {
            kind: 'blogger#user',
            id: user.id,
            displayName: user.displayName,
            url: `${origin}/profile/${user.id}`,
            selfLink: `${origin}/v3/users/${user.id}`,
            blogs: { selfLink: `${origin}/v3/users/${user.id}/blogs` },
            locale: { language: 'en', country: '', variant: '' },
          },
        };
      case 'blogger.blogs.listByUser':
        return { op, status: 200, body: { kind: 'blogger#blogList', items: blogs.map(blogJson) } };
      case 'blogger.blogs.get':
        return { op, status: 200, body: blogJson(blogOf(params.blogId ?? '')) };
      case 'blogger.posts.list':
      case 'blogger.pages.list':
        return { op, status: 200, body: list(blogOf(params.blogId ?? ''), kind, q) };
      case 'blogger.posts.get':
      case 'blogger.pages.get': {
        const blog = blogOf(params.blogId ?? '');
        const e = entryOf(blog, itemId, kind);
        if (!admin && e.status !== 'LIVE') throw notFound();
        return { op, status: 200, body: entryJson(e, blog, { admin, body: q.get('fetchBody') !== 'false' }) };
      }
      case 'blogger.posts.insert':
      case 'blogger.pages.insert': {
        const blog = blogOf(params.blogId ?? '');
        const b = body ?? {};
        if (b.id !== undefined) throw bad(`A new ${kind} cannot have an id.`);
        const t = now();
        const e: FakeEntry = {
          kind,
          id: numericId(),
          blogId: blog.id,
          title: '',
          content: '',
          labels: [],
          status: 'DRAFT',
          published: t,
          updated: t,
          authorId: user.id,
          version: 0,
        };
        applyBody(e, { ...b, blog: undefined }, true);
        blog.entries.set(e.id, e);
        if (!bool('isDraft')) {
          e.status = e.published > now() ? 'SCHEDULED' : 'LIVE';
          if (e.status === 'LIVE') goLive(e);
        }
        return {
          op,
          status: 200,
          body: entryJson(e, blog, { admin: false, body: q.get('fetchBody') !== 'false' }),
        };
      }
      case 'blogger.posts.update':
      case 'blogger.posts.patch':
      case 'blogger.pages.update':
      case 'blogger.pages.patch': {
        const blog = blogOf(params.blogId ?? '');
        const e = entryOf(blog, itemId, kind);
        if (bool('publish') && bool('revert')) throw bad('publish and revert cannot both be true.');
        applyBody(e, body ?? {}, req.method === 'PUT');
        if (bool('publish')) publish(e, null);
        if (bool('revert')) revert(e);
        return {
          op,
          status: 200,
          body: entryJson(e, blog, { admin: false, body: q.get('fetchBody') !== 'false' }),
        };
      }
      case 'blogger.posts.publish':
      case 'blogger.pages.publish': {
        const blog = blogOf(params.blogId ?? '');
        const e = entryOf(blog, itemId, kind);
        publish(e, q.get('publishDate'));
        return { op, status: 200, body: entryJson(e, blog, { admin: false, body: true }) };
      }
      case 'blogger.posts.revert':
      case 'blogger.pages.revert': {
        const blog = blogOf(params.blogId ?? '');
        const e = entryOf(blog, itemId, kind);
        revert(e);
        return { op, status: 200, body: entryJson(e, blog, { admin: false, body: true }) };
      }
      case 'blogger.posts.delete':
      case 'blogger.pages.delete': {
        const blog = blogOf(params.blogId ?? '');
        const e = entryOf(blog, itemId, kind);
        if (bool('useTrash') && e.status !== 'SOFT_TRASHED') {
          e.status = 'SOFT_TRASHED';
          e.trashed = now();
          e.updated = Math.max(now(), e.updated + 1);
          e.version++;
        } else {
          blog.entries.delete(e.id);
        }
        return { op, status: 204 };
      }
      default:
        throw notFound();
    }
  }

  function sendGoogleError(res: http.ServerResponse, error: HttpError): void {
    const detail: Record<string, string> = { message: error.message, domain: 'global', reason: error.reason };
    if (error.extra.location) detail.location = error.extra.location;
    if (error.extra.locationType) detail.locationType = error.extra.locationType;
    res.writeHead(error.status, {
      'content-type': 'application/json; charset=UTF-8',
      ...error.extra.headers,
    });
    res.end(
      JSON.stringify({
        error: {
          code: error.status,
          message: error.message,
          errors: [detail],
          status: STATUS_NAMES[error.status] ?? 'UNKNOWN',
        },
      }),
    );
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', origin);
      const record = (op: string, status: number) =>
        requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, status, op });
      try {
        if (url.pathname === '/o/oauth2/v2/auth') {
          if (req.method !== 'GET') throw new HttpError(405, 'Method not allowed', 'badRequest');
          record('oauth.authorize', authorize(url, res));
          return;
        }
        if (url.pathname === '/token') {
          const { status, grant } = tokenEndpoint(req, raw, res);
          record(`oauth.token:${grant}`, status);
          return;
        }
        if (url.pathname.startsWith('/v3/')) {
          let op = 'unknown';
          try {
            const out = handleApi(req, url, raw);
            op = out.op;
            if (out.body === undefined) {
              res.writeHead(out.status);
              res.end();
            } else {
              res.writeHead(out.status, { 'content-type': 'application/json; charset=UTF-8' });
              res.end(JSON.stringify(out.body));
            }
            record(op, out.status);
          } catch (error) {
            if (!(error instanceof HttpError)) throw error;
            const matched = METHODS.find(
              (m) =>
                m.httpMethod === req.method &&
                new RegExp(`^/${m.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(url.pathname),
            );
            record(matched?.id ?? op, error.status);
            sendGoogleError(res, error);
          }
          return;
        }
        throw notFound();
      } catch (error) {
        const e = error instanceof HttpError ? error : new HttpError(500, 'Internal error.', 'backendError');
        if (!(error instanceof HttpError)) console.error('fake Blogger failed', error);
        record('unknown', e.status);
        sendGoogleError(res, e);
      }
    });
  });

  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    apiRoot: `${origin}/`,
    authorizationEndpoint: `${origin}/o/oauth2/v2/auth`,
    tokenEndpoint: `${origin}/token`,
    clientId,
    clientSecret,
    user,
    blogs,
    requests,
    denyNextAuthorization: () => {
      denyNext = true;
    },
    expireAccessTokens: () => {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
    revokeRefreshTokens: () => {
      for (const t of refreshTokens.values()) t.revoked = true;
      accessTokens.clear();
    },
    failNext: (fault) => {
      faults.push({ ...fault });
    },
    addBlog,
    editOnServer: (blogId, id, change) => {
      const e = blogs.find((b) => b.id === blogId)?.entries.get(id);
      if (!e) throw new Error(`no entry ${id} in blog ${blogId}`);
      if (change.title !== undefined) e.title = change.title;
      if (change.content !== undefined) e.content = change.content;
      if (change.labels !== undefined) e.labels = [...change.labels];
      e.updated = Math.max(now(), e.updated + 1);
      e.version++;
    },
    entry: (blogId, id) => {
      const blog = blogs.find((b) => b.id === blogId);
      if (blog) runScheduler(blog);
      return blog?.entries.get(id);
    },
    advanceClock: (ms) => {
      skewMs += ms;
    },
    now,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
