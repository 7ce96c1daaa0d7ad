import { describe, expect, it } from 'vitest';
import { goalLabel, goalPercent, parseGoal, readingTimeLabel } from './writingStats';

describe('writing stats', () => {
  it('rounds reading time at about 230 words a minute, never 0 min for some text', () => {
    expect(readingTimeLabel(0)).toBe('0 min read');
    expect(readingTimeLabel(10)).toBe('1 min read');
    expect(readingTimeLabel(920)).toBe('4 min read');
    expect(readingTimeLabel(1050)).toBe('5 min read');
  });

  it('shows progress toward the goal, capped at 100%', () => {
    expect(goalPercent(640, 1500)).toBe(42);
    expect(goalPercent(3000, 1500)).toBe(100);
    expect(goalLabel(640, 1500)).toMatch(/^640 of 1.500 words \(42%\)$/);
    expect(goalLabel(1500, 1500)).toMatch(/^Goal reached: /);
  });

  it('reads a goal as typed, with thousands separators, and explains what is wrong', () => {
    expect(parseGoal(' 1,500 ')).toEqual({ goal: 1500 });
    expect(parseGoal('2000')).toEqual({ goal: 2000 });
    expect(parseGoal('lots')).toHaveProperty('error');
    expect(parseGoal('0')).toHaveProperty('error');
    expect(parseGoal('-3')).toHaveProperty('error');
  });
});
