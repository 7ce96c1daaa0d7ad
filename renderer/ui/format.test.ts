import { describe, expect, it } from 'vitest';
import { formatDateTime, formatWhen, readingMinutes } from './format';

describe('formatWhen', () => {
  const now = new Date(2026, 10, 23, 15, 30);

  it('gives the time for a date earlier the same day, as the locale writes it', () => {
    const earlier = new Date(2026, 10, 23, 9, 5);
    expect(formatWhen(earlier.toISOString(), now)).toBe(
      earlier.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
    );
  });

  it('gives the date for any other day, and the same formatter serves every call', () => {
    for (const day of [new Date(2026, 10, 22, 23, 59), new Date(2019, 0, 1, 8, 0)]) {
      const text = formatWhen(day.toISOString(), now);
      expect(text).toBe(
        day.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }),
      );
      expect(text).toContain(String(day.getFullYear()));
    }
  });
});

describe('formatDateTime', () => {
  it('gives date and time as the locale writes them', () => {
    const when = new Date(2026, 2, 4, 18, 45);
    expect(formatDateTime(when.toISOString())).toBe(
      when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    );
  });
});

describe('readingMinutes', () => {
  it('is 0 only for no words and rounds at 230 words a minute', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(20_000)).toBe(87);
  });
});
