import { describe, expect, it } from 'vitest';
import { authCallbackFromArgv, AUTH_CALLBACK_URL, isAuthCallbackUrl } from './protocolClient';

describe('signet:// sign-in callbacks', () => {
  it('recognises only the sign-in callback', () => {
    expect(isAuthCallbackUrl(`${AUTH_CALLBACK_URL}?site_url=x&user_login=a&password=b`)).toBe(true);
    expect(isAuthCallbackUrl('signet://other/callback')).toBe(false);
    expect(isAuthCallbackUrl('signet://wp-auth/elsewhere')).toBe(false);
    expect(isAuthCallbackUrl('https://wp-auth/callback')).toBe(false);
    expect(isAuthCallbackUrl('not a url')).toBe(false);
  });
  it('finds the callback among a second instance’s arguments', () => {
    expect(authCallbackFromArgv(['/usr/bin/signet', '--flag', `${AUTH_CALLBACK_URL}?a=1`])).toBe(
      `${AUTH_CALLBACK_URL}?a=1`,
    );
    expect(authCallbackFromArgv(['/usr/bin/signet', 'signet://evil'])).toBeNull();
  });
});
