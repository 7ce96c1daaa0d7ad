/**
 * The autosave benchmark in a process of its own, as Electron's main process is: holding the app
 * and nothing of the benchmark runner (Playwright, the other suites, their results), whose heap
 * would otherwise make every garbage collection of the measured event loop longer than the app's.
 * `tsx bench/suites/autosaveCli.ts [--quick]` prints the AutosaveResult as one JSON line.
 */
import { benchAutosave } from './autosave';

const result = await benchAutosave({ quick: process.argv.includes('--quick') });
console.log(JSON.stringify(result));
