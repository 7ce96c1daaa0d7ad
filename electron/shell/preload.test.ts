/**
 * The preload (electron/preload.ts) with `electron` replaced by a fake: what the page gets as
 * `window.signet`, and that it never gets ipcRenderer or an IpcRendererEvent.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS, commandChannel, eventChannel, type SignetApi } from '../contract';

const fake = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  ipc: null as unknown as EventEmitter & { invoke: ReturnType<typeof vi.fn> },
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  fake.ipc = Object.assign(new Emitter(), { invoke: vi.fn() });
  return {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (fake.exposed[key] = value) },
    ipcRenderer: fake.ipc,
  };
});

let signet: SignetApi;
beforeAll(async () => {
  await import('../preload');
  signet = fake.exposed.signet as SignetApi;
});

describe('preload', () => {
  it('exposes window.signet only: one function per command plus on()', () => {
    expect(Object.keys(fake.exposed)).toEqual(['signet']);
    expect(Object.keys(signet).sort()).toEqual([...COMMANDS, 'on'].sort());
    expect(fake.ipc).toBeInstanceOf(EventEmitter);
  });

  it('invokes the command’s channel and hands back the main process’s answer', async () => {
    fake.ipc.invoke.mockResolvedValueOnce({ ok: true, value: { id: 'abc' } });
    await expect(signet.getDraft({ id: 'abc' })).resolves.toEqual({ ok: true, value: { id: 'abc' } });
    expect(fake.ipc.invoke).toHaveBeenCalledWith(commandChannel('getDraft'), { id: 'abc' });
  });

  it('turns a failed invoke into an UNAVAILABLE answer instead of a throw', async () => {
    fake.ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'signet:cmd:getDraft'"));
    await expect(signet.getDraft({ id: 'abc' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('gives a listener the payload only, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const off = signet.on('notice', listener);
    const event = { sender: fake.ipc };
    fake.ipc.emit(eventChannel('notice'), event, { level: 'info', message: 'hi' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ level: 'info', message: 'hi' }]);
    off();
  });

  it('unsubscribes exactly the listener it was given', () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = signet.on('draftsChanged', first);
    const offSecond = signet.on('draftsChanged', second);
    offFirst();
    fake.ipc.emit(eventChannel('draftsChanged'), {}, { ids: [], external: false });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    offSecond();
    expect(fake.ipc.listenerCount(eventChannel('draftsChanged'))).toBe(0);
  });

  it('refuses an event the contract does not name', () => {
    expect(() => signet.on('bogus' as never, () => {})).toThrow(/Unknown event/);
  });
});
