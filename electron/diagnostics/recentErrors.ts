/**
 * The last error-level log entries, kept in memory for "Copy Diagnostics": a ring of at most
 * `capacity` entries (50 by default), oldest dropped first. `recordErrors` wraps a logger (the
 * redacting one, so what is kept is already redacted) and copies each error into the ring.
 */
import type { Logger } from '../ports';

export interface RecentError {
  /** UTC ISO time. */
  at: string;
  message: string;
  data?: Record<string, unknown>;
}

export const RECENT_ERRORS_CAPACITY = 50;

export class RecentErrors {
  private readonly entries: RecentError[] = [];

  constructor(readonly capacity = RECENT_ERRORS_CAPACITY) {}

  push(entry: RecentError): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Oldest first. */
  list(): RecentError[] {
    return [...this.entries];
  }
}

/** A logger that writes through `base` and keeps each error in `ring`. */
export function recordErrors(base: Logger, ring: RecentErrors, clock: () => Date = () => new Date()): Logger {
  return {
    info: (message, data) => base.info(message, data),
    warn: (message, data) => base.warn(message, data),
    error: (message, data) => {
      ring.push({ at: clock().toISOString(), message, ...(data === undefined ? {} : { data }) });
      base.error(message, data);
    },
  };
}
