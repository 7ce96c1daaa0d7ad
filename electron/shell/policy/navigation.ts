/**
 * Where a Signet page may go. The page never navigates away from the app: link clicks, redirects
 * and `window.open` are refused, and a plain web or mail link goes to the system browser instead.
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 * https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 */
import { isAllowedExternalUrl } from '../../security/urls';
import { originOf } from './sender';

export type NavigationDecision = { allow: true } | { allow: false; openExternally: boolean };

export interface NavigationRequest {
  url: string;
  isMainFrame: boolean;
  /** `navigate` for `will-navigate`/`will-frame-navigate`, `redirect` for `will-redirect`. */
  kind: 'navigate' | 'redirect';
  appOrigins: readonly string[];
}

/**
 * Allowed: the top-level frame moving within the app's own origin (a reload, the dev server's
 * full reload). Everything else is refused. A refused top-level click on an http(s) or mailto
 * link opens in the system browser; a redirect never does (the author did not ask for it), and
 * nothing a subframe does leaves the app.
 */
export function decideNavigation({
  url,
  isMainFrame,
  kind,
  appOrigins,
}: NavigationRequest): NavigationDecision {
  const origin = originOf(url);
  if (isMainFrame && origin !== null && appOrigins.includes(origin)) return { allow: true };
  return { allow: false, openExternally: kind === 'navigate' && isMainFrame && isAllowedExternalUrl(url) };
}

/** `setWindowOpenHandler`: never a new Electron window; an http(s)/mailto URL goes to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}
