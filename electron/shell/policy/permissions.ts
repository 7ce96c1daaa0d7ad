/**
 * Web permissions (camera, notifications, geolocation, clipboard read, …) are refused by default.
 * https://www.electronjs.org/docs/latest/tutorial/security#5-handle-session-permission-requests-from-remote-content
 */
import { originOf } from './sender';

/**
 * Writing plain text to the clipboard (`navigator.clipboard.writeText`, e.g. "copy HTML" or
 * "copy link" buttons) is the one thing the editor may ask for. Reading the clipboard is not:
 * paste goes through the ordinary paste event, which needs no permission.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionQuery {
  permission: string;
  /** The requesting URL or origin; '' when Electron gives none. */
  requestingUrl: string;
  isMainFrame: boolean;
  appOrigins: readonly string[];
}

export function isPermissionGranted({
  permission,
  requestingUrl,
  isMainFrame,
  appOrigins,
}: PermissionQuery): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission) || !isMainFrame) return false;
  const origin = originOf(requestingUrl);
  return origin !== null && appOrigins.includes(origin);
}
