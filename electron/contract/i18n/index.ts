/**
 * The UI's words: one catalogue of ICU MessageFormat messages per language (`en.json` is the
 * source; a translation is `<locale>.json` with the same keys, listed in CATALOGUES below), read
 * by `t(key, values)`. Both the renderer (screens) and the main process (menu labels, error
 * messages) use it, so it lives in the contract: pure TypeScript, no Node, no DOM.
 *
 * - `setLocale(locale)` picks the author's locale (BCP 47, e.g. `de-DE`): the catalogue of that
 *   locale, else of its language, else English; numbers, dates and plural rules in messages use
 *   the author's locale (see ./format.ts for the same outside messages).
 * - A key a translation lacks, or a translated message that does not parse or format, falls back
 *   to English; `t` never throws for a key of `en.json` (tsc refuses any other key).
 * - Messages are parsed once per locale and key (a cache), not on every render.
 *
 * Not re-exported from `../index.ts`: the preload must not bundle intl-messageformat.
 * Docs: docs/i18n.md.
 */
import IntlMessageFormat, { type PrimitiveType } from 'intl-messageformat';
// The attribute lets plain Node ESM (Playwright's loader) read it too; bundlers need none.
import en from './en.json' with { type: 'json' };

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
/** A translation: any subset of the English keys (missing ones fall back to English). */
export type Catalogue = Partial<Messages>;
export type MessageValues = Record<string, PrimitiveType>;

export const SOURCE_LOCALE = 'en';
export const ENGLISH: Messages = en;

/**
 * The shipped catalogues by locale (`en`, `de`, `pt-BR` …). A new language: its JSON file beside
 * en.json and one line here.
 */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = {
  en,
};

export interface I18n {
  t(key: MessageKey, values?: MessageValues): string;
  /** Sets the author's locale; an invalid tag is ignored (the locale stays as it was). */
  setLocale(locale: string): void;
  /** The author's locale (for numbers and dates), e.g. `de-DE`. */
  locale(): string;
  /** The locale of the catalogue in use (`en` when none matches the author's). */
  catalogueLocale(): string;
}

/** The best catalogue for `locale`: the exact tag, then its language, else English. */
export function pickCatalogue(catalogues: Readonly<Record<string, Catalogue>>, locale: string): string {
  const lower = new Map(Object.keys(catalogues).map((k) => [k.toLowerCase(), k]));
  const exact = lower.get(locale.toLowerCase());
  if (exact) return exact;
  const language = lower.get(locale.split('-')[0]!.toLowerCase());
  return language ?? SOURCE_LOCALE;
}

function canonical(locale: string): string | null {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? null;
  } catch {
    return null;
  }
}

/** A translator over the given catalogues (tests make their own; the app uses the one below). */
export function createI18n(
  catalogues: Readonly<Record<string, Catalogue>> = CATALOGUES,
  initialLocale = SOURCE_LOCALE,
): I18n {
  let locale = canonical(initialLocale) ?? SOURCE_LOCALE;
  let catalogueLocale = pickCatalogue(catalogues, locale);
  const cache = new Map<string, IntlMessageFormat | null>();
  // IntlMessageFormat asks for a number format or plural rules on every format() of a message with
  // `{n, number}` or `{n, plural, …}`: one each per locale and options, not one per call (building
  // them is what the status line and the draft list spent most of a re-render on).
  const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
  const intl = <T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
    kind: string,
    locales: unknown,
    options: unknown,
    make: () => T,
  ): T => {
    const key = `${kind}\u0000${JSON.stringify(locales) ?? ''}\u0000${JSON.stringify(options) ?? ''}`;
    let made = intlCache.get(key) as T | undefined;
    if (made === undefined) {
      made = make();
      intlCache.set(key, made);
    }
    return made;
  };

  /** Plural categories come from the message's language; numbers and dates from the author's locale. */
  const formatter = (source: string, messageLocale: string): IntlMessageFormat | null => {
    const cacheKey = `${locale}\u0000${messageLocale}\u0000${source}`;
    if (cache.has(cacheKey)) return cache.get(cacheKey)!;
    let parsed: IntlMessageFormat | null;
    try {
      parsed = new IntlMessageFormat(source, locale, undefined, {
        ignoreTag: true,
        formatters: {
          getNumberFormat: (locales, options) =>
            intl(
              'number',
              locales,
              options,
              () => new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions | undefined),
            ),
          getDateTimeFormat: (locales, options) =>
            intl('date', locales, options, () => new Intl.DateTimeFormat(locales, options)),
          getPluralRules: (_locales, options) =>
            intl('plural', messageLocale, options, () => new Intl.PluralRules(messageLocale, options)),
        },
      });
    } catch {
      parsed = null;
    }
    cache.set(cacheKey, parsed);
    return parsed;
  };

  const format = (source: string, messageLocale: string, values?: MessageValues): string | null => {
    const message = formatter(source, messageLocale);
    if (!message) return null;
    try {
      const out = message.format(values);
      return Array.isArray(out) ? out.join('') : String(out);
    } catch {
      return null;
    }
  };

  return {
    t(key, values) {
      const translated = catalogues[catalogueLocale]?.[key];
      if (translated !== undefined && catalogueLocale !== SOURCE_LOCALE) {
        const out = format(translated, catalogueLocale, values);
        if (out !== null) return out;
      }
      const english = (catalogues[SOURCE_LOCALE] as Messages | undefined)?.[key] ?? ENGLISH[key];
      return format(english, SOURCE_LOCALE, values) ?? english ?? key;
    },
    setLocale(next) {
      const tag = canonical(next);
      if (!tag || tag === locale) return;
      locale = tag;
      catalogueLocale = pickCatalogue(catalogues, locale);
      cache.clear();
    },
    locale: () => locale,
    catalogueLocale: () => catalogueLocale,
  };
}

const shared = createI18n();
const listeners = new Set<(locale: string) => void>();

/** The UI text for `key`, in the author's language (English when there is no translation). */
export function t(key: MessageKey, values?: MessageValues): string {
  return shared.t(key, values);
}

/**
 * Sets the author's locale for this process: the renderer from `navigator.languages[0]`, the main
 * process from `app.getLocale()`. Listeners (a screen that re-renders) hear of a change.
 */
export function setLocale(locale: string): void {
  const before = shared.locale();
  shared.setLocale(locale);
  if (shared.locale() !== before) for (const listener of listeners) listener(shared.locale());
}

export function getLocale(): string {
  return shared.locale();
}

/** Called with the new locale after each change; returns the unsubscribe function. */
export function onLocaleChange(listener: (locale: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
