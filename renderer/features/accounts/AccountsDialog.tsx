import { useEffect, useRef, useState } from 'react';
import {
  type AccountSettings,
  type AccountSummary,
  type PlatformInfo,
  type SignInResult,
  type SiteDiscovery,
  type Snippet,
  type VaultStatus,
} from '../../../electron/contract';
import { snippetKindLabel } from '../../../electron/contract/snippetLabels';
import { call, errorMessage, on, SignetError } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { RetryError } from '../../ui/RetryError';
import { needsBlog } from '../destinations/DestinationsPanel';
import { useSnippetLibrary } from '../snippets/useSnippetLibrary';
import { ConnectForm } from './ConnectForm';
import { t } from '../../../electron/contract/i18n';

interface AccountsDialogProps {
  open: boolean;
  onClose(): void;
  accounts: AccountSummary[];
  onAccountsChanged(accounts: AccountSummary[]): void;
  /**
   * Bumped by "Add your blog" elsewhere: the dialog opens at its connect form, WordPress chosen
   * and the blog address field focused.
   */
  addBlogRequest?: number;
}

type Step =
  | { kind: 'address' }
  | { kind: 'credentials'; site: SiteDiscovery }
  | { kind: 'waitingForBrowser'; site: SiteDiscovery }
  | { kind: 'chooseBlogs'; signIn: SignInResult };

/** Blog accounts: add one by its address, sign in, pick blogs; settings; remove. */
export function AccountsDialog({
  open,
  onClose,
  accounts,
  onAccountsChanged,
  addBlogRequest = 0,
}: AccountsDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'address' });
  const [address, setAddress] = useState('');
  const [userLogin, setUserLogin] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [vault, setVault] = useState<VaultStatus | null>(null);
  const [platforms, setPlatforms] = useState<PlatformInfo[]>([]);
  const [platformId, setPlatformId] = useState<PlatformInfo['id']>('wordpress');
  const [platformsError, setPlatformsError] = useState<string | null>(null);
  const [platformsTry, setPlatformsTry] = useState(0);
  /** Bumped to focus the first field of the connect form once it is on screen. */
  const [focusTick, setFocusTick] = useState(0);
  const addSectionRef = useRef<HTMLElement>(null);
  const { library } = useSnippetLibrary(open);
  const platform = platforms.find((p) => p.id === platformId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setPlatformsError(null);
    call('listPlatforms')
      .then(setPlatforms)
      .catch((e: unknown) => {
        setPlatforms([]);
        setPlatformsError(errorMessage(e));
      });
    call('getVaultStatus')
      .then(setVault)
      .catch(() => setVault(null));
  }, [open, platformsTry]);

  /** "Add your blog": the connect form, WordPress chosen, its first field focused. */
  function startAddingBlog() {
    setStep({ kind: 'address' });
    setUserLogin('');
    setAppPassword('');
    setError(null);
    setPlatformId('wordpress');
    setFocusTick((n) => n + 1);
  }

  useEffect(() => {
    if (open && addBlogRequest > 0) startAddingBlog();
  }, [open, addBlogRequest]);

  useEffect(() => {
    if (focusTick === 0) return;
    const section = addSectionRef.current;
    const field =
      section?.querySelector<HTMLElement>('input') ?? section?.querySelector<HTMLElement>('select');
    field?.scrollIntoView({ block: 'nearest' });
    field?.focus();
  }, [focusTick, platforms]);

  useEffect(
    () =>
      on('signInCompleted', ({ result, error: failure }) => {
        setBusy(null);
        if (failure) setError(failure.message);
        if (result) chooseBlogs(result);
      }),
    [],
  );

  function chooseBlogs(result: SignInResult) {
    setAppPassword('');
    setChosen(result.blogs.map((b) => b.blogId).slice(0, 1));
    setStep({ kind: 'chooseBlogs', signIn: result });
  }

  async function run(label: string, task: () => Promise<void>) {
    setBusy(label);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const reset = () => {
    setStep({ kind: 'address' });
    setUserLogin('');
    setAppPassword('');
    setError(null);
  };

  return (
    <Dialog title={t('accounts.dialog.title')} open={open} onClose={onClose} className="dialog-wide">
      {vault?.isWeak && !vault.hasConsent ? (
        <div className="banner banner-warning" role="alert">
          <p>{vault.message ?? t('accounts.vault.weak')}</p>
          <button
            type="button"
            className="secondary-button"
            onClick={() =>
              void call('allowWeakVault')
                .then(setVault)
                .catch((e: unknown) => setError(errorMessage(e)))
            }
          >
            {t('accounts.vault.allowWeak')}
          </button>
        </div>
      ) : null}

      <section aria-labelledby="accounts-list-title" className="settings-section">
        <h3 id="accounts-list-title">{t('accounts.list.title')}</h3>
        {needsBlog(accounts) ? (
          <div className="empty-state next-step">
            <p>{accounts.length === 0 ? t('accounts.list.empty') : t('accounts.list.folderOnly')}</p>
            <button type="button" className="primary-button" onClick={startAddingBlog}>
              {t('accounts.list.addYourBlog')}
            </button>
          </div>
        ) : null}
        {accounts.length === 0 ? null : (
          <ul className="account-list" aria-label={t('accounts.list.label')}>
            {accounts.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                imageHosts={accounts.filter((a) => a.id !== account.id && a.capabilities.mediaUpload)}
                snippets={library?.snippets ?? null}
                onChanged={(updated) =>
                  onAccountsChanged(accounts.map((a) => (a.id === updated.id ? updated : a)))
                }
                onRemoved={() => onAccountsChanged(accounts.filter((a) => a.id !== account.id))}
                onError={setError}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="accounts-add-title" className="settings-section" ref={addSectionRef}>
        <h3 id="accounts-add-title">{t('accounts.add.title')}</h3>
        {platformsError ? (
          <RetryError
            message={t('accounts.add.platformsFailed', { error: platformsError })}
            onRetry={() => setPlatformsTry((n) => n + 1)}
          />
        ) : null}
        {step.kind === 'address' && platforms.length > 1 ? (
          <label>
            {t('accounts.add.platform')}
            <select value={platformId} onChange={(e) => setPlatformId(e.target.value as PlatformInfo['id'])}>
              {platforms.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {step.kind === 'address' && platform && platform.connect !== 'wordpress' ? (
          <ConnectForm
            key={platform.id}
            platform={platform}
            busy={busy !== null}
            onSignedIn={chooseBlogs}
            onWaitingForBrowser={(message) => setBusy(message)}
            onBusy={setBusy}
            onError={(message) => setError(message || null)}
            onBack={reset}
          />
        ) : null}
        {step.kind === 'address' && (!platform || platform.connect === 'wordpress') ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(t('accounts.add.lookingAtBlog'), async () => {
                const site = await call('discoverSite', { url: address });
                setStep({ kind: 'credentials', site });
              });
            }}
          >
            <label>
              {t('accounts.add.blogAddress')}
              <input
                value={address}
                placeholder="example.com"
                inputMode="url"
                autoComplete="url"
                onChange={(e) => setAddress(e.target.value)}
              />
            </label>
            <button type="submit" className="primary-button" disabled={!address.trim() || busy !== null}>
              {t('accounts.add.continue')}
            </button>
          </form>
        ) : null}

        {step.kind === 'credentials' || step.kind === 'waitingForBrowser' ? (
          <div className="inline-form">
            <SiteFacts site={step.site} />
            {step.site.canAuthorizeInBrowser ? (
              <button
                type="button"
                className="primary-button"
                disabled={busy !== null}
                onClick={() => {
                  setBusy(t('accounts.add.waitingForBrowser'));
                  setError(null);
                  call('startBrowserSignIn', { url: step.site.siteUrl })
                    .then(() => setStep({ kind: 'waitingForBrowser', site: step.site }))
                    .catch((e: unknown) => {
                      setBusy(null);
                      setError(errorMessage(e));
                    });
                }}
              >
                {t('accounts.add.signInWithBrowser')}
              </button>
            ) : null}
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                void run(t('accounts.add.signingIn'), async () => {
                  chooseBlogs(await call('signIn', { url: step.site.siteUrl, userLogin, appPassword }));
                });
              }}
            >
              <p className="hint">{t('accounts.add.appPasswordHint')}</p>
              <label>
                {t('accounts.add.userName')}
                <input
                  value={userLogin}
                  autoComplete="username"
                  onChange={(e) => setUserLogin(e.target.value)}
                />
              </label>
              <label>
                {t('accounts.add.appPassword')}
                <input
                  type="password"
                  value={appPassword}
                  autoComplete="off"
                  onChange={(e) => setAppPassword(e.target.value)}
                />
              </label>
              <div className="dialog-actions">
                <button
                  type="submit"
                  className="primary-button"
                  disabled={!userLogin.trim() || !appPassword.trim() || busy !== null}
                >
                  {t('accounts.add.signIn')}
                </button>
                <button type="button" className="secondary-button" onClick={reset}>
                  {t('accounts.add.back')}
                </button>
              </div>
            </form>
          </div>
        ) : null}

        {step.kind === 'chooseBlogs' ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void run(t('accounts.add.adding'), async () => {
                const added = await call('addAccounts', {
                  sessionId: step.signIn.sessionId,
                  blogIds: chosen,
                });
                onAccountsChanged(added);
                setAddress('');
                reset();
              });
            }}
          >
            <SignedIn siteName={step.signIn.siteName} userName={step.signIn.userName} />
            {step.signIn.blogs.length > 1 ? (
              <fieldset>
                <legend>{t('accounts.add.whichBlogs', { count: step.signIn.blogs.length })}</legend>
                {step.signIn.blogs.map((blog) => (
                  <label key={blog.blogId} className="check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(blog.blogId)}
                      onChange={(e) =>
                        setChosen((list) =>
                          e.target.checked ? [...list, blog.blogId] : list.filter((id) => id !== blog.blogId),
                        )
                      }
                    />
                    {blog.name} <span className="hint">{blog.url}</span>
                  </label>
                ))}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setChosen(step.signIn.blogs.map((b) => b.blogId))}
                >
                  {t('accounts.add.chooseAll')}
                </button>
              </fieldset>
            ) : null}
            <div className="dialog-actions">
              <button
                type="submit"
                className="primary-button"
                disabled={chosen.length === 0 || busy !== null}
              >
                {t('accounts.add.addBlogs', { count: chosen.length })}
              </button>
              <button type="button" className="secondary-button" onClick={reset}>
                {t('accounts.add.cancel')}
              </button>
            </div>
          </form>
        ) : null}

        {busy ? (
          <p role="status" className="hint">
            {busy}
          </p>
        ) : null}
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
    </Dialog>
  );
}

function SiteFacts({ site }: { site: SiteDiscovery }) {
  const facts = [
    site.hasRest ? 'REST API' : null,
    site.hasXmlRpc ? 'XML-RPC' : null,
    site.applicationPasswords ? t('accounts.site.applicationPasswords') : null,
  ].filter(Boolean);
  return (
    <div className="site-facts" role="group" aria-label={t('accounts.site.found')}>
      <p>
        <strong>{site.name}</strong> <span className="hint">{site.siteUrl}</span>
      </p>
      <p className="hint">
        {t('accounts.site.supports', { facts: facts.join(', ') || t('accounts.site.nothingUsable') })}
      </p>
    </div>
  );
}

const transportWords = (): Record<AccountSummary['transport'], string> => ({
  rest: t('accounts.row.viaRest'),
  xmlrpc: t('accounts.row.viaXmlRpc'),
  api: '',
  folder: t('accounts.row.viaFolder'),
});

function AccountRow({
  account,
  imageHosts,
  snippets,
  onChanged,
  onRemoved,
  onError,
}: {
  account: AccountSummary;
  /** Accounts that can store this one's images (it cannot upload them itself). */
  imageHosts: AccountSummary[];
  /** `null` while the library loads. */
  snippets: readonly Snippet[] | null;
  onChanged(account: AccountSummary): void;
  onRemoved(): void;
  onError(message: string): void;
}) {
  const label = t('accounts.row.label', { site: account.siteName, user: account.userLogin });
  const update = (
    patch: Partial<Pick<AccountSettings, 'contentFormat' | 'maxImageWidth'>> & {
      headerSnippetId?: string | null;
      footerSnippetId?: string | null;
      mediaAccountId?: string | null;
    },
  ) =>
    void call('updateAccountSettings', { id: account.id, ...patch })
      .then(onChanged)
      .catch((e: unknown) => onError(errorMessage(e)));
  return (
    <li className="account-row" aria-label={label}>
      <div>
        <p className="draft-item-title">{account.siteName}</p>
        <p className="draft-item-meta">
          {account.siteUrl} · {account.userName}
          {transportWords()[account.transport]}
          {account.hasCredential ? '' : t('accounts.row.signedOut')}
        </p>
      </div>
      {account.transport === 'rest' || account.transport === 'xmlrpc' ? (
        <label>
          {t('accounts.row.postFormat')}
          <select
            value={account.settings.contentFormat}
            onChange={(e) => update({ contentFormat: e.target.value as 'blocks' | 'classic' })}
          >
            <option value="blocks">{t('accounts.row.formatBlocks')}</option>
            <option value="classic">{t('accounts.row.formatClassic')}</option>
          </select>
        </label>
      ) : null}
      {account.capabilities.mediaUpload ? null : (
        <label>
          {t('accounts.row.imagesStoredBy')}
          <select
            value={account.settings.mediaAccountId ?? ''}
            onChange={(e) => update({ mediaAccountId: e.target.value || null })}
          >
            <option value="">{t('accounts.row.imagesNobody')}</option>
            {imageHosts.map((host) => (
              <option key={host.id} value={host.id}>
                {t('accounts.row.label', { site: host.siteName, user: host.userLogin })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('accounts.row.maxImageWidth')}
        <input
          type="number"
          min={320}
          max={10000}
          step={16}
          defaultValue={account.settings.maxImageWidth}
          onBlur={(e) => {
            const value = Number(e.target.value);
            if (value !== account.settings.maxImageWidth && value >= 320) update({ maxImageWidth: value });
          }}
        />
      </label>
      <SnippetSelect
        label={t('accounts.row.headerSnippet')}
        value={account.settings.headerSnippetId}
        snippets={snippets}
        onChange={(id) => update({ headerSnippetId: id })}
      />
      <SnippetSelect
        label={t('accounts.row.footerSnippet')}
        value={account.settings.footerSnippetId}
        snippets={snippets}
        onChange={(id) => update({ footerSnippetId: id })}
      />
      <button
        type="button"
        className="secondary-button"
        aria-label={t('accounts.row.removeLabel', { label })}
        onClick={() => {
          if (!window.confirm(t('accounts.row.removeConfirm', { label }))) return;
          call('removeAccount', { id: account.id })
            .then(onRemoved)
            .catch((e: unknown) =>
              onError(e instanceof SignetError ? e.message : t('accounts.row.removeFailed')),
            );
        }}
      >
        {t('accounts.row.remove')}
      </button>
    </li>
  );
}

/** "Signed in to <site, bold> as <user>." */
function SignedIn({ siteName, userName }: { siteName: string; userName: string }) {
  const marker = '\u0000';
  const [before = '', after = ''] = t('accounts.add.signedIn', { site: marker, user: userName }).split(
    marker,
  );
  return (
    <p>
      {before}
      <strong>{siteName}</strong>
      {after}
    </p>
  );
}

/** A library snippet this blog adds above (header) or below (footer) every post published to it. */
function SnippetSelect({
  label,
  value,
  snippets,
  onChange,
}: {
  label: string;
  value: string | undefined;
  snippets: readonly Snippet[] | null;
  onChange(id: string | null): void;
}) {
  const isMissing = value !== undefined && snippets !== null && !snippets.some((s) => s.id === value);
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('accounts.snippet.none')}</option>
        {isMissing ? <option value={value}>{t('accounts.snippet.deleted')}</option> : null}
        {snippets === null && value !== undefined ? <option value={value}>…</option> : null}
        {(snippets ?? []).map((snippet) => (
          <option key={snippet.id} value={snippet.id}>
            {t('accounts.snippet.option', { name: snippet.name, kind: snippetKindLabel(snippet.kind) })}
          </option>
        ))}
      </select>
    </label>
  );
}
