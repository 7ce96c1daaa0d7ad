import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../ports';
import { createRedactingLogger, redactSecrets } from './redact';

const APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';

describe('redactSecrets', () => {
  it('replaces every known secret, in every spelling it travels in', () => {
    const secrets = [APP_PASSWORD, 's3cret&key'];
    const text = [
      `typed ${APP_PASSWORD}`,
      `no spaces abcdEFGH1234ijklMNOP5678`,
      `form pw=${encodeURIComponent(APP_PASSWORD).replace(/%20/g, '+')}`,
      `query k=${encodeURIComponent('s3cret&key')}`,
      `json {"p":${JSON.stringify('s3cret&key')}}`,
    ].join('\n');
    const out = redactSecrets(text, secrets);
    expect(out).not.toContain('abcd');
    expect(out).not.toContain('s3cret');
    expect(out.match(/\[redacted\]/g)).toHaveLength(5);
  });

  it('replaces Authorization headers, Basic credentials and Bearer tokens it was not told about', () => {
    const basic = Buffer.from('ada:hunter2 hunter2').toString('base64');
    expect(redactSecrets(`Authorization: Basic ${basic}`, [])).toBe('Authorization: [redacted]');
    expect(redactSecrets(`{"authorization":"Bearer abc.def.ghi"}`, [])).toBe(
      '{"authorization":"[redacted]"}',
    );
    expect(redactSecrets(`retrying with Basic ${basic} now`, [])).toBe('retrying with Basic [redacted] now');
    expect(redactSecrets('token Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', [])).toBe('token Bearer [redacted]');
  });

  it('replaces anything shaped like a WordPress application password', () => {
    expect(redactSecrets('login with Xk3d 9PqL mN2s Vb7R tY6u Wq1e failed', [])).toBe(
      'login with [redacted] failed',
    );
    expect(redactSecrets('Xk3d 9PqL mN2s Vb7R tY6u Wq1e', [])).toBe('[redacted]');
    expect(redactSecrets('two: Xk3d 9PqL mN2s Vb7R tY6u Wq1e abcd EFGH 1234 ijkl MNOP 5678 done', [])).toBe(
      'two: [redacted] [redacted] done',
    );
  });

  it('replaces password and token fields', () => {
    expect(redactSecrets('password=hunter2&user=ada', [])).toBe('password=[redacted]&user=ada');
    expect(redactSecrets('{"app_password": "x y z", "user": "ada"}', [])).toBe(
      '{"app_password": "[redacted]", "user": "ada"}',
    );
    expect(redactSecrets('access_token: abc123', [])).toBe('access_token: [redacted]');
  });

  it('leaves ordinary log text alone', () => {
    const lines = [
      'Basic formatting kept; Bearer of news',
      'that will have been done with care', // six four-letter words
      'saved draft 0f3a9c2e4b5d6e7f8a9b0c1d2e3f4a5b in 12 ms',
      'authorization failed for ada on https://blog.example.com (401)',
    ];
    for (const line of lines) expect(redactSecrets(line, ['', 'unrelated'])).toBe(line);
  });
});

describe('createRedactingLogger', () => {
  it('redacts message and data, nested, errors included, before the base logger sees them', () => {
    const base: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const secrets: string[] = [];
    const log = createRedactingLogger(base, () => secrets);
    secrets.push('hunter2-long');

    const error = new Error('request failed: hunter2-long rejected');
    const data: Record<string, unknown> = {
      request: { headers: { Authorization: 'Basic xyz', accept: 'json' }, body: 'pw hunter2-long' },
      password: 'anything',
      list: ['hunter2-long', 3, null],
      error,
    };
    data.self = data;
    log.warn('publish failed for hunter2-long', data);

    const [message, logged] = vi.mocked(base.warn).mock.calls[0]!;
    expect(message).toBe('publish failed for [redacted]');
    expect(JSON.stringify(logged)).not.toContain('hunter2');
    expect(logged).toMatchObject({
      request: { headers: { Authorization: '[redacted]', accept: 'json' }, body: 'pw [redacted]' },
      password: '[redacted]',
      list: ['[redacted]', 3, null],
      error: { name: 'Error', message: 'request failed: [redacted] rejected' },
      self: '[circular]',
    });
    expect(data.password).toBe('anything'); // the caller's object is not changed

    log.info('no data');
    log.error('Bearer abcdefghijkl');
    expect(base.info).toHaveBeenCalledWith('no data', undefined);
    expect(base.error).toHaveBeenCalledWith('Bearer [redacted]', undefined);
  });
});
