/**
 * Blogger's and Google's answers as PublishErrors whose message says what happened and what to
 * do. Google's API errors are `{"error":{"code","message","errors":[{"reason"}],"status"}}`;
 * its token endpoint answers OAuth errors (`invalid_grant`, `invalid_client`).
 */
import { parseJsonLenient, plainText, retryAfterMs, type HttpResponse } from '../http/HttpClient';
import { PublishError, type ConflictDetails } from '../http/PublishError';

const RATE_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
  'RATE_LIMIT_EXCEEDED',
]);

export interface GoogleError {
  code?: number;
  message?: string;
  reason?: string;
  status?: string;
}

/** The error object of a Google API answer, when there is one. */
export function googleErrorOf(res: Pick<HttpResponse, 'text'>): GoogleError {
  const data = parseJsonLenient(res.text) as
    | {
        error?: { code?: unknown; message?: unknown; status?: unknown; errors?: Array<{ reason?: unknown }> };
      }
    | undefined;
  const e = data && typeof data === 'object' ? data.error : undefined;
  if (!e || typeof e !== 'object') return {};
  const reason = Array.isArray(e.errors) ? e.errors[0]?.reason : undefined;
  return {
    ...(typeof e.code === 'number' && { code: e.code }),
    ...(typeof e.message === 'string' && { message: plainText(e.message) }),
    ...(typeof reason === 'string' && { reason }),
    ...(typeof e.status === 'string' && { status: e.status }),
  };
}

function quoted(sentence: string, words?: string): string {
  if (!words) return sentence;
  return `${sentence.replace(/\.$/, '')}: “${words.replace(/[.\s]+$/, '')}”.`;
}

/** Signing in again is the only cure (the refresh token was revoked or expired). */
export function signInAgain(reason: string, status?: number): PublishError {
  return new PublishError(
    'AUTH_FAILED',
    'Google no longer accepts Signet’s sign-in for this Blogger account (the access was removed or has expired). ' +
      'Sign in to Blogger again under Accounts.',
    { reason, retryable: false, ...(status !== undefined && { status }) },
  );
}

/** A Blogger API answer that is not a success (401 is handled by the caller first: it refreshes). */
export function bloggerApiError(res: HttpResponse, what = 'what Signet asked for'): PublishError {
  const g = googleErrorOf(res);
  const s = res.status;
  const base = { status: s, ...(g.reason !== undefined && { reason: g.reason }) };
  if (s === 401) return signInAgain(g.reason ?? 'unauthorized', s);
  if (s === 429 || (s === 403 && g.reason !== undefined && RATE_REASONS.has(g.reason))) {
    const after = retryAfterMs(res.headers);
    const daily = g.reason === 'dailyLimitExceeded' || g.reason === 'quotaExceeded';
    return new PublishError(
      'RATE_LIMITED',
      daily
        ? 'Blogger’s daily limit of requests for your Google OAuth client is used up. Signet will try again later; ' +
            'you can raise the quota in the Google Cloud console.'
        : `Blogger asked Signet to slow down (too many requests). Signet will try again ${
            after === undefined ? 'in a while' : `in ${Math.max(1, Math.round(after / 1000))} seconds`
          }.`,
      { ...base, ...(after !== undefined && { retryAfterMs: after }) },
    );
  }
  if (
    s === 403 &&
    (g.reason === 'insufficientPermissions' || g.status === 'PERMISSION_DENIED') &&
    /scope/i.test(g.message ?? '')
  ) {
    return new PublishError(
      'AUTH_FAILED',
      'Google did not give Signet permission to manage your Blogger blogs. Sign in again and allow Signet to manage them.',
      { ...base, retryable: false },
    );
  }
  if (s === 403) {
    return new PublishError(
      'FORBIDDEN',
      quoted('Blogger did not allow this.', g.message) +
        ' Check that your Google account is still an author or administrator of this blog.',
      base,
    );
  }
  if (s === 404 || s === 410) {
    return new PublishError(
      'NOT_FOUND',
      `Blogger no longer has ${what}: it may have been deleted there. Check the blog; Signet can publish it again as a new copy.`,
      base,
    );
  }
  if (s === 409 || s === 412) {
    return new PublishError(
      'CONFLICT',
      quoted('Blogger refused the change because its copy changed in the meantime.', g.message) +
        ' Compare the two versions, then publish again.',
      base,
    );
  }
  if (s >= 500) {
    const after = retryAfterMs(res.headers);
    return new PublishError(
      'SERVER_ERROR',
      `Blogger had an internal error (HTTP ${s}). Signet will try again; if this goes on, Blogger may be having an outage.`,
      { ...base, uncertain: true, ...(after !== undefined && { retryAfterMs: after }) },
    );
  }
  if (s >= 400) {
    return new PublishError(
      'VALIDATION',
      quoted(`Blogger did not accept the request (HTTP ${s}).`, g.message) +
        ' Change what it names and try again.',
      base,
    );
  }
  return badBloggerResponse(res, `HTTP ${s}`);
}

export function badBloggerResponse(res: Pick<HttpResponse, 'status'>, detail: string): PublishError {
  return new PublishError(
    'BAD_RESPONSE',
    `Blogger sent an answer Signet could not read (${detail}). Signet will try again; if this goes on, Blogger may have changed.`,
    { status: res.status, reason: detail, retryable: true, uncertain: true },
  );
}

export function bloggerConflict(type: 'post' | 'page', conflict: ConflictDetails): PublishError {
  const when = conflict.remoteModifiedGmt.replace('T', ' ').slice(0, 16);
  return new PublishError(
    'CONFLICT',
    `The ${type} “${conflict.remoteTitle || 'Untitled'}” was changed on Blogger (${when} UTC) after Signet last ` +
      'published it. Signet did not overwrite that change: compare the two versions, then publish again to replace it.',
    { reason: 'modified-since', conflict },
  );
}

/** An OAuth error from Google's token endpoint (`invalid_grant`, `invalid_client`, …). */
export function tokenEndpointError(
  error: string,
  description: string | undefined,
  status: number,
): PublishError {
  if (error === 'invalid_grant') return signInAgain('invalid_grant', status);
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return new PublishError(
      'AUTH_FAILED',
      'Google refused Signet’s OAuth client id or secret. Check both in the Google Cloud console (an OAuth client ' +
        'of type “Desktop app”), then sign in to Blogger again.',
      { reason: error, status, retryable: false },
    );
  }
  if (error === 'redirect_uri_mismatch') {
    return new PublishError(
      'AUTH_FAILED',
      'Google refused the sign-in’s return address. The OAuth client must be of type “Desktop app” in the ' +
        'Google Cloud console; create one, then sign in again.',
      { reason: error, status, retryable: false },
    );
  }
  return new PublishError(
    'AUTH_FAILED',
    quoted('Google did not finish the sign-in.', description ?? error) + ' Sign in to Blogger again.',
    { reason: error, status, retryable: false },
  );
}

/** The token endpoint was busy or broken (429 / 5xx): try again later. */
export function tokenEndpointUnavailable(res: Response): PublishError {
  const after = retryAfterMs(res.headers);
  return res.status === 429
    ? new PublishError(
        'RATE_LIMITED',
        'Google’s sign-in service asked Signet to slow down. Signet will try again in a while.',
        { status: 429, reason: 'token-endpoint-429', ...(after !== undefined && { retryAfterMs: after }) },
      )
    : new PublishError(
        'SERVER_ERROR',
        `Google’s sign-in service had an internal error (HTTP ${res.status}). Signet will try again.`,
        {
          status: res.status,
          reason: 'token-endpoint-5xx',
          ...(after !== undefined && { retryAfterMs: after }),
        },
      );
}
