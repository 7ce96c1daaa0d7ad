/**
 * The shape of one publishing platform. Each platform is one folder under electron/publishing/
 * that exports a `PlatformDefinition`; `registry.ts` lists them, one line each. Everything else
 * (PublishingService, the outbox, the renderer) branches on the definition's fields and on
 * `capabilities`, never on a platform's name.
 */
import type { Account, NewAccount } from '../accounts/types';
import type { Logger } from '../ports';
import type { FetchPort } from './http/HttpClient';
import type { PlatformId, PublisherCapabilities, Publisher } from './types';

/** How a post's body is written for this platform (options of the composer). */
export interface BodyFormat {
  /** `gutenberg`: WordPress block markup; `html`: clean HTML; `markdown`: Markdown (static sites). */
  format: 'gutenberg' | 'html' | 'markdown';
  /** How a read-more break is written: WordPress's `<!--more-->`, Ghost's, or left out. */
  readMore: 'wordpress' | 'none';
  /** How a YouTube/Vimeo/tweet embed is written: a WordPress embed block, a Ghost embed card, or a plain link. */
  embeds: 'wordpress' | 'ghost' | 'link';
}

/** What a platform's code gets from the app. */
export interface PlatformDeps {
  fetch: FetchPort;
  /** Time limit of one request (tests shorten it). */
  timeoutMs?: number;
  log: Logger;
  clock: () => Date;
  /** Opens a URL in the system browser (OAuth / IndieAuth sign-in). */
  openExternal(url: string): Promise<void>;
  /** Signet's data folder (the static-site default destination lives in it). */
  dataDir: string;
  /** Stores a renewed secret (a rotated refresh token) for the account in the vault. */
  saveSecret?(accountId: string, secret: string): Promise<void>;
}

/**
 * A verified sign-in, not stored yet: the author picks which blogs become accounts. The secret
 * lives only in main-process memory until `addAccounts` stores it in the vault.
 */
export interface PendingConnection {
  siteUrl: string;
  siteName: string;
  userLogin: string;
  userName: string;
  /** What goes into the vault for each chosen blog (a key, a refresh token, a JSON of several). */
  secret: string;
  /** One or more blogs this login can publish to, each ready to be stored. */
  blogs: Array<{ blogId: string; name: string; url: string; account: NewAccount }>;
}

/** Fields the author fills in to connect an account, by kind of sign-in. */
export type ConnectInput =
  | { kind: 'api-key'; siteUrl: string; apiKey: string }
  | { kind: 'oauth'; clientId: string; clientSecret?: string }
  | { kind: 'indieauth'; me: string }
  | { kind: 'folder'; folder: string; generator?: 'hugo' | 'jekyll' | 'eleventy' };

export interface PlatformDefinition {
  id: PlatformId;
  /** The platform's name as the author knows it: "Ghost". */
  name: string;
  /**
   * How the author connects: WordPress has its own flows (application password, the blog's
   * authorize page, multisite); the others take one `ConnectInput` of this kind.
   */
  connect: 'wordpress' | ConnectInput['kind'];
  /** What every account of this platform can do (an account stores its own copy). */
  capabilities: PublisherCapabilities;
  /** How the body is written for an account. */
  body(account: Account): BodyFormat;
  /** Verifies the sign-in and lists the blogs it can publish to. Not for `connect: 'wordpress'`. */
  signIn?(input: ConnectInput, deps: PlatformDeps): Promise<PendingConnection>;
  /** The publisher for a stored account and its secret (empty when the platform needs none). */
  createPublisher(account: Account, secret: string, deps: PlatformDeps): Promise<Publisher>;
}
