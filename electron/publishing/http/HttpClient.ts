/**
 * A small HTTP layer over a fetch port (`net.fetch` in Electron, the global fetch in Node):
 * timeouts, redirects that never carry credentials to another site, lenient JSON, and one
 * mapping from HTTP answers to PublishError. Platform code adds its own meaning on top
 * (WordPress error codes, XML-RPC faults).
 */
import { publishErrorFromNetworkFailure } from './networkError';
import { PublishError, hostOf } from './PublishError';
import { t } from '../../contract/i18n';

/** `net.fetch` in Electron (system proxy and certificates), the global fetch in Node. */
export type FetchPort = typeof fetch;

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole request including reading the body; default 30 s. */
  timeoutMs?: number;
  /** The caller's cancel (an outbox job cancelled): rejects with its AbortError as it is. */
  signal?: AbortSignal;
  /**
   * `same-site` (default): follow redirects only within the origin or from http to https on the
   * same host, so credentials never reach another site. `any`: for requests without credentials
   * (discovery may be sent from `example.com` to `www.example.com`).
   */
  redirects?: 'same-site' | 'any';
}

export interface HttpResponse {
  status: number;
  /** The URL that answered (after redirects). */
  url: string;
  headers: Headers;
  contentType: string;
  text: string;
}

export interface HttpClientOptions {
  fetch: FetchPort;
  timeoutMs?: number;
  userAgent?: string;
}

/** Upload time limit: 30 s plus one second per 25 kB (slow uplinks), at least two minutes. */
export function uploadTimeoutMs(bytes: number): number {
  return Math.max(120_000, DEFAULT_TIMEOUT_MS + Math.ceil(bytes / 25_000) * 1000);
}

export class HttpClient {
  readonly timeoutMs: number;
  private readonly fetchPort: FetchPort;
  private readonly userAgent: string;

  constructor(options: HttpClientOptions) {
    this.fetchPort = options.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? 'Signet';
  }

  /**
   * Sends a request and reads the whole answer. Any HTTP status is returned (judge it with
   * `errorFromResponse`); only a missing answer throws (OFFLINE, TIMEOUT, TLS). Redirects are
   * followed by hand: to the same origin, or from http to https on the same host; anything else
   * is refused so credentials never go to another site.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let url = request.url;
    let method = (request.method ?? 'GET').toUpperCase();
    let body = request.body;
    const headers = new Headers(request.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', this.userAgent);
    try {
      for (let hop = 0; ; hop++) {
        const res = await this.fetchPort(url, {
          method,
          headers,
          body: body as RequestInit['body'],
          redirect: 'manual',
          signal,
        });
        const location = res.headers.get('location');
        if (res.status >= 300 && res.status < 400 && location) {
          await res.body?.cancel().catch(() => {});
          const next = new URL(location, url);
          const allowed =
            request.redirects === 'any'
              ? next.protocol === 'https:' || next.protocol === 'http:'
              : isSafeRedirect(new URL(url), next);
          if (!allowed) {
            throw new PublishError(
              'BAD_RESPONSE',
              t('error.http.crossSiteRedirect', { host: hostOf(url), target: next.host }),
              { status: res.status, reason: 'cross-site-redirect' },
            );
          }
          if (hop >= MAX_REDIRECTS) {
            throw new PublishError('BAD_RESPONSE', t('error.http.redirectLoop', { host: hostOf(url) }), {
              status: res.status,
              reason: 'redirect-loop',
            });
          }
          // 303, and 301/302 after a POST, turn into a GET as browsers do.
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            headers.delete('content-type');
            headers.delete('content-disposition');
          }
          if (next.hostname !== new URL(url).hostname) {
            headers.delete('authorization');
            headers.delete('cookie');
          }
          url = next.toString();
          continue;
        }
        const text = await res.text();
        return {
          status: res.status,
          url: res.url || url,
          headers: res.headers,
          contentType: (res.headers.get('content-type') ?? '').toLowerCase(),
          text,
        };
      }
    } catch (error) {
      if (error instanceof PublishError) throw error;
      if (request.signal?.aborted && !timeout.aborted) throw error; // cancelled by the caller
      const mapped = publishErrorFromNetworkFailure(error, { url, timeoutMs });
      if (mapped) throw mapped;
      throw error;
    }
  }
}

function isSafeRedirect(from: URL, to: URL): boolean {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return false;
  if (from.origin === to.origin) return true;
  // http → https on the same host (default ports) is an upgrade, not another site.
  return from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname;
}

export function isHtml(res: HttpResponse): boolean {
  if (res.contentType.includes('html')) return true;
  return /^\s*(<!doctype html|<html)/i.test(res.text);
}

/**
 * JSON from an answer, tolerating what WordPress plugins often print before it (PHP notices,
 * a BOM); `undefined` when there is no JSON.
 */
export function parseJsonLenient(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    // A notice before the JSON: try from the first line that opens an object or array.
    const m = /(?:^|\n)\s*([[{])/.exec(trimmed);
    if (m && m.index > 0) {
      try {
        return JSON.parse(trimmed.slice(m.index).trim());
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** `Retry-After` (seconds or an HTTP date) in milliseconds, if present and sane. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value), 24 * 3600) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Which kind of endpoint was asked, for the messages. */
export type ApiKind = 'rest' | 'xmlrpc' | 'page';

export interface ResponseContext {
  api: ApiKind;
  /** The server's own words (already stripped of markup), added to VALIDATION/FORBIDDEN messages. */
  serverMessage?: string;
  reason?: string;
  /** What was asked for, for NOT_FOUND: "the post", "the image". */
  what?: string;
}

/** A short plain-text excerpt of a server's message (markup removed), or ''. */
export function plainText(text: string, max = 300): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** The server's own words for a message's optional “…” part (`said` is 'yes' when there are any). */
function said(serverMessage?: string): { said: string; text: string } {
  return serverMessage
    ? { said: 'yes', text: serverMessage.replace(/[.\s]+$/, '') }
    : { said: 'no', text: '' };
}

/**
 * The PublishError for an HTTP answer that is not a success. Platform code calls it after it
 * has handled the codes it knows better.
 */
export function errorFromResponse(res: HttpResponse, ctx: ResponseContext): PublishError {
  const host = hostOf(res.url);
  const base = { status: res.status, ...(ctx.reason !== undefined && { reason: ctx.reason }) };
  const s = res.status;
  if (s === 401) {
    return new PublishError('AUTH_FAILED', t('error.wordpress.authFailed', { host }), base);
  }
  if (s === 403 && isHtml(res)) {
    return ctx.api === 'xmlrpc'
      ? new PublishError('XMLRPC_DISABLED', t('error.http.xmlrpcBlocked', { host }), {
          ...base,
          reason: ctx.reason ?? 'xmlrpc-blocked',
        })
      : new PublishError('BLOCKED_BY_FIREWALL', t('error.http.firewall', { host }), {
          ...base,
          reason: ctx.reason ?? 'firewall',
        });
  }
  if (ctx.api === 'xmlrpc' && (s === 404 || s === 405 || s === 501)) {
    return new PublishError('XMLRPC_DISABLED', t('error.http.xmlrpcMissing', { host, status: String(s) }), {
      ...base,
      reason: ctx.reason ?? 'xmlrpc-missing',
    });
  }
  if (s === 403) {
    return new PublishError(
      'FORBIDDEN',
      t('error.wordpress.forbidden', { host, ...said(ctx.serverMessage) }),
      base,
    );
  }
  if (s === 404 || s === 410) {
    return new PublishError(
      'NOT_FOUND',
      t('error.wordpress.notFound', { host, what: ctx.what ?? t('error.wordpress.whatAskedFor') }),
      base,
    );
  }
  if (s === 409) {
    return new PublishError('CONFLICT', t('error.http.conflict', { host, ...said(ctx.serverMessage) }), base);
  }
  if (s === 429) {
    const after = retryAfterMs(res.headers);
    return new PublishError(
      'RATE_LIMITED',
      after === undefined
        ? t('error.http.slowDown', { host })
        : t('error.http.slowDownFor', { host, seconds: Math.max(1, Math.round(after / 1000)) }),
      { ...base, ...(after !== undefined && { retryAfterMs: after }) },
    );
  }
  if (s >= 500) {
    const after = retryAfterMs(res.headers);
    return new PublishError('SERVER_ERROR', t('error.http.serverError', { host, status: String(s) }), {
      ...base,
      uncertain: true,
      ...(after !== undefined && { retryAfterMs: after }),
    });
  }
  if (s >= 400) {
    return new PublishError(
      'VALIDATION',
      t('error.http.validation', { host, status: String(s), ...said(ctx.serverMessage) }),
      base,
    );
  }
  return badResponse(res, `HTTP ${s}`);
}

/** The answer came but cannot be read (not JSON / not XML-RPC / missing fields). */
export function badResponse(res: Pick<HttpResponse, 'url' | 'status'>, detail: string): PublishError {
  return new PublishError('BAD_RESPONSE', t('error.http.badResponse', { host: hostOf(res.url), detail }), {
    status: res.status,
    reason: detail,
    retryable: true,
    uncertain: true,
  });
}
