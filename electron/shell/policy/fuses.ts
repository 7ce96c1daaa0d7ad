/**
 * Electron fuses of the packaged app: switches compiled into the Electron binary that no code or
 * command line can turn back at run time. This list is the one source; scripts/afterPack.mjs
 * hands it to @electron/fuses when electron-builder packs a real binary.
 * https://www.electronjs.org/docs/latest/tutorial/fuses
 *
 * Pure (no electron, no @electron/fuses): the wire indexes are @electron/fuses' `FuseV1Options`,
 * checked against it by the unit test.
 */

/** Position of each fuse on the version-1 fuse wire. */
export const FUSE_INDEX = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
} as const;

export type FuseName = keyof typeof FUSE_INDEX;

/** What Signet ships with, and why. */
export const SIGNET_FUSES: Readonly<Record<FuseName, boolean>> = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
  RunAsNode: false,
  // Cookies (a blog's session after a browser sign-in) encrypted with the OS key store.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (--require, --inspect…) could inject code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger on the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash electron-builder writes into the bundle (macOS, Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded: no resources/app folder or default_app swapped in.
  OnlyLoadAppFromAsar: true,
  // Signet ships no custom V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no extra powers: the renderer is served over app://.
  GrantFileProtocolExtraPrivileges: false,
};

/** The wire version this list is written for (`FuseVersion.V1`). */
export const FUSE_WIRE_VERSION = '1';

/** The sentinel that precedes the fuse wire in every Electron binary since 12 (@electron/fuses). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A fuse's byte on the wire: '0' off, '1' on, 'r' removed by Electron. */
export const FUSE_STATE = { off: 0x30, on: 0x31, removed: 0x72 } as const;

export interface PackTarget {
  /** electron-builder's `electronPlatformName`: 'darwin' | 'mas' | 'win32' | 'linux'. */
  platform: string;
  /** 'x64' | 'arm64' | 'ia32' | 'armv7l' | 'universal'. */
  arch: string;
}

/**
 * The config object for `flipFuses(binary, config)` of @electron/fuses: wire index → state, plus
 * the version. An arm64 (or universal) macOS binary carries an ad-hoc signature that flipping
 * breaks, so it is re-signed ad hoc (real signing comes after the hook and replaces it).
 */
export function fuseConfigFor(target: PackTarget): Record<string, string | boolean> {
  const isMac = target.platform === 'darwin' || target.platform === 'mas';
  const config: Record<string, string | boolean> = {
    version: FUSE_WIRE_VERSION,
    resetAdHocDarwinSignature: isMac && (target.arch === 'arm64' || target.arch === 'universal'),
  };
  for (const [name, index] of Object.entries(FUSE_INDEX))
    config[String(index)] = SIGNET_FUSES[name as FuseName];
  return config;
}

/**
 * The file @electron/fuses writes for an app on this platform (the framework on macOS, the
 * executable elsewhere), relative to electron-builder's `appOutDir`.
 */
export function fusedBinaryPath(
  target: PackTarget,
  names: { productFilename: string; executableName: string },
): string {
  if (target.platform === 'darwin' || target.platform === 'mas')
    return `${names.productFilename}.app/Contents/Frameworks/Electron Framework.framework/Electron Framework`;
  if (target.platform === 'win32') return `${names.productFilename}.exe`;
  return names.executableName;
}

export type FuseWireReading = { kind: 'none' } | { kind: 'wire'; version: number; states: number[] };

/**
 * Reads the fuse wire out of a binary's bytes: `none` when the sentinel is absent (a stand-in,
 * not a real Electron), else the wire version and each fuse's state byte.
 */
export function readFuseWire(binary: Uint8Array): FuseWireReading {
  const sentinel = new TextEncoder().encode(FUSE_SENTINEL);
  const at = indexOf(binary, sentinel);
  if (at < 0) return { kind: 'none' };
  const position = at + sentinel.length;
  const version = binary[position] ?? 0;
  const length = binary[position + 1] ?? 0;
  return { kind: 'wire', version, states: Array.from(binary.subarray(position + 2, position + 2 + length)) };
}

/**
 * Checks a wire against SIGNET_FUSES. `errors`: each listed fuse whose state is not what the list
 * asks (a fuse Electron removed counts as right when we wanted it off). `warnings`: a wire with
 * more fuses than this list knows (a newer Electron added one, left at Electron's default: decide
 * it here and in @electron/fuses).
 */
export function checkFuseWire(reading: FuseWireReading): { errors: string[]; warnings: string[] } {
  if (reading.kind === 'none')
    return { errors: ['no fuse wire found: not an Electron binary'], warnings: [] };
  if (String(reading.version) !== FUSE_WIRE_VERSION)
    return {
      errors: [`fuse wire version ${reading.version}, this list is for version ${FUSE_WIRE_VERSION}`],
      warnings: [],
    };
  const errors: string[] = [];
  for (const [name, index] of Object.entries(FUSE_INDEX)) {
    const want = SIGNET_FUSES[name as FuseName];
    const state = reading.states[index];
    if (state === undefined) continue; // an older Electron without this fuse
    if (state === FUSE_STATE.removed && !want) continue;
    if (state !== (want ? FUSE_STATE.on : FUSE_STATE.off))
      errors.push(`${name} should be ${want ? 'on' : 'off'} (state byte ${state})`);
  }
  const known = Object.keys(FUSE_INDEX).length;
  const warnings =
    reading.states.length > known
      ? [
          `the binary has ${reading.states.length} fuses and electron/shell/policy/fuses.ts knows ${known}: ` +
            "the new ones keep Electron's defaults until the list decides them",
        ]
      : [];
  return { errors, warnings };
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first!); i >= 0 && i <= last; i = haystack.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
