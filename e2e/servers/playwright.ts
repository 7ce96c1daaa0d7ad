/**
 * The test WordPress as a Playwright fixture. Merge it into a spec's test:
 *
 *   import { mergeTests } from '@playwright/test';
 *   import { test as signetTest } from '../fixtures';
 *   import { wordpressTest } from './servers/playwright';
 *   const test = mergeTests(signetTest, wordpressTest);
 *   test('publishes', async ({ app, wordpress }) => { ... });
 *
 * Without a server the test is skipped with the reason (under SIGNET_REQUIRE_SERVERS=1 it fails).
 * Or, without fixtures: `const wp = await wordpressOrSkip(); test.skip(!wp.server, wp.skipReason);`
 */
import { test as base } from '@playwright/test';
import { wordpressOrSkip, type WordPressServer } from './wordpress';

export { ensureWordPress, wordpressOrSkip, ServerUnavailable } from './wordpress';
export type { WordPressServer, WordPressSwitch } from './wordpress';

export const wordpressTest = base.extend<{ wordpress: WordPressServer }>({
  wordpress: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use, testInfo) => {
      const wp = await wordpressOrSkip();
      if (!wp.server) {
        testInfo.skip(true, wp.skipReason);
        return;
      }
      await use(wp.server);
    },
    // The first run on a bare machine installs Debian packages (about 1–2 min).
    { timeout: 300_000 },
  ],
});
