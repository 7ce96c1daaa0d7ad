import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, forbiddenResult, isTrustedSender, originOf } from './sender';

const appOrigins = [APP_ORIGIN];
const devOrigins = [APP_ORIGIN, 'http://localhost:5173'];

describe('isTrustedSender', () => {
  it('trusts the app page in the top-level frame', () => {
    expect(isTrustedSender({ frameUrl: 'app://signet/index.html', isMainFrame: true, appOrigins })).toBe(
      true,
    );
    expect(isTrustedSender({ frameUrl: 'app://signet/', isMainFrame: true, appOrigins })).toBe(true);
    expect(
      isTrustedSender({ frameUrl: 'app://signet/index.html#/drafts/abc', isMainFrame: true, appOrigins }),
    ).toBe(true);
  });

  it('refuses the app page inside a subframe', () => {
    expect(isTrustedSender({ frameUrl: 'app://signet/index.html', isMainFrame: false, appOrigins })).toBe(
      false,
    );
  });

  it.each([
    'file:///home/me/out/renderer/index.html',
    'https://example.com/',
    'http://localhost:5173/',
    'app://evil/index.html',
    'app://signet.evil/index.html',
    'about:blank',
    'about:srcdoc',
    'data:text/html,<script>1</script>',
    'blob:app://signet/2f3e1c',
    'devtools://devtools/bundled/devtools_app.html',
    'chrome-extension://abc/index.html',
    'javascript:alert(1)',
    'app://user:pw@signet/index.html',
    '',
    'not a url',
  ])('refuses %s', (frameUrl) => {
    expect(isTrustedSender({ frameUrl, isMainFrame: true, appOrigins })).toBe(false);
  });

  it('trusts the dev server only when it is one of the app origins', () => {
    expect(
      isTrustedSender({
        frameUrl: 'http://localhost:5173/index.html',
        isMainFrame: true,
        appOrigins: devOrigins,
      }),
    ).toBe(true);
    expect(
      isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true, appOrigins: devOrigins }),
    ).toBe(false);
    expect(
      isTrustedSender({ frameUrl: 'https://localhost:5173/', isMainFrame: true, appOrigins: devOrigins }),
    ).toBe(false);
  });
});

describe('originOf', () => {
  it('builds the origin Chromium gives a standard custom scheme', () => {
    // Node alone would say "null" here.
    expect(new URL('app://signet/x').origin).toBe('null');
    expect(originOf('app://signet/x')).toBe('app://signet');
    expect(originOf('http://localhost:80/')).toBe('http://localhost');
    expect(originOf('http://127.0.0.1:5173/a?b#c')).toBe('http://127.0.0.1:5173');
  });
});

describe('forbiddenResult', () => {
  it('is a FORBIDDEN envelope, not a throw', () => {
    const result = forbiddenResult();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('FORBIDDEN');
  });
});
