/** Minutes to read at an unhurried 230 words a minute; never 0 for a non-empty text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / 230));
}

// One formatter each, made on first use: Date#toLocale*String builds a new Intl.DateTimeFormat
// on every call, about a millisecond each, and the draft list formats a date per row (at start-up
// 22 ms of the 21-draft list's first render went there; bench/suites/startup.ts).
let timeFormat: Intl.DateTimeFormat | null = null;
let dateFormat: Intl.DateTimeFormat | null = null;
let dateTimeFormat: Intl.DateTimeFormat | null = null;

/** The time for today's dates ("14:05"), else the date ("Nov 3, 2026"), in the author's locale. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) {
    timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
    return timeFormat.format(date);
  }
  dateFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return dateFormat.format(date);
}

/** Date and time ("Nov 3, 2026, 14:05") in the author's locale. */
export function formatDateTime(iso: string): string {
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return dateTimeFormat.format(new Date(iso));
}
