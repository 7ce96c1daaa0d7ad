/**
 * Real servers on 127.0.0.1 for tests of the HTTP layer and of discovery: a plain HTTP server
 * with a handler, an HTTPS one with a certificate made at test time, and a port with nothing
 * listening.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Loopback {
  url: string;
  port: number;
  /** Requests seen, in order (method, URL, headers, body). */
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }>;
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

async function listen(
  server: http.Server | https.Server,
  scheme: 'http' | 'https',
  requests: Loopback['requests'],
) {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function wrap(handler: Handler, requests: Loopback['requests']): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  };
}

export async function startHttp(handler: Handler): Promise<Loopback> {
  const requests: Loopback['requests'] = [];
  return listen(http.createServer(wrap(handler, requests)), 'http', requests);
}

/** A self-signed certificate for 127.0.0.1 made with `openssl`, or the reason there is none. */
export function selfSignedCertificate(): { key: string; cert: string } | { skipReason: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe', timeout: 20_000 },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } catch (error) {
    return {
      skipReason: `openssl could not make a test certificate (${(error as Error).message.split('\n')[0]})`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startHttps(cert: { key: string; cert: string }, handler: Handler): Promise<Loopback> {
  const requests: Loopback['requests'] = [];
  return listen(https.createServer(cert, wrap(handler, requests)), 'https', requests);
}

/** A loopback port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}
