/**
 * The "Copy Diagnostics" report: what a bug report needs to know, as plain text, redacted whole
 * before it leaves (./redact.ts). Accounts appear as a platform and a count only; drafts and the
 * outbox as counts; errors as the last error-level log lines (./recentErrors.ts). Written in
 * English whatever the UI language: it is read by whoever fixes the bug.
 */
import { redactDiagnostics } from './redact';
import type { RecentError } from './recentErrors';

export interface DiagnosticsFacts {
  version: string;
  runtime: 'electron' | 'web';
  /** `process.versions`: electron and chrome are there inside Electron only. */
  versions: { electron?: string; chrome?: string; node?: string };
  os: { platform: string; arch: string; type?: string; release?: string };
  /** The app's locale (main process), and the system's as Node sees it. */
  locale: { app: string; system?: string };
  dataDir: string;
  draftsDir: string;
  preferences: Record<string, unknown>;
  /** Platform ids of the accounts (one entry per account). */
  accountPlatforms: readonly string[];
  drafts: { active: number; trashed: number };
  /** Outbox job states (one entry per job). */
  outboxStates: readonly string[];
  recentErrors: readonly RecentError[];
  /** When the report was made (UTC ISO). */
  now: string;
}

const MAX_ERROR_CHARS = 2000;

function counts(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  const tally = new Map<string, number>();
  for (const item of items) tally.set(item, (tally.get(item) ?? 0) + 1);
  return [...tally]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

function value(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function errorLine(entry: RecentError): string {
  const data = entry.data === undefined ? '' : ` ${JSON.stringify(entry.data)}`;
  const line = `${entry.at} ${entry.message}${data}`;
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS)}… (cut)` : line;
}

/** The report as text, before redaction. */
export function diagnosticsText(facts: DiagnosticsFacts): string {
  const lines = [
    'Signet diagnostics',
    `Made: ${facts.now}`,
    '',
    `Signet: ${facts.version} (${facts.runtime})`,
    `Electron: ${facts.versions.electron ?? 'not running in Electron'}`,
    `Chrome: ${facts.versions.chrome ?? 'n/a'}`,
    `Node: ${facts.versions.node ?? 'n/a'}`,
    `OS: ${[facts.os.type, facts.os.release].filter(Boolean).join(' ') || facts.os.platform} (${facts.os.platform}, ${facts.os.arch})`,
    `Locale: ${facts.locale.app}${facts.locale.system ? ` (system ${facts.locale.system})` : ''}`,
    `Data folder: ${facts.dataDir}`,
    `Drafts folder: ${facts.draftsDir}`,
    '',
    'Preferences:',
    ...Object.keys(facts.preferences)
      .sort()
      .map((key) => `  ${key}: ${value(facts.preferences[key])}`),
    '',
    `Accounts: ${facts.accountPlatforms.length} (${counts(facts.accountPlatforms)})`,
    `Drafts: ${facts.drafts.active} (${facts.drafts.trashed} in the trash)`,
    `Outbox: ${facts.outboxStates.length} jobs (${counts(facts.outboxStates)})`,
    '',
    `Recent errors (last ${facts.recentErrors.length}, oldest first):`,
    ...(facts.recentErrors.length === 0 ? ['  none'] : facts.recentErrors.map((e) => `  ${errorLine(e)}`)),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report as the author copies it: every line redacted. */
export function buildDiagnosticsReport(
  facts: DiagnosticsFacts,
  redaction: { homeDir?: string; secrets?: readonly string[] },
): string {
  return redactDiagnostics(diagnosticsText(facts), redaction);
}
