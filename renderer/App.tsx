import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type {
  AccountSummary,
  AppInfo,
  Draft,
  DraftFilter,
  Preferences,
  QuarantineEntry,
} from '../electron/contract';
import { t } from '../electron/contract/i18n';
import { call, errorMessage, on, SignetError } from './bridge';
import { editorFontStack, toggledTheme, wheelZoom, zoomIn, zoomOut } from './commands/appearance';
import { onCommand, runCommand } from './commands/bus';
import { isInDraftText } from './commands/findScope';
import {
  COMMAND_REGISTRY,
  commandSpec,
  isCommandId,
  isFormatCommand,
  type CommandId,
} from './commands/registry';
import {
  ariaKeyShortcuts,
  formatShortcut,
  isMacPlatform,
  matchesShortcut,
  parseShortcut,
} from './commands/shortcuts';
import { CommandPalette } from './features/palette/CommandPalette';
import { copyDiagnostics } from './features/diagnostics/copyDiagnostics';
import { AccountsDialog } from './features/accounts/AccountsDialog';
import { DraftList } from './features/drafts/DraftList';
import { RemotePostsDialog } from './features/publish/RemotePostsDialog';
import { DraftScreen } from './features/editor/DraftScreen';
import { OutboxControl } from './features/outbox/OutboxPanel';
import { ImportMarkdownButton } from './features/publish/MarkdownFileActions';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { SnippetsDialog } from './features/snippets/SnippetsDialog';
import { Notices, type ShownNotice } from './ui/Notices';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [filter, setFilter] = useState<DraftFilter>('all');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  /** Bumped when the open draft's text was replaced from outside the editor: the editor remounts. */
  const [generation, setGeneration] = useState(0);
  const [notices, setNotices] = useState<ShownNotice[]>([]);
  const [quarantine, setQuarantine] = useState<QuarantineEntry[]>([]);
  const [showSettings, setShowSettings] = useState(false);
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [showAccounts, setShowAccounts] = useState(false);
  /** Bumped by "Add your blog": Accounts opens at its connect form. */
  const [addBlogRequest, setAddBlogRequest] = useState(0);
  const [showRemote, setShowRemote] = useState(false);
  const [showSnippets, setShowSnippets] = useState(false);
  const [showPalette, setShowPalette] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const flushOpenDraft = useRef<(() => Promise<void>) | null>(null);
  const noticeKey = useRef(0);

  const notify = useCallback(
    (message: string, level: 'info' | 'warning' | 'error' = 'info', code?: string) => {
      const key = ++noticeKey.current;
      setNotices((list) => [...list.filter((n) => !code || n.code !== code), { key, message, level, code }]);
      if (level === 'info') setTimeout(() => setNotices((list) => list.filter((n) => n.key !== key)), 6000);
    },
    [],
  );
  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  const openSnippets = useCallback(() => setShowSnippets(true), []);
  const addBlog = useCallback(() => {
    setShowAccounts(true);
    setAddBlogRequest((n) => n + 1);
  }, []);

  /**
   * Changes preferences at once on screen, then stores them. The stored answer is not applied back
   * (a quicker second change, say two zoom steps, must not be undone by the first one's answer);
   * if storing fails, the changed fields go back and the promise rejects with the reason.
   */
  const preferencesRef = useRef<Preferences | null>(null);
  preferencesRef.current = preferences;
  const changePreferences = useCallback(async (patch: Partial<Preferences>) => {
    const before = preferencesRef.current;
    setPreferences((current) => (current ? { ...current, ...patch } : current));
    try {
      await call('setPreferences', patch);
    } catch (error) {
      if (before) {
        const undo = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof Preferences]]));
        setPreferences((current) => (current ? { ...current, ...undo } : current));
      }
      throw error;
    }
  }, []);
  const changeAndNotify = useCallback(
    (patch: Partial<Preferences>) =>
      void changePreferences(patch).catch((error: unknown) => notify(errorMessage(error), 'error')),
    [changePreferences, notify],
  );

  const openDraft = useCallback(
    async (id: string) => {
      try {
        await flushOpenDraft.current?.();
        const loaded = await call('getDraft', { id });
        setDraft(loaded);
        void call('setPreferences', { lastOpenDraftId: id }).catch(() => {});
      } catch (error) {
        if (error instanceof SignetError && error.code === 'NOT_FOUND') setDraft(null);
        notify(errorMessage(error), 'error');
      }
    },
    [notify],
  );

  /** The draft's text changed outside the editor (another program, a restore): load it afresh. */
  const reloadDraft = useCallback(() => {
    if (!draft) return;
    call('getDraft', { id: draft.id })
      .then((loaded) => {
        setDraft(loaded);
        setGeneration((g) => g + 1);
      })
      .catch((e: unknown) => notify(errorMessage(e), 'error'));
    refresh();
  }, [draft, notify, refresh]);

  /** Only what publishing records changed (remote identity): keep the editor as it is. */
  const refreshDraft = useCallback(() => {
    if (!draft) return;
    call('getDraft', { id: draft.id })
      .then(setDraft)
      .catch((e: unknown) => notify(errorMessage(e), 'error'));
    refresh();
  }, [draft, notify, refresh]);

  const newDraft = useCallback(async () => {
    try {
      await flushOpenDraft.current?.();
      const created = await call('createDraft', {});
      if (filter === 'trash') setFilter('all');
      setDraft(created);
      refresh();
      void call('setPreferences', { lastOpenDraftId: created.id }).catch(() => {});
    } catch (error) {
      notify(errorMessage(error), 'error');
    }
  }, [filter, notify, refresh]);

  // The network is back: whatever the outbox holds is due now.
  useEffect(() => {
    const nudge = () => void call('outboxNudge').catch(() => {});
    window.addEventListener('online', nudge);
    return () => window.removeEventListener('online', nudge);
  }, []);

  // Start-up: what the app is, the author's preferences, the last open draft, any quarantined file.
  useEffect(() => {
    (async () => {
      const [appInfo, prefs, quarantined] = await Promise.all([
        call('getAppInfo'),
        call('getPreferences'),
        call('listQuarantine'),
      ]);
      setInfo(appInfo);
      setPreferences(prefs);
      void call('listAccounts')
        .then(setAccounts)
        .catch(() => setAccounts([]));
      setQuarantine(quarantined);
      const first = prefs.lastOpenDraftId ?? (await call('listDrafts', { limit: 1 })).items[0]?.id;
      if (first) {
        await call('getDraft', { id: first })
          .then(setDraft)
          .catch(() => undefined);
      }
    })().catch((error: unknown) => setStartError(errorMessage(error)));
  }, []);

  useEffect(() => {
    const offs = [
      on('draftsChanged', () => refresh()),
      on('accountsChanged', ({ accounts: list }) => setAccounts(list)),
      on('quarantined', ({ entries }) => setQuarantine((list) => [...list, ...entries])),
      on('notice', (notice) => notify(notice.message, notice.level, notice.code)),
      on('saveStatus', ({ state, message }) =>
        state === 'failing'
          ? notify(message, 'error', 'SAVE_FAILED')
          : notify(message, 'info', 'SAVE_FAILED'),
      ),
      // The application menu runs commands like every other way in (renderer/commands/bus.ts).
      on('menuCommand', ({ command }) => {
        if (isCommandId(command)) runCommand(command);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [notify, refresh]);

  const focusMode = preferences?.focusMode ?? false;
  const leaveFocusModeThen = useCallback(
    (then: () => void) => {
      if (!preferencesRef.current?.focusMode) return then();
      changeAndNotify({ focusMode: false });
      // The sidebar is back on the next frame; then its controls can take focus.
      requestAnimationFrame(() => requestAnimationFrame(then));
    },
    [changeAndNotify],
  );

  /** What each command does (import and export Markdown are MarkdownFileActions's). */
  const commandHandler = useRef<(id: CommandId) => void>(() => {});
  commandHandler.current = (id: CommandId) => {
    const prefs = preferencesRef.current;
    switch (id) {
      case 'newDraft':
        return void newDraft();
      case 'saveNow':
        return void flushOpenDraft.current?.();
      case 'find':
        // In a draft's text, DraftScreen opens its find bar instead.
        if (isInDraftText(document.activeElement)) return;
        return leaveFocusModeThen(() => searchRef.current?.focus());
      case 'toggleOutline':
        return; // DraftScreen's own command
      case 'showDrafts':
        return leaveFocusModeThen(() => setFilter('all'));
      case 'showTrash':
        return leaveFocusModeThen(() => setFilter('trash'));
      case 'showSnippets':
        return setShowSnippets(true);
      case 'moveDraftsFolder':
      case 'openSettings':
        return setShowSettings(true);
      case 'openAccounts':
        return setShowAccounts(true);
      case 'openFromBlog':
        return setShowRemote(true);
      case 'commandPalette':
        return setShowPalette(true);
      case 'toggleFocusMode':
        return changeAndNotify({ focusMode: !prefs?.focusMode });
      case 'toggleTheme':
        return changeAndNotify({
          theme: toggledTheme(
            prefs?.theme ?? 'system',
            window.matchMedia('(prefers-color-scheme: dark)').matches,
          ),
        });
      case 'themeSystem':
        return changeAndNotify({ theme: 'system' });
      case 'themeLight':
        return changeAndNotify({ theme: 'light' });
      case 'themeDark':
        return changeAndNotify({ theme: 'dark' });
      case 'zoomIn':
      case 'zoomOut':
      case 'zoomReset': {
        const current = prefs?.zoom ?? 100;
        const zoom = id === 'zoomIn' ? zoomIn(current) : id === 'zoomOut' ? zoomOut(current) : 100;
        changeAndNotify({ zoom });
        return notify(t('app.zoom', { zoom }), 'info', 'ZOOM');
      }
      case 'copyDiagnostics':
        return void copyDiagnostics().then(({ ok, message }) => notify(message, ok ? 'info' : 'error'));
      case 'importMarkdown':
      case 'exportMarkdown':
        return;
      default:
        return; // The Format commands: DraftScreen hands them to the editor.
    }
  };
  // Rendered at once (flushSync): a custom event gets React's default, deferred priority, and the
  // keys typed right after Ctrl+Shift+P must land in the palette, not in the editor behind it.
  useEffect(() => onCommand((id) => flushSync(() => commandHandler.current(id))), []);

  // Keyboard shortcuts. In Electron the menu owns its accelerators (they arrive as menuCommand);
  // in a browser every shortcut of the registry is ours. Shortcuts the menu does not carry
  // (Ctrl/⌘+K) are ours everywhere. A key the page already used (Ctrl+K in the editor inserts a
  // link) is left alone, and so is everything while a modal dialog is open.
  const isMac = useMemo(() => isMacPlatform(), []);
  useEffect(() => {
    if (!info) return;
    const web = info.runtime === 'web';
    // Every app shortcut holds Ctrl, Cmd or Alt (checked here, so a future plain-key shortcut still
    // works): a keystroke without one (typing) can only be Escape's, and skips the whole-document
    // `dialog[open]` query and the parse of every registry shortcut. That was ~0.1 ms of each
    // keystroke in a 20,000-word draft (CPU profile of `npm run bench` typing).
    const shortcutsNeedModifier = COMMAND_REGISTRY.every((command) =>
      [command.shortcut, ...(command.alternates ?? [])].every((accelerator) => {
        if (accelerator === undefined) return true;
        const parsed = parseShortcut(accelerator);
        return parsed.primary || parsed.ctrl || parsed.alt;
      }),
    );
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (
        shortcutsNeedModifier &&
        event.key !== 'Escape' &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey
      ) {
        return;
      }
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'Escape' && preferencesRef.current?.focusMode) {
        event.preventDefault();
        changeAndNotify({ focusMode: false });
        return;
      }
      for (const command of COMMAND_REGISTRY) {
        if (command.inEditor) continue;
        const shortcuts = [
          ...(web || !command.inMenu ? [command.shortcut] : []),
          ...(command.alternates ?? []),
        ];
        if (shortcuts.some((s) => s !== undefined && matchesShortcut(event, s, isMac))) {
          event.preventDefault();
          runCommand(command.id);
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [info, isMac, changeAndNotify]);

  useEffect(() => {
    const theme = preferences?.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [preferences?.theme]);

  // Zoom the whole window (dialogs too) with CSS zoom, so it is the same in Electron and a browser.
  const zoom = preferences?.zoom ?? 100;
  useEffect(() => {
    document.documentElement.style.zoom = zoom === 100 ? '' : String(zoom / 100);
  }, [zoom]);

  // Ctrl/⌘ + wheel zooms like the zoom commands (and not Chromium's own page zoom, which would
  // bypass the preference): the listener is not passive, so it can keep the wheel from the page.
  useEffect(() => {
    let pending = 0;
    const onWheel = (event: WheelEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.deltaY === 0) return;
      event.preventDefault();
      const current = preferencesRef.current?.zoom ?? 100;
      const next = wheelZoom(pending, event.deltaY, current);
      pending = next.pending;
      if (next.zoom !== current) {
        changeAndNotify({ zoom: next.zoom });
        notify(t('app.zoom', { zoom: next.zoom }), 'info', 'ZOOM');
      }
    };
    window.addEventListener('wheel', onWheel, { passive: false });
    return () => window.removeEventListener('wheel', onWheel);
  }, [changeAndNotify, notify]);

  // The editor's typeface and size: custom properties that styles.css applies to the editor only.
  const editorFont = preferences?.editorFont ?? 'serif';
  const editorFontSize = preferences?.editorFontSize ?? 18;
  useEffect(() => {
    const root = document.documentElement.style;
    root.setProperty('--editor-font', editorFontStack(editorFont));
    root.setProperty('--editor-font-size', `${editorFontSize}px`);
    // The column's width: 66 characters of the body's own typeface and size, in pixels, so the
    // title (another size and weight) lines up with the text below it.
    const context = document.createElement('canvas').getContext('2d');
    if (context) {
      context.font = `${editorFontSize}px ${editorFontStack(editorFont)}`;
      root.setProperty('--editor-measure', `${Math.round(context.measureText('0').width * 66)}px`);
    }
  }, [editorFont, editorFontSize]);

  const paletteCommands = useMemo(
    () =>
      COMMAND_REGISTRY.filter(
        (c) => draft !== null || (c.id !== 'saveNow' && c.id !== 'exportMarkdown' && !isFormatCommand(c.id)),
      ),
    [draft],
  );
  /** `title` and `aria-keyshortcuts` for a button that runs a command with a shortcut. */
  const shortcutProps = (id: CommandId) => {
    const shortcut = commandSpec(id).shortcut;
    return shortcut
      ? {
          title: t('app.shortcutTitle', {
            title: commandSpec(id).title,
            shortcut: formatShortcut(shortcut, isMac),
          }),
          'aria-keyshortcuts': ariaKeyShortcuts(shortcut, isMac),
        }
      : {};
  };

  const registerFlush = useCallback((flush: (() => Promise<void>) | null) => {
    flushOpenDraft.current = flush;
  }, []);

  if (startError) {
    return (
      <div className="start-error" role="alert">
        <h1>{t('app.startError.title')}</h1>
        <p>{startError}</p>
        <button type="button" className="primary-button" onClick={() => window.location.reload()}>
          {t('common.tryAgain')}
        </button>
      </div>
    );
  }
  if (!info || !preferences) {
    return (
      <div className="loading" role="status">
        {t('app.loading')}
      </div>
    );
  }

  return (
    <div className="app" data-focus-mode={focusMode ? 'on' : undefined}>
      {focusMode ? (
        <button
          type="button"
          className="focus-exit secondary-button"
          aria-keyshortcuts="Escape"
          title={t('app.focusMode.leaveTitle')}
          onClick={() => changeAndNotify({ focusMode: false })}
        >
          {t('app.focusMode.leave')}
        </button>
      ) : null}
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        <span className="spacer" />
        <button
          type="button"
          className="secondary-button"
          onClick={() => setShowPalette(true)}
          {...shortcutProps('commandPalette')}
        >
          {t('app.header.commands')}
        </button>
        <OutboxControl />
        <ImportMarkdownButton
          beforeImport={async () => {
            await flushOpenDraft.current?.();
          }}
          onImported={(imported) => {
            setFilter('all');
            setDraft(imported);
            refresh();
            void call('setPreferences', { lastOpenDraftId: imported.id }).catch(() => {});
          }}
          onNotice={notify}
        />
        <button type="button" className="secondary-button" onClick={() => setShowRemote(true)}>
          {t('app.header.openFromBlog')}
        </button>
        <button type="button" className="secondary-button" onClick={openSnippets}>
          {t('app.header.snippets')}
        </button>
        <button type="button" className="secondary-button" onClick={() => setShowAccounts(true)}>
          {t('app.header.accounts')}
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => setShowSettings(true)}
          {...shortcutProps('openSettings')}
        >
          {t('app.header.settings')}
        </button>
      </header>
      {quarantine.length > 0 ? (
        <section className="banner banner-warning" role="alert" aria-label={t('app.quarantine.label')}>
          <div>
            <p>{t('app.quarantine.message', { count: quarantine.length })}</p>
            <ul>
              {quarantine.map((entry) => (
                <li key={entry.movedTo}>
                  <strong>{entry.fileName}</strong>: {entry.reason}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="link-button" onClick={() => setQuarantine([])}>
            {t('app.quarantine.dismiss')}
          </button>
        </section>
      ) : null}
      <div className="workspace">
        <DraftList
          filter={filter}
          onFilterChange={setFilter}
          selectedId={draft?.id ?? null}
          onSelect={(id) => void openDraft(id)}
          onNewDraft={() => void newDraft()}
          onEmptyTrash={() => {
            if (!window.confirm(t('app.emptyTrash.confirm'))) return;
            call('emptyTrash')
              .then(({ removed }) => {
                notify(t('app.emptyTrash.done', { removed }));
                if (draft?.trashedAt) setDraft(null);
                refresh();
              })
              .catch((e: unknown) => notify(errorMessage(e), 'error'));
          }}
          refreshKey={refreshKey}
          searchRef={searchRef}
        />
        {draft ? (
          <DraftScreen
            key={`${draft.id}:${generation}`}
            draft={draft}
            assetBaseUrl={info.assetBaseUrl}
            spellcheck={preferences.spellcheck}
            smartPunctuation={preferences.smartPunctuation}
            accounts={accounts}
            onManageAccounts={() => setShowAccounts(true)}
            onAddBlog={addBlog}
            onOpenSnippets={openSnippets}
            onReload={reloadDraft}
            onPublishStateChanged={refreshDraft}
            onTrashed={() => {
              notify(t('app.trashed'));
              setDraft(null);
              refresh();
            }}
            onNotice={notify}
            registerFlush={registerFlush}
          />
        ) : (
          <main className="draft-screen empty-state" aria-label={t('app.empty.label')}>
            <p>{t('app.empty.message')}</p>
            <button type="button" className="primary-button" onClick={() => void newDraft()}>
              {t('app.empty.newDraft')}
            </button>
          </main>
        )}
      </div>
      <Notices notices={notices} onDismiss={(key) => setNotices((l) => l.filter((n) => n.key !== key))} />
      <AccountsDialog
        open={showAccounts}
        onClose={() => setShowAccounts(false)}
        accounts={accounts}
        onAccountsChanged={setAccounts}
        addBlogRequest={addBlogRequest}
      />
      <SnippetsDialog
        open={showSnippets}
        onClose={() => setShowSnippets(false)}
        spellcheck={preferences.spellcheck}
        onOpenDraft={(id) => {
          setShowSnippets(false);
          setFilter('all');
          void openDraft(id);
        }}
      />
      <RemotePostsDialog
        open={showRemote}
        accounts={accounts}
        onManageAccounts={() => {
          setShowRemote(false);
          setShowAccounts(true);
        }}
        onClose={() => setShowRemote(false)}
        onOpened={(opened) => {
          setShowRemote(false);
          setFilter('all');
          setDraft(opened);
          refresh();
        }}
      />
      <CommandPalette
        open={showPalette}
        commands={paletteCommands}
        onClose={() => setShowPalette(false)}
        onRun={runCommand}
      />
      <SettingsDialog
        open={showSettings}
        info={info}
        preferences={preferences}
        onClose={() => setShowSettings(false)}
        onChange={changePreferences}
        onFolderMoved={(path) => {
          setInfo({ ...info, draftsDir: path });
          refresh();
        }}
      />
    </div>
  );
}
