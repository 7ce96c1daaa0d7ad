import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM_PATH } from './support/chromium';

/** Before any spec: Chromium must exist (it cannot be downloaded here) and the app must be built. */
export default function globalSetup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the e2e suite needs it. ` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium',
    );
  }
  const root = path.resolve(import.meta.dirname, '..');
  if (
    !existsSync(path.join(root, 'out/renderer/index.html')) ||
    !existsSync(path.join(root, 'out/main/main.js'))
  ) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
