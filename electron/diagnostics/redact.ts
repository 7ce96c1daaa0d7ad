/**
 * Redaction of the diagnostics report, which the author pastes into a public bug report: the home
 * folder becomes `~`; known secrets and anything shaped like a password, token, API key, app
 * password, Authorization header, JWT or cookie is removed; a URL keeps only its scheme
 * (`https://<host>`); an email address is masked (`j***@***.com`). Pure, so it is unit-tested
 * with planted secrets (redact.test.ts).
 */
import { REDACTED, redactSecrets } from '../accounts/redact';

export { REDACTED };

export interface RedactOptions {
  /** The author's home folder (`os.homedir()`); every occurrence becomes `~`. */
  homeDir?: string;
  /** Secrets known to this process (every stored account's password or token). */
  secrets?: readonly string[];
}

/** `"refreshToken": "…"`, `clientSecret=…`, `x-api-key: …`, `sessionCookie: …`: a field whose name ends like a secret. */
const SECRET_NAMED_FIELD =
  /(\b[\w-]*(?:password|passwd|passphrase|secret|token|api[\s_-]?key|apikey|cookie|authorization|credentials?)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,&;}]+)/gi;
/** `Cookie: a=b; c=d` and `Set-Cookie: …` to the end of the line. */
const COOKIE_HEADER = /(\b(?:set-)?cookie\b["']?\s*[:=]\s*)[^\r\n]*/gi;
/** A JSON Web Token: three base64url parts, the first a JSON header (`eyJ`). */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** Any `scheme://…` up to a space, quote or closing bracket. */
const URL_PATTERN = /\b([a-z][a-z0-9+.-]{1,20}):\/\/[^\s"'<>()[\]{}]+/gi;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+\.([A-Za-z]{2,24})\b/g;
/** A long run of base64/hex that no prose has: a token, whatever its label. */
const LONG_TOKEN = /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{40,}\b/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The home folder as a path may spell it: as is, with the other slash, and in a file URL. */
function homeVariants(home: string): string[] {
  const trimmed = home.replace(/[\\/]+$/, '');
  if (trimmed.length < 2) return [];
  return [...new Set([trimmed, trimmed.replace(/\\/g, '/'), trimmed.replace(/\//g, '\\')])].sort(
    (a, b) => b.length - a.length,
  );
}

export function redactDiagnostics(text: string, options: RedactOptions = {}): string {
  let out = text;
  if (options.homeDir) {
    for (const home of homeVariants(options.homeDir)) {
      // Only whole folder names: /home/ann must not eat /home/anna.
      out = out.replace(new RegExp(`${escapeRegExp(home)}(?=$|[\\\\/\\s"'),;:])`, 'g'), '~');
    }
  }
  out = redactSecrets(out, options.secrets ?? []);
  return out
    .replace(COOKIE_HEADER, (_m, label: string) => `${label}${REDACTED}`)
    .replace(SECRET_NAMED_FIELD, (_m, label: string, value: string) =>
      value === REDACTED || value === `"${REDACTED}"`
        ? `${label}${value}`
        : value.startsWith('"')
          ? `${label}"${REDACTED}"`
          : `${label}${REDACTED}`,
    )
    .replace(JWT, REDACTED)
    .replace(URL_PATTERN, (_m, scheme: string) => `${scheme.toLowerCase()}://<host>`)
    .replace(EMAIL, (_m, first: string, tld: string) => `${first}***@***.${tld}`)
    .replace(LONG_TOKEN, REDACTED);
}
