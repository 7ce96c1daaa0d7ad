import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

const appOrigins = ['app://signet'];

describe('isPermissionGranted', () => {
  it('lets the app page write text to the clipboard', () => {
    expect(
      isPermissionGranted({
        permission: 'clipboard-sanitized-write',
        requestingUrl: 'app://signet/index.html',
        isMainFrame: true,
        appOrigins,
      }),
    ).toBe(true);
    // The check handler passes an origin, not a URL.
    expect(
      isPermissionGranted({
        permission: 'clipboard-sanitized-write',
        requestingUrl: 'app://signet',
        isMainFrame: true,
        appOrigins,
      }),
    ).toBe(true);
  });

  it.each([
    'clipboard-read',
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'fullscreen',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'local-fonts',
    'unknown',
  ])('refuses %s even to the app page', (permission) => {
    expect(
      isPermissionGranted({
        permission,
        requestingUrl: 'app://signet/index.html',
        isMainFrame: true,
        appOrigins,
      }),
    ).toBe(false);
  });

  it('refuses clipboard writes from other origins and from subframes', () => {
    const permission = 'clipboard-sanitized-write';
    expect(
      isPermissionGranted({
        permission,
        requestingUrl: 'https://example.com/',
        isMainFrame: true,
        appOrigins,
      }),
    ).toBe(false);
    expect(
      isPermissionGranted({ permission, requestingUrl: 'app://signet/', isMainFrame: false, appOrigins }),
    ).toBe(false);
    expect(isPermissionGranted({ permission, requestingUrl: '', isMainFrame: true, appOrigins })).toBe(false);
  });
});
