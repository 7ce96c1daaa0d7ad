/**
 * One `ipcMain.handle` per contract command. The sender is checked first — the top-level frame of
 * a page from the app's own origin — and only then does the payload reach the shared dispatcher
 * (schema check, handler, `{ok}` envelope).
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { COMMANDS, commandChannel, eventChannel, type EventMap, type EventName } from '../contract';
import type { Dispatch } from '../dispatcher';
import { forbiddenResult, isTrustedSender } from './policy/sender';

export function registerCommandHandlers(dispatch: Dispatch, appOrigins: readonly string[]): void {
  for (const name of COMMANDS) {
    ipcMain.handle(commandChannel(name), (event, request: unknown) => {
      if (!isTrustedSender({ ...senderFrameOf(event), appOrigins })) return forbiddenResult();
      return dispatch(name, request);
    });
  }
}

/** The frame that sent the message; a destroyed or navigated-away frame counts as unknown. */
function senderFrameOf(event: IpcMainInvokeEvent): { frameUrl: string; isMainFrame: boolean } {
  try {
    const frame = event.senderFrame;
    const main = event.sender.mainFrame;
    if (!frame) return { frameUrl: '', isMainFrame: false };
    // Compared by id, not by object identity, which Electron does not promise for WebFrameMain.
    const isMainFrame =
      frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return { frameUrl: frame.url, isMainFrame };
  } catch {
    return { frameUrl: '', isMainFrame: false };
  }
}

/** `AppPorts.emit`: pushes an event to every window that shows the app's own page. */
export function sendToAppWindows<E extends EventName>(
  event: E,
  payload: EventMap[E],
  appOrigins: readonly string[],
): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (win.isDestroyed()) continue;
    const contents = win.webContents;
    if (!isTrustedSender({ frameUrl: contents.mainFrame.url, isMainFrame: true, appOrigins })) continue;
    contents.send(eventChannel(event), payload);
  }
}
