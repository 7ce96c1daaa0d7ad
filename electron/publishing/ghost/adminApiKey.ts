/**
 * Ghost Admin API keys and the short-lived token signed with one. A key is `<id>:<secret>`: a
 * 24-hex id and a 64-hex secret. Every request carries a fresh JWT (HS256, `kid` = the id,
 * audience `/admin/`, five minutes), signed with the secret's bytes. The secret never leaves
 * this machine and never appears in a message.
 */
import { createHmac } from 'node:crypto';
import { PublishError } from '../http/PublishError';
import { t } from '../../contract/i18n';

const KEY_SHAPE = /^([0-9a-f]{24}):([0-9a-f]{64})$/;

export interface AdminApiKey {
  id: string;
  secret: string;
  /** `<id>:<secret>` as the author pasted it (trimmed, lower-case). */
  key: string;
}

/** Reads an Admin API key, or says what is wrong with it (without repeating it). */
export function parseAdminApiKey(input: string): AdminApiKey {
  const key = input.trim().toLowerCase();
  const m = KEY_SHAPE.exec(key);
  if (!m) {
    const hint = /^[0-9a-f]{26}$/.test(key) ? t('error.ghost.contentApiKey') : t('error.ghost.keyShape');
    throw new PublishError('AUTH_FAILED', t('error.ghost.notAdminApiKey', { hint }), {
      reason: 'malformed-admin-api-key',
    });
  }
  return { id: m[1]!, secret: m[2]!, key };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A fresh token for one request: valid for five minutes from `now`. `audience` is what the
 * official client sends for Ghost 5+ (`/admin/`).
 */
export function signAdminToken(key: AdminApiKey, now: Date = new Date(), audience = '/admin/'): string {
  const iat = Math.floor(now.getTime() / 1000);
  const head = b64url({ alg: 'HS256', typ: 'JWT', kid: key.id });
  const body = b64url({ iat, exp: iat + 300, aud: audience });
  const signature = createHmac('sha256', Buffer.from(key.secret, 'hex'))
    .update(`${head}.${body}`)
    .digest('base64url');
  return `${head}.${body}.${signature}`;
}
