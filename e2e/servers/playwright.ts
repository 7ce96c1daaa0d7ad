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
import { wordpressMultisiteOrSkip, type WordPressMultisite } from './wordpress-multisite';
import { ghostOrSkip, type GhostServer } from './ghost';

export { ensureWordPress, wordpressOrSkip, ServerUnavailable } from './wordpress';
export type { WordPressServer, WordPressSwitch } from './wordpress';
export { ensureWordPressMultisite, wordpressMultisiteOrSkip } from './wordpress-multisite';
export type { MultisiteBlog, WordPressMultisite } from './wordpress-multisite';

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

/** The test multisite network (e2e/servers/wordpress-multisite.sh), the same way: `mergeTests(signetTest, wordpressMultisiteTest)`. */
export const wordpressMultisiteTest = base.extend<{ wordpressMultisite: WordPressMultisite }>({
  wordpressMultisite: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use, testInfo) => {
      const wp = await wordpressMultisiteOrSkip();
      if (!wp.server) {
        testInfo.skip(true, wp.skipReason);
        return;
      }
      await use(wp.server);
    },
    { timeout: 300_000 },
  ],
});

/** The test Ghost (e2e/servers/ghost.sh), the same way: `mergeTests(signetTest, ghostTest)`. */
export const ghostTest = base.extend<{ ghost: GhostServer }>({
  ghost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
    async ({}, use, testInfo) => {
      const server = await ghostOrSkip();
      if (!server.server) {
        testInfo.skip(true, server.skipReason);
        return;
      }
      await use(server.server);
    },
    // The first run on a bare machine installs Ghost and its Node (about 3–5 min).
    { timeout: 600_000 },
  ],
});
