/**
 * A stand-in for the `electron` module, for unit tests under plain Node (the real package tries to
 * download its binary). It records what the shell does and enforces the ordering rules Electron
 * enforces at run time: privileged schemes, sandbox and userData before 'ready'; protocol
 * handlers and windows after it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a loose double of a large API */
import { EventEmitter } from 'node:events';

export const calls: unknown[][] = [];
export const fakeState = {
  isReady: false,
  paths: { userData: '/nonexistent/default-user-data', appData: '/nonexistent' } as Record<string, string>,
  protocolHandlers: {} as Record<string, (request: Request) => Promise<Response>>,
  permissionRequest: null as null | ((...args: any[]) => void),
  permissionCheck: null as null | ((...args: any[]) => boolean),
  headersReceived: null as null | ((details: any, callback: (r: any) => void) => void),
  menu: null as any[] | null,
};

function must(condition: boolean, message: string): void {
  if (!condition) throw new Error(`fake electron: ${message}`);
}

class FakeApp extends EventEmitter {
  name = 'Electron';
  isPackaged = false;
  setAppUserModelId(id: string) {
    calls.push(['setAppUserModelId', id]);
  }
  getPath(name: string) {
    return fakeState.paths[name] ?? `/nonexistent/${name}`;
  }
  setPath(name: string, value: string) {
    must(!fakeState.isReady || name !== 'userData', 'userData must be set before ready');
    calls.push(['setPath', name, value]);
    fakeState.paths[name] = value;
  }
  enableSandbox() {
    must(!fakeState.isReady, 'enableSandbox must be called before ready');
    calls.push(['enableSandbox']);
  }
  requestSingleInstanceLock() {
    calls.push(['requestSingleInstanceLock', fakeState.paths.userData]);
    return true;
  }
  whenReady() {
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        fakeState.isReady = true;
        resolve();
      }, 5),
    );
  }
  setAboutPanelOptions() {}
  isDefaultProtocolClient() {
    return false;
  }
  setAsDefaultProtocolClient(scheme: string) {
    calls.push(['setAsDefaultProtocolClient', scheme]);
    return true;
  }
  getVersion() {
    return '0.1.0';
  }
  /** Electron's answer must wait for ready (it throws before on some platforms). */
  getLocale() {
    must(fakeState.isReady, 'getLocale must be called after ready');
    calls.push(['getLocale']);
    return 'de-DE';
  }
  quit() {
    calls.push(['quit']);
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) calls.push(['quitProceeded']);
  }
  exit(code: number) {
    calls.push(['exit', code]);
  }
}
export const app = new FakeApp();

export const protocol = {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: object }>) {
    must(!fakeState.isReady, 'registerSchemesAsPrivileged must be called before ready');
    calls.push(['registerSchemesAsPrivileged', schemes]);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    must(fakeState.isReady, 'protocol.handle needs the app to be ready');
    fakeState.protocolHandlers[scheme] = handler;
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (f: any) => (fakeState.permissionRequest = f),
    setPermissionCheckHandler: (f: any) => (fakeState.permissionCheck = f),
    setDevicePermissionHandler: () => {},
    setSpellCheckerEnabled: (on: boolean) => calls.push(['setSpellCheckerEnabled', on]),
    addWordToSpellCheckerDictionary: () => {},
    webRequest: { onHeadersReceived: (f: any) => (fakeState.headersReceived = f) },
  },
};

export const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };

export class FakeWebContents extends EventEmitter {
  mainFrame = { url: '', parent: null, processId: 1, routingId: 1 };
  sent: unknown[][] = [];
  session = session.defaultSession;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

const windows: FakeBrowserWindow[] = [];
export class FakeBrowserWindow extends EventEmitter {
  webContents = new FakeWebContents();
  bounds: { x: number; y: number; width: number; height: number };
  shown = false;
  constructor(readonly options: any) {
    super();
    must(fakeState.isReady, 'BrowserWindow needs the app to be ready');
    this.bounds = { x: options.x, y: options.y, width: options.width, height: options.height };
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return windows;
  }
  static getFocusedWindow() {
    return windows[0] ?? null;
  }
  async loadURL(url: string) {
    must(fakeState.protocolHandlers.app !== undefined, 'app:// is handled before the window loads');
    this.webContents.mainFrame.url = url;
    setTimeout(() => this.emit('ready-to-show'), 1);
  }
  isDestroyed() {
    return false;
  }
  isVisible() {
    return this.shown;
  }
  show() {
    this.shown = true;
  }
  maximize() {}
  setFullScreen() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
}
export { FakeBrowserWindow as BrowserWindow };

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
};

export const Menu = {
  buildFromTemplate: (template: any[]) => template,
  setApplicationMenu: (menu: any[]) => {
    calls.push(['setApplicationMenu']);
    fakeState.menu = menu;
  },
};

class FakeIpcMain extends EventEmitter {
  handlers: Record<string, (event: unknown, request: unknown) => unknown> = {};
  handle(channel: string, handler: (event: unknown, request: unknown) => unknown) {
    must(!(channel in this.handlers), `a second handler for ${channel}`);
    this.handlers[channel] = handler;
  }
}
export const ipcMain = new FakeIpcMain();

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
  showErrorBox: (title: string, message: string) => calls.push(['showErrorBox', title, message]),
};
export const shell = { openExternal: async (url: string) => void calls.push(['openExternal', url]) };
export const clipboard = { writeText: () => {} };
/** Only Linux's weak backend is modelled: the vault must ask before storing there. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'basic_text',
  setUsePlainTextEncryption: () => {},
  encryptStringAsync: async (text: string) => Buffer.from(text, 'utf8'),
  decryptStringAsync: async (data: Buffer) => ({ result: data.toString('utf8'), shouldReEncrypt: false }),
};
export const net = { fetch: (input: string, init?: RequestInit) => fetch(input, init) };

export default {
  app,
  protocol,
  session,
  nativeTheme,
  BrowserWindow: FakeBrowserWindow,
  screen,
  Menu,
  ipcMain,
  dialog,
  shell,
  clipboard,
  safeStorage,
  net,
};
