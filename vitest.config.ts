import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright's e2e/*.spec.ts must not be picked up here.
    include: [
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
