/**
 * One share of a full run's hostile-content fuzz in its own process, so a run uses every core:
 * `tsx bench/suites/hostileFuzzCli.ts <runs> <seed>` prints the HostileFuzzResult as one JSON line.
 */
import { benchHostileFuzz } from './hostileFuzz';

const [runs, seed] = process.argv.slice(2).map(Number);
if (!Number.isSafeInteger(runs) || !Number.isSafeInteger(seed)) {
  console.error('usage: tsx bench/suites/hostileFuzzCli.ts <runs> <seed>');
  process.exit(2);
}
const result = await benchHostileFuzz({ runs: runs!, seed: seed! });
console.log(JSON.stringify(result));
