/**
 * The one error every publisher throws. `message` is written for the author: what happened and
 * what to do next. It never contains a secret (no Authorization header, no password, no request
 * body), so it may be shown, logged and sent over IPC as it is.
 */

export const PUBLISH_ERROR_CODES = [
  'AUTH_FAILED',
  'APP_PASSWORDS_DISABLED',
  'FORBIDDEN',
  'BLOCKED_BY_FIREWALL',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION',
  'SERVER_ERROR',
  'RATE_LIMITED',
  'OFFLINE',
  'TIMEOUT',
  'TLS',
  'NOT_WORDPRESS',
  'XMLRPC_DISABLED',
  'BAD_RESPONSE',
  /** The platform has no such feature (the UI should not have offered it). */
  'UNSUPPORTED',
] as const;
export type PublishErrorCode = (typeof PUBLISH_ERROR_CODES)[number];

/** Codes that are worth trying again later without the author changing anything. */
const RETRYABLE: ReadonlySet<PublishErrorCode> = new Set([
  'OFFLINE',
  'TIMEOUT',
  'SERVER_ERROR',
  'RATE_LIMITED',
]);

/** What the server holds when an update was refused as stale, so the UI can show what changed. */
export interface ConflictDetails {
  /** UTC ISO: when the server's copy last changed. */
  remoteModifiedGmt: string;
  remoteTitle: string;
  remoteStatus?: string;
  permalink?: string;
}

export interface PublishErrorOptions {
  /** Defaults by code: OFFLINE, TIMEOUT, SERVER_ERROR and RATE_LIMITED are retryable. */
  retryable?: boolean;
  retryAfterMs?: number;
  /** HTTP status, or the XML-RPC fault code. */
  status?: number;
  /** Machine-readable detail for logs and branching: the server's code (`rest_invalid_param`,
   * `fault 403`) or Signet’s own (`authorization-header-stripped`). Never a secret. */
  reason?: string;
  /**
   * The request may have reached the server and been carried out although no answer came back
   * (timeout, broken connection, 5xx): look on the server before repeating a create.
   */
  uncertain?: boolean;
  conflict?: ConflictDetails;
  /** The remote id of a post that was written although the answer was refused afterwards. */
  remoteId?: string;
  cause?: unknown;
}

export class PublishError extends Error {
  override readonly name = 'PublishError';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly reason?: string;
  readonly uncertain: boolean;
  readonly conflict?: ConflictDetails;
  readonly remoteId?: string;

  constructor(
    readonly code: PublishErrorCode,
    message: string,
    options: PublishErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.uncertain = options.uncertain ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.reason !== undefined) this.reason = options.reason;
    if (options.conflict !== undefined) this.conflict = options.conflict;
    if (options.remoteId !== undefined) this.remoteId = options.remoteId;
  }

  /** Plain data for IPC and logs (the cause is left out: it may carry a library's internals). */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      uncertain: this.uncertain,
      ...(this.retryAfterMs !== undefined && { retryAfterMs: this.retryAfterMs }),
      ...(this.status !== undefined && { status: this.status }),
      ...(this.reason !== undefined && { reason: this.reason }),
      ...(this.conflict && { conflict: this.conflict }),
      ...(this.remoteId !== undefined && { remoteId: this.remoteId }),
    };
  }
}

export function isPublishError(error: unknown, code?: PublishErrorCode): error is PublishError {
  return error instanceof PublishError && (code === undefined || error.code === code);
}

/** `example.com`, `127.0.0.1:8088`: how messages name a site. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
