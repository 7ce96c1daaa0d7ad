/**
 * A loopback reverse proxy that sits between Signet and a real blog server and breaks requests on
 * purpose, the way networks and hosts do: the request reaches the server but the answer never
 * comes back, the answer comes too late, a 502/503 from a gateway, a connection reset halfway
 * through the body, a 429 with `Retry-After`. Tests decide per request (a plan function) or let a
 * seeded random generator pick faults at a rate, and read back what happened to every request.
 *
 * With `rewriteOrigin` it is a full reverse proxy: the target's origin in answers (the `Link` and
 * `Location` headers, HTML/JSON/XML bodies, JSON-escaped too) becomes the proxy's own, so a client
 * that found the blog by the proxy's address keeps talking to it only through the proxy. `setDown`
 * makes the blog unreachable (connections refused) without stopping the real server.
 *
 * Listens on 127.0.0.1 only and forwards only to a 127.0.0.1 target.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Forward the request, wait for the server's answer, then cut the connection without replying. */
  | { kind: 'drop-response' }
  /** Forward and answer, but only after `ms` (longer than the client's timeout). */
  | { kind: 'delay'; ms: number }
  /** Answer with a gateway error without forwarding. */
  | { kind: 'status'; status: 502 | 503; retryAfterSeconds?: number }
  /** Forward, send the status line, headers and half the body, then reset the connection. */
  | { kind: 'reset-mid-body' }
  /** Answer 429 Too Many Requests with `Retry-After` without forwarding. */
  | { kind: 'rate-limit'; retryAfterSeconds: number };

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: Fault['kind'] | null;
  /** Whether the request reached the server (so it may have taken effect). */
  forwarded: boolean;
  status?: number;
}

export interface FaultProxy {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Chooses the fault for each request; `null` lets it through. Replaces any random plan. */
  setPlan(plan: ((request: { method: string; path: string; index: number }) => Fault | null) | null): void;
  /** Faults at `rate` (0–1) on requests matching `filter`, from a seeded generator (same seed, same faults). */
  setRandomFaults(options: {
    rate: number;
    seed: number;
    kinds?: Array<Fault['kind']>;
    delayMs?: number;
    filter?: (request: { method: string; path: string }) => boolean;
  }): void;
  /** Every request so far, in order. */
  log(): ProxiedRequest[];
  /**
   * Down: the listener is closed (new connections are refused, open ones destroyed), as if the
   * blog's host were unreachable; up: it listens again on the same port.
   */
  setDown(down: boolean): Promise<void>;
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** Content types whose bodies may carry the blog's own address. */
const TEXT_TYPES = /^(text\/|application\/([\w.-]+\+)?(json|xml|javascript))/i;

/** Replaces `from` (an origin) by `to`, plain and JSON-escaped (`http:\/\/…`). */
export function rewriteOriginIn(text: string, from: string, to: string): string {
  const escaped = (origin: string) => origin.replaceAll('/', '\\/');
  return text.replaceAll(from, to).replaceAll(escaped(from), escaped(to));
}

export async function startFaultProxy(options: {
  target: string;
  port?: number;
  /** Rewrite the target's origin to the proxy's in answers (headers and text bodies). */
  rewriteOrigin?: boolean;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  let ownOrigin = '';
  if (target.hostname !== '127.0.0.1') throw new Error('The fault proxy forwards to 127.0.0.1 only.');
  let plan: ((request: { method: string; path: string; index: number }) => Fault | null) | null = null;
  const entries: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let index = 0;

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = plan?.({ method, path, index: index++ }) ?? null;
    const entry: ProxiedRequest = { method, path, fault: fault?.kind ?? null, forwarded: false };
    entries.push(entry);

    if (fault?.kind === 'status' || fault?.kind === 'rate-limit') {
      req.resume();
      const status = fault.kind === 'status' ? fault.status : 429;
      const retryAfter = fault.kind === 'status' ? fault.retryAfterSeconds : fault.retryAfterSeconds;
      entry.status = status;
      res.writeHead(status, {
        'content-type': 'text/html',
        ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
      });
      res.end(`<html><body><h1>${status}</h1><p>Injected by the test proxy.</p></body></html>`);
      return;
    }

    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    // The blog sees its own address, as if the client had called it directly.
    headers.host = target.host;
    // Bodies are rewritten as text: ask for them uncompressed.
    if (options.rewriteOrigin) delete headers['accept-encoding'];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method, path, headers },
      (answer) => {
        entry.forwarded = true;
        entry.status = answer.statusCode;
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const rewrite = (value: string) => rewriteOriginIn(value, target.origin, ownOrigin);
          if (
            options.rewriteOrigin &&
            !answer.headers['content-encoding'] &&
            TEXT_TYPES.test(answer.headers['content-type'] ?? '')
          ) {
            body = Buffer.from(rewrite(body.toString('utf8')), 'utf8');
          }
          if (fault?.kind === 'drop-response') {
            req.socket.destroy();
            return;
          }
          const send = () => {
            if (res.destroyed) return;
            const outHeaders: http.OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (HOP_BY_HOP.has(name) || name === 'content-length' || value === undefined) continue;
              outHeaders[name] = !options.rewriteOrigin
                ? value
                : Array.isArray(value)
                  ? value.map(rewrite)
                  : rewrite(value);
            }
            outHeaders['content-length'] = body.length;
            res.writeHead(answer.statusCode ?? 502, outHeaders);
            if (fault?.kind === 'reset-mid-body') {
              res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
              return;
            }
            res.end(body);
          };
          if (fault?.kind === 'delay') setTimeout(send, fault.ms);
          else send();
        });
      },
    );
    upstream.on('error', () => {
      entry.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('The blog server could not be reached through the test proxy.');
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ownOrigin = `http://127.0.0.1:${port}`;
  let down = false;
  const closeListener = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    url: ownOrigin,
    setPlan(next) {
      plan = next;
    },
    setRandomFaults({ rate, seed, kinds, delayMs = 15_000, filter }) {
      const random = seededRandom(seed);
      const choices: Array<Fault['kind']> = kinds ?? [
        'drop-response',
        'delay',
        'status',
        'reset-mid-body',
        'rate-limit',
      ];
      plan = (request) => {
        if (filter && !filter(request)) return null;
        if (random() >= rate) return null;
        const kind = choices[Math.floor(random() * choices.length)]!;
        switch (kind) {
          case 'drop-response':
            return { kind };
          case 'delay':
            return { kind, ms: delayMs };
          case 'status':
            return { kind, status: random() < 0.5 ? 502 : 503 };
          case 'reset-mid-body':
            return { kind };
          case 'rate-limit':
            return { kind, retryAfterSeconds: 1 };
        }
      };
    },
    log: () => entries.map((e) => ({ ...e })),
    async setDown(next) {
      if (next === down) return;
      down = next;
      if (next) await closeListener();
      else
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        });
    },
    async close() {
      if (down) return;
      down = true;
      await closeListener();
    },
  };
}
