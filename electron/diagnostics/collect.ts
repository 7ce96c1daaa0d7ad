/**
 * Gathers the facts of the diagnostics report from the running app and builds it (the
 * `getDiagnostics` command). Every stored account's secret is read so that it can be redacted
 * wherever it turns up, even in an error no log redaction caught.
 */
import * as os from 'node:os';
import { getLocale } from '../contract/i18n';
import type { AccountStore } from '../accounts/AccountStore';
import { buildDiagnosticsReport } from './report';
import type { RecentError } from './recentErrors';

export interface DiagnosticsSources {
  version: string;
  runtime: 'electron' | 'web';
  dataDir: string;
  draftsDir: string;
  preferences: object;
  accounts: Pick<AccountStore, 'list' | 'secretFor' | 'knownSecrets'>;
  countDrafts(filter: 'all' | 'trash'): number;
  outboxStates: readonly string[];
  recentErrors: readonly RecentError[];
  clock?: () => Date;
  /** Tests set it; otherwise `os.homedir()`. */
  homeDir?: string;
}

export async function collectDiagnostics(sources: DiagnosticsSources): Promise<string> {
  const accounts = sources.accounts.list();
  const stored = await Promise.all(
    accounts.map((account) => sources.accounts.secretFor(account.id).catch(() => null)),
  );
  const secrets = [...sources.accounts.knownSecrets(), ...stored.filter((s): s is string => !!s)];
  return buildDiagnosticsReport(
    {
      version: sources.version,
      runtime: sources.runtime,
      versions: {
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
      },
      os: { platform: process.platform, arch: process.arch, type: os.type(), release: os.release() },
      locale: { app: getLocale(), system: Intl.DateTimeFormat().resolvedOptions().locale },
      dataDir: sources.dataDir,
      draftsDir: sources.draftsDir,
      preferences: { ...sources.preferences },
      accountPlatforms: accounts.map((account) => account.platform),
      drafts: { active: sources.countDrafts('all'), trashed: sources.countDrafts('trash') },
      outboxStates: sources.outboxStates,
      recentErrors: sources.recentErrors,
      now: (sources.clock ?? (() => new Date()))().toISOString(),
    },
    { homeDir: sources.homeDir ?? os.homedir(), secrets },
  );
}
