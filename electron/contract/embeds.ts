/**
 * Embeddable links: a YouTube video, a Vimeo video or a tweet whose URL stands on its own line
 * becomes an embed node in the editor, and each blog gets it in its own embed form. This module
 * is pure (no DOM, no Node): the editor, the composer and the importer all use it, so they agree
 * on what counts as an embed and on the one URL stored for it.
 */

export type EmbedProvider = 'youtube' | 'vimeo' | 'twitter';

export const EMBED_PROVIDERS: readonly EmbedProvider[] = ['youtube', 'vimeo', 'twitter'];

export interface ParsedEmbedUrl {
  provider: EmbedProvider;
  /**
   * The canonical https URL stored in the draft and published: `https://www.youtube.com/watch?v=ID`
   * (with `&t=` when the link starts part-way), `https://vimeo.com/ID` (with `/HASH` for an
   * unlisted video), `https://twitter.com/USER/status/ID` (the host every oEmbed consumer,
   * WordPress 6.1 included, recognises; x.com links are the same tweets).
   */
  url: string;
  /** The video's or tweet's id. */
  id: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_START = /^(?:\d+|(?:\d+h)?(?:\d+m)?(?:\d+s)?)$/;
const VIMEO_ID = /^\d{1,12}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/;
const TWITTER_USER = /^[A-Za-z0-9_]{1,15}$/;
const TWEET_ID = /^\d{1,20}$/;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com']);
const YOUTUBE_SHORT_HOSTS = new Set(['youtu.be', 'www.youtu.be']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);
const VIMEO_PLAYER_HOSTS = new Set(['player.vimeo.com']);
const TWITTER_HOSTS = new Set([
  'twitter.com',
  'www.twitter.com',
  'mobile.twitter.com',
  'x.com',
  'www.x.com',
  'mobile.x.com',
]);
/** Path segments a tweet's author cannot have: they are Twitter's own pages. */
const TWITTER_RESERVED = new Set(['i', 'home', 'search', 'explore', 'settings', 'intent', 'share']);

/**
 * The embed a URL stands for, or null when it is not one: only https links (http is upgraded),
 * without credentials or a port, to a single YouTube video (`youtube.com/watch?v=`, `youtu.be/`,
 * `youtube.com/shorts/`, `youtube.com/embed/`, `youtube.com/live/`), a single Vimeo video
 * (`vimeo.com/ID`, `vimeo.com/ID/HASH`, `player.vimeo.com/video/ID`) or a single tweet
 * (`twitter.com|x.com/USER/status/ID`). Channels, playlists, profiles and searches are not embeds.
 */
export function parseEmbedUrl(input: string): ParsedEmbedUrl | null {
  if (typeof input !== 'string') return null;
  const text = input.trim();
  // A URL on its own line: no spaces inside, only URL characters, not absurdly long.
  if (text.length === 0 || text.length > 2048 || !URL_CHARACTERS.test(text)) return null;
  const match = URL_PARTS.exec(text);
  if (match === null) return null;
  const [, authority = '', path = '', query = ''] = match;
  // No credentials (`user@`) and no port: a link to the provider's own site only.
  if (!/^[A-Za-z0-9.-]+$/.test(authority)) return null;
  const host = authority.toLowerCase();
  const segments = path.split('/').filter((segment) => segment.length > 0);
  const params = parseQuery(query);

  if (YOUTUBE_HOSTS.has(host)) return youtube(youtubeId(segments, params), params);
  if (YOUTUBE_SHORT_HOSTS.has(host)) return youtube(segments.length === 1 ? segments[0] : undefined, params);
  if (VIMEO_HOSTS.has(host)) return vimeo(segments);
  if (VIMEO_PLAYER_HOSTS.has(host)) {
    if (segments.length !== 2 || segments[0] !== 'video') return null;
    const hash = params.get('h');
    return vimeo(hash === undefined ? [segments[1] ?? ''] : [segments[1] ?? '', hash]);
  }
  if (TWITTER_HOSTS.has(host)) return tweet(segments);
  return null;
}

/** The characters a URL may hold unescaped (RFC 3986), `%` for escapes. */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
/** scheme://authority path ?query #fragment; the contract runs without the URL class (no DOM, no Node). */
const URL_PARTS = /^https?:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i;

/** The query's parameters, first value of each (a malformed escape leaves the value as written). */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const [name = '', value = ''] = pair.split('=', 2);
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return part;
      }
    };
    const key = decode(name);
    if (!params.has(key)) params.set(key, decode(value));
  }
  return params;
}

/** True when `input` is a URL `parseEmbedUrl` accepts. */
export function isEmbedUrl(input: string): boolean {
  return parseEmbedUrl(input) !== null;
}

function youtubeId(segments: string[], params: Map<string, string>): string | undefined {
  if (segments.length === 1 && segments[0] === 'watch') return params.get('v');
  if (segments.length === 2 && ['shorts', 'embed', 'live', 'v'].includes(segments[0] ?? ''))
    return segments[1];
  return undefined;
}

function youtube(id: string | undefined, params: Map<string, string>): ParsedEmbedUrl | null {
  if (id === undefined || !YOUTUBE_ID.test(id)) return null;
  const start = params.get('t') ?? params.get('start');
  const time = start !== undefined && start !== '' && YOUTUBE_START.test(start) ? `&t=${start}` : '';
  return { provider: 'youtube', url: `https://www.youtube.com/watch?v=${id}${time}`, id };
}

function vimeo(segments: string[]): ParsedEmbedUrl | null {
  const [id, hash, ...rest] = segments;
  if (id === undefined || !VIMEO_ID.test(id) || rest.length > 0) return null;
  if (hash !== undefined && !VIMEO_HASH.test(hash)) return null;
  const suffix = hash === undefined ? '' : `/${hash}`;
  return { provider: 'vimeo', url: `https://vimeo.com/${id}${suffix}`, id };
}

function tweet(segments: string[]): ParsedEmbedUrl | null {
  const [user, status, id, ...rest] = segments;
  if (user === undefined || !TWITTER_USER.test(user) || TWITTER_RESERVED.has(user.toLowerCase())) return null;
  if (status !== 'status' && status !== 'statuses') return null;
  if (id === undefined || !TWEET_ID.test(id)) return null;
  // `/photo/1`, `/video/1` and `/analytics` are views of the same tweet.
  if (rest.length > 0 && !/^(?:photo|video)\/\d$|^analytics$/.test(rest.join('/'))) return null;
  return { provider: 'twitter', url: `https://twitter.com/${user}/status/${id}`, id };
}

/** The address of the provider's player, for embed markup that frames it (Ghost's embed card). */
export function embedPlayerUrl(parsed: ParsedEmbedUrl): string | null {
  switch (parsed.provider) {
    case 'youtube': {
      const start = /[?&]t=([^&]+)/.exec(parsed.url)?.[1];
      const seconds = start === undefined ? undefined : startSeconds(start);
      return `https://www.youtube.com/embed/${parsed.id}?feature=oembed${seconds ? `&start=${seconds}` : ''}`;
    }
    case 'vimeo': {
      const hash = /^https:\/\/vimeo\.com\/\d+\/([0-9a-f]+)$/.exec(parsed.url)?.[1];
      return `https://player.vimeo.com/video/${parsed.id}${hash === undefined ? '' : `?h=${hash}`}`;
    }
    case 'twitter':
      return null;
  }
}

function startSeconds(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (match === null) return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}
