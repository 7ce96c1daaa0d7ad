import { describe, expect, it } from 'vitest';
import { planTyping } from './browser';

describe('planTyping', () => {
  it('types on an uneven beat around the mean interval, the same beat every time', () => {
    const plan = planTyping(20_000, 500, {});
    expect(plan.intervalsMs).toHaveLength(plan.warmup + plan.keystrokes);
    expect(plan.pausesMs).toHaveLength(plan.spots.length + 1);
    expect(Math.min(...plan.intervalsMs)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...plan.intervalsMs)).toBeLessThanOrEqual(140);
    const mean = plan.intervalsMs.reduce((sum, ms) => sum + ms, 0) / plan.intervalsMs.length;
    expect(Math.abs(mean - 100)).toBeLessThan(5);
    // Not an even beat: the intervals spread over most of their range.
    expect(new Set(plan.intervalsMs).size).toBeGreaterThan(40);
    expect(Math.min(...plan.pausesMs)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...plan.pausesMs)).toBeLessThanOrEqual(450);
    // Seeded: a second plan (the other editor, the next run) gets the very same beat.
    expect(planTyping(20_000, 500, {}).intervalsMs).toEqual(plan.intervalsMs);
    expect(planTyping(20_000, 500, {}).pausesMs).toEqual(plan.pausesMs);
  });
});
