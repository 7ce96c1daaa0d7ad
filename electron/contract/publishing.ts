/**
 * Accounts and publishing as the renderer sees them. Never a secret: the renderer learns only
 * `hasCredential`.
 */

/** Every platform Signet publishes to; each is one folder under electron/publishing/. */
export type PlatformId = 'wordpress' | 'ghost' | 'blogger' | 'micropub' | 'static-site';

/** Signet's post statuses; each platform maps them to its own. */
export type PublishStatus = 'draft' | 'pending' | 'private' | 'publish' | 'future';

export type PostType = 'post' | 'page';

/** What a destination can do. The UI branches on these, never on a platform's name. */
export interface PublisherCapabilities {
  /** Can keep a post as a draft on the server. */
  drafts: boolean;
  /** Can hold a post until a future date (otherwise Signet publishes on time itself). */
  scheduling: boolean;
  pendingReview: boolean;
  privatePosts: boolean;
  pages: boolean;
  tags: boolean;
  categories: boolean;
  excerpt: boolean;
  slug: boolean;
  mediaUpload: boolean;
  featuredImage: boolean;
  canonicalUrl: boolean;
  /** The server itself refuses a stale update (otherwise Signet compares modification times). */
  serverConflictDetection: boolean;
  delete: boolean;
  /** Lists the blog's uploaded media, so a post can reuse them. */
  mediaLibrary: boolean;
  /** Lists the blog's posts, so one can be opened as a draft. */
  remotePosts: boolean;
  /** Can email a published post to the blog's newsletter subscribers (only when the author asks). */
  newsletter: boolean;
}

export interface AccountSettings {
  /** WordPress: block markup (opens as blocks in the block editor) or classic HTML. */
  contentFormat: 'blocks' | 'classic';
  /** Images wider than this are scaled down before upload (originals stay in the draft). */
  maxImageWidth: number;
  /** A library snippet added above every post published here (unless switched off for a post). */
  headerSnippetId?: string;
  /** A library snippet added below every post published here (unless switched off for a post). */
  footerSnippetId?: string;
  /** A platform without media upload (Blogger): the account whose media library stores its images. */
  mediaAccountId?: string;
}

/** A blog account, without its secret. */
export interface AccountSummary {
  id: string;
  platform: PlatformId;
  /** `platform:canonical-site-URL[:blogId]`, the same on every machine. */
  destinationKey: string;
  siteUrl: string;
  siteName: string;
  userLogin: string;
  userName: string;
  /** WordPress: `rest` or `xmlrpc`; other platforms: `api`, or `folder` for a static site. */
  transport: 'rest' | 'xmlrpc' | 'api' | 'folder';
  /** IANA zone or a fixed offset like `+02:00`. */
  timeZone: string;
  capabilities: PublisherCapabilities;
  settings: AccountSettings;
  hasCredential: boolean;
  createdAt: string;
}

/** What Signet found at a URL the author typed. */
export interface SiteDiscovery {
  siteUrl: string;
  name: string;
  hasRest: boolean;
  hasXmlRpc: boolean;
  applicationPasswords: boolean;
  /** The site offers WordPress's "authorize application" page. */
  canAuthorizeInBrowser: boolean;
}

/** A verified sign-in, not stored yet: the author picks which blogs to add. */
export interface SignInResult {
  sessionId: string;
  siteUrl: string;
  siteName: string;
  userLogin: string;
  userName: string;
  /** More than one for a multisite login; the first is the site signed in to. */
  blogs: Array<{ blogId: string; name: string; url: string }>;
}

export interface VaultStatus {
  available: boolean;
  /** e.g. `gnome_libsecret`, `keychain`, `dpapi`, `basic_text`, `file-key`. */
  backend: string;
  /** No real protection (Linux without a keyring): Signet asks before storing. */
  isWeak: boolean;
  hasConsent: boolean;
  message?: string;
}

export interface PublishOptions {
  accountId: string;
  postType: PostType;
  status: PublishStatus;
  /** ISO date-time, for `future`. */
  scheduledAt?: string;
  tags: string[];
  categories: string[];
  excerpt?: string;
  slug?: string;
  /** Asset file name in the draft's folder. */
  featuredImage?: string;
  /** Add the account's header snippet; default true. */
  useHeader?: boolean;
  /** Add the account's footer snippet; default true. */
  useFooter?: boolean;
  /**
   * A syndicated copy: the account whose post is the original. The copy is sent after the original
   * has its permalink, with the canonical URL pointing at it where the platform has the field, and
   * `{{original.url}}` filled in for snippets ("Link to original post").
   */
  canonicalFrom?: string;
  /**
   * A blog with `capabilities.newsletter`: the newsletter (its slug) that emails the post to its
   * subscribers when it is published. Absent: no email, ever.
   */
  newsletter?: string;
}

/** A platform Signet can publish to, as the "Add account" screen offers it. */
export interface PlatformInfo {
  id: PlatformId;
  name: string;
  /** Which sign-in form to show. */
  connect: 'wordpress' | 'api-key' | 'oauth' | 'indieauth' | 'folder';
  capabilities: PublisherCapabilities;
}

/** What the author fills in to connect an account of a platform other than WordPress. */
export type ConnectAccountInput =
  | { platform: PlatformId; kind: 'api-key'; siteUrl: string; apiKey: string }
  | { platform: PlatformId; kind: 'oauth'; clientId: string; clientSecret?: string }
  | { platform: PlatformId; kind: 'indieauth'; me: string }
  | { platform: PlatformId; kind: 'folder'; folder: string; generator?: 'hugo' | 'jekyll' | 'eleventy' };

/** Where one draft stands on one destination. */
export interface DestinationStatus {
  destinationKey: string;
  /** The account on this computer for that destination (none: the account was removed). */
  accountId?: string;
  siteName: string;
  platform?: PlatformId;
  role: 'primary' | 'copy' | 'single';
  /**
   * `sent`: the blog has the current text; `outOfDate`: the draft changed after it was sent;
   * `queued`/`sending`: an outbox job is on its way; `failed`: the last job stopped (see `message`);
   * `notSent`: chosen as a target but never sent.
   */
  state: 'sent' | 'outOfDate' | 'queued' | 'sending' | 'failed' | 'notSent';
  message?: string;
  permalink?: string;
  publishedAt?: string;
  /** The choices of the last publish, to send it again as it was. */
  lastOptions?: Omit<PublishOptions, 'accountId'>;
}

/** The original and each copy after the first attempt. */
export interface SyndicateResult {
  primary: PublishOutcome;
  copies: Array<{ accountId: string; outcome?: PublishOutcome; error?: { code: string; message: string } }>;
}

export interface ComposeWarning {
  code: string;
  message: string;
}

/** Exactly what would be sent. */
export interface PublishPreview {
  title: string;
  /**
   * The body as HTML to show (image URLs of not-yet-uploaded images are local): what the
   * destination receives, or for a Markdown destination (a static site) that Markdown as HTML.
   */
  html: string;
  /** What a Markdown destination receives, for "Show Markdown" (absent: `html` is what it gets). */
  markdown?: string;
  warnings: ComposeWarning[];
  /** How many of the draft's images still have to be uploaded to this destination. */
  imagesToUpload: number;
  /** The draft is already on this destination: publishing updates it. */
  isUpdate: boolean;
  permalink?: string;
  /** The account's header and footer snippets, and whether this post gets them. */
  header?: { snippetId: string; name: string; included: boolean };
  footer?: { snippetId: string; name: string; included: boolean };
}

/** The other side of a publish conflict: what the server has now. */
export interface ServerVersion {
  title: string;
  modifiedGmt: string;
  /** Plain text of the server's content, for a side-by-side view. */
  text: string;
}

/**
 * The blog or the network could not take it now: the request is an outbox job that Signet sends
 * again by itself (see `listOutbox`, `outboxChanged`).
 */
export interface QueuedOutcome {
  kind: 'queued';
  jobId: string;
  /** Why it is waiting, and that Signet will try again. */
  message: string;
  /** ISO: the next attempt. */
  nextAttemptAt?: string;
}

export type PublishOutcome =
  | { kind: 'published'; remoteId: string; permalink: string; status: PublishStatus; modifiedGmt: string }
  | QueuedOutcome
  /** Nothing was sent: the post changed on the blog since Signet last saw it. */
  | { kind: 'conflict'; server: ServerVersion; localText: string }
  /** The blog's version became the draft's text; the author's version is kept as a revision. */
  | { kind: 'tookServerVersion'; modifiedGmt: string };

export interface RemotePostSummary {
  remoteId: string;
  type: PostType;
  title: string;
  status: PublishStatus | 'trash';
  dateGmt: string | null;
  modifiedGmt: string;
  permalink: string;
  /** A local draft already linked to this post. */
  draftId?: string;
}

export interface RemoteMediaItem {
  remoteId: string;
  url: string;
  altText: string;
  title: string;
  width?: number;
  height?: number;
}

export interface RemoteTermItem {
  id: string;
  name: string;
}

export interface PublishProgress {
  draftId: string;
  accountId: string;
  step: 'compose' | 'upload' | 'terms' | 'send' | 'done' | 'failed';
  message: string;
  done: number;
  total: number;
}
