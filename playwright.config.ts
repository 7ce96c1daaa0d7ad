import { defineConfig } from '@playwright/test';
import type { SignetFixtureOptions } from './e2e/fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium';

/** `SIGNET_E2E_TARGET=web|electron` runs one target; unset runs both (Electron skips loudly without a binary). */
const only = process.env.SIGNET_E2E_TARGET;

export default defineConfig<SignetFixtureOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // One retry in CI only: a test that passes on retry is reported as flaky (see the summary), not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  globalSetup: './e2e/globalSetup.ts',
  use: {
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', use: { target: 'web' as const } },
    { name: 'electron', use: { target: 'electron' as const } },
  ].filter((p) => !only || p.name === only),
});
