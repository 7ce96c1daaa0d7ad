/** The benchmark report: what one run found, judged against its goals, as JSON and as Markdown. */
import type { Summary } from './stats';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
  commit: string;
}

/** A goal on one statistic of a row: `stat` must be at most `atMost`. */
export interface Goal {
  stat: 'median' | 'p95' | 'max';
  atMost: number;
  /** How the report states it, e.g. "p95 ≤ 16 ms". */
  text: string;
}

/** A row of timings in ms, of sizes in kB, or of ratios when `unit` is '×'. */
export interface TimingRow {
  name: string;
  unit: 'ms' | '×' | 'kB' | 'count';
  /**
   * The name of the row this one is compared with (the same work done by the baseline: a bare
   * Lexical editor, the naive one-file store, raw HTTP requests): the report shows the ratio of
   * their medians. A baseline row names no baseline itself and is marked as one by `isBaseline`.
   */
  baseline?: string;
  isBaseline?: boolean;
  /** What one run is: "keystrokes", "queries", "pastes"… */
  runsOf: string;
  /** Shown instead of the count of runs, for a figure derived from other rows. */
  runsText?: string;
  summary: Summary;
  goal?: Goal;
  isMet?: boolean;
  samples: number[];
}

export interface CrashRow {
  kills: number;
  killedMidStartup: number;
  saves: number;
  seconds: number;
  failures: string[];
}

export interface BenchReport {
  mode: 'full' | 'quick';
  date: string;
  seconds: number;
  machine: Machine;
  timings: TimingRow[];
  crash: CrashRow | null;
  /** Figures with no goal that do not fit the table: heap, load times, sizes. */
  info: Record<string, number | string>;
  notes: string[];
  errors: Array<{ section: string; message: string }>;
  /**
   * Share (0–1) of the machine's CPU other processes used, the second before the run and during
   * it (null where /proc is missing): on a shared machine, whether a missed goal may be noise.
   */
  otherCpu: { beforeRun: number | null; duringRun: number | null };
  /** Each section as it ran, with the CPU other processes used meanwhile. */
  sections: Array<{ name: string; seconds: number; otherCpu: number | null; isOk: boolean }>;
}

/** Other processes using more than this share of the CPU make the timings suspect. */
export const BUSY_SHARE = 0.1;

export function judge(summary: Summary, goal: Goal | undefined): boolean | undefined {
  return goal ? summary[goal.stat] <= goal.atMost : undefined;
}

/** 1 decimal below 100, whole numbers with thousands separators above. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function cell(value: number, unit: TimingRow['unit']): string {
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'count') return Math.round(value).toLocaleString('en-US');
  return `${formatNumber(value)} ${unit}`;
}

/**
 * The ratio of this row's median to its baseline's ("1.08×": 8 % slower than the baseline;
 * "0.02×": fifty times faster), "baseline" for a baseline row, empty otherwise.
 */
export function ratioToBaseline(row: TimingRow, rows: readonly TimingRow[]): string {
  if (row.isBaseline) return 'baseline';
  if (!row.baseline) return '';
  const base = rows.find((r) => r.name === row.baseline);
  if (!base || !(base.summary.median > 0)) return '';
  return `${(row.summary.median / base.summary.median).toFixed(2)}×`;
}

/** "queries" → "query", "pastes" → "paste": enough for the nouns the rows use. */
function singular(plural: string): string {
  return plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.replace(/s$/, '');
}

/** A share of the machine's CPU as a percentage of all its cores. */
function share(value: number | null): string {
  return value === null ? 'unknown' : `${Math.round(value * 100)}%`;
}

const mark = (isMet: boolean | undefined): string => (isMet === undefined ? '' : isMet ? '✓' : '✗');

export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines: string[] = [
    report.mode === 'quick' ? '# Signet benchmarks — quick check' : '# Signet benchmarks',
    '',
    report.mode === 'quick'
      ? 'Written by `npx tsx bench/run.ts --quick` (part of `npm test`): tiny sizes, so that the ' +
        'benchmarks keep working. The goals are for the full sizes of `npm run bench` and are shown ' +
        'for reference only.'
      : 'Written by `npm run bench` (`bench/run.ts`); raw samples in `bench/results.json`. Timings ' +
        'never fail the run; a crash, an error or a crash-test failure does.',
    '',
    '| Machine | |',
    '|---|---|',
    `| Date | ${report.date} |`,
    `| CPU | ${machine.cpu}, ${machine.cores} cores |`,
    `| Memory | ${machine.memoryGB.toFixed(1)} GB |`,
    `| OS | ${machine.os} |`,
    `| Node | ${machine.node} |`,
    `| Chromium | ${machine.chromium} |`,
    `| Commit | ${machine.commit} |`,
    `| CPU used by other processes: the second before / during the run | ${share(report.otherCpu.beforeRun)} / ${share(report.otherCpu.duringRun)} |`,
    `| Whole run | ${formatNumber(report.seconds)} s |`,
    '',
  ];
  const busiest = Math.max(report.otherCpu.beforeRun ?? 0, report.otherCpu.duringRun ?? 0);
  if (busiest > BUSY_SHARE) {
    lines.push(
      `> **Shared machine:** other processes used up to ${share(busiest)} of the CPU (see the run log for ` +
        'each section), so timings are likely higher than on a quiet machine.',
      '',
    );
  }
  lines.push(
    '## Timings',
    '',
    'Each row: its runs, then min / median / p95 / max, and the ratio of its median to the median of ' +
      'its baseline (the same work done by the simplest alternative, measured in the same run on the ' +
      'same machine).',
    '',
    '| Benchmark | Runs | Min | Median | p95 | Max | vs baseline | Goal | Met |',
    '|---|--:|--:|--:|--:|--:|--:|---|:-:|',
  );
  for (const row of report.timings) {
    const s = row.summary;
    const runs = row.runsText ?? `${s.runs} ${s.runs === 1 ? singular(row.runsOf) : row.runsOf}`;
    lines.push(
      `| ${row.name} | ${runs} | ${cell(s.min, row.unit)} | ${cell(s.median, row.unit)} | ${cell(s.p95, row.unit)} | ` +
        `${cell(s.max, row.unit)} | ${ratioToBaseline(row, report.timings)} | ${row.goal?.text ?? 'information'} | ${mark(row.isMet)} |`,
    );
  }
  if (report.crash) {
    const c = report.crash;
    lines.push(
      '',
      '## Crash safety',
      '',
      'A child process saves one draft in a loop and is killed with SIGKILL at random moments; after ' +
        'every kill each draft file must parse, hold title and body from one save, and hold the last ' +
        'acknowledged save or the one after it (`electron/drafts/testing/crashLoop.ts`).',
      '',
      '| Kills | Kills during start-up | Saves acknowledged | Failures | Seconds | Goal | Met |',
      '|--:|--:|--:|--:|--:|---|:-:|',
      `| ${c.kills.toLocaleString('en-US')} | ${c.killedMidStartup} | ${c.saves.toLocaleString('en-US')} | ` +
        `${c.failures.length} | ${formatNumber(c.seconds)} | 0 failures | ${mark(c.failures.length === 0)} |`,
    );
    if (c.failures.length) {
      lines.push('', 'First failures:', '', ...c.failures.slice(0, 10).map((f) => `- ${f}`));
    }
  }
  const info = Object.entries(report.info);
  if (info.length) {
    lines.push('', '## Other figures', '', '| | |', '|---|--:|');
    for (const [name, value] of info) {
      lines.push(`| ${name} | ${typeof value === 'number' ? formatNumber(value) : value} |`);
    }
  }
  if (report.errors.length) {
    lines.push('', '## Errors', '', ...report.errors.map((e) => `- **${e.section}**: ${e.message}`));
  }
  if (report.sections.length) {
    lines.push(
      '',
      '## Run log',
      '',
      '| Section | Seconds | CPU used by other processes | |',
      '|---|--:|--:|:-:|',
      ...report.sections.map(
        (run) =>
          `| ${run.name} | ${formatNumber(run.seconds)} | ${share(run.otherCpu)} | ${run.isOk ? 'ok' : 'failed'} |`,
      ),
    );
  }
  if (report.notes.length) {
    lines.push('', '## How these are measured', '', ...report.notes.map((note) => `- ${note}`));
  }
  return lines.join('\n') + '\n';
}
