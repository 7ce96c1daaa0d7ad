/**
 * The fuzz run of `npm test`: 10,000 hostile inputs (bench/suites/hostileFuzz.ts), and the bench
 * function itself with 100. Runs in plain Node: hostilePipelines installs a happy-dom window.
 */
import { expect, it } from 'vitest';

import { benchHostileFuzz } from './hostileFuzz';

it('benchHostileFuzz runs and reports (100 inputs)', async () => {
  const result = await benchHostileFuzz({ runs: 100, seed: 42 });
  expect(result.counterexample ?? '').toBe('');
  expect(result).toMatchObject({ runs: 100, seed: 42, failed: false });
  expect(result.perRunMs).toBeGreaterThan(0);
}, 60_000);

it('10,000 hostile inputs: no exception and no executable output', async () => {
  const runs = Number(process.env.SIGNET_FUZZ_RUNS ?? 10_000);
  const result = await benchHostileFuzz({ runs });
  console.log(
    `hostile fuzz: ${result.runs} inputs in ${(result.ms / 1000).toFixed(1)} s (seed ${result.seed}; replay with SIGNET_FUZZ_SEED=${result.seed})`,
  );
  expect(result.counterexample ?? '', `seed ${result.seed}`).toBe('');
  expect(result.runs).toBe(runs);
}, 180_000);
