/**
 * Who may talk to the main process. Every IPC message is checked against this before its payload
 * is looked at: only the app's own page, in the top-level frame, may call a command.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */

import type { Result } from '../../contract';

/** The origin of the packaged renderer (see `appUrl.ts`). */
export const APP_ORIGIN = 'app://signet';

/**
 * `scheme://host[:port]` for the schemes a Signet page can be served from, or null.
 *
 * Node's `URL#origin` is `"null"` for schemes it does not know (such as `app:`), while Chromium
 * gives a scheme registered as standard a real tuple origin; so the origin is built here the way
 * Chromium builds it. Anything that cannot be one of our pages (file:, data:, about:, blob:,
 * devtools:, URLs with credentials) has no origin here.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'app:' && url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.host || url.username || url.password) return null;
  return `${url.protocol}//${url.host}`;
}

export interface SenderInfo {
  /** The URL of the frame that sent the message (`event.senderFrame.url`), '' when unknown. */
  frameUrl: string;
  /** Whether that frame is its page's top-level frame. */
  isMainFrame: boolean;
  /** The origins our renderer is served from (see `appOriginsFor`). */
  appOrigins: readonly string[];
}

export function isTrustedSender({ frameUrl, isMainFrame, appOrigins }: SenderInfo): boolean {
  if (!isMainFrame) return false;
  const origin = originOf(frameUrl);
  return origin !== null && appOrigins.includes(origin);
}

/** The answer to a message from an untrusted sender (its payload is never looked at). */
export function forbiddenResult(): Result<never> {
  return {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message: 'Only Signet’s own window may ask for that. The request was refused.',
    },
  };
}
