import { describe, expect, it } from 'vitest';
import { renderMarkdown, type BenchReport, type Goal, type TimingRow } from './report';
import { summarize } from './stats';

const goal: Goal = { stat: 'p95', atMost: 16, text: 'p95 ≤ 16 ms' };

function row(name: string, samples: number[], rowGoal?: Goal): TimingRow {
  const summary = summarize(samples);
  return {
    name,
    unit: 'ms',
    runsOf: 'keystrokes',
    samples,
    summary,
    goal: rowGoal,
    isMet: rowGoal ? summary[rowGoal.stat] <= rowGoal.atMost : undefined,
  };
}

const report: BenchReport = {
  mode: 'full',
  date: '2030-01-01T00:00:00.000Z',
  seconds: 312.4,
  machine: {
    cpu: 'Test CPU',
    cores: 2,
    memoryGB: 8,
    os: 'Linux',
    node: 'v20.20.0',
    chromium: 'Chromium 156',
    commit: 'abc1234',
  },
  timings: [row('Fast typing', [5, 6, 7], goal), row('Slow typing', [10, 20, 30], goal), row('Stress', [1])],
  crash: { kills: 1000, killedMidStartup: 150, saves: 2100, seconds: 170, failures: [] },
  info: {},
  notes: [],
  errors: [],
  otherCpu: { beforeRun: 0, duringRun: 0.02 },
  sections: [],
};

describe('bench report', () => {
  it('marks a met goal ✓, a missed one ✗, and information rows not at all', () => {
    const lines = renderMarkdown(report).split('\n');
    expect(lines.find((l) => l.startsWith('| Fast typing'))).toMatch(
      /\| 3 keystrokes \|.*\| p95 ≤ 16 ms \| ✓ \|$/,
    );
    expect(lines.find((l) => l.startsWith('| Slow typing'))).toMatch(
      /\| 30\.0 ms \| {2}\| p95 ≤ 16 ms \| ✗ \|$/,
    );
    expect(lines.find((l) => l.startsWith('| Stress'))).toMatch(
      /\| 1 keystroke \|.*\| information \| {2}\|$/,
    );
  });

  it('shows each row’s median against its baseline’s, and marks the baseline', () => {
    const base = { ...row('Bare editor', [4, 5, 6]), isBaseline: true };
    const app = { ...row('Signet editor', [5, 6, 9]), baseline: 'Bare editor' };
    const orphan = { ...row('No such baseline', [1, 2, 3]), baseline: 'Missing' };
    const lines = renderMarkdown({ ...report, timings: [base, app, orphan] }).split('\n');
    expect(lines.find((l) => l.startsWith('| Bare editor'))).toContain('| baseline |');
    // Medians 6 / 5.
    expect(lines.find((l) => l.startsWith('| Signet editor'))).toContain('| 1.20× |');
    expect(lines.find((l) => l.startsWith('| No such baseline'))).toMatch(/\| 3\.0 ms \| {2}\| information/);
  });

  it('reports the crash loop counts and whether any kill left a broken draft', () => {
    const markdown = renderMarkdown({
      ...report,
      crash: { ...report.crash!, failures: ['kill 7: d.json does not parse after a kill'] },
    });
    expect(markdown).toContain('| 1,000 | 150 | 2,100 | 1 | 170 | 0 failures | ✗ |');
    expect(markdown).toContain('- kill 7: d.json does not parse after a kill');
  });
});
