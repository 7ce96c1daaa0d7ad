/**
 * `npm run dev:web`: the real renderer in a browser against the real main-process app.
 * Data folder: SIGNET_DATA_DIR, else `.signet-dev-data/` in the project.
 * Prints `SIGNET_HOST_URL=<url>` (tests read that line) and a line for people.
 */
import * as path from 'node:path';
import { revisionIntervalFromEnv } from '../../electron/ports';
import { skipOnboardingFromEnv } from '../../electron/onboarding/onboarding';
import { ROOT, startHost } from './server';

const portArg = process.argv.find((arg) => arg.startsWith('--port='));
const dataDir = path.resolve(process.env.SIGNET_DATA_DIR ?? path.join(ROOT, '.signet-dev-data'));

const host = await startHost({
  dataDir,
  port: portArg ? Number(portArg.slice(7)) : 0,
  revisionIntervalMs: revisionIntervalFromEnv(process.env.SIGNET_REVISION_INTERVAL_MS),
  skipOnboarding: skipOnboardingFromEnv(process.env.SIGNET_SKIP_ONBOARDING),
});
console.log(`SIGNET_HOST_URL=${host.url}`);
console.log(
  `\nSignet is running in your browser at:\n\n  ${host.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.`,
);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // Flush pending saves before exiting, as the desktop app does on quit.
  await host.close().catch((error: unknown) => console.error(error));
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
