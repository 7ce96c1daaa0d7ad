import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  appOriginsFor,
  rendererEntry,
  rendererMimeType,
  rendererResponseHeaders,
  resolveRendererFile,
} from './appUrl';
import { RENDERER_CSP } from '../../security/csp';

const root = path.resolve('/opt/signet/out/renderer');

describe('resolveRendererFile', () => {
  it('maps the root to index.html and paths to files under the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://signet/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://signet')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://signet/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://signet/assets/index-Ab12.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-Ab12.js'),
    );
    expect(resolveRendererFile(root, 'app://signet/fonts/My%20Font.woff2')).toBe(
      path.join(root, 'fonts', 'My Font.woff2'),
    );
  });

  it.each([
    'app://signet/assets/..%2f..%2fmain.js',
    'app://signet/assets%2F..%2F..%2Fmain.js',
    'app://signet/..%5c..%5cmain.js',
    'app://signet/a\\..\\..\\main.js',
    'app://signet/index.html%00.png',
    'app://signet/C:/Windows/win.ini',
    'app://signet/%E0%A4%A',
    'app://other/index.html',
    'app://signet:8080/index.html',
    'app://u:p@signet/index.html',
    'file:///etc/passwd',
    'https://signet/index.html',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url)).toBeNull();
  });

  it.each([
    'app://signet/../main/main.js',
    'app://signet/assets/../../main/main.js',
    'app://signet/%2e%2e/%2E%2E/main/main.js',
    'app://signet/a/./../../../etc/passwd',
  ])('keeps dot segments (already folded by URL parsing) inside the renderer folder: %s', (url) => {
    const file = resolveRendererFile(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });
});

describe('rendererEntry', () => {
  it('loads the built renderer through app:// by default', () => {
    expect(rendererEntry({ isPackaged: false })).toEqual({
      kind: 'app',
      url: APP_ENTRY_URL,
      origin: 'app://signet',
    });
  });

  it('uses the electron-vite dev server when unpackaged', () => {
    const entry = rendererEntry({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
    expect(entry).toEqual({ kind: 'dev', url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(appOriginsFor(entry)).toEqual(['app://signet', 'http://localhost:5173']);
  });

  it('never loads a URL from the environment in a packaged app', () => {
    const entry = rendererEntry({ isPackaged: true, devServerUrl: 'http://localhost:5173' });
    expect(entry.kind).toBe('app');
    expect(appOriginsFor(entry)).toEqual(['app://signet']);
  });

  it.each(['http://192.168.1.20:5173', 'https://evil.example/', 'file:///tmp/index.html', 'garbage'])(
    'ignores a dev server that is not on loopback: %s',
    (devServerUrl) => {
      expect(rendererEntry({ isPackaged: false, devServerUrl }).kind).toBe('app');
    },
  );
});

describe('renderer responses', () => {
  it('serves module scripts with a JavaScript type (Chromium refuses them otherwise)', () => {
    expect(rendererMimeType('/x/assets/index-1.js')).toMatch(/^text\/javascript/);
    expect(rendererMimeType('/x/index.html')).toMatch(/^text\/html/);
    expect(rendererMimeType('/x/a.CSS')).toMatch(/^text\/css/);
    expect(rendererMimeType('/x/unknown.bin')).toBe('application/octet-stream');
  });

  it('carries the CSP and nosniff', () => {
    const headers = rendererResponseHeaders('/x/index.html');
    expect(headers['Content-Security-Policy']).toBe(RENDERER_CSP);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
