/**
 * One fixture yields the app's page from the web host (Chromium against the real createApp in
 * Node) or from `_electron.launch()`; every spec runs on both targets. "Restart the app" kills
 * the process and starts a new one on the same data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  test as base,
  expect,
  _electron,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { electronBinaryPath, electronTestSwitches, NO_ELECTRON_REASON } from './electron/hasElectron';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface SignetFixtureOptions {
  target: 'web' | 'electron';
  /**
   * Start on a fresh data folder as a new user would (welcome draft, `Signet Site`). Off by
   * default: other specs start from an app that was set up before, with no drafts.
   */
  firstRun: boolean;
}

export interface SignetHandle {
  page: Page;
  dataDir: string;
  target: 'web' | 'electron';
  /** Stops the app (SIGKILL = a crash, SIGTERM = a normal quit) and starts it again on the same data. */
  restart(options?: { signal?: 'SIGKILL' | 'SIGTERM'; before?: () => Promise<void> }): Promise<void>;
  /** Answers the next native file or folder picker with this path. */
  pickNext(kind: 'folder' | 'image' | 'file' | 'save', filePath: string): Promise<void>;
  /** URLs the app asked the system browser to open. */
  openedExternally(): Promise<string[]>;
}

interface Running {
  page: Page;
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  pickNext(kind: 'folder' | 'image' | 'file' | 'save', filePath: string): Promise<void>;
  openedExternally(): Promise<string[]>;
}

async function startWeb(browser: Browser, dataDir: string, firstRun: boolean): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/host/cli.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIGNET_DATA_DIR: dataDir,
      SIGNET_REVISION_INTERVAL_MS: '1000',
      SIGNET_SKIP_ONBOARDING: firstRun ? '0' : '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await readHostUrl(child);
  const origin = new URL(url).origin;
  const token = /token=([^&]+)/.exec(url)?.[1] ?? '';
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    async stop(signal) {
      await context.close().catch(() => {});
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    async pickNext(kind, filePath) {
      const res = await fetch(
        `${origin}/__signet/test/pick?token=${token}&kind=${kind}&path=${encodeURIComponent(filePath)}`,
        {
          method: 'POST',
        },
      );
      expect(res.status).toBe(204);
    },
    async openedExternally() {
      const res = await fetch(`${origin}/__signet/test/opened?token=${token}`);
      return (await res.json()) as string[];
    },
  };
}

function readHostUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`The web host did not start in 30 s.\n${out}\n${err}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^SIGNET_HOST_URL=(\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (${code}) before it started.\n${out}\n${err}`));
    });
  });
}

async function startElectron(dataDir: string, firstRun: boolean): Promise<Running> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  // The built app, never a dev server.
  delete env.ELECTRON_RENDERER_URL;
  const app: ElectronApplication = await _electron.launch({
    // Without executablePath Playwright require()s electron, which tries a download.
    executablePath: electronBinaryPath()!,
    args: [...electronTestSwitches(), path.join(ROOT, 'out/main/main.js')],
    cwd: ROOT,
    env: {
      ...env,
      SIGNET_DATA_DIR: dataDir,
      SIGNET_REVISION_INTERVAL_MS: '1000',
      SIGNET_SKIP_ONBOARDING: firstRun ? '0' : '1',
    },
  });
  const page = await app.firstWindow();
  // Record instead of opening a real browser.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __signetOpened?: string[] }).__signetOpened = opened;
    shell.openExternal = (async (url: string) => {
      opened.push(url);
    }) as never;
  });
  return {
    page,
    async stop(signal) {
      if (signal === 'SIGTERM') {
        await app.close();
        return;
      }
      const exited = new Promise((resolve) => app.process().once('exit', resolve));
      app.process().kill('SIGKILL');
      await exited;
    },
    async pickNext(kind, filePath) {
      if (kind === 'save') {
        await app.evaluate(({ dialog }, next) => {
          dialog.showSaveDialog = (async () => ({ canceled: false, filePath: next })) as never;
        }, filePath);
        return;
      }
      await app.evaluate(({ dialog }, next) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [next] })) as never;
      }, filePath);
    },
    async openedExternally() {
      return app.evaluate(
        () => ((globalThis as { __signetOpened?: string[] }).__signetOpened ?? []) as string[],
      );
    },
  };
}

export const test = base.extend<SignetFixtureOptions & { signet: SignetHandle }>({
  target: ['web', { option: true }],
  firstRun: [false, { option: true }],
  signet: async ({ target, firstRun, browser }, use, testInfo) => {
    if (target === 'electron') {
      test.skip(
        !electronBinaryPath(),
        `SKIPPED on Electron: ${NO_ELECTRON_REASON} (it ran on the web host).`,
      );
    }
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-e2e-'));
    const start = () =>
      target === 'web' ? startWeb(browser, dataDir, firstRun) : startElectron(dataDir, firstRun);
    let running = await start();
    const handle: SignetHandle = {
      get page() {
        return running.page;
      },
      dataDir,
      target,
      async restart(options = {}) {
        await options.before?.();
        await running.stop(options.signal ?? 'SIGTERM');
        running = await start();
      },
      pickNext: (kind, filePath) => running.pickNext(kind, filePath),
      openedExternally: () => running.openedExternally(),
    };
    await use(handle);
    await running.stop('SIGTERM').catch(() => {});
    if (testInfo.status === testInfo.expectedStatus) await fsp.rm(dataDir, { recursive: true, force: true });
  },
});

export { expect };
