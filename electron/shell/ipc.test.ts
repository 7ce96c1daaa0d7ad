/**
 * The IPC glue, with `electron` replaced by a fake (the real package would try to download its
 * binary under plain Node). What matters: the sender check runs before the payload is touched.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, commandChannel, eventChannel } from '../contract';

const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, request: unknown) => unknown>(),
  windows: [] as unknown[],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, request: unknown) => unknown) =>
      fake.handlers.set(channel, fn),
  },
  BrowserWindow: { getAllWindows: () => fake.windows },
}));

const { registerCommandHandlers, sendToAppWindows } = await import('./ipc');

const appOrigins = ['app://signet'];
const mainFrame = { url: 'app://signet/index.html', parent: null, processId: 7, routingId: 1 };

function invokeEvent(frame: Record<string, unknown> | null) {
  return { senderFrame: frame, sender: { mainFrame } };
}

describe('registerCommandHandlers', () => {
  const dispatch = vi.fn(async (name: unknown, request: unknown) => ({
    ok: true as const,
    value: { name, request },
  }));

  beforeEach(() => {
    fake.handlers.clear();
    dispatch.mockClear();
    registerCommandHandlers(dispatch, appOrigins);
  });

  it('handles every contract command on its channel', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(COMMANDS.map(commandChannel).sort());
  });

  it('passes a request from the app’s top-level frame to the dispatcher', async () => {
    const handler = fake.handlers.get(commandChannel('getDraft'))!;
    await expect(handler(invokeEvent(mainFrame), { id: 'abc' })).resolves.toEqual({
      ok: true,
      value: { name: 'getDraft', request: { id: 'abc' } },
    });
  });

  it.each([
    ['a subframe of the app page', { ...mainFrame, parent: mainFrame, routingId: 2 }],
    ['another origin', { ...mainFrame, url: 'https://example.com/' }],
    ['a file: page', { ...mainFrame, url: 'file:///tmp/index.html' }],
    ['a frame that is gone', null],
  ])('refuses %s without looking at the payload', async (_label, frame) => {
    const payload = new Proxy(
      {},
      {
        get: () => {
          throw new Error('payload was read');
        },
      },
    );
    const handler = fake.handlers.get(commandChannel('saveDraft'))!;
    const result = await handler(invokeEvent(frame), payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('sendToAppWindows', () => {
  it('pushes events only to windows that show the app page', () => {
    const win = (url: string, destroyed = false) => ({
      isDestroyed: () => destroyed,
      webContents: { mainFrame: { url }, send: vi.fn() },
    });
    const app = win('app://signet/index.html');
    const stray = win('https://example.com/');
    const closed = win('app://signet/index.html', true);
    fake.windows = [app, stray, closed];
    sendToAppWindows('draftsChanged', { ids: ['a'], external: false }, appOrigins);
    expect(app.webContents.send).toHaveBeenCalledWith(eventChannel('draftsChanged'), {
      ids: ['a'],
      external: false,
    });
    expect(stray.webContents.send).not.toHaveBeenCalled();
    expect(closed.webContents.send).not.toHaveBeenCalled();
  });
});
