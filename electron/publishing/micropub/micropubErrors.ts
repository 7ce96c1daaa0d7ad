/**
 * What a Micropub endpoint's error answers mean for the author. Micropub errors are
 * `{"error": "invalid_request|unauthorized|forbidden|insufficient_scope", "error_description"}`
 * (Micropub §3.8). `insufficient_scope` comes as 401 (the Micropub table) or 403 (IndieAuth §8.1,
 * RFC 6750): the code decides, not the status. 404/409/429/5xx use the common HTTP mapping.
 */
import {
  errorFromResponse,
  isHtml,
  parseJsonLenient,
  plainText,
  type HttpResponse,
} from '../http/HttpClient';
import { PublishError, hostOf } from '../http/PublishError';

export interface MicropubErrorContext {
  /** "the post", "the image": what a NOT_FOUND is about. */
  what?: string;
  /** What Signet was doing, for the scope message: "update posts". */
  action?: string;
}

function quoted(words: string | undefined): string {
  return words ? `: “${words.replace(/[.\s]+$/, '')}”` : '';
}

export function micropubError(res: HttpResponse, ctx: MicropubErrorContext = {}): PublishError {
  const host = hostOf(res.url);
  const body = isHtml(res) ? undefined : (parseJsonLenient(res.text) as Record<string, unknown> | undefined);
  const code = body && typeof body.error === 'string' ? body.error : undefined;
  const words =
    body && typeof body.error_description === 'string' ? plainText(body.error_description, 200) : undefined;
  const base = { status: res.status, ...(code !== undefined && { reason: code }) };

  if (code === 'insufficient_scope') {
    const scope = typeof body?.scope === 'string' ? plainText(body.scope, 60) : undefined;
    return new PublishError(
      'FORBIDDEN',
      `${host} did not give Signet permission to ${ctx.action ?? 'do this'}${scope ? ` (it needs the “${scope}” permission)` : ''}. ` +
        'Sign in to the site again from the account settings and allow Signet to create, update and delete posts.',
      base,
    );
  }
  if (res.status === 401) {
    return new PublishError(
      'AUTH_FAILED',
      `${host} no longer accepts Signet’s sign-in (its access was refused or has expired). ` +
        'Sign in to the site again from the account settings.',
      base,
    );
  }
  if (res.status === 403) {
    if (isHtml(res)) {
      return new PublishError(
        'BLOCKED_BY_FIREWALL',
        `${host} answered with a “Forbidden” page: a security plugin or your host blocks Signet’s requests to ` +
          'your Micropub endpoint. Ask them to allow it.',
        { ...base, reason: code ?? 'firewall' },
      );
    }
    return new PublishError(
      'FORBIDDEN',
      `${host} did not allow this${quoted(words)}. Check that your account on the site may publish, then sign in again.`,
      base,
    );
  }
  if (res.status >= 400 && res.status < 500 && ![404, 409, 410, 429].includes(res.status)) {
    return new PublishError(
      'VALIDATION',
      `${host} did not accept the request (HTTP ${res.status}${code ? `, ${plainText(code, 40)}` : ''})${quoted(words)}. ` +
        'Change what it names and try again.',
      base,
    );
  }
  return errorFromResponse(res, {
    api: 'rest',
    ...(words !== undefined && { serverMessage: words }),
    ...(code !== undefined && { reason: code }),
    ...(ctx.what !== undefined && { what: ctx.what }),
  });
}
