// electron-builder's afterPack hook (electron-builder.yml `afterPack:`): flips the Electron fuses
// of the packed binary to the one list in electron/shell/policy/fuses.ts, after the app is copied
// in and before anything is signed (flipping changes the binary, so it must come first).
//
// A stand-in binary (the offline test's `electronDist`, no fuse wire) is recognised and skipped
// with a printed line; SIGNET_REQUIRE_FUSES=1 turns that skip into a failure, for release builds.
// After flipping, the wire is read back and checked: a fuse not as listed fails the build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { flipFuses } from '@electron/fuses';
import { tsImport } from 'tsx/esm/api';

/** builder-util's `Arch` enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const { checkFuseWire, fuseConfigFor, fusedBinaryPath, readFuseWire } = await tsImport(
    '../electron/shell/policy/fuses.ts',
    import.meta.url,
  );
  const target = {
    platform: context.electronPlatformName,
    arch: ARCH_NAMES[context.arch] ?? String(context.arch),
  };
  const names = {
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName ?? context.packager.appInfo.productFilename,
  };
  const binary = path.join(context.appOutDir, fusedBinaryPath(target, names));
  const relative = path.relative(process.cwd(), binary);
  const shown = relative.startsWith('..') ? binary : relative;

  const before = readFuseWire(await readFile(binary));
  if (before.kind === 'none') {
    const message =
      `afterPack: ${shown} has no Electron fuse wire — a stand-in electronDist, not a real Electron ` +
      'binary. Fuses NOT flipped; a build from a real Electron flips them.';
    if (process.env.SIGNET_REQUIRE_FUSES === '1')
      throw new Error(`${message} SIGNET_REQUIRE_FUSES=1: refusing to build without fuses.`);
    console.log(message);
    return;
  }

  await flipFuses(binary, fuseConfigFor(target));
  const { errors, warnings } = checkFuseWire(readFuseWire(await readFile(binary)));
  for (const warning of warnings) console.warn(`afterPack: ${warning}`);
  if (errors.length > 0)
    throw new Error(`afterPack: the fuses of ${shown} are not as listed: ${errors.join('; ')}`);
  console.log(`afterPack: fuses flipped in ${shown} (${target.platform} ${target.arch}) and checked.`);
}
