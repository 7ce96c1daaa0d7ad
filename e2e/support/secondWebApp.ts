/**
 * A second Signet (web host) on its own, empty data folder, beside the fixture's: for moving
 * things between two installations (export here, import there).
 */
import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SecondApp {
  page: Page;
  pickNext(kind: 'file' | 'save', filePath: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSecondWebApp(browser: Browser): Promise<SecondApp> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-e2e-second-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/host/cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, SIGNET_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The second web host did not start.\n${out}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^SIGNET_HOST_URL=(\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', () => {});
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The second web host exited (${code}).\n${out}`));
    });
  });
  const origin = new URL(url).origin;
  const token = /token=([^&]+)/.exec(url)?.[1] ?? '';
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    async pickNext(kind, filePath) {
      const res = await fetch(
        `${origin}/__signet/test/pick?token=${token}&kind=${kind}&path=${encodeURIComponent(filePath)}`,
        { method: 'POST' },
      );
      if (res.status !== 204) throw new Error(`pick failed: ${res.status}`);
    },
    async close() {
      await context.close().catch(() => {});
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await fsp.rm(dataDir, { recursive: true, force: true });
    },
  };
}
