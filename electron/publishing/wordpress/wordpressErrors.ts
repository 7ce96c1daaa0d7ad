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

export function appPasswordsDisabled(host: string, reason: string, status?: number): PublishError {
  return new PublishError(
    'APP_PASSWORDS_DISABLED',
    `${host} has application passwords switched off (a security plugin or the host does this), so WordPress ` +
      'cannot accept Signet’s sign-in. Ask the site’s administrator to allow application passwords.',
    { reason, ...(status !== undefined && { status }) },
  );
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
      `The WordPress REST API at ${host} lacks a part Signet needs (${rawMessage ?? 'no route'}). ` +
        'WordPress may be very old or a plugin may have removed it; update WordPress, or let Signet use XML-RPC.',
      { status: res.status, reason: code },
    );
  }
  if (code === 'rest_trash_not_supported') {
    return new PublishError(
      'VALIDATION',
      `${host} has no trash for this kind of item. Delete it for good instead, if that is what you want.`,
      { status: res.status, reason: code },
    );
  }
  if (
    code === 'rest_upload_unknown_error' ||
    code === 'rest_upload_sideload_error' ||
    code === 'rest_upload_no_data'
  ) {
    return new PublishError(
      'VALIDATION',
      `WordPress at ${host} did not accept the file${rawMessage ? `: “${rawMessage.replace(/\.$/, '')}”` : ''}. ` +
        'Check that the site allows this kind of file and its size, then upload again.',
      { status: res.status, reason: code },
    );
  }
  return generic();
}

const FAULT_MESSAGES: Array<[RegExp, (host: string, text: string) => PublishError]> = [
  [
    /ambiguous term name/i,
    (host) =>
      new PublishError(
        'VALIDATION',
        `${host} has more than one category with one of these names, so WordPress cannot tell which one is meant. ` +
          'Rename the duplicates on the site (Posts → Categories), then publish again.',
        { reason: 'ambiguous-term', status: 401 },
      ),
  ],
  [
    /invalid attachment id/i,
    (host) =>
      new PublishError(
        'VALIDATION',
        `The featured image is no longer in the media library of ${host}. Choose the image again so Signet uploads it anew.`,
        { reason: 'invalid-attachment', status: 404 },
      ),
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
      return new PublishError(
        'AUTH_FAILED',
        `WordPress at ${host} refused the user name or application password. ` +
          'Check both, or create a new application password under Users → Profile.',
        base,
      );
    case 401:
      // WordPress's XML-RPC answers 401 for "not allowed" (the login itself is 403).
      return new PublishError(
        'FORBIDDEN',
        `WordPress at ${host} did not allow this${text ? `: “${text.replace(/\.$/, '')}”` : ''}. ` +
          'Ask the site’s administrator for a role that may do it (such as Editor).',
        base,
      );
    case 404:
      return new PublishError(
        'NOT_FOUND',
        `${host} no longer has ${ctx.what ?? 'what Signet asked for'}: it may have been deleted there. ` +
          'Check the site; Signet can publish it again as a new copy.',
        base,
      );
    case 409:
      return new PublishError(
        'CONFLICT',
        `${host} refused the change because its copy changed in the meantime. Compare the two versions, then publish again.`,
        base,
      );
    case 405:
      return new PublishError(
        'XMLRPC_DISABLED',
        `${host} has XML-RPC switched off${text ? ` (“${text.replace(/\.$/, '')}”)` : ''}. ` +
          'Ask the site’s administrator to turn it on, or let Signet use the WordPress REST API.',
        base,
      );
    case -32601:
      return new PublishError(
        'XMLRPC_DISABLED',
        `${host} has switched off part of XML-RPC that Signet needs (${text || 'method not found'}). ` +
          'A security plugin may limit XML-RPC; ask the site’s administrator, or let Signet use the REST API.',
        base,
      );
    case -32700:
    case -32600:
    case -32602:
      return new PublishError(
        'BAD_RESPONSE',
        `${host} could not read Signet’s request (${text || `fault ${fault.faultCode}`}). ` +
          'A plugin or proxy may be changing requests on the way; Signet will try again.',
        { ...base, retryable: true },
      );
    default:
      if (fault.faultCode >= 500 && /could not|error/i.test(text) && !/exists/i.test(text)) {
        return new PublishError(
          'SERVER_ERROR',
          `WordPress at ${host} failed${text ? `: “${text.replace(/\.$/, '')}”` : ''}. Signet will try again; ` +
            'if this goes on, the site’s administrator should look at its error log.',
          { ...base, uncertain: true },
        );
      }
      return new PublishError(
        'VALIDATION',
        `WordPress at ${host} did not accept the request${text ? `: “${text.replace(/\.$/, '')}”` : ''}. ` +
          'Change what it names and try again.',
        base,
      );
  }
}

/** A refused stale update, with what the server holds so the UI can show it. */
export function conflictError(host: string, type: PostType, conflict: ConflictDetails): PublishError {
  const when = conflict.remoteModifiedGmt.replace('T', ' ').slice(0, 16);
  return new PublishError(
    'CONFLICT',
    `The ${type} “${conflict.remoteTitle || 'Untitled'}” was changed on ${host} (${when} UTC) after Signet last ` +
      'published it. Signet did not overwrite that change: compare the two versions, then publish again to replace it.',
    { reason: 'modified-since', conflict },
  );
}
