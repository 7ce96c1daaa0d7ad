/**
 * Numbers, dates and relative times in the author's locale (the one `setLocale` set, see
 * ./index.ts). Every date or number the UI shows outside a message goes through here, never
 * `Date#toLocale*String` or a hand-built string.
 *
 * One formatter per locale and style, made on first use: `Date#toLocale*String` builds a new
 * Intl.DateTimeFormat on every call, about a millisecond each, and the draft list formats a date
 * per row (at start-up 22 ms of the 21-draft list's first render went there;
 * bench/suites/startup.ts).
 */
import { getLocale } from './index';

const dateStyles = {
  time: { hour: '2-digit', minute: '2-digit' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof dateStyles;

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat;
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** A date in one of the app's styles (`time` 14:05, `date` Nov 3, 2026, `dateTime` both). */
export function formatDate(
  date: Date | string | number,
  style: DateStyle,
  options: { locale?: string; timeZone?: string } = {},
): string {
  const locale = options.locale ?? getLocale();
  const format = cached(
    `d\u0000${locale}\u0000${style}\u0000${options.timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        ...dateStyles[style],
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      }),
  );
  return format.format(date instanceof Date ? date : new Date(date));
}

/** The time for today's dates ("14:05"), else the date ("Nov 3, 2026"). */
export function formatWhen(iso: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  return formatDate(date, sameDay ? 'time' : 'date', { locale });
}

/** Date and time ("Nov 3, 2026, 14:05"). */
export function formatDateTime(iso: string | Date, locale?: string): string {
  return formatDate(iso, 'dateTime', { locale });
}

/** A number with the locale's grouping ("1,234" / "1.234"). */
export function formatNumber(n: number, locale: string = getLocale()): string {
  return cached(`n\u0000${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "in 5 minutes", "yesterday", "vor 3 Tagen": the largest whole unit between `date` and `now`. */
export function formatRelative(
  date: Date | string,
  now: Date = new Date(),
  locale: string = getLocale(),
): string {
  const diff = new Date(date).getTime() - now.getTime();
  const format = cached(`r\u0000${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, 'second');
}

/**
 * A joined list in the author's locale: "tags and categories", "tags, categories, and featured
 * image" (`conjunction`), "A, B, or C" (`disjunction`). The items are already translated.
 */
export function formatList(
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
  locale: string = getLocale(),
): string {
  return cached(`l\u0000${locale}\u0000${type}`, () => new Intl.ListFormat(locale, { type })).format(items);
}
