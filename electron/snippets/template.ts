/**
 * `{{variables}}` in snippets, through mustache (logic-less: names, sections `{{#x}}…{{/x}}` and
 * inverted sections `{{^x}}…{{/x}}`). Every value is HTML-escaped; the tags that would insert raw
 * HTML (`{{{x}}}`, `{{&x}}`), partials and delimiter changes are refused with a message, so a
 * snippet's output is always the author's markup with text filled in.
 */
import Mustache from 'mustache';

import { BUILT_IN_VARIABLES, type CustomVariable, type TemplateIssue } from '../contract';
import { t } from '../contract/i18n';

/** The values a snippet is rendered with. */
export interface TemplateValues {
  author: { name: string; email: string };
  blog: { name: string; url: string };
  post: {
    title: string;
    /** This copy's permalink; empty before the post exists on the blog. */
    url: string;
    /** Where the post first appeared (the primary blog); this copy's permalink when it is the first. */
    originalUrl: string;
    /** When the post goes out (its scheduled date, or now). */
    date: Date;
  };
  /** The IANA zone (or offset) the date is shown in: the blog's. */
  timeZone: string;
  locale?: string;
  custom: readonly CustomVariable[];
}

const BUILT_IN_NAMES: ReadonlySet<string> = new Set(BUILT_IN_VARIABLES.map((v) => v.name));
/** Sections may test a whole group, e.g. `{{#author}}…{{/author}}`. */
const GROUP_NAMES: ReadonlySet<string> = new Set(['author', 'blog', 'post']);

/** Mustache's escaping adds `&#x2F;` and `&#x3D;`; a post only needs these five. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

type Token = [string, string, number, number, Token[]?, number?];

/**
 * Checks a template without rendering it: syntax errors (an unclosed section, a stray closing
 * tag), tags Signet refuses, and names it does not know (a warning: perhaps a typo).
 */
export function checkTemplate(template: string, custom: readonly CustomVariable[]): TemplateIssue[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as unknown as Token[];
  } catch (error) {
    return [{ severity: 'error', message: describeParseError(error, template.length) }];
  }
  const issues: TemplateIssue[] = [];
  const known = new Set([...BUILT_IN_NAMES, ...GROUP_NAMES, ...custom.map((v) => v.name)]);
  const seen = new Set<string>();
  const visit = (list: Token[], sectionNames: string[]): void => {
    for (const token of list) {
      const [type, name] = token;
      if (type === 'text' || type === '!') continue;
      if (type === '&') {
        issues.push({
          severity: 'error',
          message: t('error.snippets.template.rawHtml', { tag: `{{{${name}}}}`, fix: `{{${name}}}` }),
        });
        continue;
      }
      if (type === '>') {
        issues.push({
          severity: 'error',
          message: t('error.snippets.template.partial', { tag: `{{> ${name}}}` }),
        });
        continue;
      }
      if (type === '=') {
        issues.push({
          severity: 'error',
          message: t('error.snippets.template.delimiters', { tag: '{{ }}' }),
        });
        continue;
      }
      // Inside a section over a group, `{{name}}` may mean `{{group.name}}`.
      const candidates = [name, ...sectionNames.map((section) => `${section}.${name}`)];
      if (name !== '.' && !candidates.some((c) => known.has(c)) && !seen.has(name)) {
        seen.add(name);
        issues.push({
          severity: 'warning',
          message: t('error.snippets.template.unknownName', { tag: `{{${name}}}` }),
        });
      }
      // Nested sections (`{{#post}}{{#date}}…`) are known by their full name (`post.date`).
      const section = candidates.find((c) => known.has(c)) ?? name;
      if ((type === '#' || type === '^') && Array.isArray(token[4]))
        visit(token[4], [section, ...sectionNames]);
    }
  };
  visit(tokens, []);
  return issues;
}

function describeParseError(error: unknown, templateLength: number): string {
  const message = error instanceof Error ? error.message : String(error);
  // mustache says "Unclosed section" both at the end of the template and at a wrong closing tag.
  const unclosed = /^Unclosed section "([^"]+)" at (\d+)/.exec(message);
  if (unclosed && Number(unclosed[2]) < templateLength)
    return t('error.snippets.template.wrongClose', {
      open: `{{#${unclosed[1]}}}`,
      close: `{{/${unclosed[1]}}}`,
    });
  if (unclosed)
    return t('error.snippets.template.neverClosed', {
      open: `{{#${unclosed[1]}}}`,
      close: `{{/${unclosed[1]}}}`,
    });
  const unopened = /^Unopened section "([^"]+)"/.exec(message);
  if (unopened) return t('error.snippets.template.neverOpened', { close: `{{/${unopened[1]}}}` });
  if (/^Unclosed tag/.test(message))
    return t('error.snippets.template.unclosedTag', { open: '{{', close: '}}' });
  return t('error.snippets.template.unreadable', { message });
}

/**
 * A zone Intl accepts. WordPress sites without a named zone have an offset (`+13:00`), which Intl
 * in Node 20 refuses: the instant moved by the offset and shown in UTC reads the same. Anything
 * else Intl refuses is shown in UTC.
 */
function zoned(date: Date, timeZone: string): { date: Date; timeZone: string } {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return { date, timeZone };
  } catch {
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(timeZone.trim());
    if (!offset) return { date, timeZone: 'UTC' };
    const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
    return { date: new Date(date.getTime() + minutes * 60_000), timeZone: 'UTC' };
  }
}

/** A date that prints as the long form and offers other forms as properties. */
function dateValue(instant: Date, zone: string, locale: string | undefined) {
  const { date, timeZone } = zoned(instant, zone);
  const format = (options: Intl.DateTimeFormatOptions): string => {
    try {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
    } catch {
      return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
    }
  };
  const long = format({ dateStyle: 'long' });
  const parts = (() => {
    try {
      return new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(date);
    } catch {
      return date.toISOString().slice(0, 10);
    }
  })();
  return {
    long,
    short: format({ dateStyle: 'short' }),
    iso: parts,
    year: parts.slice(0, 4),
    toString: () => long,
  };
}

/** The view mustache renders with. */
export function templateView(values: TemplateValues): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const variable of values.custom) view[variable.name] = variable.value;
  return {
    ...view,
    author: { ...values.author },
    blog: { ...values.blog },
    post: {
      title: values.post.title,
      url: values.post.url,
      originalUrl: values.post.originalUrl,
      date: dateValue(values.post.date, values.timeZone, values.locale),
    },
  };
}

export class TemplateError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'TemplateError';
  }
}

/** Fills in the variables (escaped). Throws `TemplateError` when the template has an error. */
export function renderTemplate(template: string, values: TemplateValues): string {
  const errors = checkTemplate(template, values.custom).filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new TemplateError(errors);
  return Mustache.render(template, templateView(values), {}, { escape: escapeHtml });
}

/** Whether a template uses the post's own address (which a new post gets only once it exists). */
export function usesPostUrl(template: string): boolean {
  try {
    const names: string[] = [];
    const collect = (list: Token[]): void => {
      for (const token of list) {
        if (token[0] !== 'text') names.push(token[1]);
        if (Array.isArray(token[4])) collect(token[4]);
      }
    };
    collect(Mustache.parse(template) as unknown as Token[]);
    return names.some(
      (n) => n === 'post.url' || n === 'post.originalUrl' || n === 'url' || n === 'originalUrl',
    );
  } catch {
    return false;
  }
}

/** Sample values for the Snippets screen's live preview. */
export function sampleValues(
  author: { name: string; email: string },
  custom: readonly CustomVariable[],
  now: Date,
): TemplateValues {
  return {
    author: { name: author.name || 'Jon Smith', email: author.email || 'jon.smith@example.com' },
    blog: { name: 'Your Blog', url: 'https://blog.example.com/' },
    post: {
      title: 'A Sample Post Title',
      url: 'https://blog.example.com/a-sample-post/',
      originalUrl: 'https://blog.example.com/a-sample-post/',
      date: now,
    },
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    custom,
  };
}
