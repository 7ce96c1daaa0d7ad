import { t } from '../../../electron/contract/i18n';
import { formatDate } from '../../ui/format';

/** `datetime-local` values are the author's wall-clock time without a zone. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function localInputToIso(value: string): string | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** "That is 14:00 on 3 Dec in Europe/Berlin, the blog's time." — or a fixed offset like +02:00. */
export function describeInZone(iso: string, zone: string, siteName: string, locale?: string): string {
  const date = new Date(iso);
  const mine = formatDate(date, 'dateTime', { locale });
  let theirs: string;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    const shifted = new Date(date.getTime() + minutes * 60_000);
    theirs = t('publish.schedule.zoneOffset', {
      date: formatDate(shifted, 'dateTime', { locale, timeZone: 'UTC' }),
      zone,
    });
  } else {
    try {
      theirs = t('publish.schedule.zoneNamed', {
        date: formatDate(date, 'dateTime', { locale, timeZone: zone }),
        zone,
      });
    } catch {
      theirs = t('publish.schedule.zoneUtc', {
        date: formatDate(date, 'dateTime', { locale, timeZone: 'UTC' }),
      });
    }
  }
  return t('publish.schedule.goesLive', { mine, theirs, site: siteName });
}
