import * as fs from 'node:fs';
import * as path from 'node:path';

import { $createCodeNode } from '@lexical/code';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode, type ListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  TableCellHeaderStates,
} from '@lexical/table';
import { $createLineBreakNode, $createParagraphNode, $getRoot, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';

import { composeHtml } from './compose';
import { InvalidDocumentError, UnknownNodeTypeError } from './composeEditor';
import { toAppError } from '../PublishingService';
import { $createImageNode } from './nodes/ImageNode';
import { $createReadMoreNode } from './nodes/ReadMoreNode';
import { buildEdgeCaseState, buildState, paragraph, readEveryNodeGolden, text } from './testing/helpers';
import type { ComposeOptions, ImageLocation } from './types';

const GOLDEN_DIR = path.join(import.meta.dirname, '__golden__');

/**
 * Compares with a stored expected output. After an intended change to the output, regenerate
 * with `UPDATE_GOLDEN=1 npx vitest run electron/publishing/compose` and review the diff.
 */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, `${actual}\n`);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`Missing golden file ${file}: run with UPDATE_GOLDEN=1`);
  expect(actual, `${name} changed; if that is intended, regenerate it with UPDATE_GOLDEN=1`).toBe(
    fs.readFileSync(file, 'utf8').replace(/\n$/, ''),
  );
}

const uploaded: Record<string, ImageLocation> = {
  'harbour.jpg': { url: 'https://blog.example.com/wp-content/uploads/harbour.jpg', remoteId: '123' },
};

function options(overrides: Partial<ComposeOptions> = {}): ComposeOptions {
  return {
    format: 'html',
    images: (fileName) => uploaded[fileName] ?? null,
    readMore: 'wordpress',
    ...overrides,
  };
}

/** Composes a document whose root gets the blocks `build` returns. */
function compose(build: () => LexicalNode[], overrides: Partial<ComposeOptions> = {}) {
  const state = buildState(() => {
    $getRoot().append(...build());
  });
  return composeHtml(state, options(overrides));
}

function html(build: () => LexicalNode[], overrides: Partial<ComposeOptions> = {}): string {
  return compose(build, overrides).html;
}

function gutenberg(build: () => LexicalNode[], overrides: Partial<ComposeOptions> = {}): string {
  return compose(build, { format: 'gutenberg', ...overrides }).html;
}

describe('composeHtml: the golden draft with every node type', () => {
  const golden = readEveryNodeGolden();

  it('writes clean HTML', () => {
    const result = composeHtml(golden, options());
    expectGolden('every-node.html.golden', result.html);
  });

  it('writes WordPress block markup', () => {
    // Embeds as the WordPress platform writes them: embed blocks.
    const result = composeHtml(golden, options({ format: 'gutenberg', embeds: 'wordpress' }));
    expectGolden('every-node.gutenberg.golden', result.html);
  });

  it('leaves no editor classes, styles, data attributes or doubled tags in the HTML', () => {
    const { html: out } = composeHtml(golden, options());
    expect(out.match(/class="[^"]*"/g)).toEqual(['class="language-ts"']);
    expect(out).not.toMatch(/\s(style|dir|value|spellcheck|data-[\w-]+)=/);
    expect(out).not.toMatch(/<(b|i|span)[\s>]/);
  });

  it('lists every image and warns about the one without alt text', () => {
    const result = composeHtml(golden, options());
    expect(result.images).toEqual([
      { fileName: 'harbour.jpg', altText: 'Boats in the harbour at dusk' },
      { src: 'https://cdn.example.com/chart.png', altText: '' },
    ]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['MISSING_ALT']);
  });

  it('gives the same text in both formats', () => {
    const strip = (markup: string) =>
      markup
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    expect(strip(composeHtml(golden, options({ format: 'gutenberg' })).html)).toBe(
      strip(composeHtml(golden, options()).html),
    );
  });
});

describe('composeHtml: the edge-case draft', () => {
  it('writes clean HTML', () => {
    expectGolden('edge-cases.html.golden', composeHtml(buildEdgeCaseState(), options()).html);
  });

  it('writes WordPress block markup', () => {
    expectGolden(
      'edge-cases.gutenberg.golden',
      composeHtml(buildEdgeCaseState(), options({ format: 'gutenberg' })).html,
    );
  });
});

describe('composeHtml: text', () => {
  it('keeps markup-like text as text', () => {
    const build = () => [paragraph(text('<script>alert("x")</script> & <b>not bold</b>'))];
    const expected = '<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;</p>';
    expect(html(build)).toBe(expected);
    expect(gutenberg(build)).toBe(`<!-- wp:paragraph -->\n${expected}\n<!-- /wp:paragraph -->`);
  });

  it('writes one element per format, nested in a fixed order, and merges neighbours', () => {
    expect(
      html(() => [
        paragraph(
          text('a', 'bold'),
          text('b', 'bold', 'italic'),
          text(' c', 'underline'),
          text(' d', 'strikethrough', 'code'),
          text(' e', 'superscript'),
          text(' f', 'subscript'),
          text(' g', 'highlight'),
        ),
      ]),
    ).toBe(
      '<p><strong>a<em>b</em></strong><u> c</u><s><code> d</code></s><sup> e</sup><sub> f</sub><mark> g</mark></p>',
    );
  });

  it('drops empty paragraphs and trailing line breaks, and keeps inner ones', () => {
    expect(
      html(() => [
        paragraph(),
        paragraph(text('   ')),
        paragraph(text('one'), $createLineBreakNode(), text('two'), $createLineBreakNode()),
        paragraph($createLineBreakNode()),
        $createHeadingNode('h2'),
      ]),
    ).toBe('<p>one<br>two</p>');
  });

  it('marks right-to-left paragraphs only', () => {
    const build = () => [
      $createParagraphNode().setDirection('rtl').append(text('שלום')),
      $createParagraphNode().setDirection('ltr').append(text('hello')),
    ];
    expect(html(build)).toBe('<p dir="rtl">שלום</p>\n<p>hello</p>');
    expect(gutenberg(build)).toBe(
      '<!-- wp:paragraph {"direction":"rtl"} -->\n<p dir="rtl">שלום</p>\n<!-- /wp:paragraph -->\n\n' +
        '<!-- wp:paragraph -->\n<p>hello</p>\n<!-- /wp:paragraph -->',
    );
  });

  it('keeps headings within H2–H4, as the editor does', () => {
    expect(
      html(() => [$createHeadingNode('h1').append(text('a')), $createHeadingNode('h6').append(text('b'))]),
    ).toBe('<h2>a</h2>\n<h4>b</h4>');
  });

  it('writes a quote’s lines as a paragraph', () => {
    const build = () => [$createQuoteNode().append(text('first'), $createLineBreakNode(), text('second'))];
    expect(html(build)).toBe('<blockquote><p>first<br>second</p></blockquote>');
    expect(gutenberg(build)).toBe(
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>first<br>second</p>\n' +
        '<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->',
    );
  });
});

describe('composeHtml: drafts saved before the editor’s content rules', () => {
  it('keeps the blocks of a quote that holds blocks instead of lines', () => {
    const build = () => [
      $createQuoteNode().append(
        paragraph(text('said')),
        $createListNode('bullet').append($createListItemNode().append(text('point'))),
      ),
    ];
    expect(html(build)).toBe('<blockquote><p>said</p><ul><li>point</li></ul></blockquote>');
    expect(gutenberg(build)).toBe(
      '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n<p>said</p>\n' +
        '<!-- /wp:paragraph -->\n\n<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>point</li>\n' +
        '<!-- /wp:list-item --></ul>\n<!-- /wp:list --></blockquote>\n<!-- /wp:quote -->',
    );
  });

  it('moves an image or a break out of the paragraph that holds it', () => {
    expect(
      html(() => [
        paragraph(
          text('before'),
          $createImageNode({ fileName: 'harbour.jpg', altText: 'A' }),
          text('between'),
          $createReadMoreNode(),
          text('after'),
        ),
      ]),
    ).toBe(
      '<p>before</p>\n<figure><img src="https://blog.example.com/wp-content/uploads/harbour.jpg" alt="A"></figure>\n' +
        '<p>between</p>\n<!--more-->\n<p>after</p>',
    );
  });
});

describe('composeHtml: links', () => {
  it('keeps http(s) and mailto links with the address escaped', () => {
    expect(
      html(() => [
        paragraph(
          $createLinkNode('https://example.com/?a=1&b="2"', { rel: 'noopener', target: '_blank' }).append(
            text('web'),
          ),
          text(' '),
          $createLinkNode('mailto:me@example.com').append(text('mail')),
        ),
      ]),
    ).toBe(
      '<p><a href="https://example.com/?a=1&amp;b=&quot;2&quot;">web</a> <a href="mailto:me@example.com">mail</a></p>',
    );
  });

  it('turns any other link into its text, with a warning', () => {
    const result = compose(() => [
      paragraph(
        $createLinkNode('javascript:alert(1)').append(text('click')),
        text(' and '),
        $createLinkNode('file:///etc/passwd').append(text('file', 'bold')),
      ),
    ]);
    expect(result.html).toBe('<p>click and <strong>file</strong></p>');
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'LINK_REMOVED', url: 'javascript:alert(1)' }),
      expect.objectContaining({ code: 'LINK_REMOVED', url: 'file:///etc/passwd' }),
    ]);
  });
});

describe('composeHtml: lists', () => {
  // Lexical keeps a sublist in an item of its own, after the item it belongs to.
  function nested(): LexicalNode[] {
    const inner: ListNode = $createListNode('bullet').append($createListItemNode().append(text('c')));
    const middle: ListNode = $createListNode('number', 3).append(
      $createListItemNode().append(text('b')),
      $createListItemNode().append(inner),
    );
    return [
      $createListNode('bullet').append(
        $createListItemNode().append(text('a')),
        $createListItemNode().append(middle),
        $createListItemNode().append(text('d')),
      ),
    ];
  }

  it('nests a sublist inside the item before it', () => {
    expect(html(nested)).toBe(
      '<ul><li>a<ol start="3"><li>b<ul><li>c</li></ul></li></ol></li><li>d</li></ul>',
    );
  });

  it('nests list blocks inside list-item blocks', () => {
    expect(gutenberg(nested)).toBe(
      [
        '<!-- wp:list -->',
        '<ul><!-- wp:list-item -->',
        '<li>a<!-- wp:list {"ordered":true,"start":3} -->',
        '<ol start="3"><!-- wp:list-item -->',
        '<li>b<!-- wp:list -->',
        '<ul><!-- wp:list-item -->',
        '<li>c</li>',
        '<!-- /wp:list-item --></ul>',
        '<!-- /wp:list --></li>',
        '<!-- /wp:list-item --></ol>',
        '<!-- /wp:list --></li>',
        '<!-- /wp:list-item -->',
        '',
        '<!-- wp:list-item -->',
        '<li>d</li>',
        '<!-- /wp:list-item --></ul>',
        '<!-- /wp:list -->',
      ].join('\n'),
    );
  });

  it('gives a list that starts indented an item to hold its sublist', () => {
    expect(
      html(() => [
        $createListNode('bullet').append(
          $createListItemNode().append(
            $createListNode('bullet').append($createListItemNode().append(text('x'))),
          ),
        ),
      ]),
    ).toBe('<ul><li><ul><li>x</li></ul></li></ul>');
  });
});

describe('composeHtml: code', () => {
  it('escapes code and keeps WordPress from running shortcodes or embedding URLs in it', () => {
    const build = () => [
      $createCodeNode('html').append(
        text('<script>if (a < b && c) run("[gallery]");</script>'),
        $createLineBreakNode(),
        text('  https://www.youtube.com/watch?v=x'),
      ),
      paragraph(text('inline [caption]', 'code')),
    ];
    expect(html(build)).toBe(
      '<pre><code class="language-html">&lt;script&gt;if (a &lt; b &amp;&amp; c) run("&#91;gallery]");&lt;/script&gt;\n' +
        '  https:&#47;&#47;www.youtube.com/watch?v=x</code></pre>\n<p><code>inline &#91;caption]</code></p>',
    );
    expect(gutenberg(build)).toContain(
      '<!-- wp:code {"className":"language-html"} -->\n<pre class="wp-block-code language-html"><code>&lt;script&gt;',
    );
  });

  it('drops a language name that could break out of the class attribute', () => {
    expect(html(() => [$createCodeNode('x" onclick="y').append(text('a'))])).toBe(
      '<pre><code>a</code></pre>',
    );
  });
});

describe('composeHtml: tables', () => {
  function table(colSpan: number): LexicalNode[] {
    const cell = (content: string, header = false, span = 1) =>
      $createTableCellNode(header ? TableCellHeaderStates.ROW : TableCellHeaderStates.NO_STATUS, span).append(
        paragraph(text(content)),
      );
    return [
      $createTableNode().append(
        $createTableRowNode().append(cell('A', true, colSpan), ...(colSpan === 1 ? [cell('B', true)] : [])),
        $createTableRowNode().append(
          $createTableCellNode().append(paragraph(text('1')), paragraph(text('2'))),
          cell('3'),
        ),
      ),
    ];
  }

  it('writes header cells as th and a cell’s paragraphs as lines', () => {
    expect(html(() => table(1))).toBe(
      '<table><tbody><tr><th>A</th><th>B</th></tr><tr><td>1<br>2</td><td>3</td></tr></tbody></table>',
    );
  });

  it('keeps a table with merged cells as a Custom HTML block, which WordPress 6.1’s table block cannot hold', () => {
    expect(gutenberg(() => table(2))).toBe(
      '<!-- wp:html -->\n<table><tbody><tr><th colspan="2">A</th></tr><tr><td>1<br>2</td><td>3</td></tr></tbody></table>\n<!-- /wp:html -->',
    );
  });
});

describe('composeHtml: images', () => {
  it('writes an uploaded image with its URL, alt text, caption and size', () => {
    const result = compose(() => [
      $createImageNode({
        fileName: 'harbour.jpg',
        altText: 'He said "hi" <b>',
        caption: 'A <i>caption</i> & more',
      }),
    ]);
    expect(result.html).toBe(
      '<figure><img src="https://blog.example.com/wp-content/uploads/harbour.jpg" alt="He said &quot;hi&quot; &lt;b&gt;">' +
        '<figcaption>A &lt;i&gt;caption&lt;/i&gt; &amp; more</figcaption></figure>',
    );
    expect(result.warnings).toEqual([]);
  });

  it('takes the size from the upload when the draft has none, and the draft’s when it has one', () => {
    const images = () => ({ url: 'https://cdn.example.com/a.png', width: 800, height: 600 });
    expect(html(() => [$createImageNode({ fileName: 'a.png', altText: 'A' })], { images })).toBe(
      '<figure><img src="https://cdn.example.com/a.png" alt="A" width="800" height="600"></figure>',
    );
    expect(html(() => [$createImageNode({ fileName: 'a.png', altText: 'A', width: 400 })], { images })).toBe(
      '<figure><img src="https://cdn.example.com/a.png" alt="A" width="400" height="600"></figure>',
    );
  });

  it('warns about missing alt text and never uses the file name instead', () => {
    const result = compose(() => [$createImageNode({ fileName: 'harbour.jpg', altText: '  ' })]);
    expect(result.html).toBe(
      '<figure><img src="https://blog.example.com/wp-content/uploads/harbour.jpg" alt=""></figure>',
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'MISSING_ALT', image: { fileName: 'harbour.jpg', altText: '  ' } }),
    ]);
  });

  it('leaves out an image that has not been uploaded, with a warning, but still lists it', () => {
    const result = compose(() => [
      paragraph(text('before')),
      $createImageNode({ fileName: 'local.png', altText: 'Local' }),
      $createImageNode({ src: 'data:image/png;base64,iVBORw0KGgo=', altText: 'Pasted' }),
      paragraph(text('after')),
    ]);
    expect(result.html).toBe('<p>before</p>\n<p>after</p>');
    expect(result.warnings.map((warning) => warning.code)).toEqual([
      'IMAGE_NOT_UPLOADED',
      'IMAGE_NOT_UPLOADED',
    ]);
    expect(result.images).toEqual([
      { fileName: 'local.png', altText: 'Local' },
      { src: 'data:image/png;base64,iVBORw0KGgo=', altText: 'Pasted' },
    ]);
  });

  it('refers to the WordPress attachment only when the media id is a number', () => {
    const images = () => ({ url: 'https://cdn.example.com/a.png', remoteId: 'abc' });
    expect(gutenberg(() => [$createImageNode({ fileName: 'a.png', altText: 'A' })], { images })).toBe(
      '<!-- wp:image -->\n<figure class="wp-block-image"><img src="https://cdn.example.com/a.png" alt="A"/></figure>\n<!-- /wp:image -->',
    );
  });
});

describe('composeHtml: the read-more break', () => {
  const build = () => [paragraph(text('teaser')), $createReadMoreNode(), paragraph(text('rest'))];

  it('becomes <!--more--> for WordPress', () => {
    expect(html(build)).toBe('<p>teaser</p>\n<!--more-->\n<p>rest</p>');
    expect(gutenberg(build)).toContain(
      '<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->',
    );
  });

  it('is left out elsewhere', () => {
    expect(html(build, { readMore: 'none' })).toBe('<p>teaser</p>\n<p>rest</p>');
    expect(gutenberg(build, { readMore: 'none' })).not.toContain('more');
  });
});

describe('composeHtml: empty and unreadable drafts', () => {
  it('composes an empty draft into an empty post', () => {
    const empty = {
      root: { type: 'root', version: 1, children: [], direction: null, format: '', indent: 0 },
    };
    expect(composeHtml(empty, options())).toEqual({ html: '', warnings: [], images: [] });
    expect(composeHtml(empty, options({ format: 'gutenberg' })).html).toBe('');
  });

  it('fails with an error naming an unknown node type', () => {
    const state = readEveryNodeGolden();
    const children = state.root.children as unknown[];
    children.push({ type: 'youtube', version: 1, videoID: 'x' });
    expect(() => composeHtml(state, options())).toThrow(UnknownNodeTypeError);
    expect(() => composeHtml(state, options())).toThrow(/"youtube"/);
  });

  it('fails with InvalidDocumentError, which the app reports as a bad request, on a state Lexical cannot read', () => {
    // Known types, malformed shape: a child that is not a node.
    const state = { root: { type: 'root', version: 1, children: [null] } };
    expect(() => composeHtml(state, options())).toThrow(InvalidDocumentError);
    let thrown: unknown;
    try {
      composeHtml(state, options());
    } catch (error) {
      thrown = error;
    }
    expect(toAppError(thrown)).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/save it again/),
    });
  });
});
