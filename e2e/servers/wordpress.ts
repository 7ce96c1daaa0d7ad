/**
 * The real WordPress (Debian's package on 127.0.0.1) that Signet's integration and e2e tests
 * publish to. `ensureWordPress()` starts it once per process with e2e/servers/wordpress.sh (as
 * root; ~1–2 min the first time on a bare machine, about a second when it is already up) and
 * hands back its URL, users and application passwords, plus helpers for tests.
 *
 * When it cannot run (not root, no apt, the script fails) it throws `ServerUnavailable` so tests
 * skip with a visible reason — except under `SIGNET_REQUIRE_SERVERS=1` (CI), where it throws a
 * plain Error and the tests fail. A developer who is not root can start it once with
 * `set -a; eval "$(sudo bash e2e/servers/wordpress.sh)"; set +a`: the helper then uses the
 * exported SIGNET_WP_* variables.
 *
 * The server is shared: switches and `reset()` affect every test talking to it. Tests that use
 * them must not run at the same time as other WordPress tests (keep them in one file, or run the
 * WordPress files without file parallelism).
 */
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

const HERE = import.meta.dirname;
const SCRIPT = path.join(HERE, 'wordpress.sh');
const CREDENTIALS_FILE = '/var/lib/signet-wp/credentials.env';
const DEFAULT_SWITCH_DIR = '/var/lib/signet-wp/switches';
const SCRIPT_TIMEOUT_MS = 15 * 60_000;

/** Failure switches of the test-only mu-plugin (e2e/servers/wp-mu-plugins/signet-test-switches.php). */
export const WORDPRESS_SWITCHES = [
  /** Application Passwords off: the site index lacks them and Basic auth fails (REST and XML-RPC). */
  'no-app-passwords',
  /** /wp-json/… and ?rest_route= answer 403 with an HTML page, like a host firewall. */
  'rest-firewall',
  /** Every REST request answers 500 `internal_server_error`. */
  'rest-500',
  /** /xmlrpc.php answers 403 with an HTML page, like a host firewall. */
  'no-xmlrpc',
  /** XML-RPC answers HTTP 405 + fault 405 "XML-RPC services are disabled on this site." (`xmlrpc_enabled`). */
  'xmlrpc-disabled',
  /** The Authorization header never reaches WordPress, like hosts (CGI) that strip it. */
  'no-auth-header',
] as const;
export type WordPressSwitch = (typeof WORDPRESS_SWITCHES)[number];

export interface WordPressRestInit extends RequestInit {
  /** Whose application password signs the request (default admin); `null` sends no credentials. */
  as?: 'admin' | 'author' | null;
}

export interface WordPressServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** Administrator login and its application password. */
  user: string;
  appPassword: string;
  /** The administrator's login password (wp-login.php, authorize-application.php). */
  adminPassword: string;
  /** A second user with the `author` role. */
  authorUser: string;
  authorAppPassword: string;
  authorPassword: string;
  /** Turns a failure switch on or off; takes effect with the next request. */
  setSwitch(name: WordPressSwitch, on: boolean): Promise<void>;
  /** Authenticated fetch of `<url>/wp-json<path>`, e.g. `rest('/wp/v2/posts/7?context=edit')`. */
  rest(restPath: string, init?: WordPressRestInit): Promise<Response>;
  /** Like `rest`, but answers the parsed JSON and throws on a non-2xx status. */
  restJson<T = unknown>(restPath: string, init?: WordPressRestInit): Promise<T>;
  /**
   * Back to a clean site: every switch off; all posts and pages (any status, trash included),
   * media, tags and categories (but the default one) deleted; extra application passwords of
   * both users revoked; title and time zone restored.
   */
  reset(): Promise<void>;
  /**
   * Publishes one post when the site has none (another test's `reset()` may have left it empty),
   * so the theme has a post page to show.
   */
  ensurePublishedPost(): Promise<void>;
}

/** The server cannot run here; `reason` says why (shown as the skip reason). */
export class ServerUnavailable extends Error {
  override readonly name = 'ServerUnavailable';
  constructor(readonly reason: string) {
    super(`WordPress test server unavailable: ${reason}`);
  }
}

/** A test server, or why there is none (a visible skip). */
export type ServerOrSkip<T> =
  { server: T; skipReason?: undefined } | { server?: undefined; skipReason: string };

export type WordPressOrSkip = ServerOrSkip<WordPressServer>;

export function serversRequired(): boolean {
  return process.env.SIGNET_REQUIRE_SERVERS === '1';
}

/**
 * Starts a test server once per process and reports it the same way for every server: the
 * server, or why there is none (a skip) — or, under SIGNET_REQUIRE_SERVERS=1, a failure.
 */
export function serverOnce<T>(
  start: () => Promise<T>,
  skipPrefix = '',
): { ensure(): Promise<T>; orSkip(): Promise<ServerOrSkip<T>> } {
  let starting: Promise<T> | undefined;
  const ensure = async (): Promise<T> => {
    starting ??= start();
    try {
      return await starting;
    } catch (err) {
      if (err instanceof ServerUnavailable && serversRequired()) {
        throw new Error(`${err.message} (SIGNET_REQUIRE_SERVERS=1, so this is a failure)`, { cause: err });
      }
      throw err;
    }
  };
  return {
    ensure,
    async orSkip() {
      try {
        return { server: await ensure() };
      } catch (err) {
        if (err instanceof ServerUnavailable) return { skipReason: `${skipPrefix}${err.message}` };
        throw err;
      }
    },
  };
}

const wordpress = serverOnce(() => start());

/** Starts (or reuses) the test WordPress; once per process. */
export const ensureWordPress = (): Promise<WordPressServer> => wordpress.ensure();

/**
 * For vitest (`describe.skipIf(!wp.server)`) and Playwright (`test.skip(!wp.server, wp.skipReason)`):
 * the server, or why there is none. Under SIGNET_REQUIRE_SERVERS=1 it throws instead of skipping.
 */
export const wordpressOrSkip = (): Promise<WordPressOrSkip> => wordpress.orSkip();

// ---------------------------------------------------------------- starting

interface Settings {
  url: string;
  user: string;
  appPassword: string;
  adminPassword: string;
  authorUser: string;
  authorAppPassword: string;
  authorPassword: string;
  switchDir: string;
}

function wantedUrl(): string {
  return `http://127.0.0.1:${process.env.SIGNET_WP_PORT || '8088'}`;
}

function settingsFrom(vars: Record<string, string | undefined>): Settings | null {
  const s = {
    url: vars.SIGNET_WP_URL?.replace(/\/+$/, ''),
    user: vars.SIGNET_WP_USER,
    appPassword: vars.SIGNET_WP_APP_PASSWORD,
    adminPassword: vars.SIGNET_WP_ADMIN_PASSWORD,
    authorUser: vars.SIGNET_WP_AUTHOR_USER,
    authorAppPassword: vars.SIGNET_WP_AUTHOR_APP_PASSWORD,
    authorPassword: vars.SIGNET_WP_AUTHOR_PASSWORD ?? '',
    switchDir: vars.SIGNET_WP_SWITCH_DIR || DEFAULT_SWITCH_DIR,
  };
  if (!s.url || !s.user || !s.appPassword || !s.adminPassword || !s.authorUser || !s.authorAppPassword) {
    return null;
  }
  const { hostname } = new URL(s.url);
  if (hostname !== '127.0.0.1') throw new Error(`SIGNET_WP_URL must be on 127.0.0.1 (got ${s.url})`);
  return s as Settings;
}

export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

async function start(): Promise<WordPressServer> {
  // 1. Exported by the developer (`eval "$(sudo bash e2e/servers/wordpress.sh)"`).
  const fromEnv = settingsFrom(process.env);
  if (fromEnv) {
    if (await isWordPressUp(fromEnv.url)) return makeServer(fromEnv);
    throw new ServerUnavailable(
      `SIGNET_WP_URL=${fromEnv.url} is set but WordPress does not answer there (start it: sudo bash e2e/servers/wordpress.sh)`,
    );
  }
  if (process.platform !== 'linux') {
    throw new ServerUnavailable(`needs Linux (Debian 12) as root; this is ${process.platform}`);
  }
  // 2. Already running (another test process, or an earlier run): reuse it without the script.
  const reused = await reuseRunning();
  if (reused) return makeServer(reused);
  // 3. Install / configure / start.
  if (process.getuid?.() !== 0) {
    throw new ServerUnavailable(
      'not root, so e2e/servers/wordpress.sh cannot install and start it. Start it once with ' +
        '`set -a; eval "$(sudo bash e2e/servers/wordpress.sh)"; set +a` in this shell, or run the tests as root',
    );
  }
  const vars = parseKeyValues(await runServerScript(SCRIPT));
  const settings = settingsFrom(vars);
  if (!settings) throw new ServerUnavailable('e2e/servers/wordpress.sh printed no credentials');
  return makeServer(settings);
}

async function reuseRunning(): Promise<Settings | null> {
  let text: string;
  try {
    text = await fsp.readFile(CREDENTIALS_FILE, 'utf8');
  } catch {
    return null; // not set up yet, or not readable (not root)
  }
  const s = settingsFrom(parseKeyValues(text));
  if (!s || s.url !== wantedUrl() || !(await isWordPressUp(s.url))) return null;
  // Check the stored application password unless a test switch (which may break auth) is on.
  if ((await switchesOn(s.switchDir)).length === 0) {
    const me = await fetch(`${s.url}/wp-json/wp/v2/users/me`, {
      headers: { authorization: basicAuth(s.user, s.appPassword) },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    if (me?.status !== 200) return null;
  }
  return s;
}

async function isWordPressUp(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/`, { method: 'HEAD', signal: AbortSignal.timeout(3_000) });
    return res.status === 200 && (res.headers.get('link') ?? '').includes('https://api.w.org/');
  } catch {
    return false;
  }
}

async function switchesOn(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch {
    return [];
  }
}

/**
 * Runs one of the e2e/servers/*.sh scripts (as root) and answers its stdout (KEY=VALUE lines);
 * progress on stderr passes through. A failure is a `ServerUnavailable` with the script's reason.
 */
export function runServerScript(script: string): Promise<string> {
  const name = path.basename(script);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let stdout = '';
    let stderrTail = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), SCRIPT_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      process.stderr.write(chunk); // progress stays visible (the first install takes a while)
      stderrTail = (stderrTail + chunk).slice(-4000);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ServerUnavailable(`could not run bash ${script}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        process.stderr.write(`[signet-wp] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        resolve(stdout);
        return;
      }
      const lines = stderrTail.trim().split('\n');
      const why = lines.filter((l) => l.includes('ERROR:')).pop() ?? lines.slice(-3).join(' | ');
      reject(
        new ServerUnavailable(
          `e2e/servers/${name} failed (${signal ?? `exit ${code}`}): ${why.replace(/^\[[^\]]*\]\s*/, '')}`,
        ),
      );
    });
  });
}

// ---------------------------------------------------------------- the handle

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function makeServer(s: Settings): WordPressServer {
  const rest = async (restPath: string, init: WordPressRestInit = {}): Promise<Response> => {
    const { as = 'admin', ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as && !headers.has('authorization')) {
      headers.set(
        'authorization',
        as === 'admin' ? basicAuth(s.user, s.appPassword) : basicAuth(s.authorUser, s.authorAppPassword),
      );
    }
    if (typeof rest.body === 'string' && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    const p = restPath.startsWith('/') ? restPath : `/${restPath}`;
    return fetch(`${s.url}/wp-json${p}`, { signal: AbortSignal.timeout(30_000), ...rest, headers });
  };

  const restJson = async <T = unknown>(restPath: string, init?: WordPressRestInit): Promise<T> => {
    const res = await rest(restPath, init);
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${init?.method ?? 'GET'} ${restPath} → HTTP ${res.status}: ${text.slice(0, 500)}`);
    }
    return JSON.parse(text) as T;
  };

  const setSwitch = async (name: WordPressSwitch, on: boolean): Promise<void> => {
    if (!(WORDPRESS_SWITCHES as readonly string[]).includes(name)) {
      throw new Error(`unknown WordPress test switch '${name}' (known: ${WORDPRESS_SWITCHES.join(', ')})`);
    }
    const file = path.join(s.switchDir, name);
    if (on) await fsp.writeFile(file, `${new Date().toISOString()}\n`, { mode: 0o644 });
    else await fsp.rm(file, { force: true });
  };

  const server: WordPressServer = {
    url: s.url,
    user: s.user,
    appPassword: s.appPassword,
    adminPassword: s.adminPassword,
    authorUser: s.authorUser,
    authorAppPassword: s.authorAppPassword,
    authorPassword: s.authorPassword,
    setSwitch,
    rest,
    restJson,
    reset: async () => {
      for (const name of WORDPRESS_SWITCHES) await setSwitch(name, false);
      await resetContent(restJson);
    },
    ensurePublishedPost: async () => {
      const posts = await restJson<unknown[]>('/wp/v2/posts?per_page=1&status=publish');
      if (posts.length > 0) return;
      await restJson('/wp/v2/posts', {
        method: 'POST',
        body: JSON.stringify({
          title: 'A post to frame',
          content: '<p>Framed words.</p>',
          status: 'publish',
        }),
      });
    },
  };
  return server;
}

type RestJson = <T = unknown>(restPath: string, init?: WordPressRestInit) => Promise<T>;

async function resetContent(restJson: RestJson): Promise<void> {
  const settings = await restJson<{ default_category: number }>('/wp/v2/settings');
  const collections: Array<{ list: string; item: string; keep?: (id: number) => boolean }> = [
    { list: '/wp/v2/posts?status=publish,future,draft,pending,private,trash', item: '/wp/v2/posts' },
    { list: '/wp/v2/pages?status=publish,future,draft,pending,private,trash', item: '/wp/v2/pages' },
    { list: '/wp/v2/media?status=inherit,private', item: '/wp/v2/media' },
    { list: '/wp/v2/tags?hide_empty=false', item: '/wp/v2/tags' },
    {
      list: '/wp/v2/categories?hide_empty=false',
      item: '/wp/v2/categories',
      keep: (id) => id === settings.default_category,
    },
  ];
  for (const c of collections) {
    // Deleting shifts pages, so read the first page again until only kept items remain.
    for (let round = 0; round < 50; round++) {
      const items = await restJson<Array<{ id: number }>>(`${c.list}&per_page=100&_fields=id&context=edit`);
      const doomed = items.map((i) => i.id).filter((id) => !c.keep?.(id));
      if (doomed.length === 0) break;
      await inBatches(doomed, 6, (id) => restJson(`${c.item}/${id}?force=true`, { method: 'DELETE' }));
    }
  }
  for (const who of ['admin', 'author'] as const) {
    const me = await restJson<{ id: number }>('/wp/v2/users/me', { as: who });
    const passwords = await restJson<Array<{ uuid: string; name: string }>>(
      `/wp/v2/users/${me.id}/application-passwords`,
    );
    const extra = passwords.filter((p) => p.name !== 'signet-tests');
    await inBatches(extra, 6, (p) =>
      restJson(`/wp/v2/users/${me.id}/application-passwords/${p.uuid}`, { method: 'DELETE' }),
    );
  }
  await restJson('/wp/v2/settings', {
    method: 'POST',
    body: JSON.stringify({ title: 'Signet Test Blog', timezone: 'Europe/Berlin' }),
  });
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
