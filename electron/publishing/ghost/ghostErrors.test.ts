import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../http/HttpClient';
import { conflictError, ghostError, ghostWords } from './ghostErrors';

const URL_ = 'https://blog.example.com/ghost/api/admin/posts/6b03f531984c826bf65404c9/';

function res(status: number, body: unknown, url = URL_, contentType = 'application/json'): HttpResponse {
  return {
    status,
    url,
    headers: new Headers({ 'content-type': contentType }),
    contentType,
    text: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
const ghostBody = (e: Record<string, unknown>) => ({
  errors: [{ help: null, id: 'x', ghostErrorCode: null, ...e }],
});

describe('ghostError', () => {
  it('401 unknown key, bad signature and expired token: AUTH_FAILED saying what to do', () => {
    const unknown = ghostError(
      res(
        401,
        ghostBody({
          type: 'UnauthorizedError',
          message: 'Unknown Admin API Key',
          code: 'UNKNOWN_ADMIN_API_KEY',
        }),
      ),
    );
    expect(unknown.code).toBe('AUTH_FAILED');
    expect(unknown.reason).toBe('UNKNOWN_ADMIN_API_KEY');
    expect(unknown.message).toMatch(/^Ghost at blog.example.com does not know this Admin API key/);
    const bad = ghostError(
      res(
        401,
        ghostBody({
          type: 'UnauthorizedError',
          message: 'Invalid token: invalid signature',
          code: 'INVALID_JWT',
        }),
      ),
    );
    expect(bad.message).toMatch(
      /refused the Admin API key \(Invalid token: invalid signature\)\. Copy the Admin API key again/,
    );
    const expired = ghostError(
      res(
        401,
        ghostBody({ type: 'UnauthorizedError', message: 'Invalid token: jwt expired', code: 'INVALID_JWT' }),
      ),
    );
    expect(expired.message).toMatch(/clock/);
    expect(expired.retryable).toBe(false);
  });

  it('422 validation: VALIDATION in Ghost’s words, with the field and allowed values', () => {
    const e = ghostError(
      res(
        422,
        ghostBody({
          type: 'ValidationError',
          message: 'Validation error, cannot save post.',
          context: 'Validation failed for status.',
          details: [
            {
              instancePath: '/posts/0/status',
              message: 'must be equal to one of the allowed values',
              params: { allowedValues: ['published', 'draft'] },
            },
          ],
        }),
      ),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.status).toBe(422);
    expect(e.message).toBe(
      'Ghost at blog.example.com did not accept the request: “Validation failed for status; status must be equal to one of the allowed values (published, draft)”. Change what it names and try again.',
    );
  });

  it('404 of a post, and of an address with no Ghost', () => {
    const post = ghostError(
      res(404, ghostBody({ type: 'NotFoundError', message: 'Resource not found error, cannot read post.' })),
    );
    expect(post.code).toBe('NOT_FOUND');
    expect(post.message).toMatch(/^blog.example.com no longer has this post/);
    const page = ghostError(
      res(404, ghostBody({ type: 'NotFoundError' }), 'https://blog.example.com/ghost/api/admin/pages/abc/'),
    );
    expect(page.message).toMatch(/no longer has this page/);
    const none = ghostError(
      res(
        404,
        '<!doctype html><p>Not found</p>',
        'https://blog.example.com/ghost/api/admin/site/',
        'text/html',
      ),
    );
    expect(none.reason).toBe('not-ghost');
    expect(none.message).toMatch(/No Ghost Admin API answers at blog.example.com\/ghost\/api\/admin\/site\//);
  });

  it('409, 403, a firewall page, 413, 415, 429 and 5xx', () => {
    const conflict = ghostError(
      res(
        409,
        ghostBody({
          type: 'UpdateCollisionError',
          code: 'UPDATE_COLLISION',
          message: 'Saving failed! Someone else is editing this post.',
        }),
      ),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.reason).toBe('UPDATE_COLLISION');
    const forbidden = ghostError(
      res(
        403,
        ghostBody({
          type: 'NoPermissionError',
          message: 'You do not have permission to perform this action',
        }),
      ),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.message).toMatch(/Admin API key of a custom integration/);
    const firewall = ghostError(res(403, '<html><body>Forbidden</body></html>', URL_, 'text/html'));
    expect(firewall.code).toBe('BLOCKED_BY_FIREWALL');
    expect(ghostError(res(413, ghostBody({ type: 'RequestEntityTooLargeError' }))).message).toMatch(
      /too large/,
    );
    expect(
      ghostError(
        res(415, ghostBody({ type: 'UnsupportedMediaTypeError', message: 'Please select a valid image.' })),
      ).message,
    ).toMatch(/does not accept this kind of file as an image: “Please select a valid image”\. Use a JPEG/);
    const limited = ghostError(res(429, ghostBody({ type: 'TooManyRequestsError' })));
    expect(limited.code).toBe('RATE_LIMITED');
    const down = ghostError(res(503, 'Service Unavailable', URL_, 'text/plain'));
    expect(down.code).toBe('SERVER_ERROR');
    expect(down.retryable).toBe(true);
    expect(down.uncertain).toBe(true);
  });

  it('no WordPress words in any Ghost message', () => {
    for (const s of [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500]) {
      expect(ghostError(res(s, ghostBody({ message: 'x' }))).message).not.toMatch(/WordPress/);
    }
  });

  it('ghostWords is undefined without a Ghost error body', () => {
    expect(ghostWords(undefined)).toBeUndefined();
  });
});

describe('conflictError', () => {
  it('names the post, the site and when it changed', () => {
    const e = conflictError('blog.example.com', 'post', {
      remoteModifiedGmt: '2026-11-23T08:11:29.000Z',
      remoteTitle: 'Changed',
      remoteStatus: 'draft',
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.conflict?.remoteTitle).toBe('Changed');
    expect(e.message).toBe(
      'The post “Changed” was changed on blog.example.com (2026-11-23 08:11 UTC) after Signet last published it. ' +
        'Signet did not overwrite that change: compare the two versions, then publish again to replace it.',
    );
  });
});
