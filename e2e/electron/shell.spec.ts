/**
 * Electron-only checks of the shell: the real window's web preferences, the CSP, navigation and
 * window.open refused, the menu, window state across a relaunch, one instance per data folder,
 * draft images over signet-asset://. The cross-target specs (e2e/*.spec.ts) cover the app itself.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { SignetApi } from '../../electron/contract';
import { startFaultProxy } from '../servers/faultProxy';
import { ensureWordPress } from '../servers/wordpress';
import { electronBinaryPath, electronTestSwitches, NO_ELECTRON_REASON } from './hasElectron';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'out/main/main.js');
const binary = electronBinaryPath();

if (!binary) console.warn(`\n⚠ e2e/electron/shell.spec.ts: SKIPPED — ${NO_ELECTRON_REASON}\n`);

interface Launched {
  app: ElectronApplication;
  page: Page;
}

let dataDir: string;
const running: ElectronApplication[] = [];

function launchEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // The built renderer over app://, never a dev server left in the environment.
  delete env.ELECTRON_RENDERER_URL;
  env.SIGNET_DATA_DIR = dir;
  return env;
}

async function launch(dir = dataDir): Promise<Launched> {
  const app = await _electron.launch({
    // Always an explicit path: without one Playwright require()s the electron package, which
    // tries to download the binary.
    executablePath: binary!,
    args: [...electronTestSwitches(), MAIN],
    cwd: ROOT,
    env: launchEnv(dir),
  });
  running.push(app);
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // Record instead of opening the developer's real browser.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __signetOpened?: string[] }).__signetOpened = opened;
    shell.openExternal = (async (url: string) => {
      opened.push(url);
    }) as never;
  });
  return { app, page };
}

const openedExternally = (app: ElectronApplication) =>
  app.evaluate(() => (globalThis as { __signetOpened?: string[] }).__signetOpened ?? []);

const windowCount = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

test.describe('Electron shell', () => {
  test.skip(!binary, NO_ELECTRON_REASON);

  test.beforeEach(async () => {
    test.skip(test.info().project.name === 'web', 'Electron-only spec: runs in the electron project.');
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx electron-vite build\` first.`);
    dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-shell-e2e-'));
  });

  test.afterEach(async () => {
    const testInfo = test.info();
    for (const app of running.splice(0)) await app.close().catch(() => {});
    if (dataDir && testInfo.status === testInfo.expectedStatus)
      await fsp.rm(dataDir, { recursive: true, force: true });
  });

  test('the window is isolated, sandboxed and Node-free, and the page is under the CSP', async () => {
    const { app, page } = await launch();
    // getLastWebPreferences() is undocumented (so untyped) but is what Electron's own tests use to
    // read the preferences a webContents really runs with.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences?: () => Record<string, unknown>;
      };
      return contents.getLastWebPreferences?.() ?? null;
    });
    expect(prefs, 'webContents.getLastWebPreferences() is gone from this Electron').not.toBeNull();
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
    });
    expect(page.url()).toBe('app://signet/index.html');

    const seen = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown> & { signet: Record<string, unknown> };
      // From a later task: code DevTools evaluates synchronously may generate code from strings
      // whatever the CSP says; the page's own tasks may not (e2e/security.spec.ts found this).
      await new Promise((resolve) => setTimeout(resolve, 0));
      let evalResult = 'blocked';
      try {
        (0, eval)('1');
        evalResult = 'ran';
      } catch {
        // EvalError from the CSP
      }
      return {
        require: typeof w.require,
        process: typeof w.process,
        signetKeys: Object.keys(w.signet),
        evalResult,
      };
    });
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
    expect(seen.signetKeys).not.toContain('ipcRenderer');
    expect(seen.signetKeys).toContain('on');
    expect(seen.evalResult).toBe('blocked');

    const info = await page.evaluate(() => (window as unknown as { signet: SignetApi }).signet.getAppInfo());
    expect(info).toMatchObject({
      ok: true,
      value: { runtime: 'electron', assetBaseUrl: 'signet-asset://draft/' },
    });
  });

  test('window.open never makes a window; a web link goes to the system browser', async () => {
    const { app, page } = await launch();
    const results = await page.evaluate(() => [
      window.open('https://example.com/from-window-open') === null,
      window.open('file:///etc/passwd') === null,
    ]);
    expect(results).toEqual([true, true]);
    await expect.poll(() => openedExternally(app)).toEqual(['https://example.com/from-window-open']);
    expect(await windowCount(app)).toBe(1);
  });

  test('the page cannot navigate away from the app', async () => {
    const { app, page } = await launch();
    await page.evaluate(() => {
      location.href = 'https://example.com/navigated';
    });
    await expect.poll(() => openedExternally(app)).toContain('https://example.com/navigated');
    await page.evaluate(() => {
      location.href = 'file:///etc/passwd';
    });
    // A navigation that was not refused would have replaced the page by now.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(page.url()).toBe('app://signet/index.html');
    expect(await openedExternally(app)).toEqual(['https://example.com/navigated']);
  });

  test('the Edit menu carries the standard editing roles', async () => {
    const { app } = await launch();
    const roles = await app.evaluate(({ Menu }) => {
      const edit = Menu.getApplicationMenu()?.items.find((item) => item.label === 'Edit');
      return (edit?.submenu?.items ?? []).map((item) => item.role).filter(Boolean) as string[];
    });
    expect(roles.map((r) => r.toLowerCase())).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteandmatchstyle',
      'delete',
      'selectall',
    ]);
  });

  test('the window comes back where the author left it', async () => {
    const first = await launch();
    await first.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.setBounds({ x: 90, y: 80, width: 900, height: 640 }),
    );
    // What the window manager actually gave us is what must come back.
    const placed = await first.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.getNormalBounds(),
    );
    await first.app.close();
    running.splice(running.indexOf(first.app), 1);

    const settings = JSON.parse(await fsp.readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
      windowState?: { width: number; height: number };
    };
    expect(settings.windowState).toMatchObject({ width: placed.width, height: placed.height });

    const second = await launch();
    const restored = await second.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.getNormalBounds(),
    );
    expect(restored.width).toBe(placed.width);
    expect(restored.height).toBe(placed.height);
    // Window managers may nudge a window by its decorations.
    expect(Math.abs(restored.x - placed.x)).toBeLessThanOrEqual(50);
    expect(Math.abs(restored.y - placed.y)).toBeLessThanOrEqual(50);
  });

  test('a second launch on the same data folder exits and leaves the first running', async () => {
    const { app, page } = await launch();
    const second = spawn(binary!, [...electronTestSwitches(), MAIN], {
      cwd: ROOT,
      env: launchEnv(dataDir),
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        second.kill('SIGKILL');
        reject(new Error('The second instance did not exit within 20 s'));
      }, 20_000);
      second.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(await windowCount(app)).toBe(1);
    await expect(
      page.evaluate(() => (window as unknown as { signet: SignetApi }).signet.getAppInfo()),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  test('draft images load over signet-asset://, and a traversal URL loads nothing', async () => {
    const { page } = await launch();
    // A 1×1 transparent PNG.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const outcome = await page.evaluate(async (dataBase64) => {
      const { signet } = window as unknown as { signet: SignetApi };
      const draft = await signet.createDraft({ title: 'Images' });
      if (!draft.ok) return { error: draft.error.message };
      const image = await signet.addImage({
        id: draft.value.id,
        fileName: 'dot.png',
        mimeType: 'image/png',
        dataBase64,
      });
      if (!image.ok) return { error: image.error.message };
      const load = (src: string) =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(`loaded ${img.naturalWidth}x${img.naturalHeight}`);
          img.onerror = () => resolve('error');
          img.src = src;
        });
      return {
        url: image.value.url,
        good: await load(image.value.url),
        traversal: await load(`signet-asset://draft/${draft.value.id}/..%2F..%2Fsettings.json`),
        missing: await load(`signet-asset://draft/${draft.value.id}/nope.png`),
      };
    }, png);
    expect(outcome).toMatchObject({ good: 'loaded 1x1', traversal: 'error', missing: 'error' });
    expect((outcome as { url: string }).url).toMatch(/^signet-asset:\/\/draft\//);
  });

  test('quitting while a post is being sent asks first: cancel keeps the app, "send later" quits', async () => {
    test.setTimeout(120_000);
    const wordpress = await ensureWordPress();
    const proxy = await startFaultProxy({ target: wordpress.url, rewriteOrigin: true });
    try {
      const { app, page } = await launch();
      // The blog answers every new post 30 s late: the publish stays in flight.
      proxy.setPlan((r) =>
        r.method === 'POST' && /\/wp\/v2\/posts\/?$/.test(r.path.split('?')[0]!)
          ? { kind: 'delay', ms: 30_000 }
          : null,
      );
      const started = await page.evaluate(
        async ({ url, user, appPassword }) => {
          const { signet } = window as unknown as { signet: SignetApi };
          await signet.allowWeakVault();
          const signIn = await signet.signIn({ url, userLogin: user, appPassword });
          if (!signIn.ok) return signIn.error.message;
          const added = await signet.addAccounts({
            sessionId: signIn.value.sessionId,
            blogIds: [signIn.value.blogs[0]!.blogId],
          });
          if (!added.ok) return added.error.message;
          const draft = await signet.createDraft({ title: `Quit while sending ${Date.now()}` });
          if (!draft.ok) return draft.error.message;
          void signet.publishDraft({
            draftId: draft.value.id,
            options: {
              accountId: added.value[0]!.id,
              postType: 'post',
              status: 'draft',
              tags: [],
              categories: [],
            },
          });
          return 'sent';
        },
        { url: proxy.url, user: wordpress.user, appPassword: wordpress.appPassword },
      );
      expect(started).toBe('sent');
      await expect
        .poll(async () =>
          page.evaluate(async () => {
            const jobs = await (window as unknown as { signet: SignetApi }).signet.listOutbox();
            return jobs.ok ? jobs.value.map((j) => j.state) : [];
          }),
        )
        .toEqual(['sending']);

      // Cancel: the question was asked, and the app stays.
      await app.evaluate(({ dialog }) => {
        const asked: string[] = [];
        (globalThis as { __signetAsked?: string[] }).__signetAsked = asked;
        dialog.showMessageBox = (async (...args: unknown[]) => {
          const options = args.at(-1) as { message: string };
          asked.push(options.message);
          return { response: 2, checkboxChecked: false };
        }) as never;
      });
      await app.evaluate(({ app: electronApp }) => electronApp.quit());
      await expect
        .poll(() => app.evaluate(() => (globalThis as { __signetAsked?: string[] }).__signetAsked ?? []))
        .toEqual(['Signet is sending a post to your blog.']);
      expect(await windowCount(app)).toBe(1);

      // "Quit and Send Later": the app quits without waiting for the post.
      const closed = new Promise<void>((resolve) => app.once('close', () => resolve()));
      await app.evaluate(({ dialog }) => {
        dialog.showMessageBox = (async () => ({ response: 1, checkboxChecked: false })) as never;
      });
      await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => {});
      await closed;
      running.splice(running.indexOf(app), 1);
    } finally {
      await proxy.close();
    }
  });
});
