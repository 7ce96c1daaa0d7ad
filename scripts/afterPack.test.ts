/**
 * The afterPack hook itself, called the way electron-builder calls it, on a packed folder whose
 * binary has a real fuse wire (flipped and checked), and on a stand-in (skipped, or refused with
 * SIGNET_REQUIRE_FUSES=1).
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFuseWire, FUSE_SENTINEL, readFuseWire } from '../electron/shell/policy/fuses';

type Hook = (context: unknown) => Promise<void>;
const hookPath = path.join(import.meta.dirname, 'afterPack.mjs');
const loadHook = async () => ((await import(hookPath)) as { default: Hook }).default;

let appOutDir: string;
beforeEach(async () => {
  appOutDir = await fs.mkdtemp(path.join(os.tmpdir(), 'signet-afterpack-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await fs.rm(appOutDir, { recursive: true, force: true });
});

/** electron-builder's AfterPackContext as the hook reads it (Linux x64: Arch.x64 = 1). */
const linuxContext = () => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Signet' }, executableName: 'signet' },
});

describe('scripts/afterPack.mjs', () => {
  it('flips the fuses of a real Electron binary and checks them', async () => {
    const wire = Buffer.concat([
      Buffer.from('ELF'.repeat(100)),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('10110000'), // Electron's defaults
      Buffer.from('rest of the binary'),
    ]);
    await fs.writeFile(path.join(appOutDir, 'signet'), wire);
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    await (
      await loadHook()
    )(linuxContext());

    const reading = readFuseWire(await fs.readFile(path.join(appOutDir, 'signet')));
    expect(checkFuseWire(reading)).toEqual({ errors: [], warnings: [] });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('fuses flipped in'));
  });

  it('skips a stand-in binary with a clear line', async () => {
    await fs.writeFile(path.join(appOutDir, 'signet'), '#!/bin/sh\nexit 1\n');
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);

    await (
      await loadHook()
    )(linuxContext());

    expect(logged).toHaveBeenCalledWith(expect.stringContaining('has no Electron fuse wire'));
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Fuses NOT flipped'));
    expect(await fs.readFile(path.join(appOutDir, 'signet'), 'utf8')).toBe('#!/bin/sh\nexit 1\n');
  });

  it('refuses a stand-in when SIGNET_REQUIRE_FUSES=1 (release builds)', async () => {
    await fs.writeFile(path.join(appOutDir, 'signet'), '#!/bin/sh\nexit 1\n');
    vi.stubEnv('SIGNET_REQUIRE_FUSES', '1');
    await expect((await loadHook())(linuxContext())).rejects.toThrow(/refusing to build without fuses/);
  });

  it('fails when the binary is missing (a wrong executable name)', async () => {
    await expect((await loadHook())(linuxContext())).rejects.toThrow(/ENOENT/);
  });
});
