import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, setLocale } from '../../electron/contract/i18n';
import { formatDateTime, formatNumber, formatRelative, formatWhen, readingMinutes } from './format';

afterEach(() => setLocale('en-US'));

describe('formatWhen', () => {
  const now = new Date(2026, 10, 23, 15, 30);

  it('gives the time for a date earlier the same day, as the locale writes it', () => {
    setLocale('en-US');
    const earlier = new Date(2026, 10, 23, 9, 5);
    expect(formatWhen(earlier.toISOString(), now)).toBe(
      earlier.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }),
    );
    setLocale('de-DE');
    expect(formatWhen(earlier.toISOString(), now)).toBe('09:05');
  });

  it('gives the date for any other day, in the active locale', () => {
    const day = new Date(2026, 10, 3, 23, 59);
    setLocale('en-US');
    expect(formatWhen(day.toISOString(), now)).toBe('Nov 3, 2026');
    setLocale('de-DE');
    expect(getLocale()).toBe('de-DE');
    expect(formatWhen(day.toISOString(), now)).toBe('3. Nov. 2026');
  });
});

describe('formatDateTime', () => {
  it('gives date and time as each locale writes them', () => {
    const when = new Date(2026, 2, 4, 18, 45);
    setLocale('en-US');
    const us = formatDateTime(when.toISOString());
    expect(us).toBe(when.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }));
    expect(us).toMatch(/Mar 4, 2026.*6:45\sPM/);
    setLocale('de-DE');
    expect(formatDateTime(when.toISOString())).toBe('04.03.2026, 18:45');
  });
});

describe('formatNumber and formatRelative', () => {
  it('group digits and name times as the locale does', () => {
    setLocale('en-US');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatRelative(new Date(2026, 0, 1, 12, 0), new Date(2026, 0, 2, 12, 0))).toBe('yesterday');
    expect(formatRelative(new Date(2026, 0, 1, 12, 5), new Date(2026, 0, 1, 12, 0))).toBe('in 5 minutes');
    setLocale('de-DE');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatRelative(new Date(2026, 0, 1, 12, 0), new Date(2026, 0, 2, 12, 0))).toBe('gestern');
    expect(formatRelative(new Date(2026, 0, 1, 12, 0), new Date(2026, 0, 4, 12, 0))).toBe('vor 3 Tagen');
  });
});

describe('readingMinutes', () => {
  it('is 0 only for no words and rounds at 230 words a minute', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(20_000)).toBe(87);
  });
});
