/**
 * Rules applied to the session and to every webContents the app ever creates (the main window,
 * DevTools, anything a future feature adds): no navigation away, no new windows, no webviews,
 * no permissions, and the CSP on every response.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { Session, WebContents } from 'electron';
import { cspForResponse, withCspHeader } from '../security/csp';
import { decideNavigation, decideWindowOpen } from './policy/navigation';
import { isPermissionGranted } from './policy/permissions';

export interface HardeningOptions {
  appOrigins: readonly string[];
  /** The dev server's origin in development, else null. */
  devOrigin: string | null;
  openExternal(url: string): void;
}

export function hardenSession(session: Session, { appOrigins, devOrigin }: HardeningOptions): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      isPermissionGranted({
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        appOrigins,
      }),
    );
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
      appOrigins,
    }),
  );
  // HID, serial, USB: never.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withCspHeader(details.responseHeaders, cspForResponse(details.url, devOrigin)),
    });
  });
}

export function hardenWebContents(
  contents: WebContents,
  { appOrigins, openExternal }: HardeningOptions,
): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation({
      url: event.url,
      isMainFrame: event.isMainFrame,
      kind: 'navigate',
      appOrigins,
    });
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) openExternal(event.url);
  });
  // 'will-navigate' sees only the top-level frame; subframes are refused here.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    const decision = decideNavigation({ url: event.url, isMainFrame: false, kind: 'navigate', appOrigins });
    if (!decision.allow) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    const decision = decideNavigation({
      url: event.url,
      isMainFrame: event.isMainFrame,
      kind: 'redirect',
      appOrigins,
    });
    if (!decision.allow) event.preventDefault();
  });
  // webviewTag is off in every window we create; this catches one that is not.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openExternal(url);
    return { action: decision.action };
  });
}
