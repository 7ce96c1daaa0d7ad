/**
 * electron/main.ts end to end against a fake `electron` (testing/fakeElectron.ts) and the real
 * createApp: start-up order, IPC with the sender check, the app:// protocol, the window, the menu,
 * navigation, and a quit that flushes first. The real-binary checks are in e2e/electron/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel, eventChannel } from '../contract';
import { app, calls, fakeState, FakeBrowserWindow, ipcMain } from './testing/fakeElectron';

vi.mock('electron', () => import('./testing/fakeElectron'));
// electron-store is loaded by Node itself (outside vitest's module graph), where it would import
// the real electron; conf is the same store without the Electron defaults.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor({ name, ...options }: { name: string } & Record<string, unknown>) {
        super({ ...options, configName: name });
      }
    },
  };
});

const hasDraftStore = fs.existsSync(path.join(import.meta.dirname, '../drafts/DraftStore.ts'));
let dataDir: string;
let win: FakeBrowserWindow;

describe.skipIf(!hasDraftStore)('main.ts with a fake Electron', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-main-'));
    vi.stubEnv('SIGNET_DATA_DIR', dataDir);
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('../main');
    await vi.waitFor(() => expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1), { timeout: 10_000 });
    win = FakeBrowserWindow.getAllWindows()[0]!;
    await vi.waitFor(() => expect(win.shown).toBe(true));
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves userData to the data folder before it takes the single-instance lock', () => {
    const setUserData = calls.findIndex((c) => c[0] === 'setPath' && c[1] === 'userData');
    const lock = calls.findIndex((c) => c[0] === 'requestSingleInstanceLock');
    expect(setUserData).toBeGreaterThanOrEqual(0);
    expect(setUserData).toBeLessThan(lock);
    expect(calls[lock]?.[1]).toBe(dataDir);
    expect(calls.some((c) => c[0] === 'enableSandbox')).toBe(true);
  });

  it('takes the author’s locale from the OS once ready, before the menu is built', async () => {
    const { getLocale } = await import('../contract/i18n');
    expect(getLocale()).toBe('de-DE');
    const locale = calls.findIndex((c) => c[0] === 'getLocale');
    const menu = calls.findIndex((c) => c[0] === 'setApplicationMenu');
    expect(locale).toBeGreaterThanOrEqual(0);
    expect(menu).toBeGreaterThan(locale);
  });

  it('registers app: and signet-asset: as secure standard schemes', () => {
    const [, schemes] = calls.find((c) => c[0] === 'registerSchemesAsPrivileged') as [
      string,
      Array<{ scheme: string; privileges: Record<string, boolean> }>,
    ];
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'signet-asset']);
    for (const s of schemes) expect(s.privileges).toMatchObject({ standard: true, secure: true });
  });

  it('opens one hidden, hardened window on app://signet and shows it when ready', () => {
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(win.webContents.mainFrame.url).toBe('app://signet/index.html');
  });

  it('answers a command from the app window and refuses one from a subframe', async () => {
    const handler = ipcMain.handlers[commandChannel('getAppInfo')]!;
    await expect(
      handler({ senderFrame: win.webContents.mainFrame, sender: win.webContents }, undefined),
    ).resolves.toMatchObject({
      ok: true,
      value: { runtime: 'electron', dataDir, assetBaseUrl: 'signet-asset://draft/' },
    });
    const subframe = {
      url: 'app://signet/index.html',
      parent: win.webContents.mainFrame,
      processId: 1,
      routingId: 9,
    };
    await expect(
      Promise.resolve(handler({ senderFrame: subframe, sender: win.webContents }, undefined)),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('serves the renderer over app:// with its CSP, and nothing outside it', async () => {
    const index = await fakeState.protocolHandlers.app!(new Request('app://signet/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const escape = await fakeState.protocolHandlers.app!(new Request('app://signet/..%2F..%2Fpackage.json'));
    expect(escape.status).toBe(404);
    const asset = await fakeState.protocolHandlers['signet-asset']!(
      new Request('signet-asset://draft/nope/x.png'),
    );
    expect(asset.status).toBe(404);
  });

  it('keeps the page in the app and sends web links to the browser', () => {
    const event = {
      url: 'https://example.com/a',
      isMainFrame: true,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    win.webContents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/b' })).toEqual({ action: 'deny' });
    expect(calls.filter((c) => c[0] === 'openExternal').map((c) => c[1])).toEqual([
      'https://example.com/a',
      'https://example.com/b',
    ]);
  });

  it('sends menu commands to the window', () => {
    const file = fakeState.menu?.find((m: { label?: string }) => m.label === 'File');
    file.submenu.find((i: { id?: string }) => i.id === 'newDraft').click();
    expect(win.webContents.sent).toContainEqual([eventChannel('menuCommand'), { command: 'newDraft' }]);
  });

  it('saves the window state to settings.json when the window closes', () => {
    win.bounds = { x: 11, y: 22, width: 901, height: 702 };
    win.emit('close');
    const settings = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
    expect(settings.windowState).toEqual({
      x: 11,
      y: 22,
      width: 901,
      height: 702,
      isMaximized: false,
      isFullScreen: false,
    });
  });

  it('holds the first quit until the app has flushed, then quits', async () => {
    app.quit();
    expect(calls.at(-1)).toEqual(['quit']);
    await vi.waitFor(() => expect(calls.at(-1)).toEqual(['quitProceeded']));
    expect(calls.filter((c) => c[0] === 'quit')).toHaveLength(2);
  });
});
