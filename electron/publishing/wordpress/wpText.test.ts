import { describe, expect, it } from 'vitest';
import { PublishError } from '../http/PublishError';
import {
  decodeWpText,
  isNewerThan,
  isoToRestGmt,
  offsetToZone,
  restGmtToIso,
  siteTimeZone,
  termKey,
  uniqueTermNames,
} from './wpText';

describe('WordPress text and dates', () => {
  it('decodes what WordPress escapes in stored names', () => {
    expect(decodeWpText('R&amp;D &quot;q&quot; &#8217;s&nbsp;x')).toBe('R&D "q" ’s\u00a0x');
  });

  it('compares term names the way WordPress decides a term exists', () => {
    expect(termKey('R&amp;D')).toBe(termKey('r&d'));
    expect(termKey('  Travel   Notes ')).toBe('travel notes');
    expect(termKey('<b>Bold</b> tag')).toBe('bold tag');
    expect(termKey('Cafe\u0301')).toBe(termKey('Café'));
    expect(uniqueTermNames(['News', ' news ', '', 'R&D', 'r&amp;d', 'Other'])).toEqual([
      'News',
      'R&D',
      'Other',
    ]);
  });

  it('gives the site zone from timezone_string, else from gmt_offset', () => {
    expect(siteTimeZone('Europe/Berlin', 1)).toBe('Europe/Berlin');
    expect(siteTimeZone('', 5.5)).toBe('+05:30');
    expect(siteTimeZone('', '-3.5')).toBe('-03:30');
    expect(siteTimeZone(undefined, undefined)).toBeNull();
    expect(offsetToZone(0)).toBe('+00:00');
    expect(offsetToZone(5.75)).toBe('+05:45');
  });

  it('reads REST GMT dates as UTC and writes them back without a zone', () => {
    expect(restGmtToIso('2026-11-23T03:50:54')).toBe('2026-11-23T03:50:54.000Z');
    expect(restGmtToIso('0000-00-00T00:00:00')).toBeNull();
    expect(restGmtToIso(null)).toBeNull();
    expect(isoToRestGmt('2026-12-01T10:00:00.000Z', 'x')).toBe('2026-12-01T10:00:00');
    expect(isoToRestGmt('2026-12-01T11:00:00+01:00', 'x')).toBe('2026-12-01T10:00:00');
    expect(() => isoToRestGmt('soon', 'example.com')).toThrow(PublishError);
  });

  it('compares modification times to the second, as WordPress stores them', () => {
    expect(isNewerThan('2026-01-01T00:00:01.000Z', '2026-01-01T00:00:00.900Z')).toBe(true);
    expect(isNewerThan('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.900Z')).toBe(false);
    expect(isNewerThan('2026-01-01T00:00:00.000Z', 'not a date')).toBe(true);
  });
});
