import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { flipFuses, FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkFuseWire,
  FUSE_INDEX,
  FUSE_SENTINEL,
  fuseConfigFor,
  fusedBinaryPath,
  readFuseWire,
  SIGNET_FUSES,
} from './fuses';

/** Bytes shaped like an Electron binary: code, the sentinel, version 1, the wire, more code. */
function fakeElectron(wire: string): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF some machine code '.repeat(50)),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from(' more machine code'.repeat(50)),
  ]);
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'signet-fuses-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the fuse list', () => {
  it('names the fuses the issue asks for, with the right states', () => {
    expect(SIGNET_FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('uses the wire indexes of @electron/fuses, and decides every fuse it knows', () => {
    for (const [name, index] of Object.entries(FUSE_INDEX))
      expect(FuseV1Options[name as keyof typeof FuseV1Options], name).toBe(index);
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(SIGNET_FUSES).sort()).toEqual(known.sort());
  });

  it('builds the flipFuses config; only arm64/universal macOS re-signs ad hoc', () => {
    const linux = fuseConfigFor({ platform: 'linux', arch: 'x64' });
    expect(linux).toMatchObject({ version: '1', resetAdHocDarwinSignature: false, '0': false, '5': true });
    expect(fuseConfigFor({ platform: 'darwin', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor({ platform: 'darwin', arch: 'x64' }).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor({ platform: 'win32', arch: 'arm64' }).resetAdHocDarwinSignature).toBe(false);
  });

  it('points at the file that holds the wire on each platform', () => {
    const names = { productFilename: 'Signet', executableName: 'signet' };
    expect(fusedBinaryPath({ platform: 'linux', arch: 'x64' }, names)).toBe('signet');
    expect(fusedBinaryPath({ platform: 'win32', arch: 'x64' }, names)).toBe('Signet.exe');
    expect(fusedBinaryPath({ platform: 'darwin', arch: 'arm64' }, names)).toBe(
      'Signet.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
    );
  });
});

describe('flipping with @electron/fuses', () => {
  it('turns an out-of-the-box wire into exactly the list', async () => {
    // Electron's defaults: RunAsNode, NODE_OPTIONS and --inspect on, the rest off.
    const binary = path.join(dir, 'electron');
    await fs.writeFile(binary, fakeElectron('10110000'));
    expect(checkFuseWire(readFuseWire(await fs.readFile(binary))).errors).toHaveLength(6);

    await flipFuses(binary, fuseConfigFor({ platform: 'linux', arch: 'x64' }) as unknown as FuseConfig);

    const reading = readFuseWire(await fs.readFile(binary));
    expect(checkFuseWire(reading)).toEqual({ errors: [], warnings: [] });
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, number>;
    for (const [name, index] of Object.entries(FUSE_INDEX))
      expect(wire[index], name).toBe(SIGNET_FUSES[name as keyof typeof SIGNET_FUSES] ? 0x31 : 0x30);
  });

  it('names each wrong fuse', () => {
    const reading = readFuseWire(fakeElectron('11110000'));
    expect(checkFuseWire(reading).errors).toEqual([
      'RunAsNode should be off (state byte 49)',
      'EnableNodeOptionsEnvironmentVariable should be off (state byte 49)',
      'EnableNodeCliInspectArguments should be off (state byte 49)',
      'EnableEmbeddedAsarIntegrityValidation should be on (state byte 48)',
      'OnlyLoadAppFromAsar should be on (state byte 48)',
    ]);
  });

  it('accepts a fuse Electron removed when we wanted it off', () => {
    expect(checkFuseWire(readFuseWire(fakeElectron('r1001100')))).toEqual({ errors: [], warnings: [] });
    expect(checkFuseWire(readFuseWire(fakeElectron('01001r00'))).errors).toEqual([
      'OnlyLoadAppFromAsar should be on (state byte 114)',
    ]);
  });

  it('leaves fuses the list does not know at their default, and warns about them', async () => {
    const binary = path.join(dir, 'electron');
    await fs.writeFile(binary, fakeElectron('10110000' + '1'));
    await flipFuses(binary, fuseConfigFor({ platform: 'linux', arch: 'x64' }) as unknown as FuseConfig);
    const reading = readFuseWire(await fs.readFile(binary));
    expect(reading).toMatchObject({ states: [0, 1, 0, 0, 1, 1, 0, 0, 1].map((b) => 0x30 + b) });
    const result = checkFuseWire(reading);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('the binary has 9 fuses')]);
  });

  it('recognises a stand-in without a fuse wire (which flipFuses refuses)', async () => {
    const binary = path.join(dir, 'electron');
    await fs.writeFile(binary, '#!/bin/sh\necho "stand-in"\n');
    expect(readFuseWire(await fs.readFile(binary))).toEqual({ kind: 'none' });
    await expect(
      flipFuses(binary, fuseConfigFor({ platform: 'linux', arch: 'x64' }) as unknown as FuseConfig),
    ).rejects.toThrow(/sentinel/);
  });
});
