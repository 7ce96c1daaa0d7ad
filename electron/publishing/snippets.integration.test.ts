/**
 * Snippets in published posts, against the real WordPress on loopback: a signature in the text and
 * a footer bio from the account, variables filled in for that blog and post (the post's own
 * address included, which a new post gets only once created), switched off for one post, and a
 * changed signature re-applied to every published post that used it — never over a server edit.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import { FileKeyVault } from '../accounts/fileKeyVault';
import type { EventMap, EventName, PublishOptions } from '../contract';
import { DraftStore } from '../drafts/DraftStore';
import { silentLog } from '../drafts/testing/helpers';
import type { SettingsData } from '../ports';
import { settingsPortFrom, settingsStoreOptions, type KeyValueStore } from '../settings/settingsOptions';
import { SnippetStore } from '../snippets/SnippetStore';
import { PublishingService, toAppError } from './PublishingService';
import {
  jsonLink,
  jsonParagraph as paragraph,
  jsonSnippet,
  jsonState as state,
  jsonText as text,
} from '../drafts/testing/editorJson';

const link = (url: string, label: string) => jsonLink(url, text(label));
const snippetNode = (snippetId: string, name: string) => jsonSnippet(snippetId, name, '<p>as last shown</p>');

const wp = await wordpressOrSkip();
const server = wp.server as WordPressServer;

interface WpPost {
  id: number;
  link: string;
  content: { raw: string };
}

let dir: string;
let drafts: DraftStore;
let snippets: SnippetStore;
let service: PublishingService;
const progress: Array<EventMap['reapplyProgress']> = [];

async function freshService(): Promise<void> {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-snippets-'));
  drafts = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir: dir, appVersion: '0.1.0' }));
  const settings = settingsPortFrom(conf as unknown as KeyValueStore);
  snippets = new SnippetStore({ settings });
  service = new PublishingService({
    drafts,
    dataDir: dir,
    settings,
    snippets,
    vault: new FileKeyVault({
      dataDir: dir,
      keyFile: path.join(os.tmpdir(), `signet-key-${path.basename(dir)}.key`),
    }),
    fetch: globalThis.fetch,
    authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
    assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
    openExternal: async () => {},
    emit<E extends EventName>(event: E, payload: EventMap[E]) {
      if (event === 'reapplyProgress') progress.push(payload as EventMap['reapplyProgress']);
    },
    log: silentLog,
  });
}

function options(accountId: string, extra: Partial<PublishOptions> = {}): PublishOptions {
  return { accountId, postType: 'post', status: 'publish', tags: [], categories: [], ...extra };
}

describe.skipIf(!wp.server)(
  `Snippets in posts on a real WordPress${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
  () => {
    beforeAll(async () => {
      await server.reset();
    });
    afterEach(async () => {
      await drafts?.close();
      if (dir) await fsp.rm(dir, { recursive: true, force: true });
    });
    afterAll(async () => {
      await server.reset();
    });

    it('publishes a signature and a footer bio with their variables filled in, and re-applies a changed signature', async () => {
      await freshService();
      const signIn = await service.signIn(server.url, server.user, server.appPassword);
      const [account] = await service.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
      const accountId = account!.id;

      snippets.setDetails({
        author: { name: 'Jon <Smith> & Co', email: 'jon.smith@example.com' },
        variables: [{ name: 'handle', value: '@jon' }],
      });
      const signature = snippets.create({
        kind: 'signature',
        name: 'Signature',
        editorState: state(
          paragraph(
            text('Consulting – '),
            text('{{author.name}}', 1),
            text(' on {{blog.name}} ({{handle}})'),
          ),
          paragraph(link('{{post.url}}', 'Permalink of {{post.title}}')),
        ),
      });
      const bio = snippets.create({
        kind: 'bio',
        name: 'Bio',
        editorState: state(paragraph(text('Write to '), link('mailto:{{author.email}}', '{{author.email}}'))),
      });
      snippets.update(bio.id, { obfuscateEmails: true });
      await service.updateAccountSettings(accountId, { footerSnippetId: bio.id, contentFormat: 'classic' });

      const draft = await drafts.create({ title: 'Snippets & <friends>' });
      await drafts.save({
        id: draft.id,
        title: 'Snippets & <friends>',
        editorState: state(paragraph(text('The body.')), snippetNode(signature.id, 'Signature')),
      });

      const preview = await service.preview(draft.id, options(accountId));
      expect(preview.footer).toEqual({ snippetId: bio.id, name: 'Bio', included: true });
      expect(preview.html).toContain('Jon &lt;Smith&gt; &amp; Co');

      const published = await service.publish(draft.id, options(accountId), 'ask');
      expect(published.kind).toBe('published');
      if (published.kind !== 'published') return;
      const post = await server.restJson<WpPost>(`/wp/v2/posts/${published.remoteId}?context=edit`);
      const html = post.content.raw;
      // Body, then the signature where its node was, then the footer.
      expect(html.indexOf('The body.')).toBeLessThan(html.indexOf('Consulting'));
      expect(html.indexOf('Consulting')).toBeLessThan(html.indexOf('Write to'));
      expect(html).toContain('<strong>Jon &lt;Smith&gt; &amp; Co</strong> on Signet Test Blog (@jon)');
      expect(html).not.toContain('<Smith>');
      // The post's own address, which it had only after it was created: sent in a second step.
      expect(html).toContain(`<a href="${post.link}">Permalink of Snippets &amp; &lt;friends&gt;</a>`);
      expect(html).toContain('Write to jon [dot] smith [at] example [dot] com');
      expect(html).not.toContain('jon.smith@example.com');
      expect(html).not.toContain('{{');
      // The preview of an update shows exactly what was sent.
      expect((await service.preview(draft.id, options(accountId))).html).toBe(html);

      const stored = (await drafts.get(draft.id)).destinations[account!.destinationKey]!;
      expect(stored.snippets?.sort()).toEqual([signature.id, bio.id].sort());
      expect(stored.footer).toBe(true);

      // A second post without the footer.
      const other = await drafts.create({ title: 'No footer here' });
      await drafts.save({
        id: other.id,
        title: 'No footer here',
        editorState: state(paragraph(text('Short.')), snippetNode(signature.id, 'Signature')),
      });
      const second = await service.publish(other.id, options(accountId, { useFooter: false }), 'ask');
      if (second.kind !== 'published') throw new Error('expected a publish');
      const secondPost = await server.restJson<WpPost>(`/wp/v2/posts/${second.remoteId}?context=edit`);
      expect(secondPost.content.raw).toContain('Consulting');
      expect(secondPost.content.raw).not.toContain('Write to');
      expect((await drafts.get(other.id)).destinations[account!.destinationKey]!.footer).toBe(false);

      // The bio is used by the first post only (as its footer); the signature by both (in the text).
      expect(service.findSnippetUses(bio.id)).toEqual([
        expect.objectContaining({ draftId: draft.id, accountId, via: ['footer'], permalink: post.link }),
      ]);
      expect(
        service
          .findSnippetUses(signature.id)
          .map((u) => [u.draftId, u.via])
          .sort(),
      ).toEqual(
        [
          [draft.id, ['body']],
          [other.id, ['body']],
        ].sort(),
      );

      // The second post is edited on the blog; then the signature changes and is re-applied.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await server.restJson(`/wp/v2/posts/${second.remoteId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'An editor rewrote this on the blog.' }),
      });
      snippets.update(signature.id, {
        editorState: state(paragraph(text('Research – Speaking – {{author.name}}'))),
      });
      progress.length = 0;
      const results = await service.reapplySnippet(signature.id);
      const byDraft = new Map(results.map((r) => [r.draftId, r]));
      expect(byDraft.get(draft.id)).toMatchObject({ outcome: 'updated', permalink: post.link });
      expect(byDraft.get(other.id)?.outcome).toBe('conflict');
      expect(progress.at(-1)).toMatchObject({ snippetId: signature.id, done: 2, total: 2 });

      const updated = await server.restJson<WpPost>(`/wp/v2/posts/${published.remoteId}?context=edit`);
      expect(updated.content.raw).toContain('Research – Speaking – Jon &lt;Smith&gt; &amp; Co');
      expect(updated.content.raw).not.toContain('Consulting');
      expect(updated.content.raw).toContain('Write to jon [dot] smith'); // the footer stays
      // The server's edit was not overwritten.
      expect(
        (await server.restJson<WpPost>(`/wp/v2/posts/${second.remoteId}?context=edit`)).content.raw,
      ).toContain('An editor rewrote this on the blog.');
    });

    it('refuses to publish a snippet with a template error, with a message that names it', async () => {
      await freshService();
      const signIn = await service.signIn(server.url, server.user, server.appPassword);
      const [account] = await service.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
      const broken = snippets.create({
        kind: 'signature',
        name: 'Broken signature',
        editorState: state(paragraph(text('{{#author.email}}Mail me'))),
      });
      const draft = await drafts.create({ title: 'Never sent' });
      await drafts.save({
        id: draft.id,
        title: 'Never sent',
        editorState: state(paragraph(text('Body.')), snippetNode(broken.id, 'Broken signature')),
      });
      const before = await server.restJson<unknown[]>('/wp/v2/posts?per_page=100&status=any');
      const error = await service.publish(draft.id, options(account!.id), 'ask').catch((e: unknown) => e);
      expect(toAppError(error)).toMatchObject({ code: 'BAD_REQUEST' });
      expect(toAppError(error)?.message).toMatch(/“Broken signature” has a template error.*never closed/);
      expect(await server.restJson<unknown[]>('/wp/v2/posts?per_page=100&status=any')).toHaveLength(
        before.length,
      );
    });
  },
);
