import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen } from './navigation';

const appOrigins = ['app://signet'];

describe('decideNavigation', () => {
  it('lets the app page reload or move within its own origin', () => {
    expect(
      decideNavigation({ url: 'app://signet/index.html', isMainFrame: true, kind: 'navigate', appOrigins }),
    ).toEqual({
      allow: true,
    });
  });

  it('refuses a link to the web and sends it to the browser instead', () => {
    expect(
      decideNavigation({ url: 'https://example.com/post', isMainFrame: true, kind: 'navigate', appOrigins }),
    ).toEqual({
      allow: false,
      openExternally: true,
    });
    expect(
      decideNavigation({ url: 'mailto:me@example.com', isMainFrame: true, kind: 'navigate', appOrigins }),
    ).toEqual({
      allow: false,
      openExternally: true,
    });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'signet-asset://draft/abc/x.svg',
    'app://other/index.html',
    'smb://host/share',
    'ms-settings:privacy',
  ])('refuses %s and opens nothing', (url) => {
    expect(decideNavigation({ url, isMainFrame: true, kind: 'navigate', appOrigins })).toEqual({
      allow: false,
      openExternally: false,
    });
  });

  it('never opens a browser for a redirect or for a subframe', () => {
    expect(
      decideNavigation({ url: 'https://example.com/', isMainFrame: true, kind: 'redirect', appOrigins }),
    ).toEqual({
      allow: false,
      openExternally: false,
    });
    expect(
      decideNavigation({ url: 'https://example.com/', isMainFrame: false, kind: 'navigate', appOrigins }),
    ).toEqual({
      allow: false,
      openExternally: false,
    });
    expect(
      decideNavigation({ url: 'app://signet/index.html', isMainFrame: false, kind: 'navigate', appOrigins })
        .allow,
    ).toBe(false);
  });

  it('allows the dev server only when it is an app origin', () => {
    const url = 'http://localhost:5173/';
    expect(decideNavigation({ url, isMainFrame: true, kind: 'navigate', appOrigins }).allow).toBe(false);
    expect(
      decideNavigation({
        url,
        isMainFrame: true,
        kind: 'navigate',
        appOrigins: [...appOrigins, 'http://localhost:5173'],
      }).allow,
    ).toBe(true);
  });
});

describe('decideWindowOpen', () => {
  it('always denies a new window; web and mail links go to the system', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('app://signet/index.html')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('about:blank')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('file:///C:/Windows/System32/calc.exe')).toEqual({
      action: 'deny',
      openExternally: false,
    });
    expect(decideWindowOpen('https://user:pw@example.com/')).toEqual({
      action: 'deny',
      openExternally: false,
    });
  });
});
