/**
 * Worker of cpuMonitor.ts: every 250 ms, how much CPU the machine used (/proc/stat) and how much
 * of it went to the benchmark's own process tree (every process whose parent chain reaches
 * `workerData.root`, from /proc/<pid>/stat); the rest is added to `others` in the shared totals.
 *
 * A process's CPU is its own time plus that of the children it has reaped, so a child that lived
 * and died between two samples (a crash-loop child) still counts as ours through its parent; one
 * seen before it was reaped is taken off again, as its parent's count now holds all of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const { root, totals } = workerData as { root: number; totals: Float64Array };

interface Proc {
  ppid: number;
  /** User and system ticks of the process and of the children it has reaped. */
  ticks: number;
}

function machine(): { busy: number; total: number } {
  // cpu  user nice system idle iowait irq softirq steal (guest time is already inside user)
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

function processes(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After "(name) ": state, ppid, …; utime, stime, cutime, cstime (fields 14–17) are at 11–14.
      const f = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      table.set(pid, { ppid: f[1]!, ticks: f[11]! + f[12]! + f[13]! + f[14]! });
    } catch {
      // The process ended while /proc was read.
    }
  }
  return table;
}

function ourPids(table: Map<number, Proc>): Set<number> {
  const ours = new Set<number>();
  for (const pid of table.keys()) {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 1 && hops < 64; hops++) {
      if (at === root) {
        ours.add(pid);
        break;
      }
      at = table.get(at)?.ppid;
    }
  }
  return ours;
}

let lastMachine = machine();
let last = processes();
let lastOurs = ourPids(last);

setInterval(() => {
  const now = machine();
  const table = processes();
  const ours = ourPids(table);
  let used = 0;
  for (const pid of ours) used += table.get(pid)!.ticks - (last.get(pid)?.ticks ?? 0);
  for (const pid of lastOurs) {
    const gone = last.get(pid)!;
    // Reaped by a parent of ours: its time moved into the parent's, counted above in full.
    if (!table.has(pid) && ours.has(gone.ppid)) used -= gone.ticks;
  }
  const busy = now.busy - lastMachine.busy;
  totals[0]! += Math.max(0, busy - Math.max(0, used));
  totals[1]! += now.total - lastMachine.total;
  lastMachine = now;
  last = table;
  lastOurs = ours;
}, 250);
