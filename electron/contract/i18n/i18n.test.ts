import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createI18n, ENGLISH, pickCatalogue, type MessageKey } from './index';

describe('the catalogues', () => {
  it.each(Object.keys(CATALOGUES))('every message of %s parses as ICU MessageFormat', (locale) => {
    const catalogue = CATALOGUES[locale]!;
    for (const [key, message] of Object.entries(catalogue)) {
      expect(() => new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }), key).not.toThrow();
    }
  });

  it('translations have only keys English has', () => {
    const english = new Set(Object.keys(ENGLISH));
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      expect(
        Object.keys(catalogue).filter((k) => !english.has(k)),
        locale,
      ).toEqual([]);
    }
  });
});

describe('t', () => {
  it('fills in plural messages', () => {
    const { t } = createI18n(CATALOGUES, 'en-US');
    expect(t('app.emptyTrash.done', { removed: 1 })).toBe('Deleted 1 draft for good.');
    expect(t('app.emptyTrash.done', { removed: 3 })).toBe('Deleted 3 drafts for good.');
    expect(t('app.quarantine.message', { count: 1 })).toMatch(/^One draft file could not be opened\./);
    expect(t('app.quarantine.message', { count: 12 })).toMatch(/^12 draft files could not be opened\./);
    expect(t('writing.words', { count: 1500 })).toBe('1,500 words');
  });

  it('formats numbers in a message in the author’s locale, plurals by the message’s language', () => {
    const { t } = createI18n(CATALOGUES, 'de-DE');
    expect(t('writing.words', { count: 1500 })).toBe('1.500 words');
    expect(t('writing.goal.progress', { words: 640, goal: 1500, percent: 42 })).toBe(
      '640 of 1.500 words (42%)',
    );
  });

  it('builds a number format and plural rules once per locale, not on every message formatted', () => {
    const { NumberFormat, PluralRules } = Intl;
    // The lib types declare PluralRules read-only; the runtime property is writable.
    const intl = Intl as { NumberFormat: typeof NumberFormat; PluralRules: typeof PluralRules };
    const made = { numberFormat: 0, pluralRules: 0 };
    intl.NumberFormat = class extends NumberFormat {
      constructor(...args: ConstructorParameters<typeof NumberFormat>) {
        super(...args);
        made.numberFormat++;
      }
    } as typeof Intl.NumberFormat;
    intl.PluralRules = class extends PluralRules {
      constructor(...args: ConstructorParameters<typeof PluralRules>) {
        super(...args);
        made.pluralRules++;
      }
    } as typeof Intl.PluralRules;
    try {
      const i18n = createI18n(CATALOGUES, 'de-DE');
      const words = Array.from({ length: 50 }, (_, n) => i18n.t('writing.words', { count: 1000 + n }));
      expect(words[0]).toBe('1.000 words');
      expect(words[49]).toBe('1.049 words');
      expect(made).toEqual({ numberFormat: 1, pluralRules: 1 });
      // Another locale gets its own number format.
      i18n.setLocale('en-US');
      expect(i18n.t('writing.words', { count: 1500 })).toBe('1,500 words');
      expect(made.numberFormat).toBe(2);
    } finally {
      intl.NumberFormat = NumberFormat;
      intl.PluralRules = PluralRules;
    }
  });

  it('picks select branches and keeps angle brackets as text', () => {
    const catalogues = {
      en: {
        ...ENGLISH,
        'app.zoom':
          '{kind, select, bigger {Bigger: {zoom} %} smaller {Smaller: {zoom} %} other {<b>{zoom}</b>}}',
      },
    };
    const { t } = createI18n(catalogues, 'en');
    expect(t('app.zoom', { kind: 'bigger', zoom: 120 })).toBe('Bigger: 120 %');
    expect(t('app.zoom', { kind: 'smaller', zoom: 80 })).toBe('Smaller: 80 %');
    expect(t('app.zoom', { kind: 'else', zoom: 100 })).toBe('<b>100</b>');
  });

  it('falls back to English for a key a translation lacks, or a message that does not parse', () => {
    const catalogues = {
      en: ENGLISH,
      de: {
        'app.empty.newDraft': 'Neuen Entwurf beginnen',
        'app.emptyTrash.done': '{removed, plural, one {# Entwurf} other {# Entwürfe}} endgültig gelöscht.',
        'dialog.close': '{broken',
      },
    };
    const i18n = createI18n(catalogues, 'de-AT');
    expect(i18n.catalogueLocale()).toBe('de');
    expect(i18n.locale()).toBe('de-AT');
    expect(i18n.t('app.empty.newDraft')).toBe('Neuen Entwurf beginnen');
    expect(i18n.t('app.emptyTrash.done', { removed: 2 })).toBe('2 Entwürfe endgültig gelöscht.');
    expect(i18n.t('app.trashed')).toBe(ENGLISH['app.trashed']);
    expect(i18n.t('dialog.close')).toBe('Close');
    i18n.setLocale('fr-FR');
    expect(i18n.catalogueLocale()).toBe('en');
    expect(i18n.t('app.empty.newDraft')).toBe('Start a new draft');
  });

  it('ignores a locale tag that is not one, and picks catalogues by tag then language', () => {
    const i18n = createI18n(CATALOGUES, 'en-GB');
    i18n.setLocale('not a locale!');
    expect(i18n.locale()).toBe('en-GB');
    const catalogues = { en: {}, pt: {}, 'pt-BR': {} };
    expect(pickCatalogue(catalogues, 'pt-br')).toBe('pt-BR');
    expect(pickCatalogue(catalogues, 'pt-PT')).toBe('pt');
    expect(pickCatalogue(catalogues, 'ja')).toBe('en');
  });

  it('never throws for a missing value: it gives the English text as written', () => {
    const { t } = createI18n(CATALOGUES, 'en');
    expect(t('app.zoom' as MessageKey)).toBe('Zoom {zoom} %');
  });
});
