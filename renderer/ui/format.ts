/**
 * The renderer's date and number helpers: the author's locale through one module
 * (electron/contract/i18n/format.ts), shared with the main process.
 */
export {
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelative,
  formatWhen,
} from '../../electron/contract/i18n/format';

/** Minutes to read at an unhurried 230 words a minute; never 0 for a non-empty text. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / 230));
}
