import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PublishError } from '../http/PublishError';
import { parseAdminApiKey, signAdminToken } from './adminApiKey';

const ID = '6b03f4e1984c826bf65401bb';
const SECRET = 'a1'.repeat(32);

describe('parseAdminApiKey', () => {
  it('reads `<24 hex>:<64 hex>`, trimmed, in any case', () => {
    expect(parseAdminApiKey(`  ${ID.toUpperCase()}:${SECRET}\n`)).toEqual({
      id: ID,
      secret: SECRET,
      key: `${ID}:${SECRET}`,
    });
  });

  it.each([
    ['', /two parts joined by a colon/],
    [`${ID}${SECRET}`, /two parts joined by a colon/],
    [`${ID}:${SECRET.slice(1)}`, /two parts joined by a colon/],
    [`${ID}:${SECRET}:x`, /two parts joined by a colon/],
    ['0123456789abcdef0123456789', /Content API key/],
  ])('refuses %j as AUTH_FAILED without repeating it', (input, hint) => {
    let error: unknown;
    try {
      parseAdminApiKey(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublishError);
    const e = error as PublishError;
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.message).toMatch(hint);
    expect(e.message).toMatch(/Settings → Integrations/);
    if (input) expect(e.message).not.toContain(input.slice(-20));
  });
});

describe('signAdminToken', () => {
  it('is an HS256 JWT with kid = key id, aud /admin/, five minutes, signed with the hex-decoded secret', () => {
    const key = parseAdminApiKey(`${ID}:${SECRET}`);
    const now = new Date('2026-11-23T08:00:00.500Z');
    const token = signAdminToken(key, now);
    const [head, body, sig] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
      kid: ID,
    });
    const iat = Math.floor(now.getTime() / 1000);
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      iat,
      exp: iat + 300,
      aud: '/admin/',
    });
    const expected = createHmac('sha256', Buffer.from(SECRET, 'hex'))
      .update(`${head}.${body}`)
      .digest('base64url');
    expect(sig).toBe(expected);
    // Signed with the bytes, not the hex text.
    expect(sig).not.toBe(createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url'));
    expect(token).not.toContain(SECRET);
  });

  it('is fresh for every moment', () => {
    const key = parseAdminApiKey(`${ID}:${SECRET}`);
    expect(signAdminToken(key, new Date(0))).not.toBe(signAdminToken(key, new Date(1000)));
  });
});
