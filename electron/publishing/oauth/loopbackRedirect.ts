/**
 * The redirect target of a browser sign-in (OAuth 2.0 for native apps, RFC 8252 §7.3): a one-shot
 * HTTP listener on 127.0.0.1 with a port the system picks. The system browser comes back to
 * `redirectUri` with the code; the listener answers with a short page that tells the author to
 * return to Signet, hands the URL to the caller and closes. Only a request carrying the expected
 * `state` is taken (anything else gets 400 and the listener keeps waiting), so another page on
 * the machine cannot finish the sign-in with its own code.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishError } from '../http/PublishError';
import { CATALOGUES, getLocale, pickCatalogue, t } from '../../contract/i18n';

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/callback`, to put in the authorization request. */
  readonly redirectUri: string;
  /** The full URL the browser came back with (query holds `code` or `error`). */
  readonly callback: Promise<URL>;
  /** Stops listening (the sign-in was cancelled or is done). */
  close(): void;
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 10 * 60_000;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page the browser shows, in the author's language (the catalogue's locale as `lang`). */
const PAGE = (title: string, text: string) => {
  const lang = escapeHtml(pickCatalogue(CATALOGUES, getLocale()));
  const h = escapeHtml(title);
  return (
    `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${h}</title>` +
    `<body style="font:16px system-ui;margin:3em auto;max-width:32em"><h1>${h}</h1><p>${escapeHtml(text)}</p></body></html>`
  );
};

export async function openLoopbackRedirect(options: {
  /** The `state` sent with the authorization request. */
  state: string;
  timeoutMs?: number;
  path?: string;
}): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback';
  let resolve!: (url: URL) => void;
  let reject!: (error: Error) => void;
  const callback = new Promise<URL>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The caller may never await it (cancelled sign-in): keep an unhandled rejection out of the log.
  callback.catch(() => {});

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path || url.searchParams.get('state') !== options.state) {
      res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(PAGE(t('oauth.page.notOurs.title'), t('oauth.page.notOurs.text')));
      return;
    }
    const failed = url.searchParams.has('error');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(
      failed
        ? PAGE(t('oauth.page.failed.title'), t('oauth.page.closeTab'))
        : PAGE(t('oauth.page.done.title'), t('oauth.page.closeTab')),
    );
    done();
    resolve(new URL(`http://127.0.0.1${req.url ?? '/'}`));
  });
  const timer = setTimeout(() => {
    done();
    reject(new PublishError('TIMEOUT', t('error.oauth.timeout')));
  }, options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS);
  timer.unref?.();
  function done() {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections?.();
  }

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    callback,
    close() {
      done();
      reject(new PublishError('VALIDATION', t('error.oauth.cancelled')));
    },
  };
}
