import { defineConfig } from 'vitest/config';

/** Test files that talk to the one shared real server (WordPress, later Ghost) on loopback. */
const SERVER_TESTS = [
  'e2e/servers/**/*.test.ts',
  'electron/**/*.integration.test.ts',
  'bench/**/*.integration.test.ts',
];

/** Packs the built app with electron-builder: run after the build (`npm run test:packaging`). */
const PACKAGING_TESTS = ['scripts/packaging.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Playwright's e2e/*.spec.ts must not be picked up here.
          include: [
            'electron/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'e2e/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: [...SERVER_TESTS, ...PACKAGING_TESTS],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'servers',
          include: SERVER_TESTS,
          environment: 'node',
          // One shared server: switches and resets in one file must not race another file.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'packaging',
          include: PACKAGING_TESTS,
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
