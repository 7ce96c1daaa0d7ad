/**
 * Every contract command, fuzzed through the real dispatcher and the real handlers of `createApp`
 * on a throwaway data folder: ≥ 1,000 payloads per command (`SIGNET_FUZZ_RUNS`), random values of
 * every kind IPC can carry and near-misses of a valid request (a key dropped, a key added —
 * `__proto__`, `constructor` —, a value of the wrong type, huge strings, hostile strings).
 *
 * Each answer must be a typed `{ok:false, error:{code, message}}`, or `{ok:true}` for a payload the
 * schema accepts; nothing may throw, nothing may reject unhandled, no handler may fail with
 * INTERNAL, `Object.prototype` stays clean, and a draft written before is still readable after.
 *
 * Nothing leaves the machine: the fetch port records each URL and refuses it without sending
 * anything, open-external only records, the pickers answer "cancelled", and every absolute path a
 * payload carries is moved under the temp folder (the process also works from inside it), so a
 * fuzz case cannot write anywhere else. The seed is printed on a failure (fast-check), and
 * `SIGNET_FUZZ_SEED` replays it.
 */
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SignetApp } from '../app';
import { COMMANDS, type CommandName, type ErrorCode } from '../contract';
import { requestSchemas } from '../contract/schemas';
import { paragraphs } from '../drafts/testing/helpers';
import type { Logger } from '../ports';
import { offlineFetch, testAppPorts } from '../testing/testAppPorts';

const RUNS = Number(process.env.SIGNET_FUZZ_RUNS) || 1000;
const SEED = process.env.SIGNET_FUZZ_SEED ? Number(process.env.SIGNET_FUZZ_SEED) : undefined;

const ERROR_CODES: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SAVE_FAILED',
  'IO_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
  'AUTH_FAILED',
  'OFFLINE',
  'REMOTE_ERROR',
];

let tmp: string;
let dataDir: string;
let app: SignetApp;
let previousCwd: string;
const fetched: string[] = [];
const opened: string[] = [];
const errorLines: string[] = [];
const unhandled: unknown[] = [];
/** Per command: the causes of INTERNAL answers, each with one payload that caused it. */
const internal = new Map<CommandName, Map<string, string>>();
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** Connections to anything but loopback, refused before any lookup or packet (should stay empty). */
const blockedConnects: string[] = [];
const realConnect = net.Socket.prototype.connect;

/** Every socket the process opens goes through this: loopback passes, anything else is refused. */
function guardSockets(): void {
  net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
    const [first, second] = args;
    const host =
      typeof first === 'object' && first !== null
        ? (first as { host?: string; path?: string }).path !== undefined
          ? '127.0.0.1'
          : ((first as { host?: string }).host ?? 'localhost')
        : typeof first === 'number' || /^\d+$/.test(String(first))
          ? typeof second === 'string'
            ? second
            : 'localhost'
          : '127.0.0.1'; // a Unix socket path
    if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
      blockedConnects.push(host);
      process.nextTick(() => this.destroy(new Error(`blocked: ${host} is not loopback`)));
      return this;
    }
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}
/** Ids the valid samples point at, made before the fuzzing starts. */
const ids = { draft: '', sentinel: '', snippet: '', account: '', revision: '' };
const SENTINEL_TITLE = 'Written before the fuzzing';

const log: Logger = {
  info: () => {},
  warn: () => {},
  error: (message, data) => errorLines.push(`${message} ${JSON.stringify(data ?? {})}`),
};

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-fuzz-'));
  // A relative path a handler might resolve lands in the temp folder, never in the repository.
  previousCwd = process.cwd();
  await fsp.mkdir(path.join(tmp, 'cwd'));
  process.chdir(path.join(tmp, 'cwd'));
  process.on('unhandledRejection', onUnhandled);
  guardSockets();
});

/** A new app on its own data folder for each command, so one command's leftovers do not slow the next. */
async function openApp(label: string): Promise<void> {
  dataDir = path.join(tmp, label);
  app = await createApp(
    testAppPorts({
      dataDir,
      keyFile: path.join(tmp, 'vault.key'),
      openExternal: async (url) => {
        opened.push(url);
      },
      // No request is ever sent: each one is recorded and refused as if the machine were offline.
      fetch: async (input, init) => {
        fetched.push(input instanceof Request ? input.url : String(input));
        return offlineFetch(input, init);
      },
      log,
      httpTimeoutMs: 1000,
      outboxBackoff: { baseMs: 60_000, maxMs: 60_000 },
    }),
  );
  const call = async <T>(name: CommandName, request?: unknown): Promise<T> => {
    const result = await app.dispatch(name, request);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const sentinel = await call<{ id: string; updatedAt: string }>('createDraft', { title: SENTINEL_TITLE });
  await call('saveDraft', {
    id: sentinel.id,
    title: SENTINEL_TITLE,
    editorState: paragraphs('Still here after the fuzzing.'),
    baseUpdatedAt: sentinel.updatedAt,
  });
  ids.sentinel = sentinel.id;
  const target = await call<{ id: string; updatedAt: string }>('createDraft', { title: 'Fuzz target' });
  ids.draft = target.id;
  await call('saveDraft', { id: target.id, title: 'Fuzz target', editorState: paragraphs('Target.') });
  const revisions = await call<Array<{ id: string }>>('listRevisions', { id: target.id });
  ids.revision = revisions[0]?.id ?? 'rev_none';
  ids.snippet = (await call<{ id: string }>('createSnippet', { kind: 'signature', name: 'Sig' })).id;
  const accounts = await call<Array<{ id: string }>>('listAccounts');
  ids.account = accounts[0]?.id ?? 'acct_none';
}

/** The process and the data folder are sound after a command's fuzzing. */
async function checkSound(): Promise<void> {
  // Prototype pollution reached nothing.
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  // The draft written before is still there, whole.
  const again = await app.dispatch('getDraft', { id: ids.sentinel });
  expect(again).toMatchObject({ ok: true, value: { id: ids.sentinel, title: SENTINEL_TITLE } });
  expect(JSON.stringify((again as { value: unknown }).value)).toContain('Still here after the fuzzing.');
  expect((await app.dispatch('listDrafts', { filter: 'all' })).ok).toBe(true);
  // No fuzz case damaged a draft file.
  expect(await app.dispatch('listQuarantine', {})).toEqual({ ok: true, value: [] });
  expect(unhandled).toEqual([]);
}

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  net.Socket.prototype.connect = realConnect;
  if (previousCwd) process.chdir(previousCwd);
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

/** A valid request for each command (the near-misses start from it). */
function validSample(name: CommandName): unknown {
  const options = {
    accountId: ids.account,
    postType: 'post',
    status: 'draft',
    tags: ['sea'],
    categories: [],
  };
  const samples: Record<CommandName, unknown> = {
    getAppInfo: {},
    getPreferences: {},
    setPreferences: { theme: 'dark', spellcheck: false, lastOpenDraftId: ids.draft },
    listDrafts: { filter: 'all', query: 'fuzz', offset: 0, limit: 10 },
    getDraft: { id: ids.draft },
    createDraft: { title: 'A new one' },
    saveDraft: {
      id: ids.draft,
      title: 'Fuzz target',
      editorState: paragraphs('Saved by the fuzzer.'),
      meta: { excerpt: 'x', slug: 'fuzz', tags: ['a'], categories: [], scheduledAt: '2030-01-01T10:00:00Z' },
    },
    trashDraft: { id: ids.draft },
    restoreDraft: { id: ids.draft },
    emptyTrash: {},
    listRevisions: { id: ids.draft },
    getRevision: { id: ids.draft, revisionId: ids.revision },
    restoreRevision: { id: ids.draft, revisionId: ids.revision },
    getConflict: { id: ids.draft },
    resolveConflict: { id: ids.draft, choice: 'mine' },
    listQuarantine: {},
    addImage: { id: ids.draft, fileName: 'dot.png', mimeType: 'image/png', dataBase64: 'iVBORw0KGgo=' },
    pickImage: { id: ids.draft },
    getDraftsFolder: {},
    moveDraftsFolder: { path: path.join(tmp, 'moved-drafts') },
    openExternal: { url: 'https://example.invalid/page' },
    getVaultStatus: {},
    allowWeakVault: {},
    listAccounts: {},
    discoverSite: { url: 'http://127.0.0.1:9/' },
    signIn: { url: 'http://127.0.0.1:9/', userLogin: 'author', appPassword: 'abcd efgh ijkl mnop qrst uvwx' },
    startBrowserSignIn: { url: 'http://127.0.0.1:9/' },
    addAccounts: { sessionId: 'session_1', blogIds: ['1'] },
    listPlatforms: {},
    connectAccount: {
      platform: 'ghost',
      kind: 'api-key',
      siteUrl: 'http://127.0.0.1:9/',
      apiKey: 'id:secret',
    },
    pickSiteFolder: {},
    removeAccount: { id: 'acct_unknown' },
    updateAccountSettings: { id: ids.account, contentFormat: 'classic', maxImageWidth: 1200 },
    searchTerms: { accountId: ids.account, taxonomy: 'tags', search: 'sea' },
    previewPost: { draftId: ids.draft, options },
    previewInTheme: { draftId: ids.draft, options },
    publishDraft: { draftId: ids.draft, options, onConflict: 'ask' },
    syndicateDraft: { draftId: ids.draft, primary: options, copies: [], onConflict: 'ask' },
    listDraftDestinations: { draftId: ids.draft },
    exportDraftMarkdown: { draftId: ids.draft },
    importDraftMarkdown: {},
    listRemotePosts: { accountId: ids.account, type: 'post', page: 1, search: 'x', status: ['publish'] },
    openRemotePost: { accountId: ids.account, type: 'post', remoteId: '1' },
    deleteRemotePost: { draftId: ids.draft, accountId: ids.account, force: false },
    listRemoteMedia: { accountId: ids.account, page: 1 },
    listSnippets: {},
    createSnippet: { kind: 'text', name: 'Fuzz', editorState: paragraphs('Hello {{post.title}}') },
    updateSnippet: { id: ids.snippet, name: 'Renamed', obfuscateEmails: true },
    duplicateSnippet: { id: ids.snippet },
    deleteSnippet: { id: ids.snippet },
    restoreSnippet: { id: ids.snippet },
    moveSnippet: { id: ids.snippet, toIndex: 0 },
    setSnippetDetails: {
      variables: [{ name: 'site', value: 'Harbour' }],
      author: { name: 'A', email: 'a@example.invalid' },
    },
    previewSnippet: { editorState: paragraphs('{{author.name}}'), obfuscateEmails: false },
    renderSnippets: { snippetIds: [ids.snippet], draftId: ids.draft, title: 'T' },
    exportSnippets: {},
    importSnippets: {},
    findSnippetUses: { id: ids.snippet },
    reapplySnippet: { id: ids.snippet },
    listOutbox: {},
    retryOutboxJob: { id: 'job_abcdef' },
    cancelOutboxJob: { id: 'job_abcdef' },
    outboxNudge: {},
    listBackups: {},
    backupNow: {},
    restoreBackup: { id: '2030-01-01T10-00-00.000Z', includeSettings: false },
    getDiagnostics: {},
  };
  return samples[name];
}

// ---------------------------------------------------------------------------------------------
// Payload generators

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
];

const hugeStrings = ['a'.repeat(70_000), 'é'.repeat(300_001), '{'.repeat(100_000)];
/** Over addImage's 34 MB limit, in valid base64 characters: used only where that limit applies. */
const overImageLimit = 'A'.repeat(34_000_004);

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '\0',
  '../../../../etc/passwd',
  '..',
  '/',
  'C:\\Windows\\System32',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'http://169.254.169.254/latest/meta-data/',
  'https://example.invalid/',
  'http://[::1]:9/',
  '<img src=x onerror=alert(1)>',
  '{{{raw}}}',
  '{{> partial}}',
  '\u202e\ufeff\ud800',
  '%00%2e%2e%2f',
  'job_../../x',
  '2030-13-45T99:99:99Z',
);

const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  hostileStrings,
);

const leafValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
);

/** A leaf value, now and then a huge string. */
const leafOrHuge: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: leafValue },
  { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
);

/** Anything structured clone (Electron's IPC) or JSON (the web host) can carry. */
const randomValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withObjectString: true,
    withBoxedValues: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS)),
  }),
  leafOrHuge,
  // Deeply nested: a parser that recurses must not overflow the stack.
  fc.integer({ min: 500, max: 3_000 }).map((depth) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }),
);

type Path = Array<string | number>;

/** Every path to a value inside `value` (objects and arrays), the root included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sets `key` as an own property, even `__proto__` (as JSON.parse and structured clone do). */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `sample` with the value at `where` changed by `change` (a new copy; the root may be replaced). */
function edit(
  sample: unknown,
  where: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  if (where.length === 0) {
    const box: Record<string, unknown> = { root: clone(sample) };
    change(box, 'root');
    return box.root;
  }
  const copy = clone(sample) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of where.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  change(parent, where[where.length - 1]!);
  return copy;
}

function nearMiss(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  const objectPaths = paths.filter((p) => {
    const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], sample);
    return v !== null && typeof v === 'object';
  });
  const leafPaths = paths.filter((p) => p.length > 0);
  const somePath = fc.constantFrom(...paths);
  const someObject = fc.constantFrom(...(objectPaths.length ? objectPaths : [[] as Path]));
  const someLeaf = leafPaths.length ? fc.constantFrom(...leafPaths) : somePath;
  return fc.oneof(
    // A value of another type, or another value of any type, anywhere.
    fc
      .tuple(somePath, leafOrHuge)
      .map(([where, value]) => edit(sample, where, (p, k) => setOwn(p, k, value))),
    fc
      .tuple(someLeaf, randomValue)
      .map(([where, value]) => edit(sample, where, (p, k) => setOwn(p, k, value))),
    // A key dropped.
    someLeaf.map((where) => edit(sample, where, (p, k) => delete p[k])),
    // A key added: a hostile name, or any name.
    fc
      .tuple(someObject, fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), randomValue)
      .map(([where, key, value]) =>
        edit(sample, where, (p, k) => {
          setOwn(p[k] as Record<string, unknown>, key, value);
        }),
      ),
    // Prototype pollution as it arrives over the wire: JSON with a "__proto__" key.
    someObject.map((where) =>
      edit(sample, where, (p, k) => {
        const target = p[k] as Record<string, unknown>;
        setOwn(target, '__proto__', JSON.parse('{"polluted":"yes","isAdmin":true}'));
        setOwn(target, 'constructor', { prototype: { polluted: 'yes' } });
      }),
    ),
    // The valid request itself, and wrapped the wrong way.
    fc.constant(clone(sample)),
    fc.constantFrom([clone(sample)], JSON.stringify(sample ?? null), { request: clone(sample) }),
  );
}

/** Absolute paths a payload names are moved under the temp folder, so no case writes elsewhere. */
function confine(value: unknown, seen = new Map<object, unknown>(), depth = 0): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\')) {
      return path.join(tmp, 'abs', value.slice(0, 200).replace(/[^A-Za-z0-9_-]/g, '_') || '_');
    }
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  // Only the nesting generator goes this deep, and it holds no string but 'leaf'.
  if (depth > 500) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    value.forEach((item, i) => (out[i] = confine(item, seen, depth + 1)));
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return value;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, out);
  for (const key of Object.keys(value))
    setOwn(out, key, confine((value as Record<string, unknown>)[key], seen, depth + 1));
  return out;
}

function payloads(name: CommandName): fc.Arbitrary<unknown> {
  const sample = validSample(name);
  const extra =
    name === 'addImage'
      ? [{ weight: 1, arbitrary: fc.constant({ ...(sample as object), dataBase64: overImageLimit }) }]
      : [];
  return fc
    .oneof({ weight: 2, arbitrary: randomValue }, { weight: 5, arbitrary: nearMiss(sample) }, ...extra)
    .map((payload) => confine(payload));
}

// ---------------------------------------------------------------------------------------------

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(payload) : text.slice(0, 300);
  } catch {
    return String(payload).slice(0, 300);
  }
}

async function checkOne(name: CommandName, payload: unknown): Promise<void> {
  const accepted = requestSchemas[name].safeParse(payload).success;
  const errorsBefore = errorLines.length;
  let result: unknown;
  try {
    result = await app.dispatch(name, payload);
  } catch (error) {
    throw new Error(`${name} threw for ${describePayload(payload)}: ${String(error)}`, { cause: error });
  }
  const r = result as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(r && typeof r === 'object', `${name}: an answer object`).toBe(true);
  if (r.ok === true) {
    expect(accepted, `${name} answered ok to a payload its schema refuses: ${describePayload(payload)}`).toBe(
      true,
    );
    expect('value' in r).toBe(true);
    return;
  }
  expect(r.ok).toBe(false);
  expect(ERROR_CODES).toContain(r.error?.code);
  expect(typeof r.error?.message).toBe('string');
  expect((r.error!.message as string).length).toBeGreaterThan(0);
  // A message for the author, never a stack trace.
  expect(r.error!.message as string).not.toMatch(/\n\s+at /);
  if (!accepted) expect(r.error?.code, `${name}: a refused payload is a BAD_REQUEST`).toBe('BAD_REQUEST');
  // A failure nobody planned for is a bug, even when it is wrapped well: collected, then reported.
  if (r.error?.code === 'INTERNAL') {
    const line = errorLines.slice(errorsBefore).join(' ');
    // The kind of failure, without the value that varies (a key path, a node type).
    const cause = (line.match(/"error":"([^\\`]*)/)?.[1] ?? line).slice(0, 80);
    const seen = internal.get(name) ?? new Map<string, string>();
    if (!seen.has(cause)) seen.set(cause, describePayload(payload));
    internal.set(name, seen);
  }
}

describe(`every IPC command, ${RUNS} fuzzed payloads each, through the real dispatcher and handlers`, () => {
  it.each([...COMMANDS])(
    '%s answers each payload with a typed result and never throws',
    async (name) => {
      await openApp(name);
      // The valid request first: it must be accepted by the schema (else the near-misses test little).
      expect(requestSchemas[name].safeParse(validSample(name)).success, `${name}'s valid sample`).toBe(true);
      await fc.assert(
        fc.asyncProperty(payloads(name), (payload) => checkOne(name, payload)),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
      const causes = [...(internal.get(name) ?? new Map<string, string>())].map(
        ([cause, payload]) => `${cause}\n    e.g. ${payload}`,
      );
      await checkSound();
      await app.close();
      expect(causes, `${name} failed with INTERNAL (a handler threw what nobody planned for)`).toEqual([]);
    },
    300_000,
  );

  it('sent nothing off this machine and opened only what the app allows', () => {
    // Every request reached the fetch port, which refused it unsent; no socket left loopback by
    // another path (the guard refuses those before any lookup).
    expect(fetched.length).toBeGreaterThan(0);
    expect(blockedConnects).toEqual([]);
    for (const url of opened) expect(url).toMatch(/^(https?:|mailto:)/);
    expect(unhandled).toEqual([]);
  });
});
