/**
 * Failure shapes that cannot be produced on loopback here: DNS failures, Electron's `net.fetch`
 * (Chromium `net::ERR_*` messages) and undici's nested causes. The loopback cases live in
 * HttpClient.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { publishErrorFromNetworkFailure } from './networkError';

const ctx = { url: 'https://example.com/wp-json/wp/v2/posts', timeoutMs: 30_000 };
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
const undici = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('publishErrorFromNetworkFailure', () => {
  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH'])('%s (Node) → OFFLINE', (code) => {
    const error = publishErrorFromNetworkFailure(undici(withCode(code)), ctx)!;
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toBe(
      'Signet cannot reach example.com. Check your connection; Signet will try again.',
    );
    expect(error.retryable).toBe(true);
    expect(error.uncertain).toBe(false);
  });

  it('finds the code inside an AggregateError (happy-eyeballs connect)', () => {
    const aggregate = Object.assign(
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(publishErrorFromNetworkFailure(undici(aggregate), ctx)?.code).toBe('OFFLINE');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /chain is incomplete/],
    ['CERT_HAS_EXPIRED', /expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /another address/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /does not speak HTTPS/],
  ])('%s (Node) → TLS', (code, detail) => {
    const error = publishErrorFromNetworkFailure(undici(withCode(code)), ctx)!;
    expect(error.code).toBe('TLS');
    expect(error.message).toMatch(detail);
    expect(error.retryable).toBe(false);
  });

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'OFFLINE'],
    ['net::ERR_INTERNET_DISCONNECTED', 'OFFLINE'],
    ['net::ERR_CONNECTION_REFUSED', 'OFFLINE'],
    ['net::ERR_CONNECTION_RESET', 'OFFLINE'],
    ['net::ERR_TIMED_OUT', 'TIMEOUT'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'TLS'],
    ['net::ERR_CERT_DATE_INVALID', 'TLS'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'TLS'],
  ])('%s (Electron net.fetch) → %s', (message, code) => {
    expect(publishErrorFromNetworkFailure(new Error(message), ctx)?.code).toBe(code);
  });

  it('a reset after sending is uncertain: the server may have acted', () => {
    const error = publishErrorFromNetworkFailure(
      undici(withCode('UND_ERR_SOCKET', 'other side closed')),
      ctx,
    )!;
    expect(error.code).toBe('OFFLINE');
    expect(error.uncertain).toBe(true);
  });

  it('AbortSignal.timeout → TIMEOUT with the limit in the message', () => {
    const error = publishErrorFromNetworkFailure(
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      ctx,
    )!;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(
      'example.com did not answer within 30 seconds. The site may be slow or busy; Signet will try again.',
    );
  });

  it('leaves a caller’s own abort and programming errors alone', () => {
    expect(publishErrorFromNetworkFailure(new DOMException('aborted', 'AbortError'), ctx)).toBeNull();
    expect(publishErrorFromNetworkFailure(new TypeError('Invalid URL'), ctx)).toBeNull();
  });
});
