/**
 * `signet://` links: the OS hands them to Signet (a blog's "authorize application" page redirects
 * to one). Only the sign-in callback is understood; anything else is ignored.
 */
export const APP_PROTOCOL = 'signet';
export const AUTH_CALLBACK_URL = `${APP_PROTOCOL}://wp-auth/callback`;

/** The first `signet://wp-auth/callback…` argument on a command line (Windows/Linux second instance). */
export function authCallbackFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => isAuthCallbackUrl(arg)) ?? null;
}

export function isAuthCallbackUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_PROTOCOL}:` && url.host === 'wp-auth' && url.pathname === '/callback';
  } catch {
    return false;
  }
}
