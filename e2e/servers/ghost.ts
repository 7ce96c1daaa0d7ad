/**
 * The real Ghost 6 (npm package, SQLite, on 127.0.0.1) that Signet's integration and e2e tests
 * publish to. `ensureGhost()` starts it once per process with e2e/servers/ghost.sh (~3-4 min the
 * first time: it installs Node 22 and Ghost into a cache folder; a few seconds after that; about a
 * second when it is already up) and hands back its URL and keys, plus helpers for tests.
 *
 * When it cannot run (not Linux, the folders are not writable, the script fails) it throws
 * `ServerUnavailable` so tests skip with a visible reason — except under
 * `SIGNET_REQUIRE_SERVERS=1` (CI), where the tests fail. A developer can start it once with
 * `set -a; eval "$(bash e2e/servers/ghost.sh)"; set +a`: the helper then uses the exported
 * SIGNET_GHOST_* variables.
 *
 * The server is shared: `reset()` affects every test talking to it. Keep such tests in one file
 * (the "servers" vitest project runs files one at a time).
 */
import { createHmac } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import {
  parseKeyValues,
  runServerScript,
  serverOnce,
  ServerUnavailable,
  type ServerOrSkip,
} from './wordpress';

const SCRIPT = path.join(import.meta.dirname, 'ghost.sh');

export interface GhostServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** `<24 hex id>:<64 hex secret>` of the "Signet Tests" custom integration. */
  adminApiKey: string;
  contentApiKey: string;
  /** The owner's login (Ghost Admin in a browser). */
  ownerEmail: string;
  ownerPassword: string;
  /** Ghost's log file (stdout and stderr of the server). */
  logFile: string;
  /**
   * Admin API fetch of `<url>/ghost/api/admin<path>`, signed with the integration's key (a fresh
   * token each time), e.g. `admin('/posts/<id>/?formats=html')`. `key: null` sends no token.
   */
  admin(apiPath: string, init?: RequestInit & { key?: string | null }): Promise<Response>;
  /** Like `admin`, but answers the parsed JSON and throws on a non-2xx status. */
  adminJson<T = unknown>(apiPath: string, init?: RequestInit & { key?: string | null }): Promise<T>;
  /**
   * GET `<url>/ghost/api/admin<path>` as the signed-in owner (a session, like Ghost Admin in a
   * browser), for what integrations may not read, such as `/emails/`.
   */
  ownerJson<T = unknown>(apiPath: string): Promise<T>;
  /** Back to a clean site: every post, page and tag deleted. */
  reset(): Promise<void>;
  /**
   * Publishes one post when the site has none (another test's `reset()` may have left it empty),
   * so the theme has a post page to show.
   */
  ensurePublishedPost(): Promise<void>;
}

export type GhostOrSkip = ServerOrSkip<GhostServer>;

const ghost = serverOnce(() => start(), 'ghost: ');

/** Starts (or reuses) the test Ghost; once per process. */
export const ensureGhost = (): Promise<GhostServer> => ghost.ensure();

/**
 * For vitest (`describe.skipIf(!g.server)`) and Playwright (`test.skip(!g.server, g.skipReason)`):
 * the server, or why there is none. Under SIGNET_REQUIRE_SERVERS=1 it throws instead of skipping.
 */
export const ghostOrSkip = (): Promise<GhostOrSkip> => ghost.orSkip();

// ---------------------------------------------------------------- starting

interface Settings {
  url: string;
  adminApiKey: string;
  contentApiKey: string;
  ownerEmail: string;
  ownerPassword: string;
  logFile: string;
}

function stateDir(): string {
  return process.env.SIGNET_GHOST_STATE || '/var/lib/signet-ghost';
}

function wantedUrl(): string {
  return `http://127.0.0.1:${process.env.SIGNET_GHOST_PORT || '2368'}`;
}

function settingsFrom(vars: Record<string, string | undefined>): Settings | null {
  const url = vars.SIGNET_GHOST_URL?.replace(/\/+$/, '');
  const adminApiKey = vars.SIGNET_GHOST_ADMIN_API_KEY;
  if (!url || !adminApiKey) return null;
  if (new URL(url).hostname !== '127.0.0.1') {
    throw new Error(`SIGNET_GHOST_URL must be on 127.0.0.1 (got ${url})`);
  }
  return {
    url,
    adminApiKey,
    contentApiKey: vars.SIGNET_GHOST_CONTENT_API_KEY ?? '',
    ownerEmail: vars.SIGNET_GHOST_OWNER_EMAIL ?? '',
    ownerPassword: vars.SIGNET_GHOST_OWNER_PASSWORD ?? '',
    logFile: vars.SIGNET_GHOST_LOG ?? '',
  };
}

async function start(): Promise<GhostServer> {
  // 1. Exported by the developer (`eval "$(bash e2e/servers/ghost.sh)"`).
  const fromEnv = settingsFrom(process.env);
  if (fromEnv) {
    if (await keyWorks(fromEnv)) return makeServer(fromEnv);
    throw new ServerUnavailable(
      `SIGNET_GHOST_URL=${fromEnv.url} is set but Ghost does not answer there with that key (start it: bash e2e/servers/ghost.sh)`,
    );
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ServerUnavailable(`needs Linux on x86_64; this is ${process.platform}/${process.arch}`);
  }
  // 2. Already running (another test process, or an earlier run): reuse it without the script.
  const reused = await reuseRunning();
  if (reused) return makeServer(reused);
  // 3. Install / start.
  for (const dir of [stateDir(), process.env.SIGNET_GHOST_CACHE || '/var/cache/signet-ghost']) {
    if (!(await writableOrCreatable(dir))) {
      throw new ServerUnavailable(
        `${dir} is not writable, so e2e/servers/ghost.sh cannot install and start Ghost. Run the tests as root, ` +
          'set SIGNET_GHOST_CACHE and SIGNET_GHOST_STATE to writable folders, or start it once with ' +
          '`set -a; eval "$(sudo bash e2e/servers/ghost.sh)"; set +a` in this shell',
      );
    }
  }
  const settings = settingsFrom(parseKeyValues(await runServerScript(SCRIPT)));
  if (!settings) throw new ServerUnavailable('e2e/servers/ghost.sh printed no credentials');
  return makeServer(settings);
}

async function writableOrCreatable(dir: string): Promise<boolean> {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      await fsp.access(d, fsp.constants.W_OK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || d === path.dirname(d)) return false;
    }
  }
}

async function reuseRunning(): Promise<Settings | null> {
  let text: string;
  try {
    text = await fsp.readFile(path.join(stateDir(), 'credentials.env'), 'utf8');
  } catch {
    return null; // not set up yet, or not readable
  }
  const s = settingsFrom(parseKeyValues(text));
  if (!s || s.url !== wantedUrl() || !(await keyWorks(s))) return null;
  return s;
}

async function keyWorks(s: Settings): Promise<boolean> {
  try {
    const res = await fetch(`${s.url}/ghost/api/admin/posts/?limit=1&fields=id`, {
      headers: adminHeaders(s.adminApiKey),
      signal: AbortSignal.timeout(5_000),
    });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- the handle

/** A fresh Admin API token (HS256, kid = key id, aud /admin/, 5 minutes), made independently of Signet's code. */
export function ghostAdminToken(key: string, now = Date.now()): string {
  const [id, secret] = key.split(':');
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const iat = Math.floor(now / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: id })}.${b64({ iat, exp: iat + 300, aud: '/admin/' })}`;
  const sig = createHmac('sha256', Buffer.from(secret ?? '', 'hex'))
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${sig}`;
}

function adminHeaders(key: string | null): Record<string, string> {
  return {
    'accept-version': 'v6.0',
    ...(key ? { authorization: `Ghost ${ghostAdminToken(key)}` } : {}),
  };
}

function makeServer(s: Settings): GhostServer {
  const admin = async (apiPath: string, init: RequestInit & { key?: string | null } = {}) => {
    const { key = s.adminApiKey, ...rest } = init;
    const headers = new Headers(rest.headers);
    for (const [k, v] of Object.entries(adminHeaders(key))) if (!headers.has(k)) headers.set(k, v);
    if (typeof rest.body === 'string' && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    const p = apiPath.startsWith('/') ? apiPath : `/${apiPath}`;
    return fetch(`${s.url}/ghost/api/admin${p}`, { signal: AbortSignal.timeout(30_000), ...rest, headers });
  };
  const adminJson = async <T = unknown>(apiPath: string, init?: RequestInit & { key?: string | null }) => {
    const res = await admin(apiPath, init);
    const text = await res.text();
    if (!res.ok)
      throw new Error(`${init?.method ?? 'GET'} ${apiPath} → HTTP ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const reset = async () => {
    for (const kind of ['posts', 'pages', 'tags'] as const) {
      for (let round = 0; round < 50; round++) {
        const list = await adminJson<Record<string, Array<{ id: string }>>>(`/${kind}/?limit=100&fields=id`);
        const ids = (list[kind] ?? []).map((i) => i.id);
        if (ids.length === 0) break;
        for (let i = 0; i < ids.length; i += 6) {
          await Promise.all(
            ids.slice(i, i + 6).map(async (id) => {
              const res = await admin(`/${kind}/${id}/`, { method: 'DELETE' });
              if (res.status !== 204 && res.status !== 404) {
                throw new Error(
                  `DELETE /${kind}/${id}/ → HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`,
                );
              }
            }),
          );
        }
      }
    }
  };
  let cookie: string | undefined;
  const ownerJson = async <T = unknown>(apiPath: string): Promise<T> => {
    // Session calls need an Origin equal to the site (Ghost's CSRF check).
    const base = { origin: s.url, 'accept-version': 'v6.0' };
    if (!cookie) {
      const login = await fetch(`${s.url}/ghost/api/admin/session/`, {
        method: 'POST',
        headers: { ...base, 'content-type': 'application/json' },
        body: JSON.stringify({ username: s.ownerEmail, password: s.ownerPassword }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!login.ok)
        throw new Error(`owner sign-in → HTTP ${login.status}: ${(await login.text()).slice(0, 300)}`);
      cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    }
    const p = apiPath.startsWith('/') ? apiPath : `/${apiPath}`;
    // Ghost may answer the sign-in before it has stored the session: a first 403 is retried.
    let res: Response | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      res = await fetch(`${s.url}/ghost/api/admin${p}`, {
        headers: { ...base, cookie },
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status !== 403 || attempt === 19) break;
      await res.body?.cancel();
    }
    res = res!;
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${apiPath} as the owner → HTTP ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
  return {
    url: s.url,
    adminApiKey: s.adminApiKey,
    contentApiKey: s.contentApiKey,
    ownerEmail: s.ownerEmail,
    ownerPassword: s.ownerPassword,
    logFile: s.logFile,
    admin,
    adminJson,
    ownerJson,
    reset,
    ensurePublishedPost: async () => {
      const found = await adminJson<{ posts: unknown[] }>(
        '/posts/?limit=1&filter=status:published&fields=id',
      );
      if (found.posts.length > 0) return;
      await adminJson('/posts/?source=html', {
        method: 'POST',
        body: JSON.stringify({
          posts: [{ title: 'A post to frame', html: '<p>Framed words.</p>', status: 'published' }],
        }),
      });
    },
  };
}
