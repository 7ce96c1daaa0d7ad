/**
 * One share of a full run's hostile-content fuzz in its own process, so a run uses every core:
 * `tsx bench/suites/hostileFuzzCli.ts <runs> <seed>` prints the HostileFuzzResult as one JSON line
 * (and its progress after each batch on stderr).
 */
import { benchHostileFuzz } from './hostileFuzz';

const [runs, seed] = process.argv.slice(2).map(Number);
if (!Number.isSafeInteger(runs) || !Number.isSafeInteger(seed)) {
  console.error('usage: tsx bench/suites/hostileFuzzCli.ts <runs> <seed>');
  process.exit(2);
}
const result = await benchHostileFuzz({
  runs: runs!,
  seed: seed!,
  // Progress on stderr (stdout is the one JSON line): inputs so far and the heap, so a long run
  // shows it is alive and that its memory stays flat.
  onBatch: (done) =>
    (done % 100_000 === 0 || done === runs || process.env.SIGNET_FUZZ_VERBOSE === '1') &&
    console.error(
      `hostile fuzz (seed ${seed}): ${done.toLocaleString('en-US')} of ${runs!.toLocaleString('en-US')} inputs, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
    ),
});
console.log(JSON.stringify(result));
