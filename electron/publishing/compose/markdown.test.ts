import { $createCodeNode } from '@lexical/code';
import { $createHorizontalRuleNode } from '@lexical/extension';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  TableCellHeaderStates,
} from '@lexical/table';
import { $createLineBreakNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';

import type { EditorStateJSON } from '../../contract';
import { knownNodeTypes } from './composeEditor';
import { composeMarkdown, importMarkdown, splitFrontMatter, writeFrontMatter } from './markdown';
import { $createImageNode } from './nodes/ImageNode';
import { $createReadMoreNode } from './nodes/ReadMoreNode';
import {
  buildEdgeCaseState,
  buildState,
  paragraph,
  readEveryNodeGolden,
  text,
  typesIn,
} from './testing/helpers';

const IMAGES = (fileName: string) => ({ url: `images/${fileName}` });

function compose(state: EditorStateJSON, readMore: 'wordpress' | 'none' = 'wordpress') {
  return composeMarkdown(state, { images: IMAGES, readMore });
}

/**
 * A document as the reader sees it, for comparing before and after a round trip: Lexical's
 * bookkeeping (direction, list values, highlight nodes, tab nodes, image sizes, which edge of a
 * formatted run a space sits on) is left out, adjacent text runs of one format are merged.
 */
function normalize(node: unknown): unknown {
  const n = node as Record<string, unknown>;
  const type = n.type === 'code-highlight' || n.type === 'tab' ? 'text' : n.type;
  const out: Record<string, unknown> = { type };
  if (type === 'text') {
    out.text = n.text;
    out.format = n.format;
  }
  for (const key of [
    'tag',
    'listType',
    'url',
    'language',
    'altText',
    'caption',
    'fileName',
    'src',
    'colSpan',
  ]) {
    if (n[key] !== undefined && n[key] !== null) out[key] = n[key];
  }
  if (type === 'listitem') out.indent = n.indent;
  if (type === 'tablecell') out.header = (n.headerState as number) > 0;
  if (type === 'list' && n.listType === 'number') out.start = n.start;
  if (Array.isArray(n.children)) {
    const children: Array<Record<string, unknown>> = [];
    for (const child of n.children.map(normalize) as Array<Record<string, unknown>>) {
      const last = children[children.length - 1];
      if (last && last.type === 'text' && child.type === 'text' && last.format === child.format) {
        last.text = `${last.text as string}${child.text as string}`;
      } else children.push(child);
    }
    // Whitespace at a format boundary may move to the neighbouring run.
    for (const child of children) if (child.type === 'text') child.text = (child.text as string).trim();
    out.children = children.filter((child) => !(child.type === 'text' && child.text === ''));
  }
  return out;
}

/** The golden draft without node types this build's composer does not register yet. */
function goldenKnown(): EditorStateJSON {
  const golden = readEveryNodeGolden();
  const root = golden.root as { children: Array<{ type: string }> };
  root.children = root.children.filter((child) => knownNodeTypes.has(child.type));
  return golden;
}

describe('composeMarkdown', () => {
  it('writes every node kind of the golden draft as Markdown', () => {
    const { markdown, warnings } = compose(goldenKnown());
    expect(markdown).toContain(
      'Signet keeps **bold**, *italic*, <u>underlined</u>, ~~struck~~ and `code` text',
    );
    expect(markdown).toContain('[link](https://example.com/docs),\\\na line break');
    expect(markdown).toContain('\n## Heading two\n\n### Heading three\n\n#### Heading four\n');
    expect(markdown).toContain('\n> A quotation.\n');
    expect(markdown).toContain('\n- Apples\n    - Green\n- Pears\n');
    expect(markdown).toContain('\n1. First\n2. Second\n');
    expect(markdown).toContain('\n```ts\nconst answer = 42;\n\treturn answer;\n```\n');
    expect(markdown).toContain('\n<table><tbody><tr><th>Name</th><th>Qty</th></tr>');
    expect(markdown).toContain('\n---\n');
    expect(markdown).toContain('\n![Boats in the harbour at dusk](images/harbour.jpg "Evening light")\n');
    expect(markdown).toContain('\n![](https://cdn.example.com/chart.png)\n');
    expect(markdown).toContain('\n<!--more-->\n\nAfter the break.\n');
    expect(markdown.endsWith('After the break.\n')).toBe(true);
    expect(warnings.map((w) => w.code)).toEqual(['MISSING_ALT']);
  });

  it('leaves out the read-more break for readMore none, and an image without a URL with a warning', () => {
    const state = buildState(() => {
      $getRoot().append(
        paragraph(text('Before')),
        $createImageNode({ fileName: 'missing.png', altText: 'Gone' }),
        $createReadMoreNode(),
        paragraph(text('After')),
      );
    });
    const result = composeMarkdown(state, { images: () => null, readMore: 'none' });
    expect(result.markdown).toBe('Before\n\nAfter\n');
    expect(result.warnings.map((w) => w.code)).toEqual(['IMAGE_NOT_UPLOADED']);
    expect(result.images).toEqual([{ fileName: 'missing.png', altText: 'Gone' }]);
  });

  it('writes text that looks like Markdown or HTML so that it reads back as text', () => {
    const state = buildState(() => {
      $getRoot().append(
        paragraph(text('# not a heading <script>alert(1)</script> [x](y) &amp; *star* _under_')),
        paragraph(
          text('1. not a list'),
          $createLineBreakNode(),
          text('- nor this'),
          $createLineBreakNode(),
          text('---'),
        ),
      );
    });
    const { markdown } = compose(state);
    expect(markdown).not.toContain('<script>');
    expect(markdown).not.toMatch(/^#|^1\.|^- |^---$/m);
    const back = importMarkdown(markdown).editorState;
    expect(normalize(back.root)).toEqual(normalize(state.root));
  });

  it('drops links that are not web or email, keeping their text', () => {
    const state = buildState(() => {
      $getRoot().append(paragraph($createLinkNode('javascript:alert(1)').append(text('click'))));
    });
    const result = compose(state);
    expect(result.markdown).toBe('click\n');
    expect(result.warnings.map((w) => w.code)).toEqual(['LINK_REMOVED']);
  });

  it('writes underline, subscript, superscript and highlight as inline HTML', () => {
    const state = buildState(() => {
      $getRoot().append(
        paragraph(
          text('u', 'underline'),
          text(' H'),
          text('2', 'subscript'),
          text('O x'),
          text('2', 'superscript'),
          text(' '),
          text('hi', 'highlight', 'bold'),
        ),
      );
    });
    expect(compose(state).markdown).toBe('<u>u</u> H<sub>2</sub>O x<sup>2</sup> <mark>**hi**</mark>\n');
  });

  it('fences inline code that holds backticks so that it ends where the code ends', () => {
    const state = buildState(() => {
      $getRoot().append(
        paragraph(text('Type '), text('a `tick`', 'code'), text(' then '), text('`', 'code'), text('.')),
        paragraph(text('<script>![i](javascript:x)` after', 'code')),
      );
    });
    const { markdown } = compose(state);
    expect(markdown).toBe('Type `` a `tick` `` then `` ` ``.\n\n``<script>![i](javascript:x)` after``\n');
    const back = importMarkdown(markdown).editorState;
    expect(normalize(back.root)).toEqual(normalize(state.root));
  });
});

describe('importMarkdown', () => {
  it('gives back the same document for every node kind (compose → import)', () => {
    const golden = goldenKnown();
    const { markdown } = compose(golden);
    const { editorState, images } = importMarkdown(markdown);
    expect(images).toEqual([{ reference: 'images/harbour.jpg', fileName: 'harbour.jpg' }]);
    // Every node type of the golden draft comes back.
    expect([...typesIn(editorState.root)].sort()).toEqual(
      [...typesIn(golden.root)].filter((type) => type !== 'code-highlight').sort(),
    );
    // Image sizes are not written in Markdown (the site sizes images).
    const withoutSizes = JSON.parse(JSON.stringify(golden.root), (key, value: unknown) =>
      key === 'width' || key === 'height' ? undefined : value,
    ) as unknown;
    expect(normalize(editorState.root)).toEqual(normalize(withoutSizes));
    // And the Markdown is stable: composing the import again writes the same text.
    expect(compose(editorState).markdown).toBe(markdown);
  });

  it('round-trips the edge cases (formats, markup-like text, nested lists, merged cells)', () => {
    const state = buildEdgeCaseState();
    const first = compose(state).markdown;
    const back = importMarkdown(first).editorState;
    expect(compose(back).markdown).toBe(first);
    const texts = JSON.stringify(back.root);
    expect(texts).toContain('<script>alert(\\"x\\")</script> & [gallery]');
    expect(texts).toContain('"colSpan":2');
    expect(texts).toContain('Boats \\"at dusk\\" <b>');
  });

  it('round-trips each block kind on its own', () => {
    const cases: Array<() => void> = [
      () => $getRoot().append($createHeadingNode('h3').append(text('Title '), text('bold', 'bold'))),
      () =>
        $getRoot().append(
          $createQuoteNode().append(text('one'), $createLineBreakNode(), text('two', 'italic')),
        ),
      () =>
        $getRoot().append(
          $createListNode('number', 4).append(
            $createListItemNode().append(text('four')),
            $createListItemNode().append(
              $createListNode('bullet').append($createListItemNode().append(text('deep'))),
            ),
          ),
        ),
      () =>
        $getRoot().append(
          $createCodeNode('python').append(text('print("*x*")'), $createLineBreakNode(), text('  [y]')),
        ),
      () =>
        $getRoot().append(
          paragraph(text('a '), $createLinkNode('mailto:a@example.com').append(text('mail', 'bold'))),
        ),
      () =>
        $getRoot().append(
          $createTableNode().append(
            $createTableRowNode().append(
              $createTableCellNode(TableCellHeaderStates.ROW).append(paragraph(text('H'))),
            ),
            $createTableRowNode().append($createTableCellNode().append(paragraph(text('v', 'bold')))),
          ),
        ),
      // Markdown punctuation in a cell is written as character references and reads back as text.
      () =>
        $getRoot().append(
          $createTableNode().append(
            $createTableRowNode().append(
              $createTableCellNode().append(paragraph(text('[x](https://e.com) *a* _b_ ~c~ \\ ` ! <i>'))),
            ),
          ),
        ),
      () => $getRoot().append($createHorizontalRuleNode(), paragraph(text('after'))),
      () =>
        $getRoot().append(
          $createImageNode({ src: 'https://example.com/a(b).png', altText: 'A [b]', caption: 'say "hi"' }),
        ),
      () => $getRoot().append(paragraph(text('x')), $createReadMoreNode(), paragraph(text('y'))),
    ];
    for (const build of cases) {
      const state = buildState(build);
      const markdown = compose(state).markdown;
      expect(normalize(importMarkdown(markdown).editorState.root), markdown).toEqual(normalize(state.root));
    }
  });

  it('reads Markdown written elsewhere: soft-wrapped lines, hard breaks, H1, relative images, underscores', () => {
    const { editorState, images } = importMarkdown(
      [
        '# Big title',
        '',
        'A paragraph that was',
        'wrapped by an editor  ',
        'and broke here.',
        '',
        '__strong__ and _em_',
        '',
        '![Photo](../pics/my%20photo.JPG)',
        '![Again](../pics/my%20photo.JPG)',
        '![Other](img/my-photo.JPG)',
        '![Remote](https://example.com/r.png)',
        '',
        '<!-- more -->',
        '',
        '***',
      ].join('\n'),
    );
    const root = editorState.root as { children: Array<Record<string, unknown>> };
    expect(root.children.map((child) => child.type)).toEqual([
      'heading',
      'paragraph',
      'paragraph',
      'image',
      'image',
      'image',
      'image',
      'read-more',
      'horizontalrule',
    ]);
    expect(root.children[0]).toMatchObject({ tag: 'h2' });
    const paragraphText = (root.children[1]!.children as Array<{ type: string; text?: string }>).map((c) =>
      c.type === 'linebreak' ? '\n' : c.text,
    );
    expect(paragraphText.join('')).toBe('A paragraph that was wrapped by an editor\nand broke here.');
    expect(images).toEqual([
      { reference: '../pics/my photo.JPG', fileName: 'my-photo.jpg' },
      { reference: 'img/my-photo.JPG', fileName: 'my-photo-2.jpg' },
    ]);
    expect(root.children[4]).toMatchObject({ fileName: 'my-photo.jpg', altText: 'Again' });
    expect(root.children[6]).toMatchObject({ src: 'https://example.com/r.png' });
  });

  it('keeps embeds as their URL on a line of its own', () => {
    const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const { editorState } = importMarkdown(`Intro\n\n${url}\n`);
    const root = editorState.root as { children: Array<Record<string, unknown>> };
    if (!knownNodeTypes.has('embed')) {
      // The composer does not register the embed node yet: the URL stays a paragraph of text.
      expect(root.children[1]).toMatchObject({ type: 'paragraph' });
      return;
    }
    expect(root.children[1]).toMatchObject({ type: 'embed', url });
    expect(compose(editorState).markdown).toBe(`Intro\n\n${url}\n`);
  });
});

describe('front matter', () => {
  it('splits YAML front matter and writes it back', () => {
    const text = writeFrontMatter(
      {
        title: 'Hello: world',
        date: '2024-05-01T10:00:00.000Z',
        draft: true,
        tags: ['a', 'b c'],
        slug: undefined,
      },
      'Body\n',
    );
    expect(text).toBe(
      '---\ntitle: "Hello: world"\ndate: 2024-05-01T10:00:00.000Z\ndraft: true\ntags:\n  - a\n  - b c\n---\n\nBody\n',
    );
    expect(splitFrontMatter(text)).toEqual({
      format: 'yaml',
      data: { title: 'Hello: world', date: '2024-05-01T10:00:00.000Z', draft: true, tags: ['a', 'b c'] },
      body: 'Body\n',
    });
  });

  it("reads Hugo's TOML front matter, with dates as ISO strings", () => {
    const text =
      "+++\ntitle = 'Hugo post'\ndate = 2024-03-02T08:00:00Z\ndraft = false\ntags = ['x']\n+++\n\nText\n";
    expect(splitFrontMatter(text)).toEqual({
      format: 'toml',
      data: { title: 'Hugo post', date: '2024-03-02T08:00:00.000Z', draft: false, tags: ['x'] },
      body: 'Text\n',
    });
  });

  it('treats a file without front matter as all body, and explains broken front matter', () => {
    expect(splitFrontMatter('Just text\n---\nmore')).toEqual({
      format: null,
      data: {},
      body: 'Just text\n---\nmore',
    });
    expect(() => splitFrontMatter('---\ntitle: [unclosed\n---\nBody')).toThrow(
      /YAML front matter at the top of the file could not be read .*Fix it in a text editor/,
    );
  });
});
