/**
 * Embeds against the real blogs: WordPress 6.1 (e2e/servers/wordpress.sh) stores the embed block
 * as sent, its block editor code parses it as a valid `core/embed`, and its rendered post still
 * holds the embed (there is no internet here, so WordPress's oEmbed fetch fails and it keeps the
 * block's figure with the URL as a link); Ghost 6 (e2e/servers/ghost.sh) turns Signet's embed
 * cards, sent as HTML (`?source=html`), into its own `embed` cards. Each part skips with the reason
 * when its server cannot run here; both fail under SIGNET_REQUIRE_SERVERS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EditorStateJSON } from '../../contract';
import { composeHtml } from './compose';
import { importHtml } from './importHtml';
import { openBlockValidator, validatorUnavailable, type BlockValidator } from './testing/wordpressBlocks';
import type { ComposeOptions } from './types';

interface WordPressServer {
  url: string;
  restJson<T = unknown>(path: string, init?: RequestInit & { as?: 'admin' | 'author' }): Promise<T>;
}
interface GhostServer {
  adminJson<T = unknown>(apiPath: string, init?: RequestInit): Promise<T>;
}

// The shared helpers live in e2e/, outside this TypeScript project, so they are loaded by URL.
const load = async <T>(file: string) =>
  (await import(/* @vite-ignore */ new URL(`../../../e2e/servers/${file}`, import.meta.url).href)) as T;
const { wordpressOrSkip } = await load<{
  wordpressOrSkip(): Promise<{ server?: WordPressServer; skipReason?: string }>;
}>('wordpress.ts');
const { ghostOrSkip } = await load<{
  ghostOrSkip(): Promise<{ server?: GhostServer; skipReason?: string }>;
}>('ghost.ts');

const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const VIMEO = 'https://vimeo.com/76979871';
const TWEET = 'https://twitter.com/WordPress/status/1580661436132757506';
const EMBEDS = [
  { url: YOUTUBE, provider: 'youtube' },
  { url: VIMEO, provider: 'vimeo' },
  { url: TWEET, provider: 'twitter' },
] as const;

/** The draft as the editor saves it (plain JSON: Lexical's classes differ across TypeScript projects). */
function draft(): EditorStateJSON {
  const line = (content: string) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, text: content, detail: 0, format: 0, mode: 'normal', style: '' }],
  });
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        line('Three embeds:'),
        ...EMBEDS.map((embed) => ({ type: 'embed', version: 1, ...embed })),
        line('The end.'),
      ],
    },
    signetVersion: 1,
  };
}

function compose(overrides: Partial<ComposeOptions>): string {
  return composeHtml(draft(), { format: 'html', images: () => null, readMore: 'wordpress', ...overrides })
    .html;
}

/** The embeds of an imported post, in order. */
function embedsIn(state: EditorStateJSON): unknown[] {
  const children = (state.root as { children: Array<Record<string, unknown>> }).children;
  return children.filter((child) => child.type === 'embed').map(({ url, provider }) => ({ url, provider }));
}

const wp = await wordpressOrSkip();
const noChromium = validatorUnavailable();
if (noChromium !== null && process.env.SIGNET_REQUIRE_SERVERS === '1') throw new Error(noChromium);
const wpSkip = wp.skipReason ?? noChromium;
if (wpSkip) console.warn(`[skip] ${wpSkip}`);

describe.skipIf(wpSkip !== null && wpSkip !== undefined)(
  wpSkip ? `embeds → WordPress (SKIPPED: ${wpSkip})` : 'embeds → WordPress',
  () => {
    const server = wp.server!;
    const created: number[] = [];
    let validator: BlockValidator;

    beforeAll(async () => {
      validator = await openBlockValidator(server.url);
    }, 120_000);

    afterAll(async () => {
      await validator?.close();
      for (const id of created.reverse())
        await server.restJson(`/wp/v2/posts/${id}?force=true`, { method: 'DELETE' }).catch(() => undefined);
    });

    /** Creates a draft post as `as`; answers what WordPress stored and what it renders. */
    async function publish(content: string, as: 'admin' | 'author') {
      const post = await server.restJson<{ id: number }>('/wp/v2/posts', {
        method: 'POST',
        as,
        body: JSON.stringify({ title: `Signet embeds test (${as})`, status: 'draft', content }),
      });
      created.push(post.id);
      const stored = await server.restJson<{ content: { raw: string; rendered: string } }>(
        `/wp/v2/posts/${post.id}?context=edit`,
      );
      return stored.content;
    }

    for (const as of ['admin', 'author'] as const) {
      it(`keeps embed blocks intact and valid (${as})`, { timeout: 90_000 }, async () => {
        const html = compose({ format: 'gutenberg', embeds: 'wordpress' });
        const { raw, rendered } = await publish(html, as);
        expect(raw).toBe(html);
        const { blocks, reserialized } = await validator.parse(raw);
        expect(blocks.filter((block) => !block.isValid)).toEqual([]);
        expect(blocks.map((block) => block.name)).toEqual([
          'core/paragraph',
          'core/embed',
          'core/embed',
          'core/embed',
          'core/paragraph',
        ]);
        // Opening and saving the post in the block editor would write the same blocks back.
        expect(reserialized).toBe(html);
        // Without internet the oEmbed fetch fails: WordPress keeps each embed's figure with its URL.
        for (const [url, slug] of [
          [YOUTUBE, 'youtube'],
          [VIMEO, 'vimeo'],
          [TWEET, 'twitter'],
        ]) {
          expect(rendered).toContain(`wp-block-embed-${slug}`);
          expect(rendered).toContain(url);
        }
        // And Signet reads the rendered post back as the same embeds.
        expect(embedsIn(importHtml(rendered))).toEqual(EMBEDS);
        expect(embedsIn(importHtml(raw))).toEqual(EMBEDS);
      });
    }

    it(
      'writes each URL on a line of its own for the classic editor, which WordPress auto-embeds',
      {
        timeout: 90_000,
      },
      async () => {
        const html = compose({ format: 'html', embeds: 'wordpress' });
        const { raw, rendered } = await publish(html, 'admin');
        expect(raw).toBe(html);
        for (const { url } of EMBEDS) expect(raw).toContain(`<p>${url}</p>`);
        expect(embedsIn(importHtml(rendered))).toEqual(EMBEDS);
      },
    );
  },
);

const ghost = await ghostOrSkip();
if (ghost.skipReason) console.warn(`[skip] ${ghost.skipReason}`);

describe.skipIf(ghost.server === undefined)(
  ghost.skipReason ? `embeds → Ghost (SKIPPED: ${ghost.skipReason})` : 'embeds → Ghost',
  () => {
    const server = ghost.server!;
    const created: string[] = [];

    afterAll(async () => {
      for (const id of created)
        await server.adminJson(`/posts/${id}/`, { method: 'DELETE' }).catch(() => undefined);
    });

    it('turns Signet’s embed cards into Ghost embed cards, and they read back as embeds', async () => {
      const html = compose({ embeds: 'ghost' });
      const { posts } = await server.adminJson<{ posts: Array<{ id: string }> }>('/posts/?source=html', {
        method: 'POST',
        body: JSON.stringify({ posts: [{ title: 'Signet embeds test', status: 'draft', html }] }),
      });
      const id = posts[0]!.id;
      created.push(id);
      const {
        posts: [post],
      } = await server.adminJson<{ posts: Array<{ lexical: string; html: string }> }>(
        `/posts/${id}/?formats=lexical,html`,
      );
      const lexical = JSON.parse(post!.lexical) as { root: { children: Array<Record<string, unknown>> } };
      const cards = lexical.root.children.filter((node) => node.type === 'embed');
      expect(cards).toHaveLength(3);
      expect(cards.map((card) => card.url)).toEqual([
        'https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed',
        'https://player.vimeo.com/video/76979871',
        TWEET,
      ]);
      expect(String(cards[0]!.html)).toContain('<iframe');
      expect(String(cards[2]!.html)).toContain('class="twitter-tweet"');
      // The paragraphs around them stay paragraphs.
      expect(lexical.root.children.map((node) => node.type)).toEqual([
        'paragraph',
        'embed',
        'embed',
        'embed',
        'paragraph',
      ]);
      // Ghost's own rendering of the cards reads back as the same embeds.
      expect(post!.html).toContain('kg-embed-card');
      expect(embedsIn(importHtml(post!.html))).toEqual(EMBEDS);
    });
  },
);
