import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type Host } from './server';
import { WELCOME_TITLE } from '../../electron/onboarding/welcomeText';

let dir: string;
let host: Host;

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-host-'));
  const rendererDir = path.join(dir, 'renderer');
  await fsp.mkdir(rendererDir);
  await fsp.writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  await fsp.writeFile(path.join(dir, 'outside.txt'), 'not for the browser');
  host = await startHost({ dataDir: path.join(dir, 'data'), rendererDir });
});

afterEach(async () => {
  await host.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

function connect(token: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/__signet/ws?token=${token}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function send(ws: WebSocket, id: number, name: string, request: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const data = JSON.parse(String(raw)) as { id?: number; result?: unknown };
      if (data.id === id) {
        ws.off('message', onMessage);
        resolve(data.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, request }));
  });
}

describe('web host', () => {
  it('serves the page with the CSP and the shim before the app', async () => {
    const res = await fetch(host.origin + '/');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/<head>\s*<script src="\/__signet\/shim.js"><\/script>/);
    const shim = await fetch(host.origin + '/__signet/shim.js');
    expect(await shim.text()).toContain('signet');
  });

  it('refuses a socket without the token or from another origin', async () => {
    await expect(connect('wrong', host.origin)).rejects.toThrow(/403/);
    await expect(connect(host.token, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('dispatches commands through the real app and answers in the envelope', async () => {
    const ws = await connect(host.token, host.origin);
    const created = (await send(ws, 1, 'createDraft', { title: 'Over the socket' })) as {
      ok: boolean;
      value: { id: string };
    };
    expect(created.ok).toBe(true);
    const list = (await send(ws, 2, 'listDrafts', {})) as { value: { items: Array<{ title: string }> } };
    // The host runs the real first start too: the welcome draft is there beside the new one.
    const titles = list.value.items.map((i) => i.title);
    expect(titles).toHaveLength(2);
    expect(titles).toContain('Over the socket');
    expect(titles).toContain(WELCOME_TITLE);
    const bad = (await send(ws, 3, 'getDraft', { id: '../x' })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    ws.close();
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt']) {
      const res = await fetch(host.origin + p);
      expect(res.status, p).toBe(404);
    }
  });

  it('keeps the test controls behind the token', async () => {
    expect((await fetch(`${host.origin}/__signet/test/opened`)).status).toBe(403);
    expect((await fetch(`${host.origin}/__signet/test/opened?token=${host.token}`)).status).toBe(200);
  });
});
