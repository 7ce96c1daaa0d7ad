import { describe, expect, it } from 'vitest';
import {
  adminApiRoot,
  fromGhostStatus,
  ghostDateToIso,
  ghostSiteUrl,
  nqlDate,
  nqlString,
  toGhostStatus,
  uniqueTagNames,
} from './ghostText';
import { ghostStatusesOf } from './GhostPublisher';

describe('ghostSiteUrl', () => {
  it.each([
    ['https://example.com/', 'https://example.com'],
    ['example.com', 'https://example.com'],
    ['http://127.0.0.1:2368', 'http://127.0.0.1:2368'],
    ['https://example.com/ghost/', 'https://example.com'],
    ['https://example.com/ghost/#/dashboard', 'https://example.com'],
    ['https://Example.COM/blog/ghost/#/posts?x=1', 'https://example.com/blog'],
    ['https://example.com/blog/?utm=1#top', 'https://example.com/blog'],
    ['https://example.com/ghostly', 'https://example.com/ghostly'],
  ])('%s → %s', (input, expected) => {
    expect(ghostSiteUrl(input)).toBe(expected);
  });

  it.each(['', 'ftp://example.com', 'http://', 'mailto:me@example.com'])(
    'refuses %j with a sentence',
    (input) => {
      expect(() => ghostSiteUrl(input)).toThrow(/is not a web address\. Enter your Ghost site’s address/);
    },
  );

  it('gives the Admin API root', () => {
    expect(adminApiRoot('https://example.com/blog/')).toBe('https://example.com/blog/ghost/api/admin/');
  });
});

describe('statuses', () => {
  it('maps Signet’s to Ghost’s and back', () => {
    expect(toGhostStatus('draft', 'post', 't', 'h')).toBe('draft');
    expect(toGhostStatus('publish', 'post', 't', 'h')).toBe('published');
    expect(toGhostStatus('future', 'page', 't', 'h')).toBe('scheduled');
    expect(fromGhostStatus('published')).toBe('publish');
    expect(fromGhostStatus('sent')).toBe('publish');
    expect(fromGhostStatus('scheduled')).toBe('future');
    expect(fromGhostStatus('draft')).toBe('draft');
    expect(ghostStatusesOf(['publish', 'future', 'pending'])).toEqual(['published', 'sent', 'scheduled']);
    expect(ghostStatusesOf(['private'])).toEqual([]);
  });

  it('refuses pending and private as UNSUPPORTED, naming the post and the site', () => {
    expect(() => toGhostStatus('pending', 'post', 'Hello', 'example.com')).toThrow(
      /no “pending review” status, so “Hello” cannot be submitted for review on example.com/,
    );
    expect(() => toGhostStatus('private', 'page', '', 'example.com')).toThrow(
      /no private pages, so “this page”/,
    );
  });
});

describe('dates and NQL', () => {
  it('reads Ghost’s dates as UTC ISO', () => {
    expect(ghostDateToIso('2026-11-23T08:11:29.000Z')).toBe('2026-11-23T08:11:29.000Z');
    expect(ghostDateToIso('2026-11-23T10:11:29+02:00')).toBe('2026-11-23T08:11:29.000Z');
    expect(ghostDateToIso(null)).toBeNull();
    expect(ghostDateToIso('soon')).toBeNull();
  });

  it('writes instants as the database compares them, rounded down to the second', () => {
    expect(nqlDate('2026-11-23T08:10:39.702Z')).toBe('2026-11-23 08:10:39');
    expect(nqlDate('2026-11-23T10:10:39+02:00')).toBe('2026-11-23 08:10:39');
    expect(() => nqlDate('yesterday')).toThrow(/is not a date/);
  });

  it('quotes NQL strings', () => {
    expect(nqlString('plain')).toBe("'plain'");
    expect(nqlString("it's")).toBe("'it\\'s'");
    expect(nqlString('back\\slash')).toBe("'back\\\\slash'");
  });

  it('cleans tag names and drops repeats in any case, keeping the first spelling', () => {
    expect(uniqueTagNames([' Travel ', 'travel', 'Food  &  Drink', '', '  ', 'TRAVEL', 'R&D'])).toEqual([
      'Travel',
      'Food & Drink',
      'R&D',
    ]);
  });
});
