import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AccountSummary as ContractAccountSummary } from '../contract';
import {
  accountSchema,
  canonicalSiteUrl,
  DEFAULT_MAX_IMAGE_WIDTH,
  destinationKey,
  newAccountId,
  storedAccountSchema,
  type AccountSummary,
} from './types';

describe('destinationKey', () => {
  it.each([
    ['https://example.com', 'wordpress:https://example.com'],
    ['HTTPS://Example.COM/', 'wordpress:https://example.com'],
    ['https://example.com:443/blog/', 'wordpress:https://example.com/blog'],
    ['http://example.com:80', 'wordpress:http://example.com'],
    ['http://example.com:8080/', 'wordpress:http://example.com:8080'],
    ['https://example.com/My/Blog//', 'wordpress:https://example.com/My/Blog'],
    ['https://user:pw@example.com/blog?x=1#top', 'wordpress:https://example.com/blog'],
    ['  https://bücher.example/  ', 'wordpress:https://xn--bcher-kva.example'],
  ])('%s → %s', (url, key) => {
    expect(destinationKey('wordpress', url)).toBe(key);
  });

  it('adds the blog id of a multisite blog', () => {
    expect(destinationKey('wordpress', 'https://Network.example/', '7')).toBe(
      'wordpress:https://network.example:7',
    );
  });

  it('keeps the scheme: http and https are different destinations', () => {
    expect(destinationKey('wordpress', 'http://example.com')).not.toBe(
      destinationKey('wordpress', 'https://example.com'),
    );
  });

  it('refuses what is not a web address, with a sentence for the author', () => {
    expect(() => canonicalSiteUrl('example.com')).toThrow(/not a web address/);
    expect(() => canonicalSiteUrl('ftp://example.com')).toThrow(/not a web address/);
  });
});

describe('account ids', () => {
  it('are url-safe and different every time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newAccountId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('accountSchema', () => {
  const stored = {
    id: 'abc',
    platform: 'wordpress',
    destinationKey: 'wordpress:https://example.com',
    siteUrl: 'https://example.com',
    siteName: 'Example',
    userLogin: 'ada',
    userName: 'Ada',
    api: { transport: 'rest', restRoot: 'https://example.com/wp-json/' },
    timeZone: 'Europe/Berlin',
    capabilities: { drafts: true, tags: 'yes' },
    settings: { contentFormat: 'fancy', maxImageWidth: 99_999 },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };

  it('reads a garbled setting or capability as its default instead of losing the account', () => {
    const account = storedAccountSchema.parse(stored);
    expect(account.settings).toEqual({ contentFormat: 'blocks', maxImageWidth: DEFAULT_MAX_IMAGE_WIDTH });
    expect(account.capabilities.drafts).toBe(true);
    expect(account.capabilities.tags).toBe(false);
    expect(account.capabilities.mediaUpload).toBe(false);
  });

  it('refuses a garbled setting when Signet writes one', () => {
    expect(accountSchema.safeParse(stored).success).toBe(false);
    const valid = storedAccountSchema.parse(stored);
    expect(accountSchema.parse(valid)).toEqual(valid);
  });

  it('refuses an entry without its identity', () => {
    const read = (entry: unknown) => storedAccountSchema.safeParse(entry).success;
    expect(read(stored)).toBe(true);
    expect(read({ ...stored, siteUrl: 'javascript:alert(1)' })).toBe(false);
    expect(read({ ...stored, id: '../x' })).toBe(false);
    expect(read({ ...stored, platform: 'myspace' })).toBe(false);
    expect(read({ ...stored, userLogin: undefined })).toBe(false);
  });
});

describe('AccountSummary', () => {
  it('is what the contract sends to the renderer', () => {
    expectTypeOf<AccountSummary>().toExtend<ContractAccountSummary>();
  });
});
