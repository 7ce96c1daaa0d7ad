/**
 * What Ghost's error answers mean for the author. Ghost answers `{"errors":[{type, message,
 * context, code, details, property}]}`; the codes it uses are in PLATFORMS.md. Whatever is not
 * Ghost-specific (429, 5xx) falls back to the generic HTTP mapping in ../http.
 */
import {
  errorFromResponse,
  isHtml,
  parseJsonLenient,
  plainText,
  type HttpResponse,
} from '../http/HttpClient';
import { PublishError, hostOf, type ConflictDetails } from '../http/PublishError';
import type { PostType } from '../types';
import { t } from '../../contract/i18n';

export interface GhostErrorBody {
  type?: string;
  code?: string;
  message?: string;
  context?: string;
  property?: string;
  details?: unknown;
}

/** The first error of a Ghost error answer, if the answer is one. */
export function ghostErrorBody(
  res: Pick<HttpResponse, 'text' | 'contentType' | 'url' | 'status' | 'headers'>,
): GhostErrorBody | undefined {
  if (isHtml(res as HttpResponse)) return undefined;
  const data = parseJsonLenient(res.text) as { errors?: unknown } | undefined;
  const first = Array.isArray(data?.errors)
    ? (data.errors[0] as Record<string, unknown> | undefined)
    : undefined;
  if (!first || typeof first !== 'object') return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    ...(str(first.type) && { type: str(first.type) }),
    ...(str(first.code) && { code: str(first.code) }),
    ...(str(first.message) && { message: str(first.message) }),
    ...(str(first.context) && { context: str(first.context) }),
    ...(str(first.property) && { property: str(first.property) }),
    ...(first.details !== undefined && first.details !== null && { details: first.details }),
  };
}

/** Ghost's own words for a refused request: its context, else its message, plus schema details. */
export function ghostWords(body: GhostErrorBody | undefined): string | undefined {
  if (!body) return undefined;
  const parts: string[] = [];
  const main = body.context ?? body.message;
  if (main) parts.push(plainText(main, 200).replace(/[.\s]+$/, ''));
  if (Array.isArray(body.details)) {
    for (const d of body.details.slice(0, 3)) {
      if (!d || typeof d !== 'object') continue;
      const detail = d as { message?: unknown; instancePath?: unknown; params?: unknown };
      if (typeof detail.message !== 'string') continue;
      const field = typeof detail.instancePath === 'string' ? detail.instancePath.split('/').pop() : '';
      const allowed = (detail.params as { allowedValues?: unknown } | undefined)?.allowedValues;
      const extra = Array.isArray(allowed) ? ` (${allowed.join(', ')})` : '';
      parts.push(
        plainText(`${field && !/^\d+$/.test(field) ? `${field} ` : ''}${detail.message}${extra}`, 160),
      );
    }
  }
  return parts.length ? parts.join('; ') : undefined;
}

/** What a request was about, for NOT_FOUND messages: from the Admin API path. */
export function whatOf(url: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  if (/\/posts\/[^/]+\/?$/.test(path)) return t('error.ghost.what.post');
  if (/\/pages\/[^/]+\/?$/.test(path)) return t('error.ghost.what.page');
  if (/\/tags\/[^/]+\/?$/.test(path)) return t('error.ghost.what.tag');
  if (/\/newsletters\//.test(path)) return t('error.ghost.what.newsletter');
  return t('error.wordpress.whatAskedFor');
}

/** Ghost's own words for a message's optional “…”. part (`said` is 'yes' when there are any). */
const said = (words?: string): { said: string; text: string } =>
  words ? { said: 'yes', text: words.replace(/[.\s]+$/, '') } : { said: 'no', text: '' };

/** The PublishError for a Ghost Admin API answer that is not a success. */
export function ghostError(res: HttpResponse): PublishError {
  const host = hostOf(res.url);
  const body = ghostErrorBody(res);
  const words = ghostWords(body);
  const reason = body?.code ?? body?.type;
  const base = { status: res.status, ...(reason !== undefined && { reason }) };
  const s = res.status;

  if (s === 401) {
    if (body?.code === 'UNKNOWN_ADMIN_API_KEY') {
      return new PublishError('AUTH_FAILED', t('error.ghost.unknownKey', { host }), base);
    }
    if (body?.code === 'INVALID_JWT' && /expired|iat|maxAge|not active/i.test(body.message ?? '')) {
      return new PublishError('AUTH_FAILED', t('error.ghost.tokenTime', { host }), {
        ...base,
        reason: 'token-time',
      });
    }
    return new PublishError(
      'AUTH_FAILED',
      t('error.ghost.keyRefused', {
        host,
        detail: body?.message ? plainText(body.message, 120) : 'HTTP 401',
      }),
      base,
    );
  }
  if (s === 403 && !body && isHtml(res)) {
    return new PublishError('BLOCKED_BY_FIREWALL', t('error.ghost.firewall', { host }), {
      ...base,
      reason: 'firewall',
    });
  }
  if (s === 403) {
    return new PublishError('FORBIDDEN', t('error.ghost.forbidden', { host, ...said(words) }), base);
  }
  if (s === 404 || s === 410) {
    const what = whatOf(res.url);
    if (what === t('error.wordpress.whatAskedFor') && !body) {
      return new PublishError(
        'NOT_FOUND',
        t('error.ghost.notGhost', { address: `${host}${new URL(res.url).pathname}` }),
        { ...base, reason: 'not-ghost' },
      );
    }
    return new PublishError('NOT_FOUND', t('error.wordpress.notFound', { host, what }), base);
  }
  if (s === 409) {
    return new PublishError('CONFLICT', t('error.ghost.faultConflict', { host, ...said(words) }), base);
  }
  if (s === 413) {
    return new PublishError('VALIDATION', t('error.ghost.tooLarge', { host }), {
      ...base,
      reason: reason ?? 'too-large',
    });
  }
  if (s === 415) {
    return new PublishError('VALIDATION', t('error.ghost.unsupportedMedia', { host, ...said(words) }), {
      ...base,
      reason: reason ?? 'unsupported-media-type',
    });
  }
  if (s >= 400 && s < 500 && s !== 429) {
    return new PublishError('VALIDATION', t('error.ghost.validation', { host, ...said(words) }), base);
  }
  return errorFromResponse(res, {
    api: 'rest',
    ...(words !== undefined && { serverMessage: words }),
    ...(reason !== undefined && { reason }),
  });
}

/** A stale update refused (Ghost's 409 `UPDATE_COLLISION`), with what the server now holds. */
export function conflictError(host: string, type: PostType, conflict: ConflictDetails): PublishError {
  const when = conflict.remoteModifiedGmt.replace('T', ' ').slice(0, 16);
  return new PublishError(
    'CONFLICT',
    t('error.wordpress.conflict', {
      type,
      title: conflict.remoteTitle || t('outbox.notify.untitled'),
      host,
      when,
    }),
    { status: 409, reason: 'UPDATE_COLLISION', conflict },
  );
}
