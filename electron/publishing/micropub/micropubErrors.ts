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
import { t } from '../../contract/i18n';

export interface MicropubErrorContext {
  /** "the post", "the image": what a NOT_FOUND is about. */
  what?: string;
  /** What Signet was doing, for the scope message: "update posts". */
  action?: string;
}

function quoted(words: string | undefined): string {
  return words ? t('error.micropub.quotedWords', { words: words.replace(/[.\s]+$/, '') }) : '';
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
      t('error.micropub.scope', {
        host,
        action: ctx.action ?? t('error.micropub.doThis'),
        needs: scope ? t('error.micropub.scopeNeeded', { scope }) : '',
      }),
      base,
    );
  }
  if (res.status === 401) {
    return new PublishError('AUTH_FAILED', t('error.micropub.authFailed', { host }), base);
  }
  if (res.status === 403) {
    if (isHtml(res)) {
      return new PublishError('BLOCKED_BY_FIREWALL', t('error.micropub.firewall', { host }), {
        ...base,
        reason: code ?? 'firewall',
      });
    }
    return new PublishError('FORBIDDEN', t('error.micropub.forbidden', { host, words: quoted(words) }), base);
  }
  if (res.status >= 400 && res.status < 500 && ![404, 409, 410, 429].includes(res.status)) {
    return new PublishError(
      'VALIDATION',
      t('error.micropub.validation', {
        host,
        status: String(res.status),
        code: code ? `, ${plainText(code, 40)}` : '',
        words: quoted(words),
      }),
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
