import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronBinaryPath } from './hasElectron';

let pkg: string;
beforeEach(() => {
  pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-electron-pkg-'));
  vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(pkg, { recursive: true, force: true });
});

describe('electronBinaryPath', () => {
  it('finds the binary path.txt names under dist/', () => {
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(pkg, 'dist'));
    fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(electronBinaryPath(pkg)).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('is null on an offline install: no path.txt, or path.txt without the binary', () => {
    expect(electronBinaryPath(pkg)).toBeNull();
    fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    expect(electronBinaryPath(pkg)).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-electron-dist-'));
    try {
      const exe =
        process.platform === 'win32'
          ? 'electron.exe'
          : process.platform === 'darwin'
            ? 'Electron.app/Contents/MacOS/Electron'
            : 'electron';
      fs.mkdirSync(path.dirname(path.join(dist, exe)), { recursive: true });
      fs.writeFileSync(path.join(dist, exe), '');
      vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dist);
      expect(electronBinaryPath(pkg)).toBe(path.join(dist, exe));
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('answers for this checkout without importing electron', () => {
    const found = electronBinaryPath();
    expect(found === null || fs.existsSync(found)).toBe(true);
  });
});
