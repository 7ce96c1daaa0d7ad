/**
 * Whether an Electron binary is installed, found the way the `electron` package finds it — without
 * `require('electron')`, which downloads the binary on first use and throws when it cannot
 * (offline machines). Pure Node; imports nothing from Electron.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ELECTRON_PACKAGE_DIR = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

/** Executable inside `dist/` when path.txt is missing but ELECTRON_OVERRIDE_DIST_PATH is set. */
function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Absolute path of the Electron executable, or null when there is none. Mirrors
 * node_modules/electron/index.js: `path.txt` names the executable inside `dist/`, and
 * `ELECTRON_OVERRIDE_DIST_PATH` replaces `dist/`.
 */
export function electronBinaryPath(packageDir: string = ELECTRON_PACKAGE_DIR): string | null {
  let relative = '';
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the binary was never downloaded (unless an override dist folder is given).
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || platformExecutable(process.platform))
    : relative
      ? path.join(packageDir, 'dist', relative)
      : null;
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_REASON =
  'Electron binary not installed (offline machine): node_modules/electron/path.txt or the binary it names under ' +
  'node_modules/electron/dist/ is missing, and it cannot be downloaded here. Run `npx install-electron` where ' +
  'GitHub is reachable to run these specs.';

/**
 * Chromium switches the test launch needs. Chromium refuses to start as root with its OS sandbox
 * (CI containers run as root); the renderer keeps Electron's `sandbox: true` either way.
 */
export function electronTestSwitches(): string[] {
  return process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}
