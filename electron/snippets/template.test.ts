import { describe, expect, it } from 'vitest';

import { BUILT_IN_VARIABLES } from '../contract';
import {
  TemplateError,
  checkTemplate,
  escapeHtml,
  renderTemplate,
  sampleValues,
  templateView,
  usesPostUrl,
  type TemplateValues,
} from './template';

/** 23 November 2026, 11:30 UTC: already the 24th in Auckland (UTC+13), still the 23rd in Los Angeles. */
const NEAR_MIDNIGHT = new Date('2026-11-23T11:30:00Z');

function values(overrides: Partial<TemplateValues> = {}): TemplateValues {
  return {
    author: { name: 'Jon Smith', email: 'jon.smith@example.com' },
    blog: { name: 'Harbour Notes', url: 'https://blog.example.com/' },
    post: {
      title: 'Boats at Dusk',
      url: 'https://blog.example.com/boats/',
      originalUrl: 'https://first.example.com/boats/',
      date: NEAR_MIDNIGHT,
    },
    timeZone: 'UTC',
    locale: 'en-GB',
    custom: [],
    ...overrides,
  };
}

const messages = (template: string, custom: TemplateValues['custom'] = []) =>
  checkTemplate(template, custom).map((issue) => `${issue.severity}: ${issue.message}`);

describe('checkTemplate: syntax errors in the author’s words', () => {
  it('accepts a template that uses only known names', () => {
    expect(checkTemplate('<p>{{author.name}} – {{ blog.url }} {{post.date.iso}}</p>', [])).toEqual([]);
  });

  it('says which section is never closed', () => {
    expect(messages('{{#author.email}}Mail me')).toEqual([
      'error: {{#author.email}} is never closed: add {{/author.email}} where it should end.',
    ]);
  });

  it('says which section is closed by the wrong tag', () => {
    expect(messages('{{#author}}{{#blog}}x{{/author}}{{/blog}}')).toEqual([
      'error: {{#blog}} is closed by the wrong tag: close it with {{/blog}}.',
    ]);
  });

  it('says which closing tag has no section', () => {
    expect(messages('text {{/post.url}}')).toEqual([
      'error: {{/post.url}} closes a section that was never opened.',
    ]);
  });

  it('says when a {{ is never closed', () => {
    expect(messages('Hello {{author.name')).toEqual(['error: A {{ has no matching }}.']);
    expect(messages('Hello {{author.name}')).toEqual(['error: A {{ has no matching }}.']);
  });
});

describe('checkTemplate: refused tags', () => {
  it('refuses triple braces and {{& }} (raw HTML)', () => {
    const expected = [
      'error: {{{author.name}}} would insert raw HTML; Signet always escapes variables. Write {{author.name}} instead.',
    ];
    expect(messages('{{{author.name}}}')).toEqual(expected);
    expect(messages('{{& author.name}}')).toEqual(expected);
  });

  it('refuses partials', () => {
    expect(messages('{{> footer}}')).toEqual([
      'error: Partials ({{> footer}}) are not supported in snippets.',
    ]);
  });

  it('refuses delimiter changes', () => {
    expect(messages('{{=<% %>=}} <% author.name %>')).toEqual([
      'error: Changing the {{ }} delimiters is not supported in snippets.',
    ]);
  });

  it('reports each refused tag, in order', () => {
    expect(checkTemplate('{{{a}}} {{> b}}', []).map((i) => i.severity)).toEqual(['error', 'error']);
  });
});

describe('checkTemplate: unknown names', () => {
  it('warns once per unknown name', () => {
    expect(messages('{{autor.name}} and {{autor.name}} and {{nickname}}')).toEqual([
      'warning: {{autor.name}} is not a variable Signet knows; it will be left empty. Check the spelling, or add it under Your variables.',
      'warning: {{nickname}} is not a variable Signet knows; it will be left empty. Check the spelling, or add it under Your variables.',
    ]);
  });

  it('knows every built-in variable and the three groups', () => {
    const all = BUILT_IN_VARIABLES.map((v) => `{{${v.name}}}`).join(' ');
    expect(BUILT_IN_VARIABLES.length).toBe(11);
    expect(checkTemplate(all, [])).toEqual([]);
    expect(checkTemplate('{{#author}}a{{/author}}{{^blog}}b{{/blog}}{{#post}}c{{/post}}', [])).toEqual([]);
  });

  it('knows the author’s custom variables', () => {
    expect(messages('{{nickname}}')).toHaveLength(1);
    expect(checkTemplate('{{nickname}}', [{ name: 'nickname', value: 'Jonny' }])).toEqual([]);
  });

  it('knows short names inside a section over a group, and only there', () => {
    expect(checkTemplate('{{#author}}{{name}} <{{email}}>{{/author}}', [])).toEqual([]);
    expect(checkTemplate('{{#post.date}}{{year}}{{/post.date}}', [])).toEqual([]);
    expect(checkTemplate('{{#post}}{{#date}}{{year}}{{/date}}{{/post}}', [])).toEqual([]);
    expect(messages('{{name}}')).toHaveLength(1);
    expect(messages('{{#blog}}{{email}}{{/blog}}')).toEqual([
      'warning: {{email}} is not a variable Signet knows; it will be left empty. Check the spelling, or add it under Your variables.',
    ]);
  });

  it('warns about an unknown section name, and ignores comments and {{.}}', () => {
    expect(messages('{{#premium}}x{{/premium}}')).toHaveLength(1);
    expect(checkTemplate('{{! a note }}{{#author.name}}{{.}}{{/author.name}}', [])).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills in the values', () => {
    expect(
      renderTemplate('{{author.name}} writes {{blog.name}} at {{blog.url}}: {{post.title}}', values()),
    ).toBe('Jon Smith writes Harbour Notes at https://blog.example.com/: Boats at Dusk');
  });

  it('escapes & < > " \' in every value, and nothing else', () => {
    const out = renderTemplate('<a href="{{url}}">{{name}}</a>', {
      ...values(),
      custom: [
        { name: 'name', value: `<script>alert("x")</script> & 'co'` },
        { name: 'url', value: 'https://x.example/a/b?c=1' },
      ],
    });
    expect(out).toBe(
      '<a href="https://x.example/a/b?c=1">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</a>',
    );
  });

  it('escapeHtml writes the five entities only', () => {
    expect(escapeHtml(`a&b<c>d"e'f/g=h`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f/g=h');
    expect(escapeHtml(42)).toBe('42');
  });

  it('leaves an unknown name empty and renders sections', () => {
    expect(renderTemplate('[{{missing}}]', values())).toBe('[]');
    expect(renderTemplate('{{#author.email}}Mail {{author.email}}{{/author.email}}', values())).toBe(
      'Mail jon.smith@example.com',
    );
    const noEmail = values({ author: { name: 'Jon', email: '' } });
    expect(
      renderTemplate(
        '{{#author.email}}Mail{{/author.email}}{{^author.email}}No mail{{/author.email}}',
        noEmail,
      ),
    ).toBe('No mail');
    expect(renderTemplate('{{#author}}{{name}}{{/author}}', values())).toBe('Jon Smith');
  });

  it('throws TemplateError with the issues when the template has an error', () => {
    let thrown: unknown;
    try {
      renderTemplate('{{{author.name}}}', values());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateError);
    const error = thrown as TemplateError;
    expect(error.name).toBe('TemplateError');
    expect(error.issues).toEqual([
      {
        severity: 'error',
        message:
          '{{{author.name}}} would insert raw HTML; Signet always escapes variables. Write {{author.name}} instead.',
      },
    ]);
    expect(error.message).toBe(error.issues[0]!.message);
    expect(() => renderTemplate('{{#a}}', values())).toThrow('{{#a}} is never closed');
  });

  it('custom variables do not shadow the built-in groups', () => {
    const view = templateView({ ...values(), custom: [{ name: 'nickname', value: 'Jonny' }] });
    expect(view.nickname).toBe('Jonny');
    expect(view.author).toEqual({ name: 'Jon Smith', email: 'jon.smith@example.com' });
    expect(view.blog).toEqual({ name: 'Harbour Notes', url: 'https://blog.example.com/' });
  });
});

describe('dates', () => {
  const render = (timeZone: string, locale = 'en-GB') =>
    renderTemplate(
      '{{post.date}}|{{post.date.short}}|{{post.date.iso}}|{{post.date.year}}',
      values({ timeZone, locale }),
    );

  it('gives the long, short, ISO and year forms in the blog’s zone', () => {
    expect(render('UTC')).toBe('23 November 2026|23/11/2026|2026-11-23|2026');
    expect(render('UTC', 'en-US')).toBe('November 23, 2026|11/23/26|2026-11-23|2026');
  });

  it('uses the date of the blog’s zone near midnight', () => {
    expect(render('Pacific/Auckland')).toBe('24 November 2026|24/11/2026|2026-11-24|2026');
    expect(render('America/Los_Angeles')).toBe('23 November 2026|23/11/2026|2026-11-23|2026');
  });

  it('takes the year from the zone’s date on New Year’s Eve', () => {
    const eve = values({ post: { ...values().post, date: new Date('2026-12-31T20:00:00Z') } });
    expect(
      renderTemplate('{{post.date.iso}} {{post.date.year}}', { ...eve, timeZone: 'Pacific/Auckland' }),
    ).toBe('2027-01-01 2027');
    expect(
      renderTemplate('{{post.date.iso}} {{post.date.year}}', { ...eve, timeZone: 'America/Los_Angeles' }),
    ).toBe('2026-12-31 2026');
  });

  it('understands an offset zone (a WordPress site without a named zone)', () => {
    expect(render('+13:00')).toBe('24 November 2026|24/11/2026|2026-11-24|2026');
    expect(render('-12:00')).toBe('22 November 2026|22/11/2026|2026-11-22|2026');
  });

  it('falls back to UTC for a zone it does not know', () => {
    expect(render('Mars/Olympus_Mons')).toBe(render('UTC'));
    expect(render('')).toBe(render('UTC'));
  });

  it('offers the forms as properties of post.date', () => {
    const date = (
      templateView(values({ timeZone: 'Pacific/Auckland' })).post as { date: Record<string, unknown> }
    ).date;
    expect(date).toMatchObject({
      long: '24 November 2026',
      short: '24/11/2026',
      iso: '2026-11-24',
      year: '2026',
    });
    expect(String(date)).toBe('24 November 2026');
  });
});

describe('usesPostUrl', () => {
  it('is true for the post’s own addresses, also by their short names in a section', () => {
    expect(usesPostUrl('<a href="{{post.url}}">here</a>')).toBe(true);
    expect(usesPostUrl('First on {{post.originalUrl}}')).toBe(true);
    expect(usesPostUrl('{{#post}}{{url}}{{/post}}')).toBe(true);
    expect(usesPostUrl('{{#post.originalUrl}}seen before{{/post.originalUrl}}')).toBe(true);
  });

  it('is false for other names and for a template that cannot be read', () => {
    expect(usesPostUrl('{{blog.url}} {{post.title}} {{author.name}}')).toBe(false);
    expect(usesPostUrl('post.url without braces')).toBe(false);
    expect(usesPostUrl('{{#post.url}}')).toBe(false);
  });
});

describe('sampleValues', () => {
  const now = new Date('2030-05-06T07:08:09Z');

  it('fills in a sample author when the author has no details yet', () => {
    const sample = sampleValues({ name: '', email: '' }, [], now);
    expect(sample.author).toEqual({ name: 'Jon Smith', email: 'jon.smith@example.com' });
    expect(sample.blog).toEqual({ name: 'Your Blog', url: 'https://blog.example.com/' });
    expect(sample.post).toEqual({
      title: 'A Sample Post Title',
      url: 'https://blog.example.com/a-sample-post/',
      originalUrl: 'https://blog.example.com/a-sample-post/',
      date: now,
    });
    expect(sample.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('uses the author’s own details and variables', () => {
    const custom = [{ name: 'nickname', value: 'Jonny' }];
    const sample = sampleValues({ name: 'Ana Lima', email: '' }, custom, now);
    expect(sample.author).toEqual({ name: 'Ana Lima', email: 'jon.smith@example.com' });
    expect(sample.custom).toBe(custom);
    expect(renderTemplate('{{nickname}} / {{author.name}}', sample)).toBe('Jonny / Ana Lima');
  });
});
