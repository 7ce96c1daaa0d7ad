/**
 * Blogger's and Google's answers as PublishErrors whose message says what happened and what to
 * do. Google's API errors are `{"error":{"code","message","errors":[{"reason"}],"status"}}`;
 * its token endpoint answers OAuth errors (`invalid_grant`, `invalid_client`).
 */
import { parseJsonLenient, plainText, retryAfterMs, type HttpResponse } from '../http/HttpClient';
import { PublishError, type ConflictDetails } from '../http/PublishError';
import { t } from '../../contract/i18n';

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

/** The server's own words for a message's optional “…” part (`said` is 'yes' when there are any). */
function said(words?: string): { said: string; text: string } {
  return words ? { said: 'yes', text: words.replace(/[.\s]+$/, '') } : { said: 'no', text: '' };
}

/** Signing in again is the only cure (the refresh token was revoked or expired). */
export function signInAgain(reason: string, status?: number): PublishError {
  return new PublishError('AUTH_FAILED', t('error.blogger.signInAgain'), {
    reason,
    retryable: false,
    ...(status !== undefined && { status }),
  });
}

/** A Blogger API answer that is not a success (401 is handled by the caller first: it refreshes). */
export function bloggerApiError(res: HttpResponse, what = t('error.wordpress.whatAskedFor')): PublishError {
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
        ? t('error.blogger.dailyLimit')
        : after === undefined
          ? t('error.blogger.slowDown')
          : t('error.blogger.slowDownFor', { seconds: Math.max(1, Math.round(after / 1000)) }),
      { ...base, ...(after !== undefined && { retryAfterMs: after }) },
    );
  }
  if (
    s === 403 &&
    (g.reason === 'insufficientPermissions' || g.status === 'PERMISSION_DENIED') &&
    /scope/i.test(g.message ?? '')
  ) {
    return new PublishError('AUTH_FAILED', t('error.blogger.noScope'), { ...base, retryable: false });
  }
  if (s === 403) {
    return new PublishError('FORBIDDEN', t('error.blogger.forbidden', said(g.message)), base);
  }
  if (s === 404 || s === 410) {
    return new PublishError('NOT_FOUND', t('error.blogger.notFound', { what }), base);
  }
  if (s === 409 || s === 412) {
    return new PublishError('CONFLICT', t('error.blogger.faultConflict', said(g.message)), base);
  }
  if (s >= 500) {
    const after = retryAfterMs(res.headers);
    return new PublishError('SERVER_ERROR', t('error.blogger.serverError', { status: String(s) }), {
      ...base,
      uncertain: true,
      ...(after !== undefined && { retryAfterMs: after }),
    });
  }
  if (s >= 400) {
    return new PublishError(
      'VALIDATION',
      t('error.blogger.validation', { status: String(s), ...said(g.message) }),
      base,
    );
  }
  return badBloggerResponse(res, `HTTP ${s}`);
}

export function badBloggerResponse(res: Pick<HttpResponse, 'status'>, detail: string): PublishError {
  return new PublishError('BAD_RESPONSE', t('error.blogger.badResponse', { detail }), {
    status: res.status,
    reason: detail,
    retryable: true,
    uncertain: true,
  });
}

export function bloggerConflict(type: 'post' | 'page', conflict: ConflictDetails): PublishError {
  const when = conflict.remoteModifiedGmt.replace('T', ' ').slice(0, 16);
  return new PublishError(
    'CONFLICT',
    t('error.wordpress.conflict', {
      type,
      title: conflict.remoteTitle || t('outbox.notify.untitled'),
      host: 'Blogger',
      when,
    }),
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
    return new PublishError('AUTH_FAILED', t('error.blogger.badClient'), {
      reason: error,
      status,
      retryable: false,
    });
  }
  if (error === 'redirect_uri_mismatch') {
    return new PublishError('AUTH_FAILED', t('error.blogger.badRedirect'), {
      reason: error,
      status,
      retryable: false,
    });
  }
  return new PublishError('AUTH_FAILED', t('error.blogger.signInUnfinished', said(description ?? error)), {
    reason: error,
    status,
    retryable: false,
  });
}

/** The token endpoint was busy or broken (429 / 5xx): try again later. */
export function tokenEndpointUnavailable(res: Response): PublishError {
  const after = retryAfterMs(res.headers);
  return res.status === 429
    ? new PublishError('RATE_LIMITED', t('error.blogger.tokenSlowDown'), {
        status: 429,
        reason: 'token-endpoint-429',
        ...(after !== undefined && { retryAfterMs: after }),
      })
    : new PublishError('SERVER_ERROR', t('error.blogger.tokenServerError', { status: String(res.status) }), {
        status: res.status,
        reason: 'token-endpoint-5xx',
        ...(after !== undefined && { retryAfterMs: after }),
      });
}
