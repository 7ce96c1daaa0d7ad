#!/usr/bin/env node
/**
 * The static security scan of the Electron configuration (@doyensec/electronegativity), offline.
 *
 * It scans the main-process, preload and shell sources (TypeScript, tests left out), the renderer's
 * index.html and package.json (for the Electron version), prints every finding, and exits 1 when
 * any finding is left: each one is fixed, or explained where it is with a
 * `// eng-disable <CHECK_ID> — <reason>` comment on the line (the tool then drops it).
 *
 * Electronegativity fetches translations from the internet before it starts. Here nothing may leave
 * the machine, so its HTTP client (`got`) is replaced by one that fails at once: it prints
 * "Could not retrieve updated translations" and goes on with its bundled English texts.
 *
 * Usage: node scripts/electronegativity.mjs [--verbose]
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');

// No network: `got` fails at once (before any DNS lookup), so the scan neither waits nor sends.
const Module = require('node:module');
const realLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') {
    const offline = () =>
      Promise.reject(new Error('Signet: no network for electronegativity (offline scan)'));
    return Object.assign(offline, { get: offline, head: offline, post: offline });
  }
  return realLoad.call(this, request, parent, isMain);
};

/**
 * Findings explained here rather than on their line, because the file belongs to another part of
 * the code base: the check, the file, the text of the flagged line, and why it is safe. A finding
 * whose line changes no longer matches and fails the scan again, so each explanation is re-read.
 */
const EXPLAINED = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/app.ts',
    line: /openExternal: \(url\) => ports\.openExternal\(url\)|await ports\.openExternal\(url\)/,
    why: 'the openExternal port: in Electron it is openExternalSafely (shell/appPorts.ts), which passes only http(s)/mailto; the command also checks isAllowedExternalUrl first',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/publishing/PublishingService.ts',
    line: /openExternal\(/,
    why: 'the openExternal port (see app.ts) opening a sign-in page Signet built; only http(s) passes openExternalSafely',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/publishing/micropub/indieauth.ts',
    line: /openExternal\(/,
    why: 'the openExternal port opening the IndieAuth authorization URL (PKCE, state checked on return); only http(s) passes openExternalSafely',
  },
  {
    id: 'PROTOCOL_HANDLER_JS_CHECK',
    file: 'electron/main.ts',
    line: /setAsDefaultProtocolClient\(APP_PROTOCOL\)/,
    why: 'signet:// carries only the sign-in callback: isAuthCallbackUrl drops anything else, and the callback is taken only with the state Signet sent',
  },
];

function explanationFor(issue, file) {
  let text = '';
  try {
    text = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')[issue.location.line - 1] ?? '';
  } catch {
    return null;
  }
  return EXPLAINED.find((e) => e.id === issue.id && e.file === file && e.line.test(text)) ?? null;
}

/** What is scanned: the code that configures Electron, and the page it loads. */
function sources() {
  const files = ['package.json', 'renderer/index.html'];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'testing' || entry.name === 'node_modules') continue;
        walk(rel);
      } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        files.push(rel);
      }
    }
  };
  walk('electron');
  return files;
}

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-eng-'));
let exitCode = 0;
try {
  for (const rel of sources()) {
    fs.mkdirSync(path.join(stage, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, rel), path.join(stage, rel));
  }
  const run = require('@doyensec/electronegativity').default ?? require('@doyensec/electronegativity');
  const started = Date.now();
  const result = await Promise.race([
    run({ input: stage, isRelative: true, isVerbose: verbose }),
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('electronegativity took more than 120 s')), 120_000).unref(),
    ),
  ]);
  const { issues, errors, atomicChecks, globalChecks } = result;
  for (const error of errors) {
    const line = `electronegativity: could not parse ${path.relative(stage, error.file)}: ${error.message}`;
    if (error.tolerable) console.log(`  (tolerated) ${line}`);
    else {
      console.error(`✗ ${line}`);
      exitCode = 1;
    }
  }
  let left = 0;
  for (const issue of issues) {
    const file = path.isAbsolute(issue.file) ? path.relative(stage, issue.file) : issue.file;
    const explained = explanationFor(issue, file);
    if (explained) {
      console.log(`  (explained) ${issue.id} ${file}:${issue.location.line}: ${explained.why}`);
      continue;
    }
    left++;
    console.error(
      `✗ ${issue.id} ${file}:${issue.location.line}:${issue.location.column} ` +
        `[${issue.severity.name}/${issue.confidence.name}] ${issue.description}` +
        (issue.manualReview ? ' (manual review)' : '') +
        `\n    ${issue.shortenedURL}\n    Fix it, or explain it on that line: // eng-disable ${issue.id} — <why this is safe>`,
    );
    exitCode = 1;
  }
  console.log(
    `electronegativity: ${atomicChecks + globalChecks} checks over ${sources().length} files in ` +
      `${Date.now() - started} ms: ${left} finding(s) left unexplained.`,
  );
} catch (error) {
  console.error(
    `✗ electronegativity could not run: ${error instanceof Error ? error.message : String(error)}`,
  );
  exitCode = 1;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
process.exit(exitCode);
