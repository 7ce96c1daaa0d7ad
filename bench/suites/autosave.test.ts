import { describe, expect, it } from 'vitest';
import { benchAutosave } from './autosave';

describe('benchAutosave (the real app saving a long draft while the author types)', () => {
  it('saves while typing, checks the last save, and reports the event loop', async () => {
    const result = await benchAutosave({ quick: true, seconds: 2, words: 5_000 });
    const { samples, eventLoopDelay: delay, blocks } = result;
    expect(result.words).toBe(5_000);
    expect(result.payloadBytes).toBeGreaterThan(50_000);
    // One keystroke every 100 ms while a burst lasts, pauses between bursts.
    expect(result.keystrokes).toBeGreaterThan(5);
    expect(result.keystrokes).toBeLessThanOrEqual(21);
    expect(samples.saveMs.length).toBeGreaterThanOrEqual(1);
    expect(samples.roundTripMs).toHaveLength(samples.saveMs.length);
    for (const ms of [...samples.saveMs, ...samples.roundTripMs]) {
      expect(Number.isFinite(ms)).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
    for (const value of Object.values(delay)) expect(Number.isFinite(value)).toBe(true);
    expect(delay.p50).toBeGreaterThan(0);
    expect(delay.p50).toBeLessThanOrEqual(delay.p95);
    expect(delay.p95).toBeLessThanOrEqual(delay.max);
    expect(samples.blocksCpuMs).toHaveLength(samples.blocksMs.length);
    expect(blocks.over16).toBe(samples.blocksMs.length);
    expect(blocks.busyOver16).toBeLessThanOrEqual(blocks.over16);
    for (const ms of samples.blocksMs) expect(ms).toBeGreaterThan(16);
    expect(blocks.maxMs).toBe(samples.blocksMs.length ? Math.max(...samples.blocksMs) : 0);
    expect(result.notes.length).toBeGreaterThan(0);
  }, 30_000);
});
