import { describe, expect, it } from 'vitest';
import { benchNaiveStore } from './naiveStore';

describe('benchNaiveStore (baseline: every draft in one conf file)', () => {
  it('times every operation the asked number of times', async () => {
    const result = await benchNaiveStore({
      quick: true,
      count: 60,
      queries: ['the', 'mountain river', 'zzzzqx'],
      gets: 5,
      saves: 3,
      coldStarts: 2,
    });
    const { samples } = result;
    expect(result.count).toBe(60);
    // 60 drafts of 500–1,500 words, written with tabs: well over 10 kB each.
    expect(result.fileBytes).toBeGreaterThan(60 * 10_000);
    expect(samples.coldStart).toHaveLength(2);
    expect(samples.searchReady).toHaveLength(2);
    expect(samples.list).toHaveLength(30);
    expect(samples.search).toHaveLength(3);
    expect(samples.get).toHaveLength(5);
    expect(samples.save).toHaveLength(3);
    for (const values of Object.values(samples)) {
      for (const ms of values) {
        expect(Number.isFinite(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(0);
      }
    }
    for (const ms of [...samples.coldStart, ...samples.save]) expect(ms).toBeGreaterThan(0);
    samples.coldStart.forEach((ms, i) => expect(samples.searchReady[i]).toBeGreaterThanOrEqual(ms));
    for (const note of Object.values(result.notes)) expect(note).toMatch(/^Naive store, .+\.$/);
  });

  it('makes up the queries benchStore makes when given a count', async () => {
    const result = await benchNaiveStore({
      quick: true,
      count: 20,
      queries: 7,
      gets: 1,
      saves: 1,
      coldStarts: 1,
    });
    expect(result.samples.search).toHaveLength(7);
  });
});
