/**
 * The first run: when Signet starts on a data folder with no drafts, no accounts and no record of
 * an earlier start, it makes (once) a site folder to publish to at once and a welcome draft that
 * says what Signet does and where things are, and opens that draft. Any earlier use (a draft, in
 * the trash too, an account, the built-in site added before) means an existing install: nothing
 * new is made, and the run is recorded so it is never asked again.
 *
 * Plain Node with injected ports; `createApp` calls `runFirstStart` before anything else adds an
 * account.
 */
import * as path from 'node:path';
import type { CreateInput } from '../drafts/types';
import type { Draft, DraftListResult } from '../contract';
import { importMarkdown } from '../publishing/compose/markdown';
import type { Logger, SettingsPort } from '../ports';
import { readPreferences, writePreferences } from '../settings/preferences';
import { WELCOME_TITLE, welcomeMarkdown } from './welcomeText';

/** The site folder's name, in the documents folder (or the data folder without one). */
export const SITE_FOLDER_NAME = 'Signet Site';

export interface OnboardingPorts {
  settings: SettingsPort;
  dataDir: string;
  /** The author's documents folder; absent in the web host and tests. */
  documentsDir?: string;
  drafts: {
    readonly dir: string;
    list(input: { filter: 'all' | 'trash'; offset: number; limit: number }): DraftListResult;
    create(input: CreateInput): Promise<Draft>;
  };
  /** How many blog accounts are stored. */
  accountCount(): number;
  /** Prepares `folder` as a site and adds it as the static-site account; throws when it cannot. */
  addSite(folder: string): Promise<void>;
  log: Logger;
  clock?: () => Date;
  platform?: string;
}

export type FirstStartResult =
  | { kind: 'skipped'; reason: 'done-before' | 'existing-data' | 'disabled' }
  | { kind: 'welcomed'; draftId: string; siteFolder: string | null };

/** Where the first run's site goes: `<documents>/Signet Site`, else `<data>/Signet Site`. */
export function firstRunSiteFolders(dataDir: string, documentsDir?: string): string[] {
  const inData = path.join(dataDir, SITE_FOLDER_NAME);
  return documentsDir ? [path.join(documentsDir, SITE_FOLDER_NAME), inData] : [inData];
}

/**
 * The documents-folder port the Electron shell passes: the system's documents folder, except
 * when SIGNET_DATA_DIR points the app at a folder of its own (tests, portable use), where the
 * first run's site stays inside that data folder. A documents folder the system cannot name
 * (`getDocuments` throws) is left out.
 */
export function documentsPort(
  envDataDir: string | undefined,
  getDocuments: () => string,
): { documentsDir?: string } {
  if (envDataDir !== undefined && envDataDir.trim() !== '') return {};
  try {
    const dir = getDocuments();
    return dir ? { documentsDir: dir } : {};
  } catch {
    return {};
  }
}

/** `SIGNET_SKIP_ONBOARDING=1` (e2e fixtures): start as an install that was set up before. */
export function skipOnboardingFromEnv(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

export async function runFirstStart(
  ports: OnboardingPorts,
  options: { skip?: boolean } = {},
): Promise<FirstStartResult> {
  const now = () => (ports.clock ?? (() => new Date()))().toISOString();
  if (ports.settings.get('onboardedAt')) return { kind: 'skipped', reason: 'done-before' };
  if (options.skip) {
    ports.settings.set('onboardedAt', now());
    return { kind: 'skipped', reason: 'disabled' };
  }
  const hasDrafts =
    ports.drafts.list({ filter: 'all', offset: 0, limit: 1 }).total > 0 ||
    ports.drafts.list({ filter: 'trash', offset: 0, limit: 1 }).total > 0;
  if (hasDrafts || ports.accountCount() > 0 || ports.settings.get('defaultSiteAdded')) {
    ports.settings.set('onboardedAt', now());
    return { kind: 'skipped', reason: 'existing-data' };
  }

  // The site first, so the welcome draft can say where it is (or that it could not be made).
  let siteFolder: string | null = null;
  let siteProblem: string | undefined;
  for (const folder of firstRunSiteFolders(ports.dataDir, ports.documentsDir)) {
    try {
      await ports.addSite(folder);
      siteFolder = folder;
      break;
    } catch (error) {
      siteProblem = error instanceof Error ? error.message : String(error);
      ports.log.warn('the first run could not make its site folder', { folder, error: siteProblem });
    }
  }

  const markdown = welcomeMarkdown({
    draftsDir: ports.drafts.dir,
    siteFolder,
    ...(siteProblem !== undefined ? { siteProblem } : {}),
    platform: ports.platform ?? process.platform,
  });
  const { editorState } = importMarkdown(markdown);
  const draft = await ports.drafts.create({ title: WELCOME_TITLE, editorState });

  // Recorded last: a start that failed before this point tries again next time.
  writePreferences(ports.settings, { ...readPreferences(ports.settings), lastOpenDraftId: draft.id });
  ports.settings.set('onboardedAt', now());
  ports.log.info('first run: welcome draft and site folder made', { siteFolder });
  return { kind: 'welcomed', draftId: draft.id, siteFolder };
}
