/**
 * `createApp(ports)` builds every service from its ports and returns the command handlers.
 * It imports no Electron, so the same app runs in unit tests, in the e2e web host and inside
 * Electron.
 */
import * as path from 'node:path';
import * as fsp from 'node:fs/promises';
import type { Preferences } from './contract';
import { AppError, createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { DraftStore } from './drafts/DraftStore';
import { consoleLogger, type AppPorts } from './ports';
import { isAllowedExternalUrl } from './security/urls';
import { imageMimeType } from './drafts/assets';
import { applyPreferencesPatch, readPreferences, writePreferences } from './settings/preferences';
import { createRedactingLogger } from './accounts/redact';
import { collectDiagnostics } from './diagnostics/collect';
import { recordErrors, RecentErrors } from './diagnostics/recentErrors';
import { OutboxService } from './outbox/OutboxService';
import { outboxNotification } from './outbox/notifications';
import { PublishingService, toAppError } from './publishing/PublishingService';
import { SnippetService } from './snippets/SnippetService';
import { SnippetStore } from './snippets/SnippetStore';
import { BackupService } from './backups/BackupService';
import { runFirstStart } from './onboarding/onboarding';
import { exportDraftMarkdown, importMarkdownDraft } from './drafts/markdownFile';
import { ThemePreviewService, ThemeUnavailableError } from './publishing/themePreview/ThemePreviewService';
import { t } from './contract/i18n';

export interface SignetApp {
  dispatch: Dispatch;
  handlers: Handlers;
  /** Reads a draft image for the asset protocol / HTTP route; null when there is none. */
  readAsset(draftId: string, fileName: string): Promise<{ bytes: Uint8Array; mimeType: string } | null>;
  /** A blog's sign-in page sent the author back (signet:// or the host's loopback route). */
  handleAuthCallback(url: string): Promise<boolean>;
  /** Outbox jobs being sent now and due now (asked about before quitting). */
  outboxActivity(): { sending: number; queued: number };
  /** Resolves once no outbox job is being sent or due. */
  whenOutboxIdle(): Promise<void>;
  /** Flushes pending saves and stops watchers. */
  close(): Promise<void>;
}

export async function createApp(ports: AppPorts): Promise<SignetApp> {
  // Every log line passes through redaction: no password or token ever reaches a log.
  let knownSecrets: () => string[] = () => [];
  // The last 50 errors (already redacted) are kept for "Copy Diagnostics".
  const recentErrors = new RecentErrors();
  const log = recordErrors(
    createRedactingLogger(ports.log ?? consoleLogger, () => knownSecrets()),
    recentErrors,
    ports.clock,
  );
  const draftsDir = ports.settings.get('draftsDir') ?? path.join(ports.dataDir, 'drafts');

  const drafts = await openStore(draftsDir);

  async function openStore(dir: string): Promise<DraftStore> {
    return DraftStore.open({
      dir,
      fs: ports.fs,
      clock: ports.clock,
      log,
      revisionIntervalMs: ports.revisionIntervalMs,
      onEvent: (event) => {
        const { type, ...payload } = event;
        ports.emit(type, payload as never);
      },
    });
  }

  const snippetStore = new SnippetStore({ settings: ports.settings, clock: ports.clock });
  const snippets = new SnippetService({
    store: snippetStore,
    dialogs: ports.dialogs,
    emit: (event, payload) => ports.emit(event, payload),
    clock: ports.clock,
  });

  const publishing = new PublishingService({
    drafts,
    settings: ports.settings,
    vault: ports.vault,
    fetch: ports.fetch,
    authCallbackUrl: ports.authCallbackUrl,
    assetBaseUrl: ports.assetBaseUrl,
    openExternal: (url) => ports.openExternal(url),
    emit: (event, payload) => ports.emit(event, payload),
    log,
    clock: ports.clock,
    snippets: snippetStore,
    dataDir: ports.dataDir,
    ...(ports.httpTimeoutMs !== undefined ? { httpTimeoutMs: ports.httpTimeoutMs } : {}),
  });
  knownSecrets = () => publishing.accounts.knownSecrets();
  // The blog's own look for the preview: one page and its styles, cleaned, kept in <data>/theme-cache.
  const themePreview = new ThemePreviewService({
    dataDir: ports.dataDir,
    fetch: ports.fetch,
    log,
    ...(ports.fs ? { fs: ports.fs } : {}),
    ...(ports.clock ? { clock: ports.clock } : {}),
  });
  // The first run (electron/onboarding/): a welcome draft and `Signet Site` to publish to at once.
  await runFirstStart(
    {
      settings: ports.settings,
      dataDir: ports.dataDir,
      ...(ports.documentsDir ? { documentsDir: ports.documentsDir } : {}),
      drafts,
      accountCount: () => publishing.accounts.list().length,
      addSite: (folder) => publishing.ensureDefaultSite(folder),
      log,
      ...(ports.clock ? { clock: ports.clock } : {}),
    },
    { skip: ports.skipOnboarding === true },
  ).catch((error: unknown) =>
    log.warn('the first run’s welcome could not be made', {
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  // A new user can publish at once: to the site folder Signet keeps in its data folder.
  await publishing.ensureDefaultSite().catch((error: unknown) =>
    log.warn('Signet could not prepare its own site folder', {
      error: error instanceof Error ? error.message : String(error),
    }),
  );

  // Every publish and removal is a job in <data>/outbox, written before anything is sent; jobs a
  // crash or a quit left behind resume now.
  const outbox = await OutboxService.open({
    dataDir: ports.dataDir,
    publishing,
    drafts,
    log,
    ...(ports.fs ? { fs: ports.fs } : {}),
    ...(ports.clock ? { clock: ports.clock } : {}),
    ...(ports.outboxBackoff ? { backoff: ports.outboxBackoff } : {}),
    onChange: (jobs) => ports.emit('outboxChanged', { jobs }),
    onProgress: (progress) => ports.emit('jobProgress', progress),
    // Delivered or stopped for good: a desktop notification when outboxNotification says so.
    onResult: (result) => {
      const notification = outboxNotification(result, {
        windowFocused: ports.isWindowFocused?.() ?? false,
        enabled: readPreferences(ports.settings).desktopNotifications,
      });
      if (notification) ports.showDesktopNotification?.(notification);
    },
  });

  // Re-applied snippets go out like any publish: through the outbox.
  publishing.republish = (draftId, options, onConflict) => outbox.publish(draftId, options, onConflict);

  // Rolling backups of the drafts and the settings (never secrets.json) in <data>/backups.
  const backups = new BackupService({
    dataDir: ports.dataDir,
    draftsDir: () => drafts.dir,
    settings: ports.settings,
    replaceDrafts: (sourceDir) => drafts.replaceAllFrom(sourceDir),
    log,
    ...(ports.fs ? { fs: ports.fs } : {}),
    ...(ports.clock ? { clock: ports.clock } : {}),
    ...(ports.backupTimers ? { timers: ports.backupTimers } : {}),
  });
  void backups.start();

  const handlers: Handlers = {
    getAppInfo: () => ({
      version: ports.version,
      platform: process.platform,
      dataDir: ports.dataDir,
      draftsDir: drafts.dir,
      assetBaseUrl: ports.assetBaseUrl,
      runtime: ports.runtime,
    }),
    getPreferences: () => readPreferences(ports.settings),
    setPreferences: (patch) => {
      const next: Preferences = applyPreferencesPatch(readPreferences(ports.settings), patch);
      writePreferences(ports.settings, next);
      return next;
    },
    listDrafts: (req) => drafts.list(req),
    getDraft: ({ id }) => drafts.get(id),
    createDraft: (req) => drafts.create(req ?? {}),
    saveDraft: (req) => drafts.save(req),
    trashDraft: async ({ id }) => {
      await drafts.trash(id);
      return null;
    },
    restoreDraft: async ({ id }) => {
      await drafts.restore(id);
      return null;
    },
    emptyTrash: async () => ({ removed: await drafts.emptyTrash() }),
    listRevisions: ({ id }) => drafts.listRevisions(id),
    getRevision: ({ id, revisionId }) => drafts.getRevision(id, revisionId),
    restoreRevision: ({ id, revisionId }) => drafts.restoreRevision(id, revisionId),
    getConflict: ({ id }) => drafts.getConflict(id),
    resolveConflict: ({ id, choice }) => drafts.resolveConflict(id, choice),
    listQuarantine: () => drafts.listQuarantine(),
    addImage: async ({ id, fileName, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      const stored = await drafts.addAsset(id, fileName, bytes);
      return { fileName: stored, url: assetUrl(id, stored) };
    },
    pickImage: async ({ id }) => {
      const picked = await ports.dialogs.pickImage({ title: t('dialog.main.insertImageTitle') });
      if (!picked) return null;
      if (!imageMimeType(picked)) {
        throw new AppError('BAD_REQUEST', t('error.app.notAnImage'));
      }
      const bytes = await fsp.readFile(picked).catch(() => {
        throw new AppError('IO_ERROR', t('error.app.imageUnreadable', { file: path.basename(picked) }));
      });
      const stored = await drafts.addAsset(id, path.basename(picked), bytes);
      return { fileName: stored, url: assetUrl(id, stored) };
    },
    getDraftsFolder: () => ({ path: drafts.dir }),
    moveDraftsFolder: async ({ path: requested }) => {
      const target =
        requested ??
        (await ports.dialogs.pickFolder({
          title: t('dialog.main.moveDraftsTitle'),
          defaultPath: drafts.dir,
        }));
      if (!target) return null;
      if (!path.isAbsolute(target)) throw new AppError('BAD_REQUEST', t('error.app.draftsFolderNotAbsolute'));
      await drafts.moveTo(target);
      ports.settings.set('draftsDir', drafts.dir);
      return { path: drafts.dir };
    },
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) return { opened: false };
      await ports.openExternal(url);
      return { opened: true };
    },
    getVaultStatus: () => publishing.vaultStatus(),
    allowWeakVault: () => publishing.allowWeakVault(),
    listAccounts: () => publishing.listAccounts(),
    discoverSite: ({ url }) => publishing.discover(url),
    signIn: ({ url, userLogin, appPassword }) => publishing.signIn(url, userLogin, appPassword),
    startBrowserSignIn: ({ url }) => publishing.startBrowserSignIn(url),
    addAccounts: ({ sessionId, blogIds }) => publishing.addAccounts(sessionId, blogIds),
    listPlatforms: () => publishing.listPlatforms(),
    connectAccount: (input) => publishing.connectAccount(input),
    pickSiteFolder: async () => {
      const folder = await ports.dialogs.pickFolder({ title: t('dialog.main.siteFolderTitle') });
      return folder ? { path: folder } : null;
    },
    removeAccount: async ({ id }) => {
      await publishing.removeAccount(id);
      // Its cached theme is a copy of the site's look: it goes with the account.
      await themePreview
        .forget(id)
        .catch((error: unknown) =>
          log.warn('the removed account’s theme cache stayed', { error: String(error) }),
        );
      return null;
    },
    updateAccountSettings: ({ id, ...patch }) => publishing.updateAccountSettings(id, patch),
    searchTerms: ({ accountId, taxonomy, search }) => publishing.searchTerms(accountId, taxonomy, search),
    previewPost: ({ draftId, options }) => publishing.preview(draftId, options),
    previewInTheme: async ({ draftId, options, refresh }) => {
      const account = publishing.accounts.get(options.accountId);
      if (!account) throw new AppError('NOT_FOUND', t('error.app.accountGone'));
      const post = await publishing.preview(draftId, options);
      try {
        return await themePreview.preview(account, post, { refresh: refresh ?? false });
      } catch (error) {
        if (error instanceof ThemeUnavailableError) throw new AppError('BAD_REQUEST', error.message);
        throw toAppError(error) ?? error;
      }
    },
    publishDraft: ({ draftId, options, onConflict }) =>
      // Taking the server's version only reads the blog: no job needed.
      onConflict === 'takeServer'
        ? publishing.publish(draftId, options, onConflict)
        : outbox.publish(draftId, options, onConflict),
    syndicateDraft: async ({ draftId, primary, copies, onConflict }) => {
      await publishing.rememberSyndication(
        draftId,
        primary.accountId,
        copies.map((c) => c.accountId),
      );
      return outbox.syndicate(draftId, primary, copies, onConflict);
    },
    listDraftDestinations: ({ draftId }) => publishing.draftDestinations(draftId, outbox.list()),
    exportDraftMarkdown: async ({ draftId }) => {
      const draft = await drafts.get(draftId);
      const target = await ports.dialogs.pickSavePath({
        title: t('dialog.main.exportMarkdownTitle'),
        defaultName: `${markdownFileName(draft.title)}.md`,
        filterName: 'Markdown',
        extensions: ['md'],
      });
      if (!target) return null;
      const published = Object.values(draft.destinations).some((d) => d.status === 'publish');
      const result = await exportDraftMarkdown(draft, drafts.assetsDir(draft.id), target, {
        isDraft: !published,
      });
      return { path: result.file };
    },
    importDraftMarkdown: async () => {
      const file = await ports.dialogs.pickFile({
        title: t('dialog.main.importMarkdownTitle'),
        filterName: 'Markdown',
        extensions: ['md', 'markdown', 'mdown', 'txt'],
      });
      if (!file) return null;
      const { draft, warnings } = await importMarkdownDraft(drafts, file);
      for (const warning of warnings) ports.emit('notice', { level: 'warning', message: warning });
      return draft;
    },
    listRemotePosts: ({ accountId, ...query }) => publishing.listRemotePosts(accountId, query),
    openRemotePost: ({ accountId, type, remoteId }) => publishing.openRemotePost(accountId, type, remoteId),
    deleteRemotePost: ({ draftId, accountId, force }) => outbox.remove(draftId, accountId, force),
    listRemoteMedia: ({ accountId, ...query }) => publishing.listRemoteMedia(accountId, query),

    listSnippets: () => snippets.library(),
    createSnippet: (input) => {
      const created = snippetStore.create(input);
      return snippets.changed([created.id], created);
    },
    updateSnippet: ({ id, ...patch }) => snippets.changed([id], snippetStore.update(id, patch)),
    duplicateSnippet: ({ id }) => {
      const copy = snippetStore.duplicate(id);
      return snippets.changed([copy.id], copy);
    },
    deleteSnippet: ({ id }) => {
      snippetStore.delete(id);
      return snippets.changed([id], null);
    },
    restoreSnippet: ({ id }) => snippets.changed([id], snippetStore.restore(id)),
    moveSnippet: ({ id, toIndex }) => snippetStore.move(id, toIndex),
    setSnippetDetails: (details) => {
      const library = snippetStore.setDetails(details);
      // Variables and the author's details may appear in any snippet.
      return snippets.changed(
        library.snippets.map((s) => s.id),
        library,
      );
    },
    previewSnippet: ({ editorState, obfuscateEmails }) => snippets.preview(editorState, obfuscateEmails),
    renderSnippets: ({ snippetIds, draftId, title }) => publishing.renderSnippets(snippetIds, draftId, title),
    exportSnippets: () => snippets.exportToFile(),
    importSnippets: () => snippets.importFromFile(),
    findSnippetUses: ({ id }) => publishing.findSnippetUses(id),
    reapplySnippet: ({ id }) => publishing.reapplySnippet(id),

    listOutbox: () => outbox.list(),
    retryOutboxJob: ({ id }) => outbox.retry(id),
    cancelOutboxJob: ({ id }) => outbox.cancel(id),
    outboxNudge: async () => {
      await outbox.nudge();
      return null;
    },

    listBackups: () => backups.list(),
    backupNow: () => backups.backupNow(),
    restoreBackup: async ({ id, includeSettings }) => {
      const safety = await backups.restore(id, includeSettings);
      if (includeSettings) {
        ports.emit('accountsChanged', { accounts: await publishing.listAccounts() });
        snippets.changed(
          snippets.library().snippets.map((s) => s.id),
          null,
        );
      }
      return safety;
    },

    getDiagnostics: async () => ({
      text: await collectDiagnostics({
        version: ports.version,
        runtime: ports.runtime,
        dataDir: ports.dataDir,
        draftsDir: drafts.dir,
        preferences: readPreferences(ports.settings),
        accounts: publishing.accounts,
        countDrafts: (filter) => drafts.list({ filter, offset: 0, limit: 1 }).total,
        outboxStates: outbox.list().map((job) => job.state),
        recentErrors: recentErrors.list(),
        ...(ports.clock ? { clock: ports.clock } : {}),
      }),
    }),
  };

  function assetUrl(draftId: string, fileName: string): string {
    return `${ports.assetBaseUrl}${encodeURIComponent(draftId)}/${encodeURIComponent(fileName)}`;
  }

  return {
    handlers,
    dispatch: createDispatcher(
      handlers,
      (name, error) =>
        log.error(`command ${name} failed`, { error: error instanceof Error ? error.stack : String(error) }),
      toAppError,
    ),
    handleAuthCallback: (url) => publishing.handleAuthCallback(url),
    async readAsset(draftId, fileName) {
      const file = drafts.assetPath(draftId, fileName);
      const mimeType = file ? imageMimeType(file) : null;
      if (!file || !mimeType) return null;
      try {
        return { bytes: await fsp.readFile(file), mimeType };
      } catch {
        return null;
      }
    },
    outboxActivity: () => outbox.activity(),
    whenOutboxIdle: () => outbox.drain(),
    async close() {
      // The attempt in flight finishes (and records its answer) before the drafts close.
      await outbox.stop();
      await backups.stop();
      await drafts.close();
    },
  };
}

/** A draft title as a file name: no characters a file system refuses, not empty, not too long. */
function markdownFileName(title: string): string {
  const cleaned = title
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return cleaned || 'Untitled';
}
