/**
 * Runs in the browser page served by the web host, before the renderer: it builds
 * `window.signet` from the same contract builder the Electron preload uses, over a WebSocket.
 * Bundled by the host at start-up into a classic script (the CSP allows only 'self' scripts).
 */
import { buildSignetApi, type CommandName, type EventName, type Result } from '../../electron/contract/api';

interface Pending {
  resolve(result: Result<unknown>): void;
}

const TOKEN_KEY = 'signet-host-token';

function readToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    // Keep the token out of the address bar and of screenshots.
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = readToken();
const pending = new Map<number, Pending>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;
let socket: WebSocket | null = null;
let opened: Promise<WebSocket> | null = null;

function connect(): Promise<WebSocket> {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/__signet/ws?token=${encodeURIComponent(token)}`);
    ws.addEventListener('open', () => {
      socket = ws;
      resolve(ws);
    });
    ws.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as
        { id: number; result: Result<unknown> } | { event: EventName; payload: unknown };
      if ('id' in data) {
        pending.get(data.id)?.resolve(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      opened = null;
      for (const [, p] of pending) {
        p.resolve({
          ok: false,
          error: { code: 'UNAVAILABLE', message: 'Signet lost its connection to the app. Reload the page.' },
        });
      }
      pending.clear();
      reject(new Error('closed'));
    });
  });
  opened.catch(() => {});
  return opened;
}

const api = buildSignetApi({
  async invoke(name: CommandName, request: unknown) {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'Signet cannot reach the app. Is the host still running?' },
      };
    }
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, { resolve });
      ws.send(JSON.stringify({ id, name, request }));
    });
  },
  subscribe(name: EventName, listener: (payload: unknown) => void) {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    void connect().catch(() => {});
    return () => set.delete(listener);
  },
});

Object.defineProperty(window, 'signet', { value: api, writable: false, configurable: false });
void connect().catch(() => {});
