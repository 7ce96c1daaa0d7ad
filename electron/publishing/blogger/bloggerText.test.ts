import { describe, expect, it } from 'vitest';
import { PublishError } from '../http/PublishError';
import { bloggerApiError, googleErrorOf, tokenEndpointError } from './bloggerErrors';
import {
  GOOGLE_ENDPOINTS,
  changedSince,
  endpointsFrom,
  fromBloggerStatus,
  isLoopbackHttp,
  labelsFor,
  offsetOf,
  parseBloggerSecret,
  serializeBloggerSecret,
  toBloggerStatuses,
  toUtcIso,
} from './bloggerText';

describe('times', () => {
  it('reads Blogger times in the blog’s offset as UTC', () => {
    expect(toUtcIso('2026-11-23T00:10:51.123-08:00')).toBe('2026-11-23T08:10:51.123Z');
    expect(toUtcIso('2026-11-23T00:10:51+05:30')).toBe('2026-11-22T18:40:51.000Z');
    expect(toUtcIso('')).toBeNull();
    expect(toUtcIso('garbage')).toBeNull();
    expect(offsetOf('2026-11-23T00:10:51-08:00')).toBe('-08:00');
    expect(offsetOf('2026-11-23T00:10:51Z')).toBe('UTC');
    expect(offsetOf('2026-11-23')).toBeNull();
  });

  it('compares modification times to the millisecond', () => {
    expect(changedSince('2026-01-01T00:00:00.002Z', '2026-01-01T00:00:00.001Z')).toBe(true);
    expect(changedSince('2026-01-01T00:00:00.001Z', '2026-01-01T00:00:00.001Z')).toBe(false);
    expect(changedSince('2026-01-01T00:00:00.001Z', 'not a date')).toBe(true);
  });
});

describe('statuses and labels', () => {
  it('maps statuses both ways', () => {
    expect(['LIVE', 'DRAFT', 'SCHEDULED', 'SOFT_TRASHED'].map(fromBloggerStatus)).toEqual([
      'publish',
      'draft',
      'future',
      'trash',
    ]);
    expect(toBloggerStatuses(['publish', 'future', 'pending'], 'post')).toEqual(['LIVE', 'SCHEDULED']);
    expect(toBloggerStatuses(['future'], 'page')).toEqual([]);
  });

  it('cleans labels and refuses commas and more than 200 characters', () => {
    expect(labelsFor([' a  b ', 'A B', '', 'c'])).toEqual(['a b', 'c']);
    expect(() => labelsFor(['x,y'])).toThrow(/cannot contain commas/);
    expect(() => labelsFor(['x'.repeat(100), 'y'.repeat(100)])).toThrow(/200 characters/);
    expect(labelsFor(['x'.repeat(100), 'y'.repeat(99)])).toHaveLength(2);
  });
});

describe('secret and endpoints', () => {
  it('round-trips the vault secret and refuses a garbled one', () => {
    const text = serializeBloggerSecret({ refreshToken: '1//r', clientSecret: 'GOCSPX-s' });
    expect(parseBloggerSecret(text)).toEqual({ refreshToken: '1//r', clientSecret: 'GOCSPX-s' });
    expect(parseBloggerSecret(serializeBloggerSecret({ refreshToken: '1//r' }))).toEqual({
      refreshToken: '1//r',
    });
    for (const bad of ['', 'x', '{}', '{"refreshToken":""}', 'null']) {
      expect(() => parseBloggerSecret(bad)).toThrow(PublishError);
    }
  });

  it('uses Google’s endpoints unless others are stored; plain http only on 127.0.0.1', () => {
    expect(endpointsFrom({})).toEqual(GOOGLE_ENDPOINTS);
    expect(endpointsFrom({ authorizationEndpoint: 'http://127.0.0.1:5/o/oauth2/v2/auth' }).issuer).toBe(
      'http://127.0.0.1:5',
    );
    expect(isLoopbackHttp('https://oauth2.googleapis.com/token')).toBe(false);
    expect(isLoopbackHttp('http://127.0.0.1:5/token')).toBe(true);
    expect(() => isLoopbackHttp('http://example.com/token')).toThrow(/only over https/);
    expect(() => isLoopbackHttp('http://localhost:5/token')).toThrow(PublishError);
  });
});

describe('errors', () => {
  const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    url: 'https://blogger.googleapis.com/v3/x',
    headers: new Headers(headers),
    contentType: 'application/json',
    text: JSON.stringify(body),
  });
  const google = (code: number, reason: string, message: string) => ({
    error: { code, message, errors: [{ reason, message, domain: 'global' }], status: 'X' },
  });

  it('reads Google’s error JSON', () => {
    expect(googleErrorOf(res(403, google(403, 'rateLimitExceeded', 'Rate <b>Limit</b>')))).toEqual({
      code: 403,
      message: 'Rate Limit',
      reason: 'rateLimitExceeded',
      status: 'X',
    });
    expect(googleErrorOf({ text: '<html>' })).toEqual({});
  });

  it('maps statuses to what the author can do', () => {
    expect(bloggerApiError(res(400, google(400, 'invalid', 'Invalid value'))).message).toMatch(
      /“Invalid value”/,
    );
    expect(bloggerApiError(res(403, google(403, 'dailyLimitExceeded', 'Daily'))).code).toBe('RATE_LIMITED');
    expect(bloggerApiError(res(404, {}), 'this post').message).toMatch(/no longer has this post/);
    expect(bloggerApiError(res(502, 'x', { 'retry-after': '3' }))).toMatchObject({
      code: 'SERVER_ERROR',
      uncertain: true,
      retryAfterMs: 3000,
    });
    expect(bloggerApiError(res(401, {})).code).toBe('AUTH_FAILED');
  });

  it('maps token endpoint errors', () => {
    expect(tokenEndpointError('invalid_grant', 'Token has been expired or revoked.', 400)).toMatchObject({
      code: 'AUTH_FAILED',
      retryable: false,
    });
    expect(tokenEndpointError('invalid_client', 'Unauthorized', 401).message).toMatch(/Desktop app/);
  });
});
