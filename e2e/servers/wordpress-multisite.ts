/**
 * The real WordPress *multisite network* (subdirectory mode) that Signet's multisite sign-in tests
 * talk to: e2e/servers/wordpress-multisite.sh on 127.0.0.1:8089, beside the single site of
 * wordpress.sh. Three blogs — the main site, `/second/`, `/third/` — and a user `author` who is a
 * member of the first two only (author of the main site, editor of /second/).
 *
 * Same rules as `wordpress.ts`: started once per process (as root), reused when already up; when
 * it cannot run, tests skip with the reason, except under `SIGNET_REQUIRE_SERVERS=1` (CI), where
 * they fail. A developer who is not root can start it once with
 * `set -a; eval "$(sudo bash e2e/servers/wordpress-multisite.sh)"; set +a`.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import {
  parseKeyValues,
  runServerScript,
  serverOnce,
  ServerUnavailable,
  type ServerOrSkip,
} from './wordpress';

const SCRIPT = path.join(import.meta.dirname, 'wordpress-multisite.sh');
const CREDENTIALS_FILE = '/var/lib/signet-wp-multisite/credentials.env';

/** One blog of the network. Names and time zones are set by wordpress-multisite.sh. */
export interface MultisiteBlog {
  blogId: string;
  name: string;
  /** Home URL without a trailing slash, e.g. `http://127.0.0.1:8089/second`. */
  url: string;
  timeZone: string;
}

export interface MultisiteRestInit extends RequestInit {
  /** Whose application password signs the request (default the super admin); `null` sends none. */
  as?: 'admin' | 'author' | null;
}

export interface WordPressMultisite {
  /** The network's main site, `http://127.0.0.1:<port>`. */
  url: string;
  main: MultisiteBlog;
  second: MultisiteBlog;
  /** A blog `author` is not a member of: never among the author's blogs. */
  third: MultisiteBlog;
  /** The network's super admin and its application password. */
  user: string;
  appPassword: string;
  adminPassword: string;
  /** Member of `main` (author) and `second` (editor) only. */
  authorUser: string;
  authorAppPassword: string;
  authorPassword: string;
  /** Authenticated fetch of `<blog.url>/wp-json<path>`. */
  rest(blog: MultisiteBlog, restPath: string, init?: MultisiteRestInit): Promise<Response>;
  /** Like `rest`, but answers the parsed JSON and throws on a non-2xx status. */
  restJson<T = unknown>(blog: MultisiteBlog, restPath: string, init?: MultisiteRestInit): Promise<T>;
  /** Deletes every post, page and media item on every blog of the network (the blogs stay). */
  reset(): Promise<void>;
}

export type WordPressMultisiteOrSkip = ServerOrSkip<WordPressMultisite>;

interface Settings {
  url: string;
  secondUrl: string;
  secondBlogId: string;
  thirdUrl: string;
  thirdBlogId: string;
  user: string;
  appPassword: string;
  adminPassword: string;
  authorUser: string;
  authorAppPassword: string;
  authorPassword: string;
}

const network = serverOnce(() => start(), 'multisite: ');

/** Starts (or reuses) the test network; once per process. */
export const ensureWordPressMultisite = (): Promise<WordPressMultisite> => network.ensure();

/** The network, or why there is none (a skip); under SIGNET_REQUIRE_SERVERS=1 it throws instead. */
export const wordpressMultisiteOrSkip = (): Promise<WordPressMultisiteOrSkip> => network.orSkip();

function wantedUrl(): string {
  return `http://127.0.0.1:${process.env.SIGNET_WPMS_PORT || '8089'}`;
}

function settingsFrom(vars: Record<string, string | undefined>): Settings | null {
  const s = {
    url: vars.SIGNET_WPMS_URL?.replace(/\/+$/, ''),
    secondUrl: vars.SIGNET_WPMS_SECOND_URL?.replace(/\/+$/, ''),
    secondBlogId: vars.SIGNET_WPMS_SECOND_BLOG_ID,
    thirdUrl: vars.SIGNET_WPMS_THIRD_URL?.replace(/\/+$/, ''),
    thirdBlogId: vars.SIGNET_WPMS_THIRD_BLOG_ID,
    user: vars.SIGNET_WPMS_USER,
    appPassword: vars.SIGNET_WPMS_APP_PASSWORD,
    adminPassword: vars.SIGNET_WPMS_ADMIN_PASSWORD ?? '',
    authorUser: vars.SIGNET_WPMS_AUTHOR_USER,
    authorAppPassword: vars.SIGNET_WPMS_AUTHOR_APP_PASSWORD,
    authorPassword: vars.SIGNET_WPMS_AUTHOR_PASSWORD ?? '',
  };
  if (
    !s.url ||
    !s.secondUrl ||
    !s.secondBlogId ||
    !s.thirdUrl ||
    !s.thirdBlogId ||
    !s.user ||
    !s.appPassword ||
    !s.authorUser ||
    !s.authorAppPassword
  ) {
    return null;
  }
  for (const u of [s.url, s.secondUrl, s.thirdUrl]) {
    if (new URL(u).hostname !== '127.0.0.1')
      throw new Error(`SIGNET_WPMS_* URLs must be on 127.0.0.1 (got ${u})`);
  }
  return s as Settings;
}

async function start(): Promise<WordPressMultisite> {
  const fromEnv = settingsFrom(process.env);
  if (fromEnv) {
    if (await isUp(fromEnv)) return makeServer(fromEnv);
    throw new ServerUnavailable(
      `SIGNET_WPMS_URL=${fromEnv.url} is set but the WordPress network does not answer there ` +
        '(start it: sudo bash e2e/servers/wordpress-multisite.sh)',
    );
  }
  if (process.platform !== 'linux') {
    throw new ServerUnavailable(`needs Linux (Debian 12) as root; this is ${process.platform}`);
  }
  const reused = await reuseRunning();
  if (reused) return makeServer(reused);
  if (process.getuid?.() !== 0) {
    throw new ServerUnavailable(
      'not root, so e2e/servers/wordpress-multisite.sh cannot install and start it. Start it once with ' +
        '`set -a; eval "$(sudo bash e2e/servers/wordpress-multisite.sh)"; set +a` in this shell, or run the tests as root',
    );
  }
  const settings = settingsFrom(parseKeyValues(await runServerScript(SCRIPT)));
  if (!settings) throw new ServerUnavailable('e2e/servers/wordpress-multisite.sh printed no credentials');
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
  return s && s.url === wantedUrl() && (await isUp(s)) ? s : null;
}

/** Up, a network (the second blog answers as itself), and the stored password still works. */
async function isUp(s: Settings): Promise<boolean> {
  try {
    const res = await fetch(`${s.secondUrl}/wp-json/wp/v2/users/me?context=edit&_fields=id`, {
      headers: { authorization: basicAuth(s.authorUser, s.authorAppPassword) },
      signal: AbortSignal.timeout(10_000),
    });
    return res.status === 200 && (res.headers.get('link') ?? '').includes(`${s.secondUrl}/wp-json/`);
  } catch {
    return false;
  }
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function makeServer(s: Settings): WordPressMultisite {
  const rest = async (blog: MultisiteBlog, restPath: string, init: MultisiteRestInit = {}) => {
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
    return fetch(`${blog.url}/wp-json${p}`, { signal: AbortSignal.timeout(30_000), ...rest, headers });
  };
  const restJson = async <T = unknown>(
    blog: MultisiteBlog,
    restPath: string,
    init?: MultisiteRestInit,
  ): Promise<T> => {
    const res = await rest(blog, restPath, init);
    const text = await res.text();
    if (!res.ok) {
      throw new Error(
        `${init?.method ?? 'GET'} ${blog.url} ${restPath} → HTTP ${res.status}: ${text.slice(0, 500)}`,
      );
    }
    return JSON.parse(text) as T;
  };
  // Names and zones: MAIN_SITE, SECOND_SITE, THIRD_SITE in wordpress-multisite.sh.
  const main: MultisiteBlog = {
    blogId: '1',
    name: 'Signet Network Main',
    url: s.url,
    timeZone: 'Europe/Berlin',
  };
  const second: MultisiteBlog = {
    blogId: s.secondBlogId,
    name: 'Signet Second Blog',
    url: s.secondUrl,
    timeZone: 'America/New_York',
  };
  const third: MultisiteBlog = {
    blogId: s.thirdBlogId,
    name: 'Signet Third Blog',
    url: s.thirdUrl,
    timeZone: 'Asia/Tokyo',
  };
  return {
    url: s.url,
    main,
    second,
    third,
    user: s.user,
    appPassword: s.appPassword,
    adminPassword: s.adminPassword,
    authorUser: s.authorUser,
    authorAppPassword: s.authorAppPassword,
    authorPassword: s.authorPassword,
    rest,
    restJson,
    reset: async () => {
      for (const blog of [main, second, third]) {
        for (const kind of ['posts', 'pages', 'media']) {
          const statuses =
            kind === 'media' ? 'inherit,private' : 'publish,future,draft,pending,private,trash';
          for (let round = 0; round < 20; round++) {
            const items = await restJson<Array<{ id: number }>>(
              blog,
              `/wp/v2/${kind}?status=${statuses}&per_page=100&_fields=id&context=edit`,
            );
            if (items.length === 0) break;
            for (const { id } of items) {
              await restJson(blog, `/wp/v2/${kind}/${id}?force=true`, { method: 'DELETE' });
            }
          }
        }
      }
    },
  };
}
