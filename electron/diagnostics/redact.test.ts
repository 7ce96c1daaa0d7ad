import { describe, expect, it } from 'vitest';
import { REDACTED, redactDiagnostics } from './redact';
import { RecentErrors, recordErrors } from './recentErrors';
import { buildDiagnosticsReport, type DiagnosticsFacts } from './report';

const HOME = '/home/ann';
const PASSWORD = 'CorrectHorse-Battery!1847';
const JWT_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redactDiagnostics', () => {
  it('turns the home folder into ~ (and only whole folder names)', () => {
    const out = redactDiagnostics(
      `Data folder: /home/ann/.config/Signet\nFile: C:\\Users\\ann\\x.md\nOther: /home/anna/notes`,
      { homeDir: HOME },
    );
    expect(out).toContain('Data folder: ~/.config/Signet');
    expect(out).toContain('Other: /home/anna/notes');
    expect(out).not.toContain('/home/ann/');
    const windows = redactDiagnostics('at C:\\Users\\ann\\AppData\\x.js and C:/Users/ann/y', {
      homeDir: 'C:\\Users\\ann',
    });
    expect(windows).toBe('at ~\\AppData\\x.js and ~/y');
  });

  it('removes a known secret wherever it is, however it is spelled', () => {
    const text = `failed with ${PASSWORD} and ${encodeURIComponent(PASSWORD)} and "${PASSWORD}"`;
    const out = redactDiagnostics(text, { secrets: [PASSWORD] });
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(encodeURIComponent(PASSWORD));
    expect(out).toContain(REDACTED);
  });

  it.each([
    ['Authorization header', 'Authorization: Basic YWRhOnNlY3JldHBhc3M=', 'YWRhOnNlY3JldHBhc3M='],
    ['bearer token', 'sent Bearer abcdEFGH12345678xyz to the blog', 'abcdEFGH12345678xyz'],
    ['password field', 'login failed password=hunter2hunter2 user=x', 'hunter2hunter2'],
    ['JSON token field', '{"refreshToken":"1//0gAbCdEfGh","ok":true}', '1//0gAbCdEfGh'],
    ['client secret', 'clientSecret: GOCSPX-s3cr3tValue', 'GOCSPX-s3cr3tValue'],
    ['api key', 'x-api-key: 64f0c2aa91d4e', '64f0c2aa91d4e'],
    ['Ghost admin key', 'admin api key = 6489e7b8c1f0:9a8b7c6d5e4f3a2b1c0d', '9a8b7c6d5e4f3a2b1c0d'],
    ['app password', 'use Xk3d 9PqL mZ7w Qa2B ttR4 Lp0e now', 'Xk3d 9PqL mZ7w Qa2B ttR4 Lp0e'],
    ['application password field', 'app_password: "abcd efgh ijkl mnop qrst uvwx"', 'abcd efgh'],
    ['JWT', `token in body ${JWT_TOKEN} end`, JWT_TOKEN.slice(0, 30)],
    ['cookie', 'Cookie: wordpress_logged_in_abc=ada%7C1700000; wp-settings=1', 'wordpress_logged_in_abc'],
    ['set-cookie', 'set-cookie: sid=s%3AQWERTY123; Path=/', 'QWERTY123'],
    ['long token', 'code 4a7d1ed414474e4033ac29ccb8653d9b4a7d1ed414474e40 here', '4a7d1ed414474e4033ac'],
  ])('removes a %s', (_name, text, secret) => {
    const out = redactDiagnostics(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('keeps a URL’s scheme only and masks email addresses', () => {
    const out = redactDiagnostics(
      'GET https://ada:pw@blog.example.com/wp-json/wp/v2/posts?per_page=1 failed; ' +
        'see http://127.0.0.1:8088/x and signet://wp-auth/callback?code=1; mail ada.lovelace@example.co.uk',
    );
    expect(out).toContain('GET https://<host> failed;');
    expect(out).toContain('see http://<host> and signet://<host> mail');
    expect(out).not.toMatch(/example|127\.0\.0\.1|lovelace|wp-json/);
    expect(out).toContain('a***@***.uk');
  });

  it('leaves ordinary report lines alone', () => {
    const text =
      'Signet: 0.1.0 (web)\nOS: Linux 6.1 (linux, x64)\n  theme: dark\n  zoom: 110\nDrafts: 3 (1 in the trash)';
    expect(redactDiagnostics(text, { homeDir: HOME, secrets: [PASSWORD] })).toBe(text);
  });
});

describe('recent errors', () => {
  it('keeps the last 50 error-level entries, oldest first, and passes every line on', () => {
    const written: string[] = [];
    const ring = new RecentErrors();
    const log = recordErrors(
      { info: (m) => written.push(m), warn: (m) => written.push(m), error: (m) => written.push(m) },
      ring,
      () => new Date('2026-11-23T10:00:00.000Z'),
    );
    log.info('hello');
    log.warn('careful');
    for (let i = 0; i < 60; i++) log.error(`failure ${i}`, { i });
    expect(written).toHaveLength(62);
    const kept = ring.list();
    expect(kept).toHaveLength(50);
    expect(kept[0]).toEqual({ at: '2026-11-23T10:00:00.000Z', message: 'failure 10', data: { i: 10 } });
    expect(kept.at(-1)?.message).toBe('failure 59');
  });
});

describe('the report', () => {
  const facts: DiagnosticsFacts = {
    version: '0.1.0',
    runtime: 'electron',
    versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' },
    os: { platform: 'linux', arch: 'x64', type: 'Linux', release: '6.1.0' },
    locale: { app: 'de-DE', system: 'de-DE' },
    dataDir: `${HOME}/.config/Signet`,
    draftsDir: `${HOME}/Dropbox/Drafts`,
    preferences: { theme: 'dark', zoom: 110, lastOpenDraftId: 'd_1' },
    accountPlatforms: ['wordpress', 'ghost', 'wordpress'],
    drafts: { active: 12, trashed: 2 },
    outboxStates: ['done', 'failed', 'done'],
    recentErrors: [
      {
        at: '2026-11-23T09:00:00.000Z',
        message: `publish to https://blog.example.com failed for ada@example.com`,
        data: { error: `Error: 401 at ${HOME}/app/x.js with ${PASSWORD}` },
      },
    ],
    now: '2026-11-23T10:00:00.000Z',
  };

  it('says versions, system, locale, settings and counts, and nothing that identifies the author', () => {
    const text = buildDiagnosticsReport(facts, { homeDir: HOME, secrets: [PASSWORD] });
    expect(text).toContain('Signet: 0.1.0 (electron)');
    expect(text).toContain('Electron: 45.4.1');
    expect(text).toContain('Chrome: 142.0.0.0');
    expect(text).toContain('Node: 22.20.0');
    expect(text).toContain('OS: Linux 6.1.0 (linux, x64)');
    expect(text).toContain('Locale: de-DE');
    expect(text).toContain('Drafts folder: ~/Dropbox/Drafts');
    expect(text).toMatch(/ {2}theme: dark\n {2}zoom: 110\n/);
    expect(text).toContain('Accounts: 3 (ghost 1, wordpress 2)');
    expect(text).toContain('Drafts: 12 (2 in the trash)');
    expect(text).toContain('Outbox: 3 jobs (done 2, failed 1)');
    expect(text).toContain('publish to https://<host> failed for a***@***.com');
    for (const leak of [PASSWORD, HOME, 'blog.example.com', 'ada@']) expect(text).not.toContain(leak);
  });
});
