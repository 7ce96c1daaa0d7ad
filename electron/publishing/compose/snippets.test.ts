import { describe, expect, it } from 'vitest';

import type { EditorStateJSON } from '../../contract';
import {
  BOLD,
  jsonHeading as heading,
  jsonLink as link,
  jsonParagraph as paragraph,
  jsonSnippet as snippetNode,
  jsonState as state,
  jsonText as text,
} from '../../drafts/testing/editorJson';
import type { TemplateValues } from '../../snippets/template';
import { composeHtml } from './compose';
import {
  SnippetTemplateError,
  expandSnippets,
  renderSnippetContent,
  snippetIdsIn,
  snippetTemplate,
  type RenderedContent,
} from './snippets';

function values(overrides: Partial<TemplateValues> = {}): TemplateValues {
  return {
    author: { name: 'Jon Smith', email: 'jon.smith@example.com' },
    blog: { name: 'Harbour Notes', url: 'https://blog.example.com/' },
    post: {
      title: 'Boats at Dusk',
      url: 'https://blog.example.com/boats/',
      originalUrl: 'https://first.example.com/boats/',
      date: new Date('2026-11-23T11:30:00Z'),
    },
    timeZone: 'Pacific/Auckland',
    locale: 'en-GB',
    custom: [],
    ...overrides,
  };
}

const render = (
  editorState: EditorStateJSON | null,
  options: { obfuscateEmails?: boolean } & Partial<TemplateValues> = {},
) => {
  const { obfuscateEmails = false, ...overrides } = options;
  return renderSnippetContent({ editorState, obfuscateEmails }, values(overrides));
};

describe('snippetTemplate', () => {
  it('is the content as HTML with the variables (also in link addresses) still in it', () => {
    expect(
      snippetTemplate({
        editorState: state(paragraph(text('By '), link('mailto:{{author.email}}', text('{{author.name}}')))),
      }),
    ).toBe('<p>By <a href="mailto:{{author.email}}">{{author.name}}</a></p>');
    expect(snippetTemplate({ editorState: null })).toBe('');
  });
});

describe('renderSnippetContent', () => {
  it('fills in the variables and gives clean HTML and the matching editor state', () => {
    const rendered = render(
      state(
        heading('h3', text('About {{author.name}}')),
        paragraph(text('Written for ', BOLD), text('{{blog.name}} on {{post.date}} ({{post.date.iso}}).')),
      ),
    );
    expect(rendered.html).toBe(
      '<h3>About Jon Smith</h3>\n<p><strong>Written for </strong>Harbour Notes on 24 November 2026 (2026-11-24).</p>',
    );
    expect(rendered.issues).toEqual([]);
    expect(rendered.usesPostUrl).toBe(false);
    expect(composeHtml(rendered.state, { format: 'html', images: () => null, readMore: 'none' }).html).toBe(
      rendered.html,
    );
  });

  it('keeps a value with markup in it as text', () => {
    const rendered = render(state(paragraph(text('Motto: {{motto}}'))), {
      custom: [{ name: 'motto', value: '<script>alert(1)</script><b>bold</b> & "co"' }],
    });
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp;');
    expect(rendered.html).not.toContain('<script');
    expect(rendered.html).not.toContain('<b>');
    expect(JSON.stringify(rendered.state)).toContain('<script>alert(1)</script><b>bold</b>');
  });

  it('turns a link whose address is a variable into the real link', () => {
    const rendered = render(
      state(
        paragraph(
          text('First published on '),
          link('{{post.originalUrl}}', text('my blog')),
          text(', about: '),
          link('{{blog.url}}about/', text('me')),
          text(', mail: '),
          link('mailto:{{author.email}}', text('{{author.email}}')),
        ),
      ),
    );
    expect(rendered.html).toBe(
      '<p>First published on <a href="https://first.example.com/boats/">my blog</a>, about: ' +
        '<a href="https://blog.example.com/about/">me</a>, mail: ' +
        '<a href="mailto:jon.smith@example.com">jon.smith@example.com</a></p>',
    );
    expect(rendered.usesPostUrl).toBe(true);
  });

  it('drops a link whose filled-in address is not a web or mail address, keeping its text', () => {
    const rendered = render(
      state(
        paragraph(
          link('{{homepage}}', text('click me')),
          text(' '),
          link('mailto:{{author.email}}', text('mail')),
        ),
      ),
      { custom: [{ name: 'homepage', value: 'javascript:alert(1)' }], author: { name: 'Jon', email: '' } },
    );
    expect(rendered.html).toBe('<p>click me mail</p>');
    expect(rendered.html).not.toContain('javascript');
    expect(rendered.html).not.toContain('<a');
  });

  it('keeps a variable holding markup out of a link address', () => {
    const rendered = render(state(paragraph(link('{{homepage}}', text('home')))), {
      custom: [{ name: 'homepage', value: '"><script>alert(1)</script>' }],
    });
    expect(rendered.html).toBe('<p>home</p>');
  });

  it('lets a section span paragraphs and formatting', () => {
    const content = state(
      paragraph(text('Thanks for reading.')),
      paragraph(text('{{#author.email}}Write to me: ')),
      paragraph(text('at ', BOLD), text('{{author.email}}{{/author.email}}')),
      paragraph(text('{{^author.email}}No address given.{{/author.email}}')),
    );
    expect(render(content).html).toBe(
      '<p>Thanks for reading.</p>\n<p>Write to me:</p>\n<p><strong>at </strong>jon.smith@example.com</p>',
    );
    expect(render(content, { author: { name: 'Jon', email: '' } }).html).toBe(
      '<p>Thanks for reading.</p>\n<p>No address given.</p>',
    );
  });

  it('obfuscates addresses and unwraps mailto links when asked', () => {
    const content = state(
      paragraph(
        text('Mail '),
        link('mailto:{{author.email}}', text('{{author.email}}')),
        text(' or see '),
        link('{{blog.url}}', text('the blog')),
      ),
    );
    expect(render(content, { obfuscateEmails: true }).html).toBe(
      '<p>Mail jon [dot] smith [at] example [dot] com or see <a href="https://blog.example.com/">the blog</a></p>',
    );
    expect(render(content).html).toContain(
      '<a href="mailto:jon.smith@example.com">jon.smith@example.com</a>',
    );
  });

  it('gives empty content and the issue when the template has an error', () => {
    const rendered = render(state(paragraph(text('{{#author.email}}Mail me'))));
    expect(rendered.html).toBe('');
    expect(rendered.state.root.children).toEqual([]);
    expect(rendered.usesPostUrl).toBe(false);
    expect(rendered.issues).toEqual([
      {
        severity: 'error',
        message: '{{#author.email}} is never closed: add {{/author.email}} where it should end.',
      },
    ]);
    expect(render(state(paragraph(text('{{{author.name}}}')))).html).toBe('');
  });

  it('renders with a warning for an unknown name, leaving it empty', () => {
    const rendered = render(state(paragraph(text('Hi [{{nickname}}]'))));
    expect(rendered.html).toBe('<p>Hi []</p>');
    expect(rendered.issues.map((i) => i.severity)).toEqual(['warning']);
  });

  it('gives empty content for a snippet without content', () => {
    const rendered = render(null);
    expect(rendered).toMatchObject({ html: '', issues: [], usesPostUrl: false });
    expect(rendered.state.root.children).toEqual([]);
  });
});

/** A snippet rendered with the test values, as the resolver gives it. */
const rendered = (...blocks: unknown[]): RenderedContent =>
  renderSnippetContent({ editorState: state(...blocks), obfuscateEmails: false }, values());

describe('expandSnippets', () => {
  const library: Record<string, RenderedContent> = {
    snp_sig: rendered(paragraph(text('— {{author.name}}'))),
    snp_link: rendered(paragraph(link('{{post.url}}', text('Permalink')))),
  };
  const resolve = (id: string) => library[id] ?? null;

  it('replaces each snippet node in place with the snippet’s content', () => {
    const draft = state(
      paragraph(text('Hello.')),
      snippetNode('snp_sig', 'Signature'),
      paragraph(text('P.S.')),
      snippetNode('snp_link', 'Permalink'),
    );
    const expanded = expandSnippets(draft, { resolve });
    expect(composeHtml(expanded.state, { format: 'html', images: () => null, readMore: 'none' }).html).toBe(
      '<p>Hello.</p>\n<p>— Jon Smith</p>\n<p>P.S.</p>\n<p><a href="https://blog.example.com/boats/">Permalink</a></p>',
    );
    expect(expanded.used).toEqual(['snp_sig', 'snp_link']);
    expect(expanded.warnings).toEqual([]);
    expect(expanded.usesPostUrl).toBe(true);
    // The draft itself is untouched.
    expect((draft.root.children as Array<{ type: string }>)[1]!.type).toBe('snippet');
  });

  it('adds the header before and the footer after the body, and counts each id once', () => {
    const expanded = expandSnippets(state(paragraph(text('Body')), snippetNode('snp_sig', 'Signature')), {
      resolve,
      header: { id: 'snp_head', name: 'Header', content: rendered(heading('h2', text('{{blog.name}}'))) },
      footer: { id: 'snp_sig', name: 'Signature', content: library.snp_sig! },
    });
    expect(composeHtml(expanded.state, { format: 'html', images: () => null, readMore: 'none' }).html).toBe(
      '<h2>Harbour Notes</h2>\n<p>Body</p>\n<p>— Jon Smith</p>\n<p>— Jon Smith</p>',
    );
    expect(expanded.used.sort()).toEqual(['snp_head', 'snp_sig']);
    expect(expanded.usesPostUrl).toBe(false);
  });

  it('publishes a snippet the library lacks as its node last showed it, with a warning', () => {
    const expanded = expandSnippets(
      state(
        snippetNode('snp_gone', 'Old bio', '<p>I write about <strong>boats</strong>.</p>'),
        paragraph(text('Body')),
      ),
      { resolve },
    );
    expect(composeHtml(expanded.state, { format: 'html', images: () => null, readMore: 'none' }).html).toBe(
      '<p>I write about <strong>boats</strong>.</p>\n<p>Body</p>',
    );
    expect(expanded.used).toEqual([]);
    expect(expanded.warnings).toEqual([
      {
        code: 'SNIPPET_NOT_IN_LIBRARY',
        message:
          'The snippet “Old bio” is not in your library on this computer; it is published as it was last shown.',
        snippetId: 'snp_gone',
      },
    ]);
  });

  it('sanitizes a missing snippet’s stored HTML', () => {
    const expanded = expandSnippets(
      state(snippetNode('snp_gone', 'Old', '<p onclick="x()">Hi<script>alert(1)</script></p>')),
      { resolve },
    );
    expect(composeHtml(expanded.state, { format: 'html', images: () => null, readMore: 'none' }).html).toBe(
      '<p>Hi</p>',
    );
  });

  it('throws SnippetTemplateError naming the snippet when its template has an error', () => {
    const broken = rendered(paragraph(text('{{#author.email}}unclosed')));
    let thrown: unknown;
    try {
      expandSnippets(state(paragraph(text('Body')), snippetNode('snp_broken', 'Broken bio')), {
        resolve: (id) => (id === 'snp_broken' ? broken : null),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SnippetTemplateError);
    const error = thrown as SnippetTemplateError;
    expect(error.snippetName).toBe('Broken bio');
    expect(error.message).toBe(
      'The snippet “Broken bio” has a template error: {{#author.email}} is never closed: add {{/author.email}} where it should end. Fix it in Snippets, then publish again.',
    );
    expect(() =>
      expandSnippets(state(paragraph(text('Body'))), {
        resolve,
        footer: { id: 'snp_f', name: 'Broken footer', content: broken },
      }),
    ).toThrow('The snippet “Broken footer” has a template error');
  });

  it('gives block markup for the snippet content like the rest of the post', () => {
    const expanded = expandSnippets(state(paragraph(text('Body')), snippetNode('snp_sig', 'Signature')), {
      resolve,
      header: { id: 'snp_head', name: 'Header', content: rendered(heading('h2', text('{{blog.name}}'))) },
    });
    const html = composeHtml(expanded.state, {
      format: 'gutenberg',
      images: () => null,
      readMore: 'wordpress',
    }).html;
    expect(html).toBe(
      [
        '<!-- wp:heading -->\n<h2>Harbour Notes</h2>\n<!-- /wp:heading -->',
        '<!-- wp:paragraph -->\n<p>Body</p>\n<!-- /wp:paragraph -->',
        '<!-- wp:paragraph -->\n<p>— Jon Smith</p>\n<!-- /wp:paragraph -->',
      ].join('\n\n'),
    );
  });
});

describe('snippetIdsIn', () => {
  it('lists each snippet id a draft uses once, at any depth', () => {
    const draft = state(
      snippetNode('snp_a', 'A'),
      paragraph(text('x')),
      {
        type: 'quote',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [snippetNode('snp_b', 'B')],
      },
      snippetNode('snp_a', 'A again'),
    );
    expect(snippetIdsIn(draft).sort()).toEqual(['snp_a', 'snp_b']);
  });

  it('lists none for a draft without snippets or without content', () => {
    expect(snippetIdsIn(state(paragraph(text('plain'))))).toEqual([]);
    expect(snippetIdsIn(null)).toEqual([]);
  });
});
