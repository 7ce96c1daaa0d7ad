import { describe, expect, it } from 'vitest';
import {
  checkFeedUrl,
  describeUpdateError,
  installChoice,
  installPrompt,
  updatePlan,
  type UpdateContext,
} from './updates';

const packaged: UpdateContext = {
  isPackaged: true,
  env: {},
  hasBuiltInFeed: false,
  platform: 'win32',
};

describe('updatePlan', () => {
  it('never checks in development, even with a feed named', () => {
    expect(
      updatePlan({
        ...packaged,
        isPackaged: false,
        hasBuiltInFeed: true,
        env: { SIGNET_UPDATE_FEED_URL: 'https://updates.example.com/signet/' },
      }),
    ).toEqual({ kind: 'skip', reason: 'development' });
  });

  it('does not check without a feed', () => {
    expect(updatePlan(packaged)).toEqual({ kind: 'skip', reason: 'no-feed' });
  });

  it('uses the feed built into the package', () => {
    expect(updatePlan({ ...packaged, hasBuiltInFeed: true })).toEqual({ kind: 'check', feed: 'built-in' });
  });

  it('lets SIGNET_UPDATE_FEED_URL name a generic feed, over the built-in one', () => {
    expect(
      updatePlan({
        ...packaged,
        hasBuiltInFeed: true,
        env: { SIGNET_UPDATE_FEED_URL: ' https://updates.example.com/signet ' },
      }),
    ).toEqual({ kind: 'check', feed: { provider: 'generic', url: 'https://updates.example.com/signet/' } });
  });

  it('SIGNET_UPDATES=off turns checks off', () => {
    for (const value of ['off', 'OFF', '0', 'false'])
      expect(updatePlan({ ...packaged, hasBuiltInFeed: true, env: { SIGNET_UPDATES: value } })).toEqual({
        kind: 'skip',
        reason: 'disabled',
      });
    expect(updatePlan({ ...packaged, hasBuiltInFeed: true, env: { SIGNET_UPDATES: 'on' } }).kind).toBe(
      'check',
    );
  });

  it('on Linux only an AppImage or a deb/rpm/pacman install updates itself', () => {
    const linux = { ...packaged, platform: 'linux' as const, hasBuiltInFeed: true };
    expect(updatePlan({ ...linux, linuxPackage: null })).toEqual({ kind: 'skip', reason: 'unsupported' });
    expect(updatePlan({ ...linux, linuxPackage: 'appimage' }).kind).toBe('check');
    expect(updatePlan({ ...linux, linuxPackage: 'deb' }).kind).toBe('check');
  });

  it('refuses a bad feed with a message that says what to do', () => {
    const plan = updatePlan({ ...packaged, env: { SIGNET_UPDATE_FEED_URL: 'http://updates.example.com/' } });
    expect(plan).toEqual({ kind: 'refuse', message: expect.stringContaining('Use an https:// address') });
  });
});

describe('checkFeedUrl', () => {
  it('accepts https, and http only on loopback', () => {
    expect(checkFeedUrl('https://updates.example.com/a/b')).toEqual({
      url: 'https://updates.example.com/a/b/',
    });
    expect(checkFeedUrl('http://127.0.0.1:9/feed/')).toEqual({ url: 'http://127.0.0.1:9/feed/' });
    expect(checkFeedUrl('http://localhost:9/')).toEqual({ url: 'http://localhost:9/' });
    expect(checkFeedUrl('http://updates.example.com/')).toHaveProperty('message');
    expect(checkFeedUrl('file:///tmp/feed/')).toHaveProperty('message');
    expect(checkFeedUrl('ftp://updates.example.com/')).toHaveProperty('message');
  });

  it('refuses what is not a URL, and credentials in the URL without repeating them', () => {
    expect(checkFeedUrl('updates.example.com')).toEqual({ message: expect.stringContaining('is not a URL') });
    const withSecret = checkFeedUrl('https://me:hunter2@updates.example.com/');
    expect(withSecret).toEqual({ message: expect.stringContaining('user name or password') });
    expect(JSON.stringify(withSecret)).not.toContain('hunter2');
  });
});

describe('installPrompt', () => {
  it('asks before installing: Restart Now or Later', () => {
    const prompt = installPrompt('1.2.0', '1.1.0');
    expect(prompt.message).toBe('Signet 1.2.0 is ready to install.');
    expect(prompt.detail).toContain('You have Signet 1.1.0');
    expect(prompt.detail).toContain('next time you quit');
    expect(prompt.buttons).toEqual(['Restart Now', 'Later']);
    expect(prompt.buttons[prompt.defaultId]).toBe('Restart Now');
    expect(prompt.buttons[prompt.cancelId]).toBe('Later');
  });

  it('maps each button to its choice; Escape or anything else is Later', () => {
    const prompt = installPrompt('1.2.0', '1.1.0');
    expect([0, 1].map((i) => installChoice(prompt, i))).toEqual(['restart', 'later']);
    expect(installChoice(prompt, 5)).toBe('later');
    expect(installChoice(prompt, -1)).toBe('later');
  });

  it('does not show a version string from the feed that is not a version', () => {
    const prompt = installPrompt('1.2.0\n<b>click here</b>', '1.1.0');
    expect(prompt.message).toBe('A new version of Signet is ready to install.');
  });
});

describe('describeUpdateError', () => {
  it('keeps the first line and drops query strings and credentials of URLs', () => {
    const error = new Error(
      'Cannot find latest.yml in https://user:pw@updates.example.com/signet/latest.yml?token=abc123 (404)\n  at stack',
    );
    expect(describeUpdateError(error)).toBe(
      'Cannot find latest.yml in https://updates.example.com/signet/latest.yml (404)',
    );
  });
});
