import { useState } from 'react';
import type { PlatformInfo, SignInResult } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';
import { t } from '../../../electron/contract/i18n';

interface ConnectFormProps {
  platform: PlatformInfo;
  busy: boolean;
  /** A key or folder was checked: the author picks the blogs to add. */
  onSignedIn(result: SignInResult): void;
  /** A sign-in in the browser started; `signInCompleted` brings the result. */
  onWaitingForBrowser(message: string): void;
  onBusy(message: string | null): void;
  onError(message: string): void;
  onBack(): void;
}

/** How to find what each kind of sign-in asks for, in the author's words. */
const hints = (): Record<Exclude<PlatformInfo['connect'], 'wordpress'>, string> => ({
  'api-key': t('accounts.connect.hint.apiKey'),
  oauth: t('accounts.connect.hint.oauth'),
  indieauth: t('accounts.connect.hint.indieauth'),
  folder: t('accounts.connect.hint.folder'),
});

/** The site generators a folder can hold (product names: not translated). */
const GENERATORS = [
  { id: 'hugo', name: 'Hugo' },
  { id: 'jekyll', name: 'Jekyll' },
  { id: 'eleventy', name: 'Eleventy' },
] as const;

/** Connects an account of a platform other than WordPress: a key, an OAuth client, a site address or a folder. */
export function ConnectForm({
  platform,
  busy,
  onSignedIn,
  onWaitingForBrowser,
  onBusy,
  onError,
  onBack,
}: ConnectFormProps) {
  const [siteUrl, setSiteUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [me, setMe] = useState('');
  const [folder, setFolder] = useState('');
  const [generator, setGenerator] = useState<'' | 'hugo' | 'jekyll' | 'eleventy'>('');
  const kind = platform.connect;
  if (kind === 'wordpress') return null;

  const ready =
    kind === 'api-key'
      ? siteUrl.trim() !== '' && apiKey.trim() !== ''
      : kind === 'oauth'
        ? clientId.trim() !== ''
        : kind === 'indieauth'
          ? me.trim() !== ''
          : folder.trim() !== '';

  async function submit() {
    if (kind === 'wordpress') return;
    onError('');
    const isBrowser = kind === 'oauth' || kind === 'indieauth';
    onBusy(
      isBrowser
        ? t('accounts.connect.openingBrowser')
        : t('accounts.connect.checking', { platform: platform.name }),
    );
    try {
      const input =
        kind === 'api-key'
          ? { platform: platform.id, kind, siteUrl, apiKey }
          : kind === 'oauth'
            ? { platform: platform.id, kind, clientId, ...(clientSecret.trim() ? { clientSecret } : {}) }
            : kind === 'indieauth'
              ? { platform: platform.id, kind, me }
              : { platform: platform.id, kind, folder, ...(generator ? { generator } : {}) };
      const answer = await call('connectAccount', input);
      setApiKey('');
      setClientSecret('');
      if ('waitingForBrowser' in answer) {
        onWaitingForBrowser(t('accounts.connect.approveInBrowser'));
        return;
      }
      onBusy(null);
      onSignedIn(answer);
    } catch (e) {
      onBusy(null);
      onError(errorMessage(e));
    }
  }

  return (
    <form
      className="inline-form"
      aria-label={t('accounts.connect.form', { platform: platform.name })}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="hint">{hints()[kind]}</p>
      {kind === 'api-key' ? (
        <>
          <label>
            {t('accounts.connect.siteAddress')}
            <input
              value={siteUrl}
              placeholder="https://example.com"
              inputMode="url"
              autoComplete="url"
              onChange={(e) => setSiteUrl(e.target.value)}
            />
          </label>
          <label>
            {t('accounts.connect.adminApiKey')}
            <input
              type="password"
              value={apiKey}
              autoComplete="off"
              onChange={(e) => setApiKey(e.target.value)}
            />
          </label>
        </>
      ) : null}
      {kind === 'oauth' ? (
        <>
          <label>
            {t('accounts.connect.oauthClientId')}
            <input value={clientId} autoComplete="off" onChange={(e) => setClientId(e.target.value)} />
          </label>
          <label>
            {t('accounts.connect.oauthClientSecret')}
            <input
              type="password"
              value={clientSecret}
              autoComplete="off"
              onChange={(e) => setClientSecret(e.target.value)}
            />
          </label>
        </>
      ) : null}
      {kind === 'indieauth' ? (
        <label>
          {t('accounts.connect.yourSiteAddress')}
          <input
            value={me}
            placeholder="https://you.example"
            inputMode="url"
            autoComplete="url"
            onChange={(e) => setMe(e.target.value)}
          />
        </label>
      ) : null}
      {kind === 'folder' ? (
        <>
          <label>
            {t('accounts.connect.siteFolder')}
            <input value={folder} onChange={(e) => setFolder(e.target.value)} />
          </label>
          <button
            type="button"
            className="secondary-button"
            onClick={() =>
              void call('pickSiteFolder')
                .then((picked) => {
                  if (picked) setFolder(picked.path);
                })
                .catch((e: unknown) => onError(errorMessage(e)))
            }
          >
            {t('accounts.connect.chooseFolder')}
          </button>
          <label>
            {t('accounts.connect.siteGenerator')}
            <select value={generator} onChange={(e) => setGenerator(e.target.value as typeof generator)}>
              <option value="">{t('accounts.connect.generatorAuto')}</option>
              {GENERATORS.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="submit" className="primary-button" disabled={!ready || busy}>
          {kind === 'oauth' || kind === 'indieauth'
            ? t('accounts.connect.signInWithBrowser')
            : t('accounts.connect.connect')}
        </button>
        <button type="button" className="secondary-button" onClick={onBack}>
          {t('accounts.connect.back')}
        </button>
      </div>
    </form>
  );
}
