/**
 * The e2e web host: the real `createApp` in Node, the built renderer over HTTP and the contract
 * over a WebSocket, on 127.0.0.1 only. Development and test tooling; never packaged.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import * as fsp from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApp, type SignetApp } from '../../electron/app';
import type { DesktopNotification } from '../../electron/outbox/notifications';
import { FileKeyVault, hostKeyFile } from '../../electron/accounts/fileKeyVault';
import type { EventMap, EventName } from '../../electron/contract';
import type { SettingsData } from '../../electron/ports';
import {
  openSettings,
  settingsPortFrom,
  settingsStoreOptions,
  type KeyValueStore,
} from '../../electron/settings/settingsOptions';
import { RENDERER_CSP } from '../../electron/security/csp';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

export interface HostOptions {
  dataDir: string;
  /** 0 = any free port. */
  port?: number;
  rendererDir?: string;
  revisionIntervalMs?: number;
  /** Start as an install set up before: no welcome draft, no first-run site (e2e default). */
  skipOnboarding?: boolean;
}

export interface Host {
  url: string;
  origin: string;
  token: string;
  app: SignetApp;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

async function bundleShim(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'pageShim.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** What the host's file and folder pickers answer next; tests set it through the control route. */
interface PickerQueue {
  folders: string[];
  images: string[];
  files: string[];
  saves: string[];
}

export async function startHost(options: HostOptions): Promise<Host> {
  const rendererDir = options.rendererDir ?? path.join(ROOT, 'out/renderer');
  const indexHtml = await fsp.readFile(path.join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`No built renderer in ${rendererDir}. Run \`npm run build\` first.`);
  });
  const shim = await bundleShim();
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  const picks: PickerQueue = { folders: [], images: [], files: [], saves: [] };
  const openedExternally: string[] = [];
  // Desktop notifications the app showed, and whether the "window" counts as focused (tests set it).
  const notifications: DesktopNotification[] = [];
  let windowFocused = true;

  await fsp.mkdir(options.dataDir, { recursive: true });
  const storeOptions = settingsStoreOptions({ dataDir: options.dataDir, appVersion: VERSION });
  const conf = openSettings(() => new Conf<SettingsData>(storeOptions), {
    file: path.join(options.dataDir, `${storeOptions.configName}.json`),
    onRecovered: (movedTo) => console.warn(`[signet] settings file could not be read; moved to ${movedTo}`),
  });
  const settings = settingsPortFrom(conf as unknown as KeyValueStore);

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const app = await createApp({
    dataDir: options.dataDir,
    settings,
    dialogs: {
      pickFolder: async () => picks.folders.shift() ?? null,
      pickImage: async () => picks.images.shift() ?? null,
      pickFile: async () => picks.files.shift() ?? null,
      pickSavePath: async () => picks.saves.shift() ?? null,
    },
    openExternal: async (url) => {
      openedExternally.push(url);
    },
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      const message = JSON.stringify({ event, payload });
      for (const ws of sockets) ws.send(message);
    },
    assetBaseUrl: `${origin}/__signet/assets/`,
    runtime: 'web',
    version: VERSION,
    revisionIntervalMs: options.revisionIntervalMs,
    ...(options.skipOnboarding ? { skipOnboarding: true } : {}),
    // Secrets are encrypted with a key kept outside the data folder, never stored in plain text.
    vault: new FileKeyVault({ dataDir: options.dataDir, keyFile: hostKeyFile(options.dataDir) }),
    fetch: globalThis.fetch,
    authCallbackUrl: `${origin}/__signet/wp-auth/callback`,
    showDesktopNotification: (notification) => {
      notifications.push(notification);
    },
    isWindowFocused: () => windowFocused,
  });

  const page = indexHtml.replace('<head>', '<head>\n    <script src="/__signet/shim.js"></script>');

  const tokenOk = (candidate: string | null): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  server.on('request', (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const headers = {
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { ...headers, 'content-type': MIME['.html'] });
      res.end(page);
      return;
    }
    if (url.pathname === '/__signet/shim.js') {
      res.writeHead(200, { ...headers, 'content-type': MIME['.js'] });
      res.end(shim);
      return;
    }
    if (url.pathname.startsWith('/__signet/assets/')) {
      const [draftId, fileName] = url.pathname
        .slice('/__signet/assets/'.length)
        .split('/')
        .map((part) => decodeURIComponent(part));
      const asset = draftId && fileName ? await app.readAsset(draftId, fileName) : null;
      if (!asset) {
        res.writeHead(404, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': asset.mimeType });
      res.end(asset.bytes);
      return;
    }
    if (url.pathname === '/__signet/wp-auth/callback') {
      // The blog's "authorize application" page sends the browser here (the twin of signet://).
      const done = await app.handleAuthCallback(url.href);
      res.writeHead(200, { ...headers, 'content-type': MIME['.html'] });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signet</title></head>` +
          `<body><h1>${done ? 'Signed in' : 'Sign-in did not finish'}</h1>` +
          `<p>You can close this tab and go back to Signet.</p></body></html>`,
      );
      return;
    }
    if (url.pathname.startsWith('/__signet/test/')) {
      // Test control: answer the next file or folder picker, read what was opened externally.
      if (!tokenOk(url.searchParams.get('token'))) {
        res.writeHead(403);
        res.end();
        return;
      }
      if (url.pathname === '/__signet/test/pick' && req.method === 'POST') {
        const kind = url.searchParams.get('kind');
        const value = url.searchParams.get('path') ?? '';
        if (kind === 'folder') picks.folders.push(value);
        else if (kind === 'file') picks.files.push(value);
        else if (kind === 'save') picks.saves.push(value);
        else picks.images.push(value);
        res.writeHead(204);
        res.end();
        return;
      }
      if (url.pathname === '/__signet/test/notifications') {
        res.writeHead(200, { 'content-type': MIME['.json'] });
        res.end(JSON.stringify(notifications));
        return;
      }
      if (url.pathname === '/__signet/test/focus' && req.method === 'POST') {
        windowFocused = url.searchParams.get('focused') !== 'false';
        res.writeHead(204);
        res.end();
        return;
      }
      if (url.pathname === '/__signet/test/opened') {
        res.writeHead(200, { 'content-type': MIME['.json'] });
        res.end(JSON.stringify(openedExternally));
        return;
      }
    }
    const file = path.resolve(rendererDir, '.' + path.posix.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + path.sep)) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    const body = await fsp.readFile(file).catch(() => null);
    if (!body) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    });
    res.end(body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    // Only the page this host served may talk to the app: right path, right token, right Origin.
    if (
      url.pathname !== '/__signet/ws' ||
      !tokenOk(url.searchParams.get('token')) ||
      req.headers.origin !== origin
    ) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (raw) => {
        let message: { id?: unknown; name?: unknown; request?: unknown };
        try {
          message = JSON.parse(String(raw)) as typeof message;
        } catch {
          return;
        }
        if (typeof message.id !== 'number') return;
        const id = message.id;
        void app.dispatch(message.name, message.request).then((result) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
        });
      });
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    app,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await app.close();
    },
  };
}
