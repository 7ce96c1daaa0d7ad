/**
 * Blog accounts: the non-secret settings Signet keeps for each blog it publishes to. Secrets
 * (application passwords, tokens) live in the vault under `secretKeyFor(id)`, never here.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PublisherCapabilities } from '../publishing/types';

/** Platforms Signet can publish to (each one folder under electron/publishing/, see registry.ts). */
export const PLATFORMS = ['wordpress', 'ghost', 'blogger', 'micropub', 'static-site'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** WordPress: `rest` or `xmlrpc`; every other platform has one API (`api`) or a folder (`folder`). */
export const API_TRANSPORTS = ['rest', 'xmlrpc', 'api', 'folder'] as const;
export type ApiTransport = (typeof API_TRANSPORTS)[number];

export const SITE_GENERATORS = ['hugo', 'jekyll', 'eleventy'] as const;
export type SiteGenerator = (typeof SITE_GENERATORS)[number];

export interface AccountApi {
  transport: ApiTransport;
  /** WordPress: e.g. `https://example.com/wp-json/`; Ghost: the Admin API root. */
  restRoot?: string;
  xmlrpcUrl?: string;
  /** A blog of a multisite network (or a platform's own blog id: Blogger). */
  blogId?: string;
  /** Micropub: the Micropub endpoint. */
  endpoint?: string;
  /** Micropub: the media endpoint (from `q=config`). */
  mediaEndpoint?: string;
  /** OAuth 2.0 / IndieAuth: where tokens are refreshed. */
  tokenEndpoint?: string;
  /** OAuth 2.0 / IndieAuth: where the author approves Signet. */
  authorizationEndpoint?: string;
  /** Blogger: the author's own OAuth client id (not a secret; its secret is in the vault). */
  clientId?: string;
  /** Static site: the site's folder (absolute path on this machine). */
  folder?: string;
  /** Static site: which generator's layout to write. */
  generator?: SiteGenerator;
}

export interface AccountSettings {
  contentFormat: 'blocks' | 'classic';
  /** Images wider than this are scaled down before upload. */
  maxImageWidth: number;
  headerSnippetId?: string;
  footerSnippetId?: string;
  /** A platform without media upload (Blogger): the account whose media library stores its images. */
  mediaAccountId?: string;
}

export interface Account {
  id: string;
  platform: Platform;
  /** `platform:canonical-site-URL[:blogId]`, the same on every machine (see `destinationKey`). */
  destinationKey: string;
  siteUrl: string;
  siteName: string;
  userLogin: string;
  userName: string;
  api: AccountApi;
  /** IANA zone (`Europe/Berlin`) or a fixed offset (`+02:00`). */
  timeZone: string;
  capabilities: PublisherCapabilities;
  settings: AccountSettings;
  /** UTC ISO date-times. */
  createdAt: string;
  updatedAt: string;
}

/**
 * What the renderer sees: never a secret, only whether one is stored. `transport` repeats
 * `api.transport` so a summary is also the contract's `AccountSummary` as it is.
 */
export type AccountSummary = Account & { hasCredential: boolean; transport: ApiTransport };

/** What `AccountStore.add` takes: the store assigns id, destination key and times. */
export type NewAccount = Omit<Account, 'id' | 'destinationKey' | 'createdAt' | 'updatedAt' | 'settings'> & {
  settings?: Partial<AccountSettings>;
};

/** What `AccountStore.update` takes; `settings` is merged into the current settings. */
export type AccountPatch = Partial<Omit<NewAccount, 'settings'>> & { settings?: Partial<AccountSettings> };

export const DEFAULT_MAX_IMAGE_WIDTH = 2048;

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  contentFormat: 'blocks',
  maxImageWidth: DEFAULT_MAX_IMAGE_WIDTH,
};

export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** 22 random url-safe characters (128 bits): unguessable, safe in a file name and a URL. */
export function newAccountId(): string {
  return randomBytes(16).toString('base64url');
}

/** The vault key an account's secret is stored under. */
export function secretKeyFor(accountId: string): string {
  return `account:${accountId}`;
}

/**
 * The site URL in one spelling, so the same blog gets the same key on every machine: http(s)
 * only, scheme and host lower-case (URL does that, and turns an IDN host into punycode), no
 * default port, no user info, query or fragment, no trailing slash; the path keeps its case.
 * Throws a sentence for the author when `siteUrl` is not a web address.
 */
export function canonicalSiteUrl(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl.trim());
  } catch {
    throw new Error(`“${siteUrl}” is not a web address. Enter it like https://example.com.`);
  }
  // A static site without a web address of its own is named by its folder (`file:///…`).
  if (url.protocol === 'file:') return `file://${url.pathname.replace(/\/+$/, '')}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`“${siteUrl}” is not a web address. Enter it like https://example.com.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** `platform:canonical-site-URL[:blogId]`: how drafts name a destination on every machine. */
export function destinationKey(platform: Platform, siteUrl: string, blogId?: string): string {
  const base = `${platform}:${canonicalSiteUrl(siteUrl)}`;
  return blogId ? `${base}:${blogId}` : base;
}

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an http(s) URL');

/** A site's address: http(s), or `file:` for a static site that has none but its folder. */
const siteUrlSchema = z
  .string()
  .max(4096)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:' || protocol === 'file:';
    } catch {
      return false;
    }
  }, 'an http(s) or file URL');

const text = (max: number) => z.string().max(max);

const CAPABILITIES = [
  'drafts',
  'scheduling',
  'pendingReview',
  'privatePosts',
  'pages',
  'tags',
  'categories',
  'excerpt',
  'slug',
  'mediaUpload',
  'featuredImage',
  'canonicalUrl',
  'serverConflictDetection',
  'delete',
  'mediaLibrary',
  'remotePosts',
  'newsletter',
] as const satisfies ReadonlyArray<keyof PublisherCapabilities>;

/**
 * The account schema, strict (what Signet writes) or forgiving (what it reads back): reading, a
 * garbled setting falls back to its default and a garbled capability reads as "cannot" (the next
 * check of the site writes the real answer), so one bad value never loses the whole account.
 * Identity fields are strict either way: an entry without them is dropped on read.
 */
function accountSchemaOf(isForgiving: boolean) {
  const orDefault = <T extends z.ZodType>(schema: T, fallback: z.output<T>) =>
    isForgiving ? schema.catch(fallback) : schema;
  const capability = orDefault(z.boolean(), false);
  const snippetId = orDefault(z.string().regex(ACCOUNT_ID).optional(), undefined);
  const capabilities = z.object(
    Object.fromEntries(CAPABILITIES.map((name) => [name, capability])) as Record<
      keyof PublisherCapabilities,
      typeof capability
    >,
  );
  const settings = orDefault(
    z.object({
      contentFormat: orDefault(z.enum(['blocks', 'classic']), DEFAULT_ACCOUNT_SETTINGS.contentFormat),
      maxImageWidth: orDefault(z.number().int().min(320).max(10_000), DEFAULT_MAX_IMAGE_WIDTH),
      headerSnippetId: snippetId,
      footerSnippetId: snippetId,
      mediaAccountId: snippetId,
    }),
    { ...DEFAULT_ACCOUNT_SETTINGS },
  );
  return z.object({
    id: z.string().regex(ACCOUNT_ID),
    platform: z.enum(PLATFORMS),
    destinationKey: text(2200).min(1),
    siteUrl: siteUrlSchema,
    siteName: text(500),
    userLogin: text(200).min(1),
    userName: text(500),
    api: z.object({
      transport: z.enum(API_TRANSPORTS),
      restRoot: httpUrl.optional(),
      xmlrpcUrl: httpUrl.optional(),
      blogId: text(64).min(1).optional(),
      endpoint: httpUrl.optional(),
      mediaEndpoint: httpUrl.optional(),
      tokenEndpoint: httpUrl.optional(),
      authorizationEndpoint: httpUrl.optional(),
      clientId: text(500).min(1).optional(),
      folder: text(4096).min(1).optional(),
      generator: z.enum(SITE_GENERATORS).optional(),
    }),
    timeZone: text(100),
    capabilities,
    settings,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  }) satisfies z.ZodType<Account>;
}

/** What `AccountStore` writes: every field must be valid. */
export const accountSchema = accountSchemaOf(false);

/** One stored account, read back (see `accountSchemaOf`). */
export const storedAccountSchema = accountSchemaOf(true);

/**
 * The stored list (`SettingsData.accounts`). Entries are checked one by one with
 * `storedAccountSchema`, so one bad entry never hides the others.
 */
export const storedAccountsSchema = z.array(z.unknown());
