/**
 * Accounts and publishing, end to end: discovery, sign-in (pasted application password or the
 * blog's "authorize application" page), the account list, and publishing a draft — images
 * uploaded once per destination, the post created or updated, the remote identity kept in the
 * draft file. Plain Node: runs in Electron, in the web host and in tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import type {
  AccountSummary,
  ConnectAccountInput,
  DestinationState,
  DestinationStatus,
  OutboxJobSummary,
  PlatformInfo,
  Draft,
  EventMap,
  EventName,
  PublishOptions,
  PublishOutcome,
  PublishPreview,
  PublishProgress,
  PublishStatus,
  RemoteMediaItem,
  RemotePostSummary,
  RemoteTermItem,
  ReapplyResult,
  RenderedSnippet,
  SignInResult,
  SnippetUse,
  SiteDiscovery,
  VaultStatus,
} from '../contract';
import { AccountStore } from '../accounts/AccountStore';
import { destinationKey, type Account } from '../accounts/types';
import { hasWeakVaultConsent, setWeakVaultConsent, type SecretVault } from '../accounts/vault';
import { AppError } from '../dispatcher';
import { imageMimeType } from '../drafts/assets';
import type { DraftStore } from '../drafts/DraftStore';
import { plainTextOf } from '../contract/plainText';
import type { Logger, SettingsPort } from '../ports';
import { SnippetStore } from '../snippets/SnippetStore';
import { composeHtml } from './compose/compose';
import { composeMarkdown, importMarkdown } from './compose/markdown';
import type { ConnectInput, PendingConnection, PlatformDefinition, PlatformDeps } from './platform';
import { listPlatforms, platformOf } from './registry';
import { prepareDefaultSite, prepareSiteFolder, staticSitePlatform } from './static-site/platform';
import { importHtml } from './compose/importHtml';
import { PublishError } from './http/PublishError';
import { scaleImageToWidth } from './media/scaleImage';
import { PostSnippets } from './postSnippets';
import { SnippetTemplateError } from './compose/snippets';
import {
  journalHash,
  lookupSince,
  normalizeForCompare,
  pickLostMedia,
  pickLostPost,
  postHash,
} from './journal';
import {
  NO_JOURNAL,
  type JournalStep,
  type OutgoingPost,
  type PostType,
  type PlatformId,
  type Publisher,
  type PublishJournal,
  type RemotePost,
} from './types';
import { buildAuthorizeUrl, newAuthorizeState, parseAuthorizeCallback } from './wordpress/authorize';
import { createWordPressPublisher } from './wordpress/createWordPressPublisher';
import { discoverWordPress } from './wordpress/discover';
import { termKey } from './wordpress/wpText';
import type { WordPressBlog, WordPressSite } from './wordpress/types';
import { t } from '../contract/i18n';

export interface PublishingServiceOptions {
  drafts: DraftStore;
  settings: SettingsPort;
  vault: SecretVault;
  fetch: typeof fetch;
  authCallbackUrl: string;
  /** Where the renderer finds draft images (for the preview of images not uploaded yet). */
  assetBaseUrl: string;
  openExternal(url: string): Promise<void>;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  log: Logger;
  clock?: () => Date;
  /** The snippet library (default: the one in `settings`). */
  snippets?: SnippetStore;
  /** Time limit of one request to a blog (default 30 s; uploads get more). Tests shorten it. */
  httpTimeoutMs?: number;
  /** Signet's data folder (the built-in static-site destination lives in it). */
  dataDir: string;
  /**
   * Platforms to use instead of the registry's (tests point Blogger and Micropub at their strict
   * fakes this way); the others come from the registry.
   */
  platforms?: Partial<Record<PlatformId, PlatformDefinition>>;
}

/** A verified login waiting for the author to pick blogs; the secret lives only in memory. */
interface SignInSession {
  secret: string;
  site: WordPressSite;
  userLogin: string;
  userName: string;
  blogs: WordPressBlog[];
  transport: 'rest' | 'xmlrpc';
  expiresAt: number;
}

const SESSION_TTL_MS = 15 * 60_000;

export class PublishingService {
  readonly accounts: AccountStore;
  private readonly sessions = new Map<string, SignInSession>();
  /** Verified sign-ins of other platforms, waiting for the author to pick blogs. */
  private readonly pending = new Map<
    string,
    { connection: PendingConnection; platform: PlatformId; expiresAt: number }
  >();
  private readonly authorizeRequests = new Map<string, { siteUrl: string; expiresAt: number }>();
  private readonly clock: () => Date;
  private readonly postSnippets: PostSnippets;
  /**
   * How `reapplySnippet` publishes each post: through the outbox in the app (set by createApp),
   * directly otherwise.
   */
  republish:
    ((draftId: string, options: PublishOptions, onConflict: 'ask') => Promise<PublishOutcome>) | null = null;
  private readonly snippets: SnippetStore;
  /** What lookups after an unclear request found (the fault tests print it). */
  readonly recovered = { creates: 0, uploads: 0, updates: 0, deletes: 0 };

  constructor(private readonly options: PublishingServiceOptions) {
    this.accounts = new AccountStore({
      settings: options.settings,
      vault: options.vault,
      log: options.log,
      capabilityDefaults: (platform) =>
        (listPlatforms().some((p) => p.id === platform) ? this.platform(platform as PlatformId) : undefined)
          ?.capabilities,
    });
    this.clock = options.clock ?? (() => new Date());
    this.snippets = options.snippets ?? new SnippetStore({ settings: options.settings, clock: this.clock });
    this.postSnippets = new PostSnippets(this.snippets, this.clock);
  }

  // -------------------------------------------------------------------------------------------
  // Secrets

  async vaultStatus(): Promise<VaultStatus> {
    return { ...(await this.options.vault.status()), hasConsent: hasWeakVaultConsent(this.options.settings) };
  }

  async allowWeakVault(): Promise<VaultStatus> {
    setWeakVaultConsent(this.options.settings, true);
    return this.vaultStatus();
  }

  // -------------------------------------------------------------------------------------------
  // Accounts

  async listAccounts(): Promise<AccountSummary[]> {
    return (await this.accounts.summaries()).map(toContractSummary);
  }

  async discover(url: string): Promise<SiteDiscovery> {
    const site = await discoverWordPress(url, this.options.fetch);
    return {
      siteUrl: site.siteUrl,
      name: site.name,
      hasRest: site.restRoot !== null,
      hasXmlRpc: site.xmlrpcUrl !== null,
      applicationPasswords: site.applicationPasswords,
      canAuthorizeInBrowser: site.authorizeUrl !== null,
    };
  }

  /** Verifies the login; nothing is stored until `addAccounts`. */
  async signIn(url: string, userLogin: string, secret: string): Promise<SignInResult> {
    const site = await discoverWordPress(url, this.options.fetch);
    const publisher = await createWordPressPublisher(
      {
        siteUrl: site.siteUrl,
        userLogin,
        transport: 'auto',
        restRoot: site.restRoot,
        xmlrpcUrl: site.xmlrpcUrl,
        timeZone: site.timeZone,
        applicationPasswords: site.applicationPasswords,
        ...this.timeout(),
      },
      secret,
      this.options.fetch,
    );
    const identity = await publisher.verify();
    let blogs: WordPressBlog[] = [];
    try {
      blogs = await publisher.listUsersBlogs();
    } catch {
      // REST alone knows only this blog; that is enough.
    }
    const self: WordPressBlog = {
      blogId: '1',
      name: identity.name || site.name,
      url: site.siteUrl,
      xmlrpcUrl: site.xmlrpcUrl ?? '',
      isAdmin: false,
    };
    const sameSite = (b: WordPressBlog) => canonical(b.url) === canonical(site.siteUrl);
    const ordered = [blogs.find(sameSite) ?? self, ...blogs.filter((b) => !sameSite(b))];
    const sessionId = randomBytes(12).toString('base64url');
    this.sweepSessions();
    this.sessions.set(sessionId, {
      secret,
      site: { ...site, timeZone: identity.timeZone || site.timeZone },
      userLogin,
      userName: identity.userName || userLogin,
      blogs: ordered,
      transport: publisher.transport,
      expiresAt: Date.now() + SESSION_TTL_MS,
    });
    return {
      sessionId,
      siteUrl: site.siteUrl,
      siteName: identity.name || site.name,
      userLogin,
      userName: identity.userName || userLogin,
      blogs: ordered.map((b) => ({ blogId: b.blogId, name: b.name, url: b.url })),
    };
  }

  /** Opens the blog's "authorize application" page; `handleAuthCallback` finishes the sign-in. */
  async startBrowserSignIn(url: string): Promise<{ opened: boolean }> {
    const site = await discoverWordPress(url, this.options.fetch);
    if (!site.authorizeUrl) {
      throw new AppError('REMOTE_ERROR', t('error.publishing.noBrowserSignIn', { site: site.name }));
    }
    const state = newAuthorizeState();
    this.authorizeRequests.set(state, { siteUrl: site.siteUrl, expiresAt: Date.now() + SESSION_TTL_MS });
    // WordPress refuses a second application password with the same name ("Each application name
    // should be unique"), so each sign-in names its own: this computer and the time.
    const appName = `Signet (${os.hostname()}, ${this.clock().toISOString().slice(0, 19).replace('T', ' ')})`;
    await this.options.openExternal(
      buildAuthorizeUrl({
        authorizeUrl: site.authorizeUrl,
        callbackUrl: this.options.authCallbackUrl,
        state,
        appName,
      }),
    );
    return { opened: true };
  }

  /** The blog sent the author back (signet:// or the host's loopback route). */
  async handleAuthCallback(url: string): Promise<boolean> {
    let state: string | null;
    try {
      state = new URL(url).searchParams.get('state');
    } catch {
      state = null;
    }
    const request = state ? this.authorizeRequests.get(state) : undefined;
    if (!state || !request || request.expiresAt < Date.now()) {
      this.options.emit('signInCompleted', {
        error: {
          code: 'BAD_REQUEST',
          message: t('error.publishing.unknownSignInLink'),
        },
      });
      return false;
    }
    this.authorizeRequests.delete(state);
    const parsed = parseAuthorizeCallback(url, { state, siteUrl: request.siteUrl });
    if (parsed.outcome !== 'approved') {
      this.options.emit('signInCompleted', { error: { code: 'AUTH_FAILED', message: parsed.message } });
      return false;
    }
    try {
      const result = await this.signIn(parsed.siteUrl, parsed.userLogin, parsed.password);
      this.options.emit('signInCompleted', { result });
      return true;
    } catch (error) {
      const mapped = toAppError(error);
      this.options.emit('signInCompleted', {
        error: {
          code: mapped?.code ?? 'INTERNAL',
          message: mapped?.message ?? t('error.publishing.signInFailed'),
        },
      });
      return false;
    }
  }

  /**
   * The destination a new user can publish to at once: a Hugo-layout site in the data folder,
   * added as an account the first time Signet starts (once: an author who removes it keeps it removed).
   * The first run (electron/onboarding/) passes its own folder, `Signet Site` in the documents folder.
   */
  async ensureDefaultSite(siteFolder?: string): Promise<void> {
    if (this.options.settings.get('defaultSiteAdded')) return;
    const folder =
      siteFolder === undefined
        ? await prepareDefaultSite(this.options.dataDir)
        : await prepareSiteFolder(siteFolder);
    const connection = await staticSitePlatform.signIn!({ kind: 'folder', folder }, this.platformDeps());
    const blog = connection.blogs[0];
    if (
      blog &&
      !this.accounts
        .list()
        .some((a) => a.destinationKey === destinationKey('static-site', blog.account.siteUrl))
    ) {
      await this.accounts.add({ ...blog.account, siteName: 'My Signet site (on this computer)' }, null);
    }
    this.options.settings.set('defaultSiteAdded', true);
  }

  /** Every platform this build publishes to, as the "Add account" screen offers them. */
  listPlatforms(): PlatformInfo[] {
    return listPlatforms()
      .map((p) => this.platform(p.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        connect: p.connect,
        capabilities: p.capabilities,
      }));
  }

  /**
   * Connects an account of a platform other than WordPress. A key or a folder is checked at once;
   * a sign-in in the browser answers `waitingForBrowser` and ends with `signInCompleted`.
   */
  async connectAccount(input: ConnectAccountInput): Promise<SignInResult | { waitingForBrowser: true }> {
    const platform = this.platform(input.platform);
    if (!platform.signIn || platform.connect !== input.kind) {
      throw new AppError('BAD_REQUEST', t('error.publishing.wrongSignIn', { platform: platform.name }));
    }
    const { platform: id, ...fields } = input;
    const connect = async () => {
      const connection = await platform.signIn!(fields as ConnectInput, this.platformDeps());
      return this.holdPending(id, connection);
    };
    if (input.kind === 'oauth' || input.kind === 'indieauth') {
      connect().then(
        (result) => this.options.emit('signInCompleted', { result }),
        (error: unknown) => {
          const mapped = toAppError(error);
          this.options.log.warn('A browser sign-in did not finish', { platform: id, code: mapped?.code });
          this.options.emit('signInCompleted', {
            error: {
              code: mapped?.code ?? 'INTERNAL',
              message: mapped?.message ?? t('error.publishing.signInToFailed', { platform: platform.name }),
            },
          });
        },
      );
      return { waitingForBrowser: true };
    }
    return connect();
  }

  private holdPending(platform: PlatformId, connection: PendingConnection): SignInResult {
    const sessionId = randomBytes(12).toString('base64url');
    this.sweepSessions();
    this.pending.set(sessionId, { connection, platform, expiresAt: Date.now() + SESSION_TTL_MS });
    return {
      sessionId,
      siteUrl: connection.siteUrl,
      siteName: connection.siteName,
      userLogin: connection.userLogin,
      userName: connection.userName,
      blogs: connection.blogs.map((b) => ({ blogId: b.blogId, name: b.name, url: b.url })),
    };
  }

  private async addPending(sessionId: string, blogIds: string[]): Promise<AccountSummary[]> {
    const held = this.pending.get(sessionId)!;
    if (held.expiresAt < Date.now()) {
      this.pending.delete(sessionId);
      throw new AppError('NOT_FOUND', t('error.publishing.signInExpired'));
    }
    const needsSecret = this.platform(held.platform).connect !== 'folder';
    for (const blogId of blogIds) {
      const blog = held.connection.blogs.find((b) => b.blogId === blogId);
      if (!blog) throw new AppError('BAD_REQUEST', t('error.publishing.blogNotInSignIn'));
      await this.accounts.add(blog.account, needsSecret ? held.connection.secret : null);
    }
    this.pending.delete(sessionId);
    const all = await this.listAccounts();
    this.options.emit('accountsChanged', { accounts: all });
    return all;
  }

  async addAccounts(sessionId: string, blogIds: string[]): Promise<AccountSummary[]> {
    if (this.pending.has(sessionId)) return this.addPending(sessionId, blogIds);
    const session = this.sessions.get(sessionId);
    if (!session || session.expiresAt < Date.now()) {
      throw new AppError('NOT_FOUND', t('error.publishing.signInExpired'));
    }
    for (const blogId of blogIds) {
      const blog = session.blogs.find((b) => b.blogId === blogId);
      if (!blog) throw new AppError('BAD_REQUEST', t('error.publishing.blogNotInSignIn'));
      const isMain = canonical(blog.url) === canonical(session.site.siteUrl);
      // Another blog of a multisite network has its own REST root and time zone: discover it, and
      // use REST there too when the sign-in did. Without discovery, XML-RPC at the blog's endpoint.
      const other = isMain ? null : await this.discoverBlog(blog.url);
      const restRoot = isMain ? session.site.restRoot : (other?.restRoot ?? null);
      const transport = isMain
        ? session.transport
        : session.transport === 'rest' && restRoot
          ? 'rest'
          : 'xmlrpc';
      const xmlrpcUrl = blog.xmlrpcUrl || other?.xmlrpcUrl || session.site.xmlrpcUrl;
      // Blog 1 is a single site or a network's main site; every other blog is named by its id too,
      // whichever blog the author signed in at, so a draft names the same destination everywhere.
      const keyBlogId = blog.blogId && blog.blogId !== '1' ? blog.blogId : undefined;
      const publisher = await createWordPressPublisher(
        {
          siteUrl: blog.url,
          userLogin: session.userLogin,
          transport,
          restRoot,
          xmlrpcUrl,
          blogId: blog.blogId,
          timeZone: other?.timeZone ?? null,
          ...this.timeout(),
        },
        session.secret,
        this.options.fetch,
      );
      const timeZone = isMain ? session.site.timeZone : (await publisher.verify()).timeZone;
      await this.accounts.add(
        {
          platform: 'wordpress',
          siteUrl: blog.url,
          siteName: blog.name,
          userLogin: session.userLogin,
          userName: session.userName,
          api: {
            transport,
            ...(restRoot ? { restRoot } : {}),
            ...(xmlrpcUrl ? { xmlrpcUrl } : {}),
            ...(keyBlogId ? { blogId: keyBlogId } : {}),
          },
          timeZone: timeZone ?? 'UTC',
          capabilities: publisher.capabilities,
        },
        session.secret,
      );
    }
    this.sessions.delete(sessionId);
    const all = await this.listAccounts();
    this.options.emit('accountsChanged', { accounts: all });
    return all;
  }

  async removeAccount(id: string): Promise<void> {
    await this.accounts.remove(id);
    this.options.emit('accountsChanged', { accounts: await this.listAccounts() });
  }

  async updateAccountSettings(
    id: string,
    patch: {
      contentFormat?: 'blocks' | 'classic';
      maxImageWidth?: number;
      headerSnippetId?: string | null;
      footerSnippetId?: string | null;
      mediaAccountId?: string | null;
    },
  ): Promise<AccountSummary> {
    const current = this.account(id);
    const settings = { ...current.settings };
    if (patch.contentFormat !== undefined) settings.contentFormat = patch.contentFormat;
    if (patch.maxImageWidth !== undefined) settings.maxImageWidth = patch.maxImageWidth;
    for (const key of ['headerSnippetId', 'footerSnippetId'] as const) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value !== null && !this.snippets.get(value))
        throw new AppError('NOT_FOUND', t('error.snippets.gone'));
      if (value === null) delete settings[key];
      else settings[key] = value;
    }
    if (patch.mediaAccountId !== undefined) {
      if (patch.mediaAccountId === null) delete settings.mediaAccountId;
      else {
        const host = this.accounts.get(patch.mediaAccountId);
        if (!host || host.id === id || !host.capabilities.mediaUpload)
          throw new AppError('BAD_REQUEST', t('error.publishing.mediaHostNeeded'));
        settings.mediaAccountId = host.id;
      }
    }
    this.accounts.update(id, { settings });
    const updated = (await this.listAccounts()).find((a) => a.id === id);
    if (!updated) throw new AppError('NOT_FOUND', t('error.publishing.accountGone'));
    return updated;
  }

  // -------------------------------------------------------------------------------------------
  // The blog's content

  async searchTerms(
    accountId: string,
    taxonomy: 'tags' | 'categories',
    search: string,
  ): Promise<RemoteTermItem[]> {
    const { publisher } = await this.publisherFor(accountId);
    return (await publisher.searchTerms(taxonomy, search)).map((t) => ({ id: t.id, name: t.name }));
  }

  async listRemotePosts(
    accountId: string,
    query: { type: PostType; page: number; search?: string; status?: PublishOptions['status'][] },
  ): Promise<{ items: RemotePostSummary[]; total: number; totalPages: number }> {
    const { publisher, account } = await this.publisherFor(accountId);
    const page = await publisher.listPosts({ ...query, perPage: 20 });
    const linked = this.linkedDrafts(account.destinationKey);
    return {
      total: page.total,
      totalPages: page.totalPages,
      items: page.items.map((post) => ({
        remoteId: post.remoteId,
        type: post.type,
        title: post.title,
        status: post.status,
        dateGmt: post.dateGmt,
        modifiedGmt: post.modifiedGmt,
        permalink: post.permalink,
        ...(linked.has(post.remoteId) ? { draftId: linked.get(post.remoteId)! } : {}),
      })),
    };
  }

  /** A blog post as a draft linked to it; an already linked draft is returned instead of a copy. */
  async openRemotePost(accountId: string, type: PostType, remoteId: string): Promise<Draft> {
    const { publisher, account } = await this.publisherFor(accountId);
    const existing = this.linkedDrafts(account.destinationKey).get(remoteId);
    if (existing) return this.options.drafts.get(existing);
    const post = await publisher.getPost(remoteId, type);
    return this.options.drafts.create({
      title: post.title,
      editorState: this.importBody(account, post.content),
      meta: {
        tags: post.tags,
        categories: post.categories,
        ...(post.excerpt ? { excerpt: post.excerpt } : {}),
        ...(post.slug ? { slug: post.slug } : {}),
      },
      destinations: { [account.destinationKey]: destinationFrom(post, undefined) },
    });
  }

  /**
   * Removes the draft's post from the blog (to its trash, or for good with `force`) and forgets the
   * link. With the outbox's journal, a removal whose answer was lost is checked on the blog first.
   */
  async deleteRemotePost(
    draftId: string,
    accountId: string,
    force: boolean,
    journal: PublishJournal = NO_JOURNAL,
  ): Promise<void> {
    const { publisher, account } = await this.publisherFor(accountId);
    const draft = await this.options.drafts.get(draftId);
    const dest = draft.destinations[account.destinationKey];
    const unclear = journal.unclear?.step === 'delete' ? journal.unclear : undefined;
    if (!dest?.remoteId) {
      // The removal was stored before the app stopped: it is done.
      if (unclear) return journal.settle();
      throw new AppError('NOT_FOUND', t('error.publishing.notOnBlog'));
    }
    const type = dest.type ?? 'post';
    let happened = false;
    if (unclear && unclear.remoteId === dest.remoteId) {
      try {
        const server = await publisher.getPost(dest.remoteId, type);
        happened = server.status === 'trash' && !force;
      } catch (error) {
        if (!(error instanceof PublishError && error.code === 'NOT_FOUND')) throw error;
        happened = true;
      }
      if (happened) this.recovered.deletes++;
      this.options.log.info('outbox: an unclear removal was checked on the blog', { draftId, happened });
    }
    if (!happened) {
      await journal.begin({ step: 'delete', startedAt: this.nowIso(), remoteId: dest.remoteId });
      await publisher.deletePost(dest.remoteId, type, { force });
    }
    await this.options.drafts.updatePublishState(draftId, (d) => {
      const destinations = { ...d.destinations };
      delete destinations[account.destinationKey];
      return { meta: d.meta, destinations };
    });
    await journal.settle();
  }

  async listRemoteMedia(
    accountId: string,
    query: { page: number; search?: string },
  ): Promise<{ items: RemoteMediaItem[]; totalPages: number }> {
    const { publisher } = await this.publisherFor(accountId);
    const result = await publisher.listMedia({ ...query, perPage: 30 });
    return {
      totalPages: result.totalPages,
      items: result.items
        .filter((m) => m.mimeType.startsWith('image/'))
        .map((m) => ({
          remoteId: m.remoteId,
          url: m.url,
          altText: m.altText,
          title: m.title,
          ...(m.width !== undefined ? { width: m.width } : {}),
          ...(m.height !== undefined ? { height: m.height } : {}),
        })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Destinations of one draft

  /**
   * Where the draft stands on each destination it went to or is meant for (the syndication's
   * original and copies first), from the draft file and the outbox's jobs.
   */
  async draftDestinations(draftId: string, jobs: OutboxJobSummary[]): Promise<DestinationStatus[]> {
    const draft = await this.options.drafts.get(draftId);
    const byKey = new Map(this.accounts.list().map((a) => [a.destinationKey, a]));
    const syndication = draft.meta.syndication;
    const keys = [
      ...new Set([
        ...(syndication ? [syndication.primary, ...syndication.targets] : []),
        ...Object.keys(draft.destinations),
      ]),
    ];
    return keys.map((key): DestinationStatus => {
      const account = byKey.get(key);
      const dest = draft.destinations[key];
      const role =
        syndication?.primary === key ? 'primary' : syndication?.targets.includes(key) ? 'copy' : 'single';
      const job = account
        ? jobs
            .filter((j) => j.kind === 'publish' && j.draftId === draftId && j.accountId === account.id)
            .at(-1)
        : undefined;
      const sentAt = dest?.publishedAt ? Date.parse(dest.publishedAt) : 0;
      let state: DestinationStatus['state'];
      let message: string | undefined;
      if (job && (job.state === 'queued' || job.state === 'waiting')) {
        state = 'queued';
        message = job.lastError?.message;
      } else if (job?.state === 'sending') state = 'sending';
      else if (job?.state === 'failed' && Date.parse(job.updatedAt) > sentAt) {
        state = 'failed';
        message = job.lastError?.message;
      } else if (!dest?.remoteId) state = 'notSent';
      else if (Date.parse(draft.updatedAt) > sentAt) state = 'outOfDate';
      else state = 'sent';
      return {
        destinationKey: key,
        ...(account ? { accountId: account.id, platform: account.platform } : {}),
        siteName: account?.siteName ?? siteNameOfKey(key),
        role,
        state,
        ...(message ? { message } : {}),
        ...(dest?.permalink ? { permalink: dest.permalink } : {}),
        ...(dest?.publishedAt ? { publishedAt: dest.publishedAt } : {}),
        ...(dest?.lastOptions ? { lastOptions: dest.lastOptions } : {}),
      };
    });
  }

  /** Names the original and the copies in the draft, before their jobs are made. */
  async rememberSyndication(
    draftId: string,
    primaryAccountId: string,
    copyAccountIds: string[],
  ): Promise<void> {
    const primary = this.account(primaryAccountId).destinationKey;
    const targets = copyAccountIds.map((id) => this.account(id).destinationKey).filter((k) => k !== primary);
    await this.options.drafts.updatePublishState(draftId, (d) => ({
      meta: { ...d.meta, syndication: { primary, targets: [...new Set(targets)] } },
      destinations: d.destinations,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Publishing

  async preview(draftId: string, options: PublishOptions): Promise<PublishPreview> {
    const draft = await this.options.drafts.get(draftId);
    const account = this.account(options.accountId);
    const dest = draft.destinations[account.destinationKey];
    const media = dest?.media ?? {};
    const assets = await this.localImages(draft, options);
    let imagesToUpload = 0;
    for (const asset of assets) {
      const known = media[asset.fileName];
      if (!known || known.hash !== asset.hash(account.settings.maxImageWidth)) imagesToUpload++;
    }
    const expanded = this.postSnippets.expand(draft, account, options);
    const images = (fileName: string) => {
      const known = media[fileName];
      // Not uploaded yet: the preview shows the local copy so the author sees the image.
      return known
        ? { url: known.url, remoteId: known.remoteId }
        : { url: this.previewAssetUrl(draft.id, fileName) };
    };
    const composed = this.composeFor(account, expanded.state, images);
    // A Markdown destination gets Markdown; the author still sees the post as a page would show it.
    const isMarkdown = this.platform(account.platform).body(account).format === 'markdown';
    const shown = isMarkdown
      ? composeHtml(expanded.state, { format: 'html', images, readMore: 'none', embeds: 'link' }).html
      : composed.html;
    return {
      title: draft.title,
      html: shown,
      ...(isMarkdown ? { markdown: composed.html } : {}),
      warnings: [...expanded.warnings, ...composed.warnings].map((w) => ({
        code: w.code,
        message: w.message,
      })),
      imagesToUpload,
      isUpdate: Boolean(dest?.remoteId),
      ...(dest?.permalink ? { permalink: dest.permalink } : {}),
      ...(expanded.header ? { header: expanded.header } : {}),
      ...(expanded.footer ? { footer: expanded.footer } : {}),
    };
  }

  /**
   * Publishes a draft to one account: images first (each once), then the post created or updated.
   * With the outbox's `journal`, each request that changes the blog is recorded before it is sent
   * and settled once its answer is stored in the draft; what an earlier attempt left unclear is
   * looked up on the blog first and adopted instead of being sent again.
   */
  async publish(
    draftId: string,
    options: PublishOptions,
    onConflict: 'ask' | 'overwrite' | 'takeServer',
    journal: PublishJournal = NO_JOURNAL,
  ): Promise<PublishOutcome> {
    const drafts = this.options.drafts;
    const { publisher, account } = await this.publisherFor(options.accountId);
    const key = account.destinationKey;
    const maxWidth = account.settings.maxImageWidth;
    const progress = (step: PublishProgress['step'], message: string, done: number, total: number) => {
      this.options.emit('publishProgress', { draftId, accountId: account.id, step, message, done, total });
      if (step === 'compose' || step === 'upload' || step === 'send')
        journal.progress?.(step, message, done, total);
    };

    let draft = await drafts.get(draftId);

    if (onConflict === 'takeServer') {
      const dest: DestinationState = draft.destinations[key] ?? {};
      if (!dest.remoteId) throw new AppError('NOT_FOUND', t('error.publishing.notOnBlogYet'));
      const server = await publisher.getPost(dest.remoteId, dest.type ?? options.postType);
      await drafts.replaceContent(
        draftId,
        { title: server.title, editorState: this.importBody(account, server.content) },
        'conflict',
      );
      await drafts.updatePublishState(draftId, (d) => ({
        meta: d.meta,
        destinations: { ...d.destinations, [key]: destinationFrom(server, d.destinations[key]) },
      }));
      return { kind: 'tookServerVersion', modifiedGmt: server.modifiedGmt };
    }

    // A syndicated copy links back to the original, so the original must have its address first.
    const canonicalUrl = options.canonicalFrom
      ? this.originalPermalink(draft, options.canonicalFrom)
      : undefined;

    const assets = await this.localImages(draft, options);
    const media = { ...(draft.destinations[key]?.media ?? {}) };
    // A platform without media upload (Blogger) stores images through another account's library.
    const imageHost = await this.imageHostFor(account, assets, media, maxWidth, publisher);

    // An earlier attempt sent something and never learned the outcome: look on the blog before
    // anything is sent again (and before a new step replaces the record).
    let adopted: RemotePost | null = null;
    if (journal.unclear) {
      const found = await this.resolveUnclear(journal.unclear, {
        publisher,
        key,
        draft,
        options,
        assets,
        media,
        maxWidth,
      });
      adopted = found.adopted;
      draft = found.draft;
      await journal.settle();
    }
    const dest: DestinationState = draft.destinations[key] ?? {};

    // Images: each uploaded once per destination, again only when the file (or the size limit) changed.
    const toUpload = assets.filter((a) => media[a.fileName]?.hash !== a.hash(maxWidth));
    const total = toUpload.length + 2;
    progress('compose', t('outbox.notify.progress.preparing'), 0, total);
    for (const [index, asset] of toUpload.entries()) {
      progress(
        'upload',
        t('outbox.notify.progress.uploading', { index: index + 1, total: toUpload.length }),
        index + 1,
        total,
      );
      const scaled = await scaleImageToWidth(asset.bytes, asset.mimeType, maxWidth);
      await journal.begin({ step: 'upload', fileName: asset.fileName, startedAt: this.nowIso() });
      const uploaded = await imageHost.uploadMedia({
        ...(options.slug ? { slug: options.slug } : {}),
        fileName: asset.fileName,
        mimeType: scaled.mimeType,
        bytes: scaled.bytes,
        altText: asset.altText,
      });
      media[asset.fileName] = { remoteId: uploaded.remoteId, url: uploaded.url, hash: asset.hash(maxWidth) };
      // Remember each upload at once: a failure later must not upload it again.
      draft = await drafts.updatePublishState(draftId, (d) => ({
        meta: d.meta,
        destinations: { ...d.destinations, [key]: { ...(d.destinations[key] ?? {}), media: { ...media } } },
      }));
      await journal.settle();
    }

    const composeFor = (permalink?: string) => {
      const expanded = this.postSnippets.expand(draft, account, options, permalink);
      const composed = this.composeFor(account, expanded.state, (fileName) => {
        const known = media[fileName];
        return known ? { url: known.url, remoteId: known.remoteId } : null;
      });
      return { expanded, html: composed.html };
    };
    const { expanded, html } = composeFor();
    const outgoing: OutgoingPost = {
      type: options.postType,
      title: draft.title,
      content: html,
      status: options.status,
      tags: options.postType === 'post' ? options.tags : [],
      categories: options.postType === 'post' ? options.categories : [],
      ...(options.excerpt ? { excerpt: options.excerpt } : {}),
      ...(options.slug ? { slug: options.slug } : {}),
      ...(options.status === 'future' && options.scheduledAt ? { dateGmt: options.scheduledAt } : {}),
      ...(options.featuredImage && media[options.featuredImage] && account.capabilities.featuredImage
        ? { featuredMediaId: media[options.featuredImage]!.remoteId }
        : {}),
      ...(canonicalUrl && account.capabilities.canonicalUrl ? { canonicalUrl } : {}),
      // An email goes out only when the author asked for it in this publish.
      ...(options.newsletter && account.capabilities.newsletter ? { newsletter: options.newsletter } : {}),
    };

    await drafts.snapshotRevision(draftId, 'before-publish');
    progress(
      'send',
      dest.remoteId ? t('outbox.notify.progress.updating') : t('outbox.notify.progress.publishing'),
      total - 1,
      total,
    );
    let result: RemotePost;
    try {
      if (adopted && adopted.remoteId === dest.remoteId && alreadyHolds(adopted, outgoing)) {
        // The earlier attempt's request landed with exactly this: nothing to send again.
        result = adopted;
      } else if (dest.remoteId) {
        await journal.begin({
          step: 'update',
          startedAt: this.nowIso(),
          remoteId: dest.remoteId,
          contentHash: journalHash(outgoing.title, outgoing.content),
        });
        result = await publisher.updatePost(
          dest.remoteId,
          outgoing,
          onConflict === 'overwrite' || !dest.remoteModifiedAt
            ? {}
            : { ifUnmodifiedSince: dest.remoteModifiedAt },
        );
      } else {
        await journal.begin({
          step: 'create',
          startedAt: this.nowIso(),
          title: outgoing.title,
          contentHash: journalHash(outgoing.title, outgoing.content),
        });
        result = await publisher.createPost(outgoing).catch(async (error: unknown) => {
          // Written, but part of it refused afterwards: the post exists, so keep its id.
          if (error instanceof PublishError && error.remoteId) {
            await this.rememberCreated(draftId, key, error.remoteId, outgoing.type, publisher, media);
            await journal.settle();
          }
          throw error;
        });
        // The post exists now: its id goes into the draft before anything else happens.
        draft = await drafts.updatePublishState(draftId, (d) => ({
          meta: d.meta,
          destinations: {
            ...d.destinations,
            [key]: { ...destinationFrom(result, d.destinations[key]), media },
          },
        }));
        await journal.settle();
      }
    } catch (error) {
      if (error instanceof PublishError && error.code === 'CONFLICT' && dest.remoteId) {
        // Refused before anything was written: nothing is unclear.
        await journal.settle();
        progress('failed', t('outbox.notify.progress.changedOnBlog'), total, total);
        const server = await publisher.getPost(dest.remoteId, dest.type ?? options.postType);
        return {
          kind: 'conflict',
          server: {
            title: server.title,
            modifiedGmt: server.modifiedGmt,
            text: plainTextOf(this.importBody(account, server.content)),
          },
          localText: plainTextOf(draft.editorState),
        };
      }
      progress(
        'failed',
        error instanceof Error ? error.message : t('outbox.notify.progress.failed'),
        total,
        total,
      );
      throw error;
    }

    // A snippet that shows the post's own address could not have it before the post existed:
    // now that the blog has given it one, send the content again with the address filled in.
    if (!dest.remoteId && expanded.usesPostUrl && result.permalink) {
      const second = composeFor(result.permalink);
      if (second.html !== outgoing.content) {
        outgoing.content = second.html;
        await journal.begin({
          step: 'update',
          startedAt: this.nowIso(),
          remoteId: result.remoteId,
          contentHash: journalHash(outgoing.title, outgoing.content),
        });
        result = await publisher.updatePost(result.remoteId, outgoing, {
          ifUnmodifiedSince: result.modifiedGmt,
        });
      }
    }

    const hash = createHash('sha256').update(JSON.stringify(outgoing)).digest('hex');
    await drafts.updatePublishState(draftId, (d) => ({
      meta: {
        ...d.meta,
        tags: options.tags,
        categories: options.categories,
        ...(options.excerpt !== undefined ? { excerpt: options.excerpt } : {}),
        ...(options.slug !== undefined ? { slug: options.slug } : {}),
        ...(options.featuredImage !== undefined ? { featuredImage: options.featuredImage } : {}),
        ...(options.scheduledAt !== undefined ? { scheduledAt: options.scheduledAt } : {}),
      },
      destinations: {
        ...d.destinations,
        [key]: {
          ...destinationFrom(result, d.destinations[key]),
          media,
          lastPublishedHash: hash,
          snippets: expanded.used,
          ...(expanded.header ? { header: expanded.header.included } : {}),
          ...(expanded.footer ? { footer: expanded.footer.included } : {}),
          publishedAt: this.clock().toISOString(),
          lastOptions: withoutAccount(options),
        },
      },
    }));
    await journal.settle();
    progress('done', t('outbox.notify.progress.done'), total, total);
    return {
      kind: 'published',
      remoteId: result.remoteId,
      permalink: result.permalink,
      status: result.status === 'trash' ? 'draft' : result.status,
      modifiedGmt: result.modifiedGmt,
    };
  }

  /**
   * Looks on the blog for the result of a request an earlier attempt sent without learning its
   * outcome, and records what it finds in the draft: an upload's media item, a create's post, an
   * update that landed (its modification time, so the next update is not refused as a conflict).
   */
  private async resolveUnclear(
    unclear: JournalStep,
    ctx: {
      publisher: Publisher;
      key: string;
      draft: Draft;
      options: PublishOptions;
      assets: Awaited<ReturnType<PublishingService['localImages']>>;
      media: NonNullable<DestinationState['media']>;
      maxWidth: number;
    },
  ): Promise<{ draft: Draft; adopted: RemotePost | null }> {
    const { publisher, key, options, media } = ctx;
    const drafts = this.options.drafts;
    const draftId = ctx.draft.id;
    const dest = ctx.draft.destinations[key] ?? {};
    const since = lookupSince(unclear.startedAt);
    const log = (what: string, data: Record<string, unknown>) =>
      this.options.log.info(`outbox: ${what}`, { draftId, destination: key, ...data });

    if (unclear.step === 'upload') {
      const asset = ctx.assets.find((a) => a.fileName === unclear.fileName);
      if (!asset || media[asset.fileName]?.hash === asset.hash(ctx.maxWidth))
        return { draft: ctx.draft, adopted: null };
      // A copy: the scaler may take the buffer it is given, and the upload below needs it again.
      const scaled = await scaleImageToWidth(new Uint8Array(asset.bytes), asset.mimeType, ctx.maxWidth);
      const candidates = await publisher.findRecentMedia({
        fileName: asset.fileName,
        mimeType: scaled.mimeType,
        since,
      });
      const found = pickLostMedia(
        candidates,
        { bytes: scaled.bytes.byteLength },
        { known: this.claimedMedia(key) },
      );
      log(found ? 'adopted an upload whose answer was lost' : 'an unclear upload did not happen', {
        fileName: asset.fileName,
        ...(found ? { remoteId: found.remoteId } : {}),
      });
      if (!found) return { draft: ctx.draft, adopted: null };
      this.recovered.uploads++;
      media[asset.fileName] = { remoteId: found.remoteId, url: found.url, hash: asset.hash(ctx.maxWidth) };
      const draft = await drafts.updatePublishState(draftId, (d) => ({
        meta: d.meta,
        destinations: { ...d.destinations, [key]: { ...(d.destinations[key] ?? {}), media: { ...media } } },
      }));
      return { draft, adopted: null };
    }

    if (unclear.step === 'create') {
      // Its answer was stored after all (the app stopped before the record was cleared).
      if (dest.remoteId) return { draft: ctx.draft, adopted: null };
      const candidates = await publisher.findRecentPosts({
        type: options.postType,
        since,
        ...(unclear.title.trim() ? { search: unclear.title } : {}),
      });
      const found = pickLostPost(candidates, unclear, { since, linked: this.claimedPosts(key, draftId) });
      log(found ? 'adopted a create whose answer was lost' : 'an unclear create did not happen', {
        ...(found ? { remoteId: found.remoteId } : {}),
        candidates: candidates.length,
      });
      if (!found) return { draft: ctx.draft, adopted: null };
      this.recovered.creates++;
      const draft = await drafts.updatePublishState(draftId, (d) => ({
        meta: d.meta,
        destinations: { ...d.destinations, [key]: { ...destinationFrom(found, d.destinations[key]), media } },
      }));
      return { draft, adopted: found };
    }

    if (unclear.step === 'update' && dest.remoteId === unclear.remoteId) {
      let server: RemotePost;
      try {
        server = await publisher.getPost(unclear.remoteId, dest.type ?? options.postType);
      } catch (error) {
        // Gone from the blog: the update itself will say so.
        if (error instanceof PublishError && error.code === 'NOT_FOUND')
          return { draft: ctx.draft, adopted: null };
        throw error;
      }
      const landed = postHash(server) === unclear.contentHash;
      log(landed ? 'an update whose answer was lost had landed' : 'an unclear update did not land', {
        remoteId: unclear.remoteId,
      });
      if (!landed) return { draft: ctx.draft, adopted: null };
      this.recovered.updates++;
      // What the blog holds is what this job sent: its modification time is ours, not someone else's.
      const draft = await drafts.updatePublishState(draftId, (d) => ({
        meta: d.meta,
        destinations: {
          ...d.destinations,
          [key]: { ...destinationFrom(server, d.destinations[key]), media },
        },
      }));
      return { draft, adopted: server };
    }
    return { draft: ctx.draft, adopted: null };
  }

  /** A create that wrote the post but failed afterwards: the post's id goes into the draft. */
  private async rememberCreated(
    draftId: string,
    key: string,
    remoteId: string,
    type: PostType,
    publisher: Publisher,
    media: NonNullable<DestinationState['media']>,
  ): Promise<void> {
    const server = await publisher.getPost(remoteId, type).catch(() => null);
    await this.options.drafts.updatePublishState(draftId, (d) => ({
      meta: d.meta,
      destinations: {
        ...d.destinations,
        [key]: server
          ? { ...destinationFrom(server, d.destinations[key]), media }
          : { ...(d.destinations[key] ?? {}), remoteId, type, media },
      },
    }));
  }

  /** Posts other drafts are linked to on this destination: never adopted as a lost create. */
  private claimedPosts(key: string, exceptDraftId: string): Set<string> {
    const ids = new Set<string>();
    for (const shell of this.options.drafts.shells()) {
      const remoteId = shell.destinations[key]?.remoteId;
      if (remoteId && shell.id !== exceptDraftId) ids.add(remoteId);
    }
    return ids;
  }

  /** Media items drafts already use on this destination: never adopted as a lost upload. */
  private claimedMedia(key: string): Set<string> {
    const ids = new Set<string>();
    for (const shell of this.options.drafts.shells())
      for (const item of Object.values(shell.destinations[key]?.media ?? {})) ids.add(item.remoteId);
    return ids;
  }

  private timeout(): { timeoutMs?: number } {
    return this.options.httpTimeoutMs !== undefined ? { timeoutMs: this.options.httpTimeoutMs } : {};
  }

  private nowIso(): string {
    return this.clock().toISOString();
  }

  // -------------------------------------------------------------------------------------------
  // Snippets in posts

  /** Library snippets rendered for a draft on its first blog (or none), as the editor shows them. */
  async renderSnippets(ids: string[], draftId?: string, title?: string): Promise<RenderedSnippet[]> {
    const draft = draftId
      ? await this.options.drafts.get(draftId)
      : { title: title ?? '', meta: {}, destinations: {} };
    return this.postSnippets.renderForDraft(ids, draft, this.accountOfDraft(draft.destinations), title);
  }

  /** Published posts whose last publish used the snippet: in the text, or as the blog's header/footer. */
  findSnippetUses(snippetId: string): SnippetUse[] {
    const accounts = this.accounts.list();
    const uses: SnippetUse[] = [];
    for (const draft of this.options.drafts.shells()) {
      for (const [key, dest] of Object.entries(draft.destinations)) {
        if (!dest.remoteId || !dest.snippets?.includes(snippetId)) continue;
        const account = accounts.find((a) => a.destinationKey === key);
        if (!account) continue;
        const via: SnippetUse['via'] = [];
        if (dest.header !== false && account.settings.headerSnippetId === snippetId) via.push('header');
        if (dest.footer !== false && account.settings.footerSnippetId === snippetId) via.push('footer');
        // Used, but not as this blog's header or footer: it is in the text.
        if (via.length === 0) via.push('body');
        uses.push({
          draftId: draft.id,
          draftTitle: draft.title,
          accountId: account.id,
          siteName: account.siteName,
          ...(dest.permalink ? { permalink: dest.permalink } : {}),
          via,
        });
      }
    }
    return uses;
  }

  /**
   * Publishes again every post that used the snippet, one at a time, with the options it was last
   * published with. A post changed on the blog since is not overwritten: it is reported as a conflict.
   */
  async reapplySnippet(snippetId: string): Promise<ReapplyResult[]> {
    const uses = this.findSnippetUses(snippetId);
    const results: ReapplyResult[] = [];
    const progress = (done: number, message: string) =>
      this.options.emit('reapplyProgress', { snippetId, done, total: uses.length, message });
    for (const [index, use] of uses.entries()) {
      progress(
        index,
        t('outbox.notify.progress.updatingOne', {
          title: use.draftTitle || t('outbox.notify.untitled'),
          site: use.siteName,
        }),
      );
      try {
        const draft = await this.options.drafts.get(use.draftId);
        const account = this.account(use.accountId);
        const dest = draft.destinations[account.destinationKey] ?? {};
        const status = republishStatus(dest.status);
        const outcome = await (this.republish ?? ((id, o, c) => this.publish(id, o, c)))(
          use.draftId,
          {
            accountId: account.id,
            postType: dest.type ?? 'post',
            status,
            ...(status === 'future' && draft.meta.scheduledAt ? { scheduledAt: draft.meta.scheduledAt } : {}),
            tags: draft.meta.tags ?? [],
            categories: draft.meta.categories ?? [],
            ...(draft.meta.excerpt ? { excerpt: draft.meta.excerpt } : {}),
            ...(draft.meta.slug ? { slug: draft.meta.slug } : {}),
            ...(draft.meta.featuredImage ? { featuredImage: draft.meta.featuredImage } : {}),
            useHeader: dest.header !== false,
            useFooter: dest.footer !== false,
          },
          'ask',
        );
        if (outcome.kind === 'queued') {
          results.push({
            draftId: use.draftId,
            accountId: use.accountId,
            outcome: 'queued',
            message: t('outbox.notify.queue.notSentYetStays', { reason: outcome.message }),
          });
          continue;
        }
        results.push(
          outcome.kind === 'published'
            ? {
                draftId: use.draftId,
                accountId: use.accountId,
                outcome: 'updated',
                message: t('outbox.notify.progress.updated'),
                permalink: outcome.permalink,
              }
            : {
                draftId: use.draftId,
                accountId: use.accountId,
                outcome: 'conflict',
                message: t('error.publishing.bulkConflict'),
              },
        );
      } catch (error) {
        const mapped = toAppError(error);
        results.push({
          draftId: use.draftId,
          accountId: use.accountId,
          outcome: 'failed',
          message:
            mapped?.message ?? (error instanceof Error ? error.message : t('error.publishing.bulkFailed')),
        });
      }
    }
    progress(uses.length, 'Done.');
    return results;
  }

  /** The account of the first blog the draft went to, or the only account there is. */
  private accountOfDraft(destinations: Draft['destinations']): Account | null {
    const accounts = this.accounts.list();
    for (const key of Object.keys(destinations)) {
      const account = accounts.find((a) => a.destinationKey === key);
      if (account) return account;
    }
    return accounts[0] ?? null;
  }

  // -------------------------------------------------------------------------------------------

  private account(id: string): Account {
    const account = this.accounts.get(id);
    if (!account) throw new AppError('NOT_FOUND', t('error.app.accountGone'));
    return account;
  }

  /** A post's stored body as an editor state: Markdown for a static site, HTML elsewhere. */
  private importBody(account: Account, content: string) {
    return this.platform(account.platform).body(account).format === 'markdown'
      ? importMarkdown(content).editorState
      : importHtml(content);
  }

  /** The original's address on the primary account, or a sentence saying to publish it first. */
  private originalPermalink(draft: Draft, primaryAccountId: string): string {
    const primary = this.accounts.get(primaryAccountId);
    const permalink = primary ? draft.destinations[primary.destinationKey]?.permalink : undefined;
    if (!permalink) {
      throw new AppError(
        'NOT_FOUND',
        t('error.publishing.originalNotPublished', {
          site: primary?.siteName ?? t('outbox.notify.queue.mainBlog'),
        }),
      );
    }
    return permalink;
  }

  /**
   * Who stores this post's images: the account itself, or (a platform without media upload) the
   * account the author chose in its settings. Refuses before anything is sent when images need a
   * home and there is none.
   */
  private async imageHostFor(
    account: Account,
    assets: Array<{ fileName: string; hash(maxWidth: number): string }>,
    media: NonNullable<DestinationState['media']>,
    maxWidth: number,
    publisher: Publisher,
  ): Promise<Publisher> {
    if (account.capabilities.mediaUpload) return publisher;
    const needed = assets.some((a) => media[a.fileName]?.hash !== a.hash(maxWidth));
    const hostId = account.settings.mediaAccountId;
    if (!needed) return publisher;
    const host = hostId ? this.accounts.get(hostId) : null;
    if (!host || !host.capabilities.mediaUpload) {
      const platform = this.platform(account.platform).name;
      throw new AppError(
        'BAD_REQUEST',
        t('error.publishing.noImageHome', { platform, site: account.siteName }),
      );
    }
    return (await this.publisherFor(host.id)).publisher;
  }

  private async publisherFor(accountId: string): Promise<{ publisher: Publisher; account: Account }> {
    const account = this.account(accountId);
    const platform = this.platform(account.platform);
    const needsSecret = platform.connect !== 'folder';
    const secret = needsSecret ? await this.accounts.secretFor(account.id) : '';
    if (needsSecret && !secret) {
      throw new AppError('AUTH_FAILED', t('error.publishing.noSecret', { site: account.siteName }));
    }
    const publisher = await platform.createPublisher(account, secret ?? '', this.platformDeps());
    return { publisher, account };
  }

  private platform(id: PlatformId): PlatformDefinition {
    return this.options.platforms?.[id] ?? platformOf(id);
  }

  /** What a platform's code gets from the app. */
  private platformDeps(): PlatformDeps {
    return {
      fetch: this.options.fetch,
      ...this.timeout(),
      log: this.options.log,
      clock: this.clock,
      openExternal: (url) => this.options.openExternal(url),
      dataDir: this.options.dataDir,
      saveSecret: (accountId, secret) => this.accounts.setSecret(accountId, secret),
    };
  }

  /** The body of a post as this account's platform takes it. */
  private composeFor(
    account: Account,
    state: Parameters<typeof composeHtml>[0],
    images: Parameters<typeof composeHtml>[1]['images'],
  ): { html: string; warnings: Array<{ code: string; message: string }> } {
    const body = this.platform(account.platform).body(account);
    if (body.format === 'markdown') {
      const md = composeMarkdown(state, { images, readMore: body.readMore });
      return { html: md.markdown, warnings: md.warnings };
    }
    return composeHtml(state, { format: body.format, images, readMore: body.readMore, embeds: body.embeds });
  }

  /** The draft's own images (and the featured image), with their bytes and a content hash. */
  private async localImages(draft: Draft, options: PublishOptions) {
    const names = new Map<string, string>();
    collectImages(draft.editorState?.root, names);
    if (options.featuredImage && !names.has(options.featuredImage)) names.set(options.featuredImage, '');
    const out: Array<{
      fileName: string;
      altText: string;
      mimeType: string;
      bytes: Uint8Array;
      hash(maxWidth: number): string;
    }> = [];
    for (const [fileName, altText] of names) {
      const file = this.options.drafts.assetPath(draft.id, fileName);
      const mimeType = imageMimeType(fileName);
      if (!file || !mimeType) continue;
      const bytes = await fsp.readFile(file).catch(() => null);
      if (!bytes) continue;
      const digest = createHash('sha256').update(bytes).digest('hex');
      out.push({ fileName, altText, mimeType, bytes, hash: (maxWidth) => `${digest}:${maxWidth}` });
    }
    return out;
  }

  private previewAssetUrl(draftId: string, fileName: string): string {
    return `${this.options.assetBaseUrl}${encodeURIComponent(draftId)}/${encodeURIComponent(fileName)}`;
  }

  private linkedDrafts(destinationKey: string): Map<string, string> {
    const linked = new Map<string, string>();
    for (const summary of this.options.drafts.list({ filter: 'all', offset: 0, limit: 100_000 }).items) {
      const remoteId = this.options.drafts.destinationOf(summary.id, destinationKey)?.remoteId;
      if (remoteId) linked.set(remoteId, summary.id);
    }
    return linked;
  }

  /** A blog of the signed-in network as discovery sees it; null when it cannot be read (XML-RPC will do). */
  private async discoverBlog(url: string): Promise<WordPressSite | null> {
    try {
      return await discoverWordPress(url, this.options.fetch);
    } catch (error) {
      this.options.log.warn('Could not discover a blog of the network; using XML-RPC for it', {
        url,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  private sweepSessions(): void {
    const now = Date.now();
    for (const [id, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(id);
    for (const [id, held] of this.pending) if (held.expiresAt < now) this.pending.delete(id);
    for (const [state, request] of this.authorizeRequests)
      if (request.expiresAt < now) this.authorizeRequests.delete(state);
  }
}

/** `ghost:https://blog.example.com` → `blog.example.com` (an account removed from this computer). */
function siteNameOfKey(key: string): string {
  const rest = key.slice(key.indexOf(':') + 1);
  try {
    return new URL(rest.replace(/:\d+$/, '')).host || rest;
  } catch {
    return rest;
  }
}

function withoutAccount(options: PublishOptions): Omit<PublishOptions, 'accountId'> {
  const { accountId: _accountId, ...rest } = options;
  return rest;
}

function collectImages(node: unknown, into: Map<string, string>): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: unknown; fileName?: unknown; altText?: unknown; children?: unknown };
  if (n.type === 'image' && typeof n.fileName === 'string' && !into.has(n.fileName)) {
    into.set(n.fileName, typeof n.altText === 'string' ? n.altText : '');
  }
  if (Array.isArray(n.children)) for (const child of n.children) collectImages(child, into);
}

/** The blog already holds exactly `outgoing` (title, content, status and the rest): no need to send it. */
function alreadyHolds(post: RemotePost, outgoing: OutgoingPost): boolean {
  const keys = (names: string[]) => [...new Set(names.map(termKey))].sort().join('\n');
  return (
    postHash(post) === journalHash(outgoing.title, outgoing.content) &&
    post.status === outgoing.status &&
    normalizeForCompare(post.excerpt) === normalizeForCompare(outgoing.excerpt ?? '') &&
    (post.featuredMediaId ?? null) === (outgoing.featuredMediaId ?? null) &&
    (outgoing.type !== 'post' ||
      (keys(post.tags) === keys(outgoing.tags) &&
        (outgoing.categories.length === 0 || keys(post.categories) === keys(outgoing.categories))))
  );
}

function destinationFrom(post: RemotePost, previous: DestinationState | undefined): DestinationState {
  return {
    ...(previous ?? {}),
    remoteId: post.remoteId,
    permalink: post.permalink,
    remoteModifiedAt: post.modifiedGmt,
    status: post.status,
    type: post.type,
  };
}

/** The status a post is published again with: what the blog had, in Signet's words. */
function republishStatus(status: string | undefined): PublishStatus {
  switch (status) {
    case 'publish':
    case 'future':
    case 'draft':
    case 'pending':
    case 'private':
      return status;
    default:
      return 'publish';
  }
}

function canonical(url: string): string {
  return url.replace(/\/+$/, '').toLowerCase();
}

function toContractSummary(summary: Awaited<ReturnType<AccountStore['summaries']>>[number]): AccountSummary {
  return {
    id: summary.id,
    platform: summary.platform,
    destinationKey: summary.destinationKey,
    siteUrl: summary.siteUrl,
    siteName: summary.siteName,
    userLogin: summary.userLogin,
    userName: summary.userName,
    transport: summary.api.transport,
    timeZone: summary.timeZone,
    capabilities: summary.capabilities,
    settings: {
      contentFormat: summary.settings.contentFormat,
      maxImageWidth: summary.settings.maxImageWidth,
      ...(summary.settings.headerSnippetId ? { headerSnippetId: summary.settings.headerSnippetId } : {}),
      ...(summary.settings.footerSnippetId ? { footerSnippetId: summary.settings.footerSnippetId } : {}),
      ...(summary.settings.mediaAccountId ? { mediaAccountId: summary.settings.mediaAccountId } : {}),
    },
    // A site folder needs no sign-in: it is always ready.
    hasCredential: summary.hasCredential || summary.api.transport === 'folder',
    createdAt: summary.createdAt,
  };
}

/** Service errors → codes and messages for the author. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof SnippetTemplateError) return new AppError('BAD_REQUEST', error.message);
  if (error instanceof PublishError) {
    switch (error.code) {
      case 'AUTH_FAILED':
      case 'APP_PASSWORDS_DISABLED':
        return new AppError('AUTH_FAILED', error.message);
      case 'OFFLINE':
      case 'TIMEOUT':
      case 'SERVER_ERROR':
      case 'RATE_LIMITED':
        return new AppError('OFFLINE', error.message);
      case 'NOT_FOUND':
        return new AppError('NOT_FOUND', error.message);
      case 'CONFLICT':
        return new AppError('CONFLICT', error.message);
      case 'VALIDATION':
        return new AppError('BAD_REQUEST', error.message);
      default:
        return new AppError('REMOTE_ERROR', error.message);
    }
  }
  const named = error as { name?: string; code?: string; message?: string } | null;
  // A document this Signet cannot read: the author can update Signet or fix the file, not retry.
  if (
    named?.name === 'InvalidDocumentError' ||
    named?.name === 'UnknownNodeTypeError' ||
    named?.name === 'NewerEditorStateError'
  )
    return new AppError('BAD_REQUEST', named.message ?? t('error.publishing.unreadableDocument'));
  if (named?.name === 'AccountError') {
    const code =
      named.code === 'ACCOUNT_EXISTS'
        ? 'CONFLICT'
        : named.code === 'ACCOUNT_NOT_FOUND'
          ? 'NOT_FOUND'
          : 'BAD_REQUEST';
    return new AppError(code, named.message ?? t('error.publishing.accountNotChanged'));
  }
  if (named?.name === 'VaultError') {
    const code =
      named.code === 'VAULT_WEAK_NEEDS_CONSENT'
        ? 'VAULT_WEAK_NEEDS_CONSENT'
        : named.code === 'VAULT_IO'
          ? 'IO_ERROR'
          : 'UNAVAILABLE';
    return new AppError(code, named.message ?? t('error.publishing.vaultUnreachable'));
  }
  return null;
}
