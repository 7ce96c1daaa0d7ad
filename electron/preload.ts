/**
 * The preload: exposes `window.signet` — one async function per contract command and a typed
 * event subscription — and nothing else. The page never sees ipcRenderer, a channel string or an
 * IpcRendererEvent (whose `sender` would hand it ipcRenderer back).
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations
 *
 * Sandboxed, so bundled to CommonJS with only `electron` left external.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildSignetApi, commandChannel, eventChannel, type Result, type Transport } from './contract/api';

const transport: Transport = {
  invoke: (name, request) =>
    // invoke only rejects when the main process has no handler or is going away; the contract
    // promises an `{ok}` answer, never a throw.
    (ipcRenderer.invoke(commandChannel(name), request) as Promise<Result<unknown>>).catch(() => ({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'Signet could not reach its main process. If this keeps happening, restart Signet.',
      },
    })),
  subscribe: (name, listener) => {
    const channel = eventChannel(name);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('signet', buildSignetApi(transport));
