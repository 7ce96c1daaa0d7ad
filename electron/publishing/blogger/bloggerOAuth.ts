/**
 * Google OAuth 2.0 for an installed app (RFC 8252), with the author's own OAuth client: the
 * system browser opens Google's consent page, Google comes back to a one-shot listener on
 * 127.0.0.1 with a code, and the code plus the PKCE (S256) verifier buy an access token and a
 * refresh token. oauth4webapi does PKCE, the checks of the answer, the code exchange and the
 * refresh; plain http is allowed only for endpoints on 127.0.0.1 (the fake in tests).
 *
 * The refresh token (and the client secret) go to the vault; access tokens stay in memory
 * (`GoogleTokens`), refreshed a minute before they expire and once more after a 401.
 */
import * as oauth from 'oauth4webapi';
import { DEFAULT_TIMEOUT_MS, type FetchPort } from '../http/HttpClient';
import { publishErrorFromNetworkFailure } from '../http/networkError';
import { PublishError } from '../http/PublishError';
import { openLoopbackRedirect } from '../oauth/loopbackRedirect';
import { tokenEndpointError, tokenEndpointUnavailable } from './bloggerErrors';
import { BLOGGER_SCOPE, isLoopbackHttp, type BloggerEndpoints } from './bloggerText';
import { t } from '../../contract/i18n';

export interface GoogleClientConfig {
  clientId: string;
  /** Google gives Desktop app clients a secret (not a real secret, but the token endpoint wants it). */
  clientSecret?: string | undefined;
  endpoints: BloggerEndpoints;
  fetch: FetchPort;
  timeoutMs?: number | undefined;
  clock: () => Date;
}

export interface GoogleTokenSet {
  accessToken: string;
  /** ms since epoch (by the config's clock). */
  expiresAt: number;
  refreshToken: string;
}

/** An access token is renewed this long before Google says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

function authServer(endpoints: BloggerEndpoints): oauth.AuthorizationServer {
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorizationEndpoint,
    token_endpoint: endpoints.tokenEndpoint,
  };
}

function clientAuth(config: GoogleClientConfig): oauth.ClientAuth {
  return config.clientSecret ? oauth.ClientSecretPost(config.clientSecret) : oauth.None();
}

function requestOptions(config: GoogleClientConfig): oauth.TokenEndpointRequestOptions {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    signal: () => AbortSignal.timeout(timeoutMs),
    [oauth.customFetch]: (url, init) => config.fetch(url, init as RequestInit),
    // Only a token endpoint on 127.0.0.1 may be plain http (isLoopbackHttp throws for others).
    [oauth.allowInsecureRequests]: isLoopbackHttp(config.endpoints.tokenEndpoint),
  };
}

/** Sends one token request; a missing answer becomes OFFLINE/TIMEOUT/TLS, 429/5xx a retryable error. */
async function tokenRequest(
  config: GoogleClientConfig,
  send: (options: oauth.TokenEndpointRequestOptions) => Promise<Response>,
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
): Promise<oauth.TokenEndpointResponse> {
  let response: Response;
  try {
    response = await send(requestOptions(config));
  } catch (error) {
    if (error instanceof PublishError) throw error;
    const mapped = publishErrorFromNetworkFailure(error, {
      url: config.endpoints.tokenEndpoint,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    throw mapped ?? error;
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel().catch(() => {});
    throw tokenEndpointUnavailable(response);
  }
  try {
    return await process(response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      throw tokenEndpointError(error.error, error.error_description, error.status);
    }
    throw new PublishError('BAD_RESPONSE', t('error.blogger.tokenUnreadable'), {
      status: response.status,
      reason: 'token-response',
      retryable: true,
    });
  }
}

/** Trades a refresh token for a new access token. `invalid_grant` → AUTH_FAILED "sign in again". */
export async function refreshAccessToken(
  config: GoogleClientConfig,
  refreshToken: string,
): Promise<{ accessToken: string; expiresAt: number; refreshToken?: string }> {
  const as = authServer(config.endpoints);
  const client: oauth.Client = { client_id: config.clientId };
  const tokens = await tokenRequest(
    config,
    (options) => oauth.refreshTokenGrantRequest(as, client, clientAuth(config), refreshToken, options),
    (response) => oauth.processRefreshTokenResponse(as, client, response),
  );
  return {
    accessToken: tokens.access_token,
    expiresAt: config.clock().getTime() + (tokens.expires_in ?? 3600) * 1000,
    ...(tokens.refresh_token && { refreshToken: tokens.refresh_token }),
  };
}

/**
 * Signs in through the system browser: opens Google's consent page with `openExternal` and waits
 * for Google to come back to the loopback listener (up to `timeoutMs`, default 10 minutes).
 */
export async function signInWithBrowser(
  config: GoogleClientConfig,
  openExternal: (url: string) => Promise<void>,
  options: { timeoutMs?: number } = {},
): Promise<GoogleTokenSet> {
  const clientId = config.clientId.trim();
  if (!clientId) {
    throw new PublishError('VALIDATION', t('error.blogger.noClientId'), { reason: 'no-client-id' });
  }
  isLoopbackHttp(config.endpoints.authorizationEndpoint); // refuses a plain-http endpoint elsewhere
  const as = authServer(config.endpoints);
  const client: oauth.Client = { client_id: clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const state = oauth.generateRandomState();
  const redirect = await openLoopbackRedirect({
    state,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  try {
    const url = new URL(config.endpoints.authorizationEndpoint);
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('redirect_uri', redirect.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', BLOGGER_SCOPE);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', challenge);
    url.searchParams.set('code_challenge_method', 'S256');
    // A refresh token is what Signet keeps; `prompt=consent` makes Google issue one on every sign-in.
    url.searchParams.set('access_type', 'offline');
    url.searchParams.set('prompt', 'consent');
    try {
      await openExternal(url.toString());
    } catch (error) {
      throw new PublishError('VALIDATION', t('error.blogger.noBrowser'), {
        reason: 'open-browser',
        cause: error,
      });
    }
    const callback = await redirect.callback;
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(as, { ...client, client_id: clientId }, callback, state);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) {
        if (error.error === 'access_denied') {
          throw new PublishError('AUTH_FAILED', t('error.blogger.denied'), {
            reason: 'access_denied',
            retryable: false,
          });
        }
        throw tokenEndpointError(error.error, error.error_description, 400);
      }
      throw new PublishError('AUTH_FAILED', t('error.blogger.stateMismatch'), {
        reason: 'bad-authorization-response',
        retryable: false,
      });
    }
    const tokens = await tokenRequest(
      config,
      (opts) =>
        oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth(config),
          params,
          redirect.redirectUri,
          verifier,
          opts,
        ),
      (response) => oauth.processAuthorizationCodeResponse(as, client, response),
    );
    if (!tokens.refresh_token) {
      throw new PublishError('AUTH_FAILED', t('error.blogger.noRefreshToken'), {
        reason: 'no-refresh-token',
        retryable: false,
      });
    }
    return {
      accessToken: tokens.access_token,
      expiresAt: config.clock().getTime() + (tokens.expires_in ?? 3600) * 1000,
      refreshToken: tokens.refresh_token,
    };
  } finally {
    redirect.close();
  }
}

/**
 * The access token of one sign-in, kept in memory: handed out while it is good for another
 * minute, renewed (once, however many callers wait) when it is not, and dropped after a 401.
 */
export class GoogleTokens {
  private access: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private refreshToken: string;

  constructor(
    private readonly config: GoogleClientConfig,
    refreshToken: string,
    initial?: { accessToken: string; expiresAt: number },
  ) {
    this.refreshToken = refreshToken;
    if (initial) this.access = { token: initial.accessToken, expiresAt: initial.expiresAt };
  }

  async accessToken(): Promise<string> {
    const now = this.config.clock().getTime();
    if (this.access && this.access.expiresAt - EXPIRY_MARGIN_MS > now) return this.access.token;
    return this.renew();
  }

  /** The token was refused (401): the next `accessToken()` fetches a new one. */
  invalidate(token: string): void {
    if (this.access?.token === token) this.access = undefined;
  }

  private renew(): Promise<string> {
    this.pending ??= (async () => {
      try {
        const next = await refreshAccessToken(this.config, this.refreshToken);
        // Google may (rarely) rotate the refresh token; the new one is used from now on.
        if (next.refreshToken) this.refreshToken = next.refreshToken;
        this.access = { token: next.accessToken, expiresAt: next.expiresAt };
        return next.accessToken;
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }
}
