#!/usr/bin/env node
/**
 * `npm run audit`: advisories for the production dependencies (`npm audit --omit=dev`).
 *
 * Exit 1 when the registry reports an advisory of moderate severity or worse. When the registry
 * does not answer the audit endpoint (some mirrors and proxies refuse it), print one clear line and
 * exit 0: the suite goes on, and the line says how to check elsewhere.
 */
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json', '--audit-level=moderate'], {
  encoding: 'utf8',
  timeout: 120_000,
});
let report = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  // Not JSON: npm failed before it had anything to report.
}
const endpointRefused =
  run.error ||
  !report ||
  (typeof report.message === 'string' &&
    /audit endpoint|405|404|ENOAUDIT|ETIMEDOUT|ENOTFOUND/i.test(report.message)) ||
  /audit endpoint returned an error/.test(run.stderr ?? '');
if (endpointRefused && !report?.metadata) {
  const why = run.error?.message ?? report?.message ?? (run.stderr || 'no answer').trim().split('\n').pop();
  console.log(
    `audit: SKIPPED — the registry did not answer the audit endpoint (${why}). ` +
      'Run `npm audit --omit=dev` where the public registry is reachable.',
  );
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const serious = (counts.moderate ?? 0) + (counts.high ?? 0) + (counts.critical ?? 0);
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  console.log(
    `audit: ${v.severity} ${name} ${v.range ?? ''} — ${v.fixAvailable ? 'a fix is available' : 'no fix yet'}`,
  );
}
console.log(
  `audit: ${serious} moderate-or-worse advisories in production dependencies ` +
    `(${counts.low ?? 0} low, ${counts.info ?? 0} info).`,
);
process.exit(serious > 0 ? 1 : 0);
