/** Shows an outbox result as a desktop notification (what and when: outbox/notifications.ts). */
import { BrowserWindow, Notification } from 'electron';
import type { DesktopNotification } from '../outbox/notifications';
import { focusWindow } from './window';

export function showDesktopNotification(notification: DesktopNotification): void {
  if (!Notification.isSupported()) return;
  const shown = new Notification({
    title: notification.title,
    body: notification.body,
    urgency: notification.urgency,
    silent: notification.urgency !== 'critical',
  });
  // A click brings Signet to the front (the outbox there says more).
  shown.on('click', () => {
    const window = BrowserWindow.getAllWindows().find((w) => !w.isDestroyed());
    if (window) focusWindow(window);
  });
  shown.show();
}

export function isAppWindowFocused(): boolean {
  return BrowserWindow.getFocusedWindow() !== null;
}
