import { $getRoot, type SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';

import type { EditorStateJSON } from '../../contract';
import { composeHtml } from './compose';
import { createComposeEditor } from './composeEditor';
import { importHtml } from './importHtml';
import { $createEmbedNode, $isEmbedNode, EmbedNode } from './nodes/EmbedNode';
import { buildState, paragraph, text } from './testing/helpers';
import type { ComposeOptions } from './types';

const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const VIMEO = 'https://vimeo.com/76979871';
const TWEET = 'https://twitter.com/WordPress/status/1580661436132757506';

type Embed = { url: string; provider: 'youtube' | 'vimeo' | 'twitter' };
const EMBEDS: Embed[] = [
  { url: YOUTUBE, provider: 'youtube' },
  { url: VIMEO, provider: 'vimeo' },
  { url: TWEET, provider: 'twitter' },
];

function draftWith(...embeds: Embed[]): EditorStateJSON {
  return buildState(() => {
    $getRoot().append(
      paragraph(text('Before.')),
      ...embeds.map((embed) => $createEmbedNode(embed)),
      paragraph(text('After.')),
    );
  });
}

function compose(state: EditorStateJSON, overrides: Partial<ComposeOptions> = {}) {
  return composeHtml(state, { format: 'html', images: () => null, readMore: 'wordpress', ...overrides });
}

/** The embeds of an editor state, in document order. */
function embedsIn(state: EditorStateJSON): unknown[] {
  const children = (state.root as { children: Array<Record<string, unknown>> }).children;
  return children.filter((child) => child.type === 'embed').map(({ url, provider }) => ({ url, provider }));
}

describe('EmbedNode (the composer’s twin)', () => {
  it('writes the JSON shape { type, version, url, provider } and reads it back identically', () => {
    const state = draftWith(...EMBEDS);
    const children = (state.root as { children: unknown[] }).children;
    expect(children[1]).toEqual({ type: 'embed', version: 1, url: YOUTUBE, provider: 'youtube' });
    expect(children[3]).toEqual({ type: 'embed', version: 1, url: TWEET, provider: 'twitter' });
    const editor = createComposeEditor();
    const parsed = editor.parseEditorState(state as unknown as SerializedEditorState);
    expect(parsed.toJSON().root).toEqual(state.root);
    parsed.read(() => {
      const nodes = $getRoot().getChildren().filter($isEmbedNode);
      expect(nodes.map((node) => [node.getURL(), node.getProvider()])).toEqual(
        EMBEDS.map((embed) => [embed.url, embed.provider]),
      );
      expect(nodes[0]).toBeInstanceOf(EmbedNode);
      expect($isEmbedNode($getRoot().getFirstChild())).toBe(false);
    });
  });
});

describe('composeHtml: embeds', () => {
  it('writes a plain link by default (blogs without embeds)', () => {
    expect(compose(draftWith(...EMBEDS)).html).toBe(
      [
        '<p>Before.</p>',
        `<p><a href="${YOUTUBE}">${YOUTUBE}</a></p>`,
        `<p><a href="${VIMEO}">${VIMEO}</a></p>`,
        `<p><a href="${TWEET}">${TWEET}</a></p>`,
        '<p>After.</p>',
      ].join('\n'),
    );
    expect(compose(draftWith(...EMBEDS), { embeds: 'link' }).html).toBe(compose(draftWith(...EMBEDS)).html);
  });

  it('writes WordPress embed blocks in block markup', () => {
    const block = (url: string, type: string, slug: string) =>
      [
        `<!-- wp:embed {"url":"${url}","type":"${type}","providerNameSlug":"${slug}","responsive":true} -->`,
        `<figure class="wp-block-embed is-type-${type} is-provider-${slug} wp-block-embed-${slug}"><div class="wp-block-embed__wrapper">`,
        url,
        '</div></figure>',
        '<!-- /wp:embed -->',
      ].join('\n');
    expect(compose(draftWith(...EMBEDS), { format: 'gutenberg', embeds: 'wordpress' }).html).toBe(
      [
        '<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->',
        block(YOUTUBE, 'video', 'youtube'),
        block(VIMEO, 'video', 'vimeo'),
        block(TWEET, 'rich', 'twitter'),
        '<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->',
      ].join('\n\n'),
    );
  });

  it('escapes the URL in the block’s attributes and text like the block editor', () => {
    const start = `${YOUTUBE}&t=42s`;
    const out = compose(draftWith({ url: start, provider: 'youtube' }), {
      format: 'gutenberg',
      embeds: 'wordpress',
    }).html;
    expect(out).toContain(`{"url":"${YOUTUBE}\\u0026t=42s",`);
    expect(out).toContain(`\n${YOUTUBE}&amp;t=42s\n`);
  });

  it('writes the bare URL in a paragraph of its own for WordPress’s classic editor (auto-embed)', () => {
    expect(compose(draftWith(...EMBEDS), { embeds: 'wordpress' }).html).toBe(
      ['<p>Before.</p>', `<p>${YOUTUBE}</p>`, `<p>${VIMEO}</p>`, `<p>${TWEET}</p>`, '<p>After.</p>'].join(
        '\n',
      ),
    );
  });

  it('writes Ghost embed cards with each provider’s embed markup', () => {
    const out = compose(draftWith(...EMBEDS), { embeds: 'ghost' }).html.split('\n');
    expect(out[1]).toBe(
      '<figure class="kg-card kg-embed-card"><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen=""></iframe></figure>',
    );
    expect(out[2]).toBe(
      '<figure class="kg-card kg-embed-card"><iframe width="640" height="360" src="https://player.vimeo.com/video/76979871" title="Vimeo video player" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen=""></iframe></figure>',
    );
    expect(out[3]).toBe(
      `<figure class="kg-card kg-embed-card"><blockquote class="twitter-tweet"><a href="${TWEET}">${TWEET}</a></blockquote><script async="" src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></figure>`,
    );
  });

  it('publishes an embed whose URL is no embed (a hand-edited draft) as a link, or leaves it out', () => {
    const state = draftWith(
      { url: 'https://example.com/not-a-video', provider: 'youtube' },
      { url: 'javascript:alert(1)', provider: 'vimeo' },
    );
    const result = compose(state, { embeds: 'ghost' });
    expect(result.html).toBe(
      '<p>Before.</p>\n<p><a href="https://example.com/not-a-video">https://example.com/not-a-video</a></p>\n<p>After.</p>',
    );
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'LINK_REMOVED', url: 'javascript:alert(1)' });
    expect(result.warnings[0]!.message).toMatch(/left out.*paste/i);
  });
});

describe('importHtml: embeds come back as embed nodes', () => {
  for (const embeds of ['link', 'wordpress', 'ghost'] as const) {
    for (const format of ['html', 'gutenberg'] as const) {
      it(`reads back its own ${embeds} form (${format})`, () => {
        const { html } = compose(draftWith(...EMBEDS), { embeds, format });
        const imported = importHtml(html);
        expect(embedsIn(imported)).toEqual(EMBEDS);
        expect(compose(imported).html).toBe(compose(draftWith(...EMBEDS)).html);
      });
    }
  }

  it('reads what WordPress renders: the oEmbed player, or a link when oEmbed failed', () => {
    const rendered = [
      '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">',
      '<iframe title="Never Gonna Give You Up" width="500" height="281" src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen></iframe>',
      '</div></figure>',
      '<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">',
      `<a href="${TWEET}">${TWEET}</a>`,
      '</div></figure>',
      '<p><iframe src="//player.vimeo.com/video/76979871" width="640" height="360"></iframe></p>',
    ].join('\n');
    expect(embedsIn(importHtml(rendered))).toEqual([EMBEDS[0], EMBEDS[2], EMBEDS[1]]);
  });

  it('reads a tweet’s oEmbed quote (the tweet’s own links come first) and classic posts’ bare URLs', () => {
    const html = [
      '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Hello <a href="https://twitter.com/hashtag/WordPress?src=hash">#WordPress</a> <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; WordPress (@WordPress) ',
      `<a href="${TWEET}?ref_src=twsrc%5Etfw">October 13, 2022</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`,
      '',
      'Some text.',
      '',
      'https://youtu.be/dQw4w9WgXcQ',
      '',
      'http://vimeo.com/76979871',
    ].join('\n');
    expect(embedsIn(importHtml(html))).toEqual([EMBEDS[2], EMBEDS[0], EMBEDS[1]]);
  });

  it('keeps links that are not embeds as links, and embeds only where a block may stand', () => {
    const html = [
      `<p><a href="${YOUTUBE}">Watch this</a></p>`,
      `<p>See ${YOUTUBE} here</p>`,
      `<p><a href="https://example.com/">${YOUTUBE}</a></p>`,
      `<ul><li><p>${YOUTUBE}</p></li></ul>`,
      `<blockquote><p>${YOUTUBE}</p></blockquote>`,
      '<figure class="kg-card kg-embed-card"><iframe src="https://evil.example/embed/x"></iframe></figure>',
    ].join('\n');
    const imported = importHtml(html);
    expect(embedsIn(imported)).toEqual([]);
    const out = compose(imported).html;
    expect(out).toContain(`<a href="${YOUTUBE}">Watch this</a>`);
    expect(out).toContain(`<p>See ${YOUTUBE} here</p>`);
    expect(out).not.toContain('iframe');
    expect(out).not.toContain('evil.example');
  });
});
