/**
 * The log's redaction step: every known secret, and anything shaped like a credential (an HTTP
 * Authorization value, a WordPress application password, a `password=` field), becomes
 * `[redacted]` before a line is written.
 */
import type { Logger } from '../ports';

export const REDACTED = '[redacted]';

/** `Authorization: <anything>` up to the end of the header value (also `"authorization":"…"`). */
const AUTHORIZATION = /(\bauthorization\b["']?\s*[:=]\s*["']?)[^"'\r\n,;}]+/gi;
/** `Bearer <token>` anywhere (a token of 8 characters or more). */
const BEARER = /(\bbearer\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
/** `Basic <base64>` anywhere; redacted when it decodes to `user:password`. */
const BASIC = /(\bbasic\s+)([A-Za-z0-9+/]{4,}={0,2})/gi;
/**
 * A WordPress application password as WordPress shows it: six groups of four letters or digits.
 * Six four-letter words of prose match the shape too, so at least three of its 24 characters
 * must be capitals or digits (a random one has about 14).
 */
const APPLICATION_PASSWORD_RUN = /\b[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5,}\b/g;
const GROUPS = 6;
/** `password=…`, `"token": "…"`, `api_key: …` and the like. */
const SECRET_FIELD =
  /(\b(?:password|passwd|secret|token|access_token|refresh_token|api[_-]?key|app[_-]?password|application[_-]?password)\b["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,&;}]+)/gi;

/** Field names whose value is never logged, whatever it looks like. */
const SECRET_KEY =
  /^(?:password|passwd|secret|token|access_?token|refresh_?token|api_?key|app_?password|application_?password|authorization|cookie|set-cookie)$/i;

/** The spellings a secret may take on its way out: as typed, URL-encoded, form-encoded, without spaces. */
function variants(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [
    secret,
    encoded,
    encoded.replace(/%20/g, '+'),
    secret.replace(/ /g, ''),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function looksLikeBasicCredentials(base64: string): boolean {
  const decoded = Buffer.from(base64, 'base64').toString('utf8');
  return /^[^\s:]+:.+$/s.test(decoded) && !decoded.includes('\uFFFD');
}

/**
 * In a run of four-character groups ("log in with Xk3d 9PqL …"), the six-group windows that look
 * random are redacted and the prose words around them stay: the window whose groups most often
 * hold a capital or a digit wins over one shifted onto a word.
 */
function redactApplicationPasswords(run: string): string {
  const groups = run.split(' ');
  const looksRandom = groups.map((group) => /[A-Z0-9]/.test(group));
  const windows: Array<{ start: number; score: number }> = [];
  for (let start = 0; start + GROUPS <= groups.length; start++) {
    const chars = groups.slice(start, start + GROUPS).join('');
    if ((chars.match(/[A-Z0-9]/g)?.length ?? 0) < 3) continue;
    windows.push({ start, score: looksRandom.slice(start, start + GROUPS).filter(Boolean).length });
  }
  /** The start of the chosen window each group belongs to, or -1. */
  const windowOf = groups.map(() => -1);
  for (const { start } of windows.sort((a, b) => b.score - a.score || a.start - b.start)) {
    if (windowOf.slice(start, start + GROUPS).some((w) => w !== -1)) continue;
    windowOf.fill(start, start, start + GROUPS);
  }
  const out: string[] = [];
  groups.forEach((group, i) => {
    if (windowOf[i] === -1) out.push(group);
    else if (windowOf[i] === i) out.push(REDACTED);
  });
  return out.join(' ');
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const known = [...new Set(secrets.filter((s) => s.length > 0).flatMap(variants))]
    .filter((s) => s.length > 0)
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  if (known.length > 0) out = out.replace(new RegExp(known.map(escapeRegExp).join('|'), 'g'), REDACTED);
  return out
    .replace(AUTHORIZATION, (_m, label: string) => `${label}${REDACTED}`)
    .replace(BEARER, (_m, label: string) => `${label}${REDACTED}`)
    .replace(BASIC, (match, label: string, value: string) =>
      looksLikeBasicCredentials(value) ? `${label}${REDACTED}` : match,
    )
    .replace(APPLICATION_PASSWORD_RUN, redactApplicationPasswords)
    .replace(SECRET_FIELD, (_m, label: string, value: string) =>
      value.startsWith('"') ? `${label}"${REDACTED}"` : `${label}${REDACTED}`,
    );
}

/** A copy of `value` with every string redacted and every secret-named field blanked. */
export function redactValue(
  value: unknown,
  secrets: readonly string[],
  seen = new WeakSet<object>(),
): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactSecrets(value.message, secrets),
      stack: value.stack === undefined ? undefined : redactSecrets(value.stack, secrets),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen));
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && item != null && item !== '' ? REDACTED : redactValue(item, secrets, seen);
  }
  return out;
}

/** A logger that redacts message and data before `base` sees them. `getSecrets` is asked per line. */
export function createRedactingLogger(base: Logger, getSecrets: () => readonly string[]): Logger {
  const wrap =
    (write: Logger['info']): Logger['info'] =>
    (message, data) => {
      const secrets = getSecrets();
      write(
        redactSecrets(message, secrets),
        data === undefined ? undefined : (redactValue(data, secrets) as Record<string, unknown>),
      );
    };
  return {
    info: wrap(base.info.bind(base)),
    warn: wrap(base.warn.bind(base)),
    error: wrap(base.error.bind(base)),
  };
}
