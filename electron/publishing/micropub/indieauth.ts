/**
 * Signing in with IndieAuth (Living Standard 2024-07-11, §5): authorization code with PKCE (S256)
 * in the system browser, back to a one-shot loopback listener (RFC 8252), then the code is
 * exchanged at the token endpoint. Written with our HttpClient rather than oauth4webapi: IndieAuth
 * discovers its server from the author's page (not `.well-known` of an issuer), its token answer
 * carries `me`, and sites on plain http exist; the exchange is a single form POST.
 *
 * Checks, as the spec asks: `state` (the loopback listener takes nothing else), `iss` equal to
 * the metadata's issuer, and the returned `me` — it must be on the host the author typed (or the
 * one that host redirected to), and when it is not a URL seen during discovery, discovering it
 * must lead to the same authorization endpoint (§5.4).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type HttpClient, isHtml, parseJsonLenient, plainText, type HttpResponse } from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';
import { openLoopbackRedirect } from '../oauth/loopbackRedirect';
import { canonicalProfileUrl, discoverIndieAuth, type IndieAuthEndpoints } from './discover';
import { t } from '../../contract/i18n';

/** Signet's IndieAuth client id: a URL that serves Signet's client metadata. */
export const SIGNET_CLIENT_ID = 'https://signet.app/';
/** What Signet asks for: write posts and files, and the author's name. */
export const MICROPUB_SCOPES = ['create', 'update', 'delete', 'media', 'profile'] as const;

/** What the vault keeps for a Micropub account (JSON). */
export interface MicropubTokens {
  accessToken: string;
  refreshToken?: string;
  /** UTC ISO: when the access token stops working, if the server said. */
  expiresAt?: string;
  /** Granted scopes. */
  scope: string[];
}

export interface IndieAuthResult {
  /** The verified profile URL. */
  me: string;
  tokens: MicropubTokens;
  endpoints: IndieAuthEndpoints;
  /** `profile.name` if the server shared it (not authoritative, display only). */
  profileName?: string;
}

export interface IndieAuthSignInOptions {
  http: HttpClient;
  openExternal(url: string): Promise<void>;
  clientId?: string;
  scopes?: readonly string[];
  /** How long the author has to approve in the browser. */
  browserTimeoutMs?: number;
  clock?: () => Date;
}

export function serializeTokens(tokens: MicropubTokens): string {
  return JSON.stringify(tokens);
}

/** The vault's secret: JSON written by `serializeTokens`, or a bare access token (pasted by hand). */
export function parseTokens(secret: string): MicropubTokens {
  const trimmed = secret.trim();
  if (trimmed.startsWith('{')) {
    try {
      const data = JSON.parse(trimmed) as Partial<MicropubTokens>;
      if (typeof data.accessToken === 'string' && data.accessToken) {
        return {
          accessToken: data.accessToken,
          ...(typeof data.refreshToken === 'string' && { refreshToken: data.refreshToken }),
          ...(typeof data.expiresAt === 'string' && { expiresAt: data.expiresAt }),
          scope: Array.isArray(data.scope)
            ? data.scope.filter((s): s is string => typeof s === 'string')
            : [],
        };
      }
    } catch {
      // fall through
    }
    throw new PublishError('AUTH_FAILED', t('error.micropub.secretDamaged'), { reason: 'bad-secret' });
  }
  if (!trimmed) {
    throw new PublishError('AUTH_FAILED', t('error.micropub.noSecret'), {
      reason: 'no-secret',
    });
  }
  return { accessToken: trimmed, scope: [] };
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url'); // 64 chars of [A-Za-z0-9_-]
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return { verifier, challenge };
}

/** `expires_in` seconds → UTC ISO. */
function expiry(expiresIn: unknown, now: Date): string | undefined {
  const n = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
  return typeof n === 'number' && Number.isFinite(n) && n > 0
    ? new Date(now.getTime() + n * 1000).toISOString()
    : undefined;
}

/** A token endpoint's answer: JSON, or form-encoded as some older IndieAuth servers send. */
function tokenBody(res: HttpResponse): Record<string, unknown> | undefined {
  if (res.contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(res.text));
  }
  const data = isHtml(res) ? undefined : parseJsonLenient(res.text);
  return data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

function tokenError(
  res: HttpResponse,
  body: Record<string, unknown> | undefined,
  host: string,
): PublishError {
  const code = typeof body?.error === 'string' ? body.error : undefined;
  const words =
    typeof body?.error_description === 'string' ? plainText(body.error_description, 200) : undefined;
  if (res.status >= 500) {
    return new PublishError(
      'SERVER_ERROR',
      t('error.micropub.tokenServerError', { host, status: res.status }),
      { status: res.status, ...(code !== undefined && { reason: code }) },
    );
  }
  return new PublishError(
    'AUTH_FAILED',
    t('error.micropub.tokenRefused', {
      host,
      code: code ?? `HTTP ${res.status}`,
      ...(words ? { said: 'yes', text: words.replace(/[.\s]+$/, '') } : { said: 'no', text: '' }),
    }),
    { status: res.status, reason: code ?? `http ${res.status}` },
  );
}

/** Reads a token answer into tokens (+ `me`, profile name). */
function readTokenAnswer(
  res: HttpResponse,
  host: string,
  now: Date,
  previous?: MicropubTokens,
): { tokens: MicropubTokens; me?: string; profileName?: string } {
  const body = tokenBody(res);
  if (res.status < 200 || res.status >= 300 || !body) throw tokenError(res, body, host);
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || !accessToken) throw tokenError(res, body, host);
  const tokenType = body.token_type;
  if (typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer') {
    throw new PublishError(
      'BAD_RESPONSE',
      t('error.micropub.tokenType', { host, type: plainText(tokenType, 40) }),
      { reason: 'token-type' },
    );
  }
  const scope =
    typeof body.scope === 'string' ? body.scope.split(/[\s,]+/).filter(Boolean) : (previous?.scope ?? []);
  const expiresAt = expiry(body.expires_in, now);
  const refreshToken =
    typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined;
  const profile = body.profile as { name?: unknown } | undefined;
  return {
    tokens: {
      accessToken,
      ...((refreshToken ?? previous?.refreshToken) !== undefined && {
        refreshToken: refreshToken ?? previous?.refreshToken,
      }),
      ...(expiresAt !== undefined && { expiresAt }),
      scope,
    },
    ...(typeof body.me === 'string' && { me: body.me }),
    ...(typeof profile?.name === 'string' &&
      profile.name.trim() && { profileName: plainText(profile.name, 100) }),
  };
}

function sameHost(a: string, b: string): boolean {
  try {
    return new URL(a).hostname.toLowerCase() === new URL(b).hostname.toLowerCase();
  } catch {
    return false;
  }
}

/** The whole sign-in: discovery, the browser, the code exchange and the checks on `me`. */
export async function signInWithIndieAuth(
  typedMe: string,
  options: IndieAuthSignInOptions,
): Promise<IndieAuthResult> {
  const { http } = options;
  const clientId = options.clientId ?? SIGNET_CLIENT_ID;
  const scopes = options.scopes ?? MICROPUB_SCOPES;
  const clock = options.clock ?? (() => new Date());
  const endpoints = await discoverIndieAuth(http, typedMe);
  const host = hostOf(endpoints.enteredUrl);

  const { verifier, challenge } = pkcePair();
  const state = randomBytes(24).toString('base64url');
  const redirect = await openLoopbackRedirect({
    state,
    ...(options.browserTimeoutMs !== undefined && { timeoutMs: options.browserTimeoutMs }),
  });
  let callback: URL;
  try {
    const authorize = new URL(endpoints.authorizationEndpoint);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirect.redirectUri,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: scopes.join(' '),
      me: endpoints.enteredUrl,
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    await options.openExternal(authorize.toString());
    callback = await redirect.callback;
  } catch (error) {
    redirect.close();
    throw error;
  }

  const q = callback.searchParams;
  const iss = q.get('iss');
  if (endpoints.issuer !== undefined && iss !== endpoints.issuer) {
    // §5.2.1: an answer (even an error) from another issuer is not from the author's server.
    throw new PublishError(
      'AUTH_FAILED',
      t('error.micropub.issuerMismatch', { host, named: iss ? 'yes' : 'no' }),
      { reason: iss ? 'iss-mismatch' : 'iss-missing' },
    );
  }
  const error = q.get('error');
  if (error) {
    if (error === 'access_denied') {
      throw new PublishError('AUTH_FAILED', t('error.micropub.notApproved', { host }), {
        reason: 'access_denied',
      });
    }
    const words = plainText(q.get('error_description') ?? '', 200);
    throw new PublishError(
      'AUTH_FAILED',
      t('error.micropub.signInStopped', {
        host,
        code: plainText(error, 60),
        ...(words ? { said: 'yes', text: words.replace(/[.\s]+$/, '') } : { said: 'no', text: '' }),
      }),
      { reason: plainText(error, 60) },
    );
  }
  const code = q.get('code');
  if (!code) {
    throw new PublishError('BAD_RESPONSE', t('error.micropub.noCode', { host }), { reason: 'no-code' });
  }

  const res = await http.send({
    url: endpoints.tokenEndpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      redirect_uri: redirect.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const answer = readTokenAnswer(res, host, clock());
  if (!answer.me) {
    throw new PublishError('BAD_RESPONSE', t('error.micropub.noMe', { host }), { reason: 'no-me' });
  }
  let me: string;
  try {
    me = canonicalProfileUrl(answer.me);
  } catch {
    throw new PublishError('AUTH_FAILED', t('error.micropub.badMe', { host }), { reason: 'bad-me' });
  }
  await confirmProfile(http, me, endpoints);
  if (!answer.tokens.scope.includes('create')) {
    throw new PublishError(
      'FORBIDDEN',
      t('error.micropub.noCreateScope', {
        host,
        granted: answer.tokens.scope.join(', ') || t('error.micropub.grantedNothing'),
      }),
      { reason: 'insufficient_scope' },
    );
  }
  return {
    me,
    tokens: answer.tokens,
    endpoints,
    ...(answer.profileName !== undefined && { profileName: answer.profileName }),
  };
}

/**
 * §5.4 and the "same domain" rule: the identity the server vouches for must be on the site the
 * author typed (or the host it redirected to), and must itself name this authorization server.
 */
async function confirmProfile(http: HttpClient, me: string, endpoints: IndieAuthEndpoints): Promise<void> {
  const typedHost = hostOf(endpoints.enteredUrl);
  if (!endpoints.seenUrls.some((u) => sameHost(u, me))) {
    throw new PublishError('AUTH_FAILED', t('error.micropub.meOtherDomain', { me, host: typedHost }), {
      reason: 'me-other-domain',
    });
  }
  if (endpoints.seenUrls.includes(me)) return;
  let again: IndieAuthEndpoints;
  try {
    again = await discoverIndieAuth(http, me);
  } catch (error) {
    throw new PublishError(
      'AUTH_FAILED',
      t('error.micropub.meUnconfirmed', {
        me,
        detail: error instanceof Error ? error.message.replace(/\.$/, '') : t('error.micropub.unreadable'),
      }),
      { reason: 'me-unconfirmed' },
    );
  }
  if (again.authorizationEndpoint !== endpoints.authorizationEndpoint) {
    throw new PublishError('AUTH_FAILED', t('error.micropub.meOtherServer', { me }), {
      reason: 'me-other-server',
    });
  }
}

/** A new access token from the refresh token (§5.5); the server may rotate the refresh token. */
export async function refreshTokens(
  http: HttpClient,
  tokenEndpoint: string,
  tokens: MicropubTokens,
  options: { clientId?: string; clock?: () => Date } = {},
): Promise<MicropubTokens> {
  if (!tokens.refreshToken) {
    throw new PublishError('AUTH_FAILED', t('error.micropub.noRefreshToken'), {
      reason: 'no-refresh-token',
    });
  }
  const res = await http.send({
    url: tokenEndpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: options.clientId ?? SIGNET_CLIENT_ID,
    }).toString(),
  });
  const answer = readTokenAnswer(res, hostOf(tokenEndpoint), (options.clock ?? (() => new Date()))(), tokens);
  return answer.tokens;
}
