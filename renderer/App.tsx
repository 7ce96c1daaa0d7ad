import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AccountSummary,
  AppInfo,
  Draft,
  DraftFilter,
  Preferences,
  QuarantineEntry,
} from '../electron/contract';
import { call, errorMessage, on, SignetError } from './bridge';
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
  const [showRemote, setShowRemote] = useState(false);
  const [showSnippets, setShowSnippets] = useState(false);
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
      on('menuCommand', ({ command }) => {
        if (command === 'newDraft') void newDraft();
        if (command === 'find') searchRef.current?.focus();
        if (command === 'showDrafts') setFilter('all');
        if (command === 'showTrash') setFilter('trash');
        if (command === 'showSnippets') setShowSnippets(true);
        if (command === 'saveNow') void flushOpenDraft.current?.();
        if (command === 'moveDraftsFolder') setShowSettings(true);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [newDraft, notify, refresh]);

  // In Electron the menu owns the shortcuts (menuCommand); in a browser only Save is ours to take.
  useEffect(() => {
    if (info?.runtime !== 'web') return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void flushOpenDraft.current?.();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [info?.runtime]);

  useEffect(() => {
    const theme = preferences?.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [preferences?.theme]);

  const registerFlush = useCallback((flush: (() => Promise<void>) | null) => {
    flushOpenDraft.current = flush;
  }, []);

  if (startError) {
    return (
      <div className="start-error" role="alert">
        <h1>Signet could not start</h1>
        <p>{startError}</p>
      </div>
    );
  }
  if (!info || !preferences) {
    return (
      <div className="loading" role="status">
        Opening your drafts…
      </div>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">Signet</span>
        <span className="spacer" />
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
          Open from blog
        </button>
        <button type="button" className="secondary-button" onClick={openSnippets}>
          Snippets
        </button>
        <button type="button" className="secondary-button" onClick={() => setShowAccounts(true)}>
          Accounts
        </button>
        <button type="button" className="secondary-button" onClick={() => setShowSettings(true)}>
          Settings
        </button>
      </header>
      {quarantine.length > 0 ? (
        <section className="banner banner-warning" role="alert" aria-label="Unreadable drafts">
          <div>
            <p>
              {quarantine.length === 1
                ? 'One draft file could not be opened.'
                : `${quarantine.length} draft files could not be opened.`}{' '}
              They were set aside, not deleted.
            </p>
            <ul>
              {quarantine.map((entry) => (
                <li key={entry.movedTo}>
                  <strong>{entry.fileName}</strong>: {entry.reason}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="link-button" onClick={() => setQuarantine([])}>
            Dismiss
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
            if (!window.confirm('Delete every draft in the trash for good? This cannot be undone.')) return;
            call('emptyTrash')
              .then(({ removed }) => {
                notify(`Deleted ${removed} ${removed === 1 ? 'draft' : 'drafts'} for good.`);
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
            accounts={accounts}
            onManageAccounts={() => setShowAccounts(true)}
            onOpenSnippets={openSnippets}
            onReload={reloadDraft}
            onPublishStateChanged={refreshDraft}
            onTrashed={() => {
              notify('Moved to the trash. Open the trash to restore it.');
              setDraft(null);
              refresh();
            }}
            onNotice={notify}
            registerFlush={registerFlush}
          />
        ) : (
          <main className="draft-screen empty-state" aria-label="Draft">
            <p>Choose a draft on the left, or start a new one.</p>
            <button type="button" className="primary-button" onClick={() => void newDraft()}>
              Start a new draft
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
        onClose={() => setShowRemote(false)}
        onOpened={(opened) => {
          setShowRemote(false);
          setFilter('all');
          setDraft(opened);
          refresh();
        }}
      />
      <SettingsDialog
        open={showSettings}
        info={info}
        preferences={preferences}
        onClose={() => setShowSettings(false)}
        onPreferences={setPreferences}
        onFolderMoved={(path) => {
          setInfo({ ...info, draftsDir: path });
          refresh();
        }}
      />
    </div>
  );
}
