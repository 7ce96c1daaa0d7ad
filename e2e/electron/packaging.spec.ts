/**
 * Electron-only checks of packaging and updates, run where an Electron binary is installed
 * (skipped loudly elsewhere; scripts/packaging.test.ts and the policy unit tests cover what can be
 * checked without one):
 * - a package built from the real Electron has its fuses flipped as electron/shell/policy/fuses.ts
 *   lists them, and ELECTRON_RUN_AS_NODE no longer turns it into Node;
 * - a development run never contacts an update feed, even when one is named.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { checkFuseWire, readFuseWire } from '../../electron/shell/policy/fuses';
import { FIRST_CHECK_DELAY_MS } from '../../electron/shell/policy/updates';
import { electronBinaryPath, electronTestSwitches, NO_ELECTRON_REASON } from './hasElectron';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'out/main/main.js');
const binary = electronBinaryPath();

if (!binary) console.warn(`\n⚠ e2e/electron/packaging.spec.ts: SKIPPED — ${NO_ELECTRON_REASON}\n`);

function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.ELECTRON_RENDERER_URL;
  return { ...env, ...extra };
}

test.describe('Packaging and updates (Electron)', () => {
  test.skip(!binary, NO_ELECTRON_REASON);

  let work: string;
  test.beforeEach(async () => {
    test.skip(test.info().project.name === 'web', 'Electron-only spec: runs in the electron project.');
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npx electron-vite build\` first.`);
    work = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-pack-e2e-'));
  });
  test.afterEach(async () => {
    if (work) await fsp.rm(work, { recursive: true, force: true });
  });

  test('a package from the real Electron has its fuses flipped, and RunAsNode is off', async () => {
    test.skip(process.platform !== 'linux', 'packs `--linux dir`; other systems: see docs/packaging.md');
    test.setTimeout(300_000);
    const result = spawnSync(
      'npx',
      [
        'electron-builder',
        '--linux',
        'dir',
        '--publish',
        'never',
        `-c.electronDist=${path.dirname(binary!)}`,
        `-c.directories.output=${path.join(work, 'release')}`,
      ],
      // A real binary must be flipped: the hook fails instead of skipping.
      { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ SIGNET_REQUIRE_FUSES: '1' }) },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('fuses flipped in');

    const unpacked = fs.readdirSync(path.join(work, 'release')).find((d) => d.startsWith('linux'))!;
    const packed = path.join(work, 'release', unpacked, 'signet');
    const { errors } = checkFuseWire(readFuseWire(await fsp.readFile(packed)));
    expect(errors).toEqual([]);

    // With RunAsNode off, ELECTRON_RUN_AS_NODE is ignored: the app starts instead of a Node REPL.
    const dataDir = path.join(work, 'data');
    const child = spawn(packed, [...electronTestSwitches(), '-e', 'process.stdout.write("ran-as-node")'], {
      env: cleanEnv({ ELECTRON_RUN_AS_NODE: '1', SIGNET_DATA_DIR: dataDir }),
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    child.kill();
    expect(stdout).not.toContain('ran-as-node');
  });

  test('a development run never contacts the update feed', async () => {
    test.setTimeout(FIRST_CHECK_DELAY_MS + 60_000);
    const requests: string[] = [];
    const feed = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const { port } = feed.address() as AddressInfo;
    try {
      const app = await _electron.launch({
        executablePath: binary!,
        args: [...electronTestSwitches(), MAIN],
        cwd: ROOT,
        env: cleanEnv({
          SIGNET_DATA_DIR: path.join(work, 'data'),
          SIGNET_UPDATE_FEED_URL: `http://127.0.0.1:${port}/signet/`,
        }),
      });
      try {
        const page = await app.firstWindow();
        await page.waitForLoadState('domcontentloaded');
        expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(false);
        // Past the moment a packaged build would make its first check.
        await page.waitForTimeout(FIRST_CHECK_DELAY_MS + 5_000);
        expect(requests).toEqual([]);
      } finally {
        await app.close().catch(() => {});
      }
    } finally {
      await new Promise((resolve) => feed.close(resolve));
    }
  });
});
