#!/usr/bin/env node
// `npm test`: lint, typecheck, unit tests, build, packaging, the security scans, the quick
// benchmark, and the e2e suite — every step runs even when an earlier one fails, so one run shows
// everything. Ends with one plain line summed over all suites: `N passed, N failed, N skipped` (a
// failing lint/typecheck/build/scan step counts as one failed check).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
/** Each failed test with the first line of its error, repeated at the end so a log's tail names it. */
const failedTests = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (!ok) failedSteps.push(name);
  return ok;
}

function check(name, command, args) {
  if (run(name, command, args)) totals.passed += 1;
  else totals.failed += 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('format', 'npx', ['prettier', '--check', '.']);
check('typecheck', 'npx', ['tsc', '-b']);

/** A vitest run whose test counts join the totals (a file that fails to load counts as one failure). */
function vitest(name, projects) {
  const file = path.join(results, `vitest-${name}.json`);
  const ok = run(name, 'npx', [
    'vitest',
    'run',
    ...projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  const report = readJson(file);
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (!ok && report.numFailedTests === 0) totals.failed += 1;
    for (const file of report.testResults ?? []) {
      const where = path.relative(root, file.name);
      if (file.status === 'failed' && !file.assertionResults?.some((t) => t.status === 'failed'))
        failedTests.push(`${name}: ${where}: ${firstLine(file.message)}`);
      for (const t of file.assertionResults ?? [])
        if (t.status === 'failed')
          failedTests.push(`${name}: ${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  } else if (!ok) totals.failed += 1;
}

function firstLine(text) {
  return String(text ?? '')
    .trim()
    .split('\n')[0]
    .slice(0, 300);
}

vitest('unit', ['unit', 'servers']);
check('build', 'npx', ['electron-vite', 'build']);
// electron-builder --linux dir with a stand-in Electron, then what app.asar holds (docs/packaging.md).
vitest('packaging', ['packaging']);
// The Electron configuration's static scan; every finding is fixed or explained (docs/security.md).
check('electronegativity', 'node', ['scripts/electronegativity.mjs']);
// `npm audit --omit=dev` where the registry answers it; says SKIPPED where it does not.
check('audit', 'node', ['scripts/audit.mjs']);

if (existsSync(path.join(root, 'bench/run.ts')))
  check('bench (quick)', 'npx', ['tsx', 'bench/run.ts', '--quick']);

const pwFile = path.join(results, 'playwright.json');
const pwOk = run('e2e', 'npx', ['playwright', 'test']);
const pw = readJson(pwFile);
if (pw?.stats) {
  totals.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
  if (pw.stats.flaky)
    console.log(`\n${pw.stats.flaky} e2e test(s) passed only on retry (flaky): see the list above.`);
  totals.failed += pw.stats.unexpected;
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected')
          failedTests.push(
            `e2e [${test.projectName}]: ${[...trail, spec.title].join(' › ')} (${spec.file}:${spec.line}): ${firstLine(test.results?.at(-1)?.error?.message)}`,
          );
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const suite of pw.suites ?? []) walk(suite, []);
  totals.skipped += pw.stats.skipped;
  if (!pwOk && pw.stats.unexpected === 0) totals.failed += 1; // global setup or a worker failed
} else if (!pwOk) totals.failed += 1;

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (failedTests.length) console.log(`Failed tests:\n${failedTests.map((line) => `  - ${line}`).join('\n')}`);
if (totals.skipped)
  console.log('Skipped tests are listed above with their reasons (e.g. no Electron binary on this machine).');
const summary = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync(path.join(results, 'summary.txt'), summary + '\n');
console.log(`\n${summary}`);
process.exit(failedSteps.length ? 1 : 0);
