/**
 * How much CPU other processes took while a benchmark ran: on a shared 2-core machine, whether a
 * missed goal may be noise. A worker thread samples /proc (Linux only; elsewhere nothing is
 * measured) so the sampling never runs on the event loop the store benchmark times.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Ticks other processes used and ticks that passed (over all cores), so far. */
export interface CpuMark {
  others: number;
  total: number;
}

export class CpuMonitor {
  private constructor(
    private readonly worker: Worker,
    private readonly totals: Float64Array,
  ) {}

  /** Starts sampling, or returns null where /proc is missing. */
  static start(): CpuMonitor | null {
    if (!existsSync('/proc/stat')) return null;
    const totals = new Float64Array(new SharedArrayBuffer(2 * Float64Array.BYTES_PER_ELEMENT));
    // The worker is TypeScript too: it registers tsx in its own thread, then loads the file.
    const entry = new URL('./cpuMonitorWorker.ts', import.meta.url).href;
    const worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData: { root: process.pid, totals } },
    );
    worker.unref();
    worker.on('error', (error) => console.warn(`  CPU monitor stopped: ${error.message}`));
    return new CpuMonitor(worker, totals);
  }

  mark(): CpuMark {
    return { others: this.totals[0]!, total: this.totals[1]! };
  }

  /** Share (0–1) of the machine's CPU other processes used since `from`; null before a sample. */
  since(from: CpuMark): number | null {
    const to = this.mark();
    const total = to.total - from.total;
    return total > 0 ? Math.min(1, (to.others - from.others) / total) : null;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
