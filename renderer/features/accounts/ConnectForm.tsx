import { useState } from 'react';
import type { PlatformInfo, SignInResult } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';

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
const HINTS: Record<Exclude<PlatformInfo['connect'], 'wordpress'>, string> = {
  'api-key':
    'In the blog’s admin: Settings → Integrations → Add custom integration. Copy its Admin API key (it looks like id:secret).',
  oauth:
    'Signet signs in with your own OAuth client (Google Cloud Console → APIs & Services → Credentials → OAuth client ID, type “Desktop app”, with the Blogger API enabled). Your browser opens to approve Signet.',
  indieauth:
    'Type your own site’s address. Your browser opens your site’s sign-in page (IndieAuth) to approve Signet.',
  folder:
    'A Hugo, Jekyll or Eleventy site on this computer. Signet writes Markdown posts into it and copies the images.',
};

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
    onBusy(isBrowser ? 'Opening your browser…' : `Checking ${platform.name}…`);
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
        onWaitingForBrowser(`Approve Signet in your browser, then come back here.`);
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
      aria-label={`Connect ${platform.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="hint">{HINTS[kind]}</p>
      {kind === 'api-key' ? (
        <>
          <label>
            Site address
            <input
              value={siteUrl}
              placeholder="https://example.com"
              inputMode="url"
              autoComplete="url"
              onChange={(e) => setSiteUrl(e.target.value)}
            />
          </label>
          <label>
            Admin API key
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
            OAuth client ID
            <input value={clientId} autoComplete="off" onChange={(e) => setClientId(e.target.value)} />
          </label>
          <label>
            OAuth client secret
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
          Your site’s address
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
            Site folder
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
            Choose folder…
          </button>
          <label>
            Site generator
            <select value={generator} onChange={(e) => setGenerator(e.target.value as typeof generator)}>
              <option value="">Find out from the folder</option>
              <option value="hugo">Hugo</option>
              <option value="jekyll">Jekyll</option>
              <option value="eleventy">Eleventy</option>
            </select>
          </label>
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="submit" className="primary-button" disabled={!ready || busy}>
          {kind === 'oauth' || kind === 'indieauth' ? 'Sign in with the browser' : 'Connect'}
        </button>
        <button type="button" className="secondary-button" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
