/**
 * What WordPress's own error answers mean for the author: REST `{code, message, data}` bodies and
 * XML-RPC faults (which arrive as HTTP 200). Everything else falls back to the generic HTTP
 * mapping in ../http.
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
import type { XmlRpcFault } from '../http/xmlrpc';
import { t } from '../../contract/i18n';

export interface WordPressErrorContext {
  /** "the post", "the image": what a NOT_FOUND is about. */
  what?: string;
  /** Discovery saw no Application Passwords on the site. */
  applicationPasswordsOff?: boolean;
}

interface WpRestErrorBody {
  code?: unknown;
  message?: unknown;
  data?: { status?: unknown; params?: unknown; details?: unknown } | null;
}

/** The server's own words for a message's optional “…” part (`said` is 'yes' when there are any). */
function said(text: string | undefined): { said: string; text: string } {
  return text ? { said: 'yes', text: text.replace(/\.$/, '') } : { said: 'no', text: '' };
}

export function appPasswordsDisabled(host: string, reason: string, status?: number): PublishError {
  return new PublishError('APP_PASSWORDS_DISABLED', t('error.wordpress.appPasswordsOff', { host }), {
    reason,
    ...(status !== undefined && { status }),
  });
}

/** The PublishError for a REST answer that is not a success. */
export function restError(res: HttpResponse, ctx: WordPressErrorContext = {}): PublishError {
  const host = hostOf(res.url);
  const body = (isHtml(res) ? undefined : parseJsonLenient(res.text)) as WpRestErrorBody | undefined;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const rawMessage = typeof body?.message === 'string' ? plainText(body.message) : undefined;
  const params =
    body?.data?.params && typeof body.data.params === 'object'
      ? Object.values(body.data.params as Record<string, unknown>)
          .filter((v): v is string => typeof v === 'string')
          .map((v) => plainText(v))
      : [];
  const serverMessage = [rawMessage, ...params].filter(Boolean).join(' ') || undefined;
  const generic = (extra: { what?: string } = {}) =>
    errorFromResponse(res, {
      api: 'rest',
      ...(serverMessage !== undefined && { serverMessage }),
      ...(code !== undefined && { reason: code }),
      ...((extra.what ?? ctx.what) !== undefined && { what: extra.what ?? ctx.what }),
    });

  if (res.status === 401 && ctx.applicationPasswordsOff)
    return appPasswordsDisabled(host, code ?? 'http 401', 401);
  if (code === 'rest_no_route') {
    return new PublishError(
      'NOT_FOUND',
      t('error.wordpress.noRoute', { host, detail: rawMessage ?? 'no route' }),
      { status: res.status, reason: code },
    );
  }
  if (code === 'rest_trash_not_supported') {
    return new PublishError('VALIDATION', t('error.wordpress.noTrash', { host }), {
      status: res.status,
      reason: code,
    });
  }
  if (
    code === 'rest_upload_unknown_error' ||
    code === 'rest_upload_sideload_error' ||
    code === 'rest_upload_no_data'
  ) {
    return new PublishError('VALIDATION', t('error.wordpress.uploadRefused', { host, ...said(rawMessage) }), {
      status: res.status,
      reason: code,
    });
  }
  return generic();
}

const FAULT_MESSAGES: Array<[RegExp, (host: string, text: string) => PublishError]> = [
  [
    /ambiguous term name/i,
    (host) =>
      new PublishError('VALIDATION', t('error.wordpress.ambiguousTerm', { host }), {
        reason: 'ambiguous-term',
        status: 401,
      }),
  ],
  [
    /invalid attachment id/i,
    (host) =>
      new PublishError('VALIDATION', t('error.wordpress.invalidAttachment', { host }), {
        reason: 'invalid-attachment',
        status: 404,
      }),
  ],
];

/** The PublishError for an XML-RPC fault from WordPress. */
export function faultError(fault: XmlRpcFault, url: string, ctx: WordPressErrorContext = {}): PublishError {
  const host = hostOf(url);
  const text = plainText(fault.faultString);
  const base = { status: fault.faultCode, reason: `fault ${fault.faultCode}` };
  for (const [re, make] of FAULT_MESSAGES) if (re.test(text)) return make(host, text);
  switch (fault.faultCode) {
    case 403:
      if (ctx.applicationPasswordsOff) return appPasswordsDisabled(host, 'fault 403', 403);
      return new PublishError('AUTH_FAILED', t('error.wordpress.authFailed', { host }), base);
    case 401:
      // WordPress's XML-RPC answers 401 for "not allowed" (the login itself is 403).
      return new PublishError('FORBIDDEN', t('error.wordpress.forbidden', { host, ...said(text) }), base);
    case 404:
      return new PublishError(
        'NOT_FOUND',
        t('error.wordpress.notFound', { host, what: ctx.what ?? t('error.wordpress.whatAskedFor') }),
        base,
      );
    case 409:
      return new PublishError('CONFLICT', t('error.wordpress.faultConflict', { host }), base);
    case 405:
      return new PublishError(
        'XMLRPC_DISABLED',
        t('error.wordpress.xmlrpcOff', { host, ...said(text) }),
        base,
      );
    case -32601:
      return new PublishError(
        'XMLRPC_DISABLED',
        t('error.wordpress.xmlrpcMethodOff', { host, detail: text || 'method not found' }),
        base,
      );
    case -32700:
    case -32600:
    case -32602:
      return new PublishError(
        'BAD_RESPONSE',
        t('error.wordpress.badRequest', { host, detail: text || `fault ${fault.faultCode}` }),
        { ...base, retryable: true },
      );
    default:
      if (fault.faultCode >= 500 && /could not|error/i.test(text) && !/exists/i.test(text)) {
        return new PublishError('SERVER_ERROR', t('error.wordpress.serverError', { host, ...said(text) }), {
          ...base,
          uncertain: true,
        });
      }
      return new PublishError('VALIDATION', t('error.wordpress.validation', { host, ...said(text) }), base);
  }
}

/** A refused stale update, with what the server holds so the UI can show it. */
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
    { reason: 'modified-since', conflict },
  );
}
