/**
 * Packs Signet for Linux the way a release does (`electron-builder --linux dir`, the repo's
 * electron-builder.yml and afterPack hook), with a stand-in Electron because the real one cannot
 * be downloaded here, into a temp folder; then opens resources/app.asar and checks it holds only
 * what the app needs: the bundled main process, preload, renderer and package.json, plus the
 * production packages the main bundle loads (and theirs) — no sources, tests, maps, type
 * declarations or dev dependencies.
 *
 * Needs out/ (`npx electron-vite build`): when out/ is missing or older than the sources, this
 * file builds it first (the same command as `npm run build`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as asar from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
const SOURCES = ['electron', 'renderer', 'electron.vite.config.ts', 'package.json'];

let work: string;
let appOutDir: string;
let files: string[];
let builderOutput: string;
const repoPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function ensureBuilt(): void {
  const built = BUILT.map((f) => fs.statSync(path.join(ROOT, f), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (Math.min(...built) > sources) return;
  console.log(
    'scripts/packaging.test.ts: out/ is missing or older than the sources — running electron-vite build',
  );
  execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** A stand-in for Electron's unpacked Linux zip: an `electron` that is not a real binary. */
function makeStandIn(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'electron'),
    '#!/bin/sh\necho "Electron stand-in for packaging tests: not a real binary" >&2\nexit 1\n',
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
}

/** Bare package names a bundled file loads at run time (import, import(), require, export from). */
function externalPackages(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8');
  const names = new Set<string>();
  const builtins = new Set(builtinModules);
  // The bundler writes double quotes; single-quoted "from '…'" are strings inside bundled code.
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)"([^"\s$`]+)"/g;
  for (const [, spec] of text.matchAll(pattern)) {
    if (!spec || spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    // npm package names are lower case.
    if (!/^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(\/.*)?$/.test(spec)) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (builtins.has(name) || name === 'electron') continue;
    names.add(name);
  }
  return names;
}

/** The package folder Node would load `name` from, looking up from `fromDir`. */
function resolvePackageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir) || dir === path.dirname(ROOT)) return null;
  }
}

/** Every package reachable from `roots` through dependencies and optionalDependencies. */
function dependencyClosure(roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visitedDirs = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = resolvePackageDir(name, fromDir);
    if (!dir || visitedDirs.has(dir)) return;
    visitedDirs.add(dir);
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dir);
  };
  for (const name of roots) visit(name, ROOT);
  return seen;
}

/** Package names in the asar (top level and nested node_modules). */
function packagesIn(list: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of list) {
    for (const match of file.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)) {
      if (!match[1]!.startsWith('@') || match[1]!.includes('/')) names.add(match[1]!);
    }
  }
  return names;
}

beforeAll(() => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-pack-'));
  const standIn = path.join(work, 'electron-dist');
  makeStandIn(standIn);
  const result = spawnSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${path.join(work, 'release')}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SIGNET_REQUIRE_FUSES: '' } },
  );
  builderOutput = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0)
    throw new Error(`electron-builder failed (exit ${result.status}):\n${builderOutput}`);
  appOutDir = path.join(work, 'release', 'linux-unpacked');
  files = asar
    .listPackage(path.join(appOutDir, 'resources', 'app.asar'), { isPack: false })
    .map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
}, 600_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir (stand-in Electron)', () => {
  it('names the executable and packs the app as an asar, with the afterPack hook run', () => {
    expect(fs.existsSync(path.join(appOutDir, 'signet'))).toBe(true);
    expect(fs.existsSync(path.join(appOutDir, 'electron'))).toBe(false);
    expect(fs.existsSync(path.join(appOutDir, 'resources', 'app.asar'))).toBe(true);
    // Nothing left unpacked beside the asar.
    expect(fs.existsSync(path.join(appOutDir, 'resources', 'app'))).toBe(false);
    expect(builderOutput).toContain('afterPack:');
    expect(builderOutput).toContain('Fuses NOT flipped');
  });

  it('holds only the built app outside node_modules', () => {
    const app = files.filter((f) => !f.startsWith('node_modules'));
    const leaves = app.filter((f) => /\.[a-z0-9]+$/i.test(path.basename(f)));
    for (const file of BUILT) expect(leaves).toContain(file);
    expect(leaves).toContain('out/main/scaleImageWorker.js');
    expect(leaves).toContain('package.json');
    const unexpected = leaves.filter(
      (f) =>
        f !== 'package.json' &&
        !/^out\/main\/[\w-]+\.js$/.test(f) &&
        !/^out\/preload\/[\w-]+\.cjs$/.test(f) &&
        !/^out\/renderer\/(index\.html|assets\/[\w.-]+\.(js|css|woff2?|png|svg|ico))$/.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  it('holds no sources, tests, maps, type declarations or docs anywhere', () => {
    expect(files.filter((f) => /\.(map|ts|tsx|mts|cts)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(test|spec)\.[cm]?js$/.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__|e2e|coverage)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(md|markdown)$/i.test(f))).toEqual([]);
    expect(files.filter((f) => /^(electron|renderer|scripts|bench|docs|assets|e2e)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(tsconfig[\w.-]*\.json|electron-builder\.yml)$/.test(f))).toEqual([]);
  });

  it("carries package.json with the app's name, version and entry point", () => {
    const packed = JSON.parse(
      asar.extractFile(path.join(appOutDir, 'resources', 'app.asar'), 'package.json').toString('utf8'),
    ) as typeof repoPackage;
    expect(packed.name).toBe('signet');
    expect(packed.version).toBe(repoPackage.version);
    expect(packed.main).toBe('out/main/main.js');
    expect(files).toContain(packed.main);
  });

  it('ships only the packages the main bundle loads, and every one it loads', () => {
    const loaded = new Set<string>();
    for (const file of fs.readdirSync(path.join(ROOT, 'out/main')).filter((f) => f.endsWith('.js')))
      for (const name of externalPackages(path.join(ROOT, 'out/main', file))) loaded.add(name);
    const needed = dependencyClosure(loaded);
    const shipped = packagesIn(files);

    // Each package the bundle loads is a production dependency and is in the asar.
    for (const name of loaded) {
      expect(repoPackage.dependencies, `${name} is loaded by out/main`).toHaveProperty([name]);
      expect(shipped.has(name), `${name} is in app.asar`).toBe(true);
    }
    // Nothing in the asar that the bundle does not need (type-only packages are left out).
    expect([...shipped].filter((name) => !needed.has(name))).toEqual([]);
    expect([...shipped].filter((name) => name.startsWith('@types/'))).toEqual([]);
    // No development-only package.
    const devOnly = Object.keys(repoPackage.devDependencies).filter((name) => !needed.has(name));
    expect(devOnly.filter((name) => shipped.has(name))).toEqual([]);
    for (const name of ['electron', 'vitest', 'typescript', '@playwright/test', 'react', 'lexical', 'vite'])
      expect(shipped.has(name), name).toBe(false);
    // Every production dependency is needed by the bundle (directly or through another one).
    expect(Object.keys(repoPackage.dependencies).filter((name) => !needed.has(name))).toEqual([]);
  });
  it("keeps each shipped package's entry file (nothing it runs was filtered out)", () => {
    const archive = path.join(appOutDir, 'resources', 'app.asar');
    const inArchive = new Set(files);
    const missing: string[] = [];
    for (const manifest of files.filter((f) => /node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(f))) {
      const dir = path.posix.dirname(manifest);
      const pkg = JSON.parse(asar.extractFile(archive, manifest).toString('utf8')) as {
        main?: string;
        exports?: unknown;
      };
      if (!pkg.main && pkg.exports) continue; // exports-only: resolved through the exports map
      const main = path.posix.normalize(path.posix.join(dir, pkg.main ?? 'index.js'));
      const candidates = [
        main,
        `${main}.js`,
        `${main}.cjs`,
        `${main}.json`,
        path.posix.join(main, 'index.js'),
      ];
      if (!candidates.some((c) => inArchive.has(c))) missing.push(`${manifest} → ${pkg.main ?? 'index.js'}`);
    }
    expect(missing).toEqual([]);
  });
});
