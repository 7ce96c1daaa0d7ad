/**
 * Turns a failed `fetch` (no HTTP answer at all) into a PublishError. Node's fetch (undici)
 * rejects with `TypeError('fetch failed')` whose `cause` (sometimes an AggregateError, for
 * happy-eyeballs connects) carries a system or OpenSSL code; Electron's `net.fetch` rejects with
 * Chromium's `net::ERR_*` names in the message; an `AbortSignal.timeout` rejects with a
 * `TimeoutError`. All three are read here, so the publishers never look at them.
 */
import { PublishError, hostOf } from './PublishError';
import { t } from '../../contract/i18n';

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
]);
/** The connection broke after the request may have been sent. */
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const TLS_DETAILS: Array<[RegExp, () => string]> = [
  [/SELF_SIGNED|ERR_CERT_AUTHORITY_INVALID/, () => t('error.http.tlsDetail.selfSigned')],
  [/CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_CERT_DATE_INVALID/, () => t('error.http.tlsDetail.expired')],
  [
    /ALTNAME|HOSTNAME|ERR_CERT_COMMON_NAME_INVALID|ERR_CERT_NAME_CONSTRAINT/,
    () => t('error.http.tlsDetail.otherAddress'),
  ],
  [
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED|CERT_CHAIN/,
    () => t('error.http.tlsDetail.chain'),
  ],
  [/CERT_REVOKED|ERR_CERT_REVOKED/, () => t('error.http.tlsDetail.revoked')],
  [
    /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|ERR_SSL_PROTOCOL_ERROR|EPROTO/,
    () => t('error.http.tlsDetail.notHttps'),
  ],
];
const TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_|ERR_CERT_|SELF_SIGNED|DEPTH_ZERO_SELF_SIGNED|UNABLE_TO_|EPROTO$|HOSTNAME_MISMATCH)/;

/** Every `code` and message found on the error, its causes and an AggregateError's members. */
function collect(
  error: unknown,
  depth = 0,
  out = { codes: [] as string[], messages: [] as string[], names: [] as string[] },
) {
  if (!error || typeof error !== 'object' || depth > 6) return out;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') out.codes.push(e.code);
  if (typeof e.message === 'string') out.messages.push(e.message);
  if (typeof e.name === 'string') out.names.push(e.name);
  if (e.cause) collect(e.cause, depth + 1, out);
  if (Array.isArray(e.errors)) for (const inner of e.errors) collect(inner, depth + 1, out);
  return out;
}

function seconds(ms: number): number {
  const s = ms / 1000;
  return s < 10 ? Number(s.toFixed(1)) : Math.round(s);
}

export interface NetworkFailureContext {
  url: string;
  timeoutMs: number;
}

/**
 * The PublishError for a fetch that produced no HTTP answer, or `null` when the caller itself
 * aborted (a cancelled job): that is not a failure to report, so the caller rethrows as it is.
 */
export function publishErrorFromNetworkFailure(
  error: unknown,
  ctx: NetworkFailureContext,
): PublishError | null {
  const host = hostOf(ctx.url);
  const { codes, messages, names } = collect(error);
  const text = messages.join(' | ');
  const netError = /net::(ERR_[A-Z_]+)/.exec(text)?.[1];
  const all = netError ? [...codes, netError] : codes;

  if (names.includes('TimeoutError') || all.some((c) => TIMEOUT_CODES.has(c) || /TIMED_OUT$/.test(c))) {
    return new PublishError('TIMEOUT', t('error.http.timeout', { host, seconds: seconds(ctx.timeoutMs) }), {
      uncertain: true,
      reason: all[0] ?? 'timeout',
      cause: error,
    });
  }
  if (names.includes('AbortError') && all.length === 0) return null;

  const tls = all.find((c) => TLS_CODE.test(c) || /^ERR_(CERT|SSL)_/.test(c));
  if (tls) {
    const detail = TLS_DETAILS.find(([re]) => re.test(tls))?.[1]() ?? t('error.http.tlsDetail.unchecked');
    return new PublishError('TLS', t('error.http.tls', { host, detail }), { reason: tls, cause: error });
  }
  const broken = all.find(
    (c) => BROKEN_CODES.has(c) || /^ERR_(CONNECTION_(RESET|CLOSED|ABORTED)|EMPTY_RESPONSE)$/.test(c),
  );
  if (broken) {
    return new PublishError('OFFLINE', t('error.http.broken', { host }), {
      uncertain: true,
      reason: broken,
      cause: error,
    });
  }
  const offline =
    all.find((c) => OFFLINE_CODES.has(c)) ??
    all.find((c) =>
      /^ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|INTERNET_DISCONNECTED|CONNECTION_REFUSED|CONNECTION_FAILED|ADDRESS_UNREACHABLE|NETWORK_CHANGED|NETWORK_ACCESS_DENIED|PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED)$/.test(
        c,
      ),
    );
  if (offline || /fetch failed|Failed to fetch|network/i.test(text)) {
    return new PublishError('OFFLINE', t('error.http.offline', { host }), {
      reason: offline ?? all[0] ?? 'network',
      cause: error,
    });
  }
  return null;
}
