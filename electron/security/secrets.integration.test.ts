/**
 * Secrets at rest and in logs. One account of every platform is added through the real
 * PublishingService: WordPress (application password) and Ghost (Admin API key) against the real
 * servers, Blogger (OAuth client secret, refresh token) and Micropub (IndieAuth tokens) through
 * their strict fakes, the static site folder (no secret) as every new user has. Each account is
 * then used once (a list of its posts, so an access token is fetched or a request signed), and a
 * sign-in with a wrong password is tried (an error path that logs).
 *
 * Every log line is captured — the app's logger (redacting, as createApp builds it) and anything
 * written to the console meanwhile — then every file under the data folder and every log line is
 * searched for each secret: as is, base64, URL-encoded, JSON-escaped. None may appear.
 *
 * Logs: Signet writes no log file; its logger is the `log` port (console in Electron and the web
 * host, see electron/ports.ts consoleLogger), so the console is where a line could leak.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostOrSkip } from '../../e2e/servers/ghost';
import { wordpressOrSkip } from '../../e2e/servers/wordpress';
import { createRedactingLogger } from '../accounts/redact';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { EventMap, EventName, SignInResult } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import type { Logger, SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { createBloggerPlatform } from '../publishing/blogger';
import {
  browserOpening,
  startFakeBlogger,
  type FakeBloggerHandle,
} from '../publishing/blogger/testing/fakeBlogger';
import {
  simulatedBrowser,
  startFakeMicropub,
  type FakeMicropub,
} from '../publishing/micropub/testing/fakeSite';
import { PublishingService } from '../publishing/PublishingService';

const wp = await wordpressOrSkip();
const ghost = await ghostOrSkip();
const skipReason = [wp.skipReason, ghost.skipReason].filter(Boolean).join('; ');
if (skipReason) console.warn(`\n⚠ electron/security/secrets.integration.test.ts: SKIPPED — ${skipReason}\n`);

/** The spellings a secret could take in a file or a line. */
export function spellings(secret: string): string[] {
  const out = new Set<string>([
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    secret.replace(/ /g, ''),
  ]);
  return [...out].filter((s) => s.length >= 8);
}

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

describe.skipIf(Boolean(skipReason))(
  `secrets never in plain text in the data folder or the logs${skipReason ? ` — SKIPPED: ${skipReason}` : ''}`,
  () => {
    let tmp: string;
    let dataDir: string;
    let drafts: DraftStore;
    let service: PublishingService;
    let blogger: FakeBloggerHandle;
    let micropub: FakeMicropub;
    const lines: string[] = [];
    const events: Array<{ event: EventName; payload: unknown }> = [];
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const realConsole = consoleMethods.map((m) => console[m]);
    /** The secrets typed in or received, gathered as the accounts are added. */
    const secrets = new Set<string>();

    const capture: Logger = {
      info: (m, d) => lines.push(`info ${m} ${JSON.stringify(d ?? {})}`),
      warn: (m, d) => lines.push(`warn ${m} ${JSON.stringify(d ?? {})}`),
      error: (m, d) => lines.push(`error ${m} ${JSON.stringify(d ?? {})}`),
    };

    async function waitForSignIn(): Promise<SignInResult> {
      for (let i = 0; i < 200; i++) {
        const done = events.find((e) => e.event === 'signInCompleted');
        if (done) {
          events.splice(events.indexOf(done), 1);
          const payload = done.payload as EventMap['signInCompleted'];
          if (payload.error) throw new Error(payload.error.message);
          return payload.result!;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the browser sign-in did not complete in 10 s');
    }

    beforeAll(async () => {
      // Anything written to the console while the test runs is a log line too.
      consoleMethods.forEach((m) => {
        console[m] = (...args: unknown[]) => lines.push(`console.${m} ${args.map(String).join(' ')}`);
      });
      tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-secrets-'));
      dataDir = path.join(tmp, 'data');
      blogger = await startFakeBlogger();
      micropub = await startFakeMicropub();
      const browser = simulatedBrowser();
      drafts = await DraftStore.open({ dir: path.join(dataDir, 'drafts'), watch: false, log: capture });
      const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir, appVersion: '0.1.0' }));
      let known: () => string[] = () => [];
      // As createApp builds it: every line passes redaction first.
      const log = createRedactingLogger(capture, () => known());
      service = new PublishingService({
        drafts,
        dataDir,
        settings: settingsPortFrom(conf as unknown as KeyValueStore),
        // The key lives outside the data folder, as in the web host (Electron: safeStorage).
        vault: new FileKeyVault({ dataDir, keyFile: path.join(tmp, 'vault.key') }),
        fetch: globalThis.fetch,
        authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
        assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
        openExternal: async (url) => {
          if (url.startsWith(blogger.authorizationEndpoint)) await browserOpening(url);
          else await browser.openExternal(url);
        },
        emit<E extends EventName>(event: E, payload: EventMap[E]) {
          events.push({ event, payload });
        },
        log,
        platforms: {
          blogger: createBloggerPlatform({
            endpoints: {
              apiRoot: blogger.apiRoot,
              authorizationEndpoint: blogger.authorizationEndpoint,
              tokenEndpoint: blogger.tokenEndpoint,
            },
            signInTimeoutMs: 10_000,
          }),
        },
      });
      known = () => service.accounts.knownSecrets();
      await service.ensureDefaultSite();

      // WordPress: an application password; and once with a wrong one.
      const wordpress = wp.server!;
      secrets.add(wordpress.appPassword);
      const wrong = 'Zz9Y xW8v Uu7T sS6r Qq5P oO4n';
      secrets.add(wrong);
      await service.signIn(wordpress.url, wordpress.user, wrong).catch(() => {});
      const wpSession = await service.signIn(wordpress.url, wordpress.user, wordpress.appPassword);
      await service.addAccounts(wpSession.sessionId, [wpSession.blogs[0]!.blogId]);

      // Ghost: an Admin API key `<id>:<secret>`.
      const g = ghost.server!;
      secrets.add(g.adminApiKey);
      secrets.add(g.adminApiKey.split(':')[1]!);
      const ghostSession = (await service.connectAccount({
        platform: 'ghost',
        kind: 'api-key',
        siteUrl: g.url,
        apiKey: g.adminApiKey,
      })) as SignInResult;
      await service.addAccounts(ghostSession.sessionId, [ghostSession.blogs[0]!.blogId]);

      // Blogger: the author's OAuth client secret; the refresh token comes back from the fake.
      secrets.add(blogger.clientSecret);
      await service.connectAccount({
        platform: 'blogger',
        kind: 'oauth',
        clientId: blogger.clientId,
        clientSecret: blogger.clientSecret,
      });
      const bloggerSession = await waitForSignIn();
      await service.addAccounts(bloggerSession.sessionId, [bloggerSession.blogs[0]!.blogId]);

      // Micropub: IndieAuth in the (simulated) browser; tokens come back from the fake.
      await service.connectAccount({ platform: 'micropub', kind: 'indieauth', me: micropub.me });
      const micropubSession = await waitForSignIn();
      await service.addAccounts(micropubSession.sessionId, [micropubSession.blogs[0]!.blogId]);

      // Use every account once: tokens are renewed, requests signed, and lines logged.
      for (const account of await service.listAccounts()) {
        await service.listRemotePosts(account.id, { type: 'post', page: 1 }).catch(() => {});
      }
      await drafts.close();

      // Whatever the vault holds is a secret too, and each part of a structured one.
      for (const secret of service.accounts.knownSecrets()) {
        secrets.add(secret);
        try {
          const parsed = JSON.parse(secret) as unknown;
          if (parsed && typeof parsed === 'object')
            for (const value of Object.values(parsed)) if (typeof value === 'string') secrets.add(value);
        } catch {
          // Not JSON: a plain secret.
        }
      }
    }, 120_000);

    afterAll(async () => {
      consoleMethods.forEach((m, i) => (console[m] = realConsole[i]!));
      await blogger?.close();
      await micropub?.close();
      if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
    });

    it('added one account of every platform, each with its secret in the vault', async () => {
      const accounts = await service.listAccounts();
      expect(new Set(accounts.map((a) => a.platform))).toEqual(
        new Set(['static-site', 'wordpress', 'ghost', 'blogger', 'micropub']),
      );
      expect(accounts.every((a) => a.hasCredential)).toBe(true);
      // The secrets to look for: the four typed in, and the tokens the fakes gave out.
      const worthLooking = [...secrets].filter((s) => s.length >= 8);
      expect(worthLooking.length).toBeGreaterThanOrEqual(6);
      expect(lines.length).toBeGreaterThan(0);
    });

    it('no file under the data folder holds a secret in any spelling', async () => {
      const files = await filesUnder(dataDir);
      expect(files.map((f) => path.relative(dataDir, f))).toContain('secrets.json');
      for (const file of files) {
        const bytes = await fsp.readFile(file);
        const texts = [bytes.toString('utf8'), bytes.toString('latin1')];
        for (const secret of secrets)
          for (const spelling of spellings(secret))
            for (const text of texts)
              expect(text.includes(spelling), `${path.relative(dataDir, file)} holds a secret`).toBe(false);
      }
      // The key that decrypts the vault is not in the data folder either.
      expect(files.some((f) => path.basename(f) === 'vault.key')).toBe(false);
    });

    it('no log line holds a secret in any spelling', () => {
      for (const line of lines)
        for (const secret of secrets)
          for (const spelling of spellings(secret))
            // The line itself is not printed: it would put the secret in the test's output.
            expect(line.includes(spelling), `log line ${lines.indexOf(line)} holds a secret`).toBe(false);
    });
  },
);
