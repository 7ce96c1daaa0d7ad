import { useEffect, useState } from 'react';
import {
  SNIPPET_KIND_LABELS,
  type AccountSettings,
  type AccountSummary,
  type PlatformInfo,
  type SignInResult,
  type SiteDiscovery,
  type Snippet,
  type VaultStatus,
} from '../../../electron/contract';
import { call, errorMessage, on, SignetError } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { useSnippetLibrary } from '../snippets/useSnippetLibrary';
import { ConnectForm } from './ConnectForm';

interface AccountsDialogProps {
  open: boolean;
  onClose(): void;
  accounts: AccountSummary[];
  onAccountsChanged(accounts: AccountSummary[]): void;
}

type Step =
  | { kind: 'address' }
  | { kind: 'credentials'; site: SiteDiscovery }
  | { kind: 'waitingForBrowser'; site: SiteDiscovery }
  | { kind: 'chooseBlogs'; signIn: SignInResult };

/** Blog accounts: add one by its address, sign in, pick blogs; settings; remove. */
export function AccountsDialog({ open, onClose, accounts, onAccountsChanged }: AccountsDialogProps) {
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
  const { library } = useSnippetLibrary(open);
  const platform = platforms.find((p) => p.id === platformId);

  useEffect(() => {
    if (!open) return;
    setError(null);
    call('listPlatforms')
      .then(setPlatforms)
      .catch(() => setPlatforms([]));
    call('getVaultStatus')
      .then(setVault)
      .catch(() => setVault(null));
  }, [open]);

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
    <Dialog title="Blog accounts" open={open} onClose={onClose} className="dialog-wide">
      {vault?.isWeak && !vault.hasConsent ? (
        <div className="banner banner-warning" role="alert">
          <p>{vault.message ?? 'Your system has no keyring, so Signet cannot encrypt passwords well.'}</p>
          <button
            type="button"
            className="secondary-button"
            onClick={() =>
              void call('allowWeakVault')
                .then(setVault)
                .catch((e: unknown) => setError(errorMessage(e)))
            }
          >
            Store passwords with weak protection
          </button>
        </div>
      ) : null}

      <section aria-labelledby="accounts-list-title" className="settings-section">
        <h3 id="accounts-list-title">Your blogs</h3>
        {accounts.length === 0 ? (
          <p className="empty-state">No blog yet. Add one below by its address.</p>
        ) : (
          <ul className="account-list" aria-label="Blog accounts">
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

      <section aria-labelledby="accounts-add-title" className="settings-section">
        <h3 id="accounts-add-title">Add a blog</h3>
        {step.kind === 'address' && platforms.length > 1 ? (
          <label>
            Platform
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
              void run('Looking at the blog…', async () => {
                const site = await call('discoverSite', { url: address });
                setStep({ kind: 'credentials', site });
              });
            }}
          >
            <label>
              Blog address
              <input
                value={address}
                placeholder="example.com"
                inputMode="url"
                autoComplete="url"
                onChange={(e) => setAddress(e.target.value)}
              />
            </label>
            <button type="submit" className="primary-button" disabled={!address.trim() || busy !== null}>
              Continue
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
                  setBusy('Waiting for you to approve Signet in the browser…');
                  setError(null);
                  call('startBrowserSignIn', { url: step.site.siteUrl })
                    .then(() => setStep({ kind: 'waitingForBrowser', site: step.site }))
                    .catch((e: unknown) => {
                      setBusy(null);
                      setError(errorMessage(e));
                    });
                }}
              >
                Sign in with the browser
              </button>
            ) : null}
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                void run('Signing in…', async () => {
                  chooseBlogs(await call('signIn', { url: step.site.siteUrl, userLogin, appPassword }));
                });
              }}
            >
              <p className="hint">
                Or paste an application password (WordPress: Users → Profile → Application Passwords).
              </p>
              <label>
                User name
                <input
                  value={userLogin}
                  autoComplete="username"
                  onChange={(e) => setUserLogin(e.target.value)}
                />
              </label>
              <label>
                Application password
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
                  Sign in
                </button>
                <button type="button" className="secondary-button" onClick={reset}>
                  Back
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
              void run('Adding…', async () => {
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
            <p>
              Signed in to <strong>{step.signIn.siteName}</strong> as {step.signIn.userName}.
            </p>
            {step.signIn.blogs.length > 1 ? (
              <fieldset>
                <legend>This login has {step.signIn.blogs.length} blogs. Which should Signet add?</legend>
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
                  Choose all
                </button>
              </fieldset>
            ) : null}
            <div className="dialog-actions">
              <button
                type="submit"
                className="primary-button"
                disabled={chosen.length === 0 || busy !== null}
              >
                {chosen.length > 1 ? `Add ${chosen.length} blogs` : 'Add blog'}
              </button>
              <button type="button" className="secondary-button" onClick={reset}>
                Cancel
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
    site.applicationPasswords ? 'application passwords' : null,
  ].filter(Boolean);
  return (
    <div className="site-facts" role="group" aria-label="Blog found">
      <p>
        <strong>{site.name}</strong> <span className="hint">{site.siteUrl}</span>
      </p>
      <p className="hint">Supports: {facts.join(', ') || 'nothing Signet can use'}.</p>
    </div>
  );
}

const TRANSPORT_WORDS: Record<AccountSummary['transport'], string> = {
  rest: ' · via REST API',
  xmlrpc: ' · via XML-RPC',
  api: '',
  folder: ' · a folder on this computer',
};

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
  const label = `${account.siteName} (${account.userLogin})`;
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
          {TRANSPORT_WORDS[account.transport]}
          {account.hasCredential ? '' : ' · signed out'}
        </p>
      </div>
      {account.transport === 'rest' || account.transport === 'xmlrpc' ? (
        <label>
          Post format
          <select
            value={account.settings.contentFormat}
            onChange={(e) => update({ contentFormat: e.target.value as 'blocks' | 'classic' })}
          >
            <option value="blocks">Blocks (block editor)</option>
            <option value="classic">Classic HTML</option>
          </select>
        </label>
      ) : null}
      {account.capabilities.mediaUpload ? null : (
        <label>
          Images stored by
          <select
            value={account.settings.mediaAccountId ?? ''}
            onChange={(e) => update({ mediaAccountId: e.target.value || null })}
          >
            <option value="">Nobody: posts must use images already on the web</option>
            {imageHosts.map((host) => (
              <option key={host.id} value={host.id}>
                {host.siteName} ({host.userLogin})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Largest image width (px)
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
        label="Header snippet"
        value={account.settings.headerSnippetId}
        snippets={snippets}
        onChange={(id) => update({ headerSnippetId: id })}
      />
      <SnippetSelect
        label="Footer snippet"
        value={account.settings.footerSnippetId}
        snippets={snippets}
        onChange={(id) => update({ footerSnippetId: id })}
      />
      <button
        type="button"
        className="secondary-button"
        aria-label={`Remove ${label}`}
        onClick={() => {
          if (
            !window.confirm(`Remove ${label} from Signet? Its password is deleted; posts on the blog stay.`)
          )
            return;
          call('removeAccount', { id: account.id })
            .then(onRemoved)
            .catch((e: unknown) =>
              onError(e instanceof SignetError ? e.message : 'Signet could not remove the account.'),
            );
        }}
      >
        Remove
      </button>
    </li>
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
        <option value="">None</option>
        {isMissing ? <option value={value}>(a deleted snippet)</option> : null}
        {snippets === null && value !== undefined ? <option value={value}>…</option> : null}
        {(snippets ?? []).map((snippet) => (
          <option key={snippet.id} value={snippet.id}>
            {snippet.name} ({SNIPPET_KIND_LABELS[snippet.kind]})
          </option>
        ))}
      </select>
    </label>
  );
}
