import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/types';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import type { PlatformDeps } from '../platform';
import type { OutgoingPost } from '../types';
import { parseTokens, type MicropubTokens } from './indieauth';
import { MicropubPublisher } from './MicropubPublisher';
import { createMicropubPublisher, micropubPlatform } from './platform';
import {
  simulatedBrowser,
  startFakeMicropub,
  type FakeMicropub,
  type FakeMicropubOptions,
} from './testing/fakeSite';

const ALL = 'create update delete media';

let site: FakeMicropub | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function setup(
  options: FakeMicropubOptions & { scope?: string; refresh?: boolean; expiresInSeconds?: number } = {},
  extra: { onTokensRefreshed?: (t: MicropubTokens) => void } = {},
) {
  site = await startFakeMicropub(options);
  const issued = site.issueToken(options.scope ?? ALL, {
    withRefresh: options.refresh ?? false,
    ...(options.expiresInSeconds !== undefined && { expiresInSeconds: options.expiresInSeconds }),
  });
  const publisher = new MicropubPublisher({
    me: site.me,
    siteName: 'Fake',
    endpoint: site.micropubEndpoint,
    ...((options.mediaEndpoint ?? true) && { mediaEndpoint: site.mediaEndpointUrl }),
    tokenEndpoint: site.tokenEndpoint,
    tokens: {
      accessToken: issued.accessToken,
      ...(issued.refreshToken !== undefined && { refreshToken: issued.refreshToken }),
      scope: (options.scope ?? ALL).split(' '),
    },
    sourceList: options.sourceList ?? true,
    fetch,
    timeoutMs: 5000,
    ...(extra.onTokensRefreshed && { onTokensRefreshed: extra.onTokensRefreshed }),
  });
  return { site, publisher, token: issued.accessToken };
}

function post(over: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    type: 'post',
    title: 'Hello Micropub',
    content: '<p>First <strong>post</strong>.</p>',
    status: 'publish',
    tags: [],
    categories: [],
    ...over,
  };
}

describe('MicropubPublisher against the strict fake', () => {
  it('creates a published post with tags, excerpt, slug and date, and reads it back', async () => {
    const { site, publisher } = await setup();
    const created = await publisher.createPost(
      post({
        tags: ['indieweb', ' IndieWeb ', 'signet'],
        excerpt: 'Short.',
        slug: 'hello-mp',
        dateGmt: '2026-11-01T10:00:00.000Z',
      }),
    );
    expect(created.remoteId).toBe(`${site.origin}/posts/hello-mp`);
    expect(created.permalink).toBe(created.remoteId);
    expect(created).toMatchObject({
      title: 'Hello Micropub',
      content: '<p>First <strong>post</strong>.</p>',
      excerpt: 'Short.',
      slug: 'hello-mp',
      status: 'publish',
      dateGmt: '2026-11-01T10:00:00.000Z',
      tags: ['indieweb', 'signet'],
      categories: [],
    });
    const stored = site.post(created.remoteId)!;
    expect(stored.properties).toMatchObject({
      name: ['Hello Micropub'],
      content: [{ html: '<p>First <strong>post</strong>.</p>' }],
      category: ['indieweb', 'signet'],
      summary: ['Short.'],
      'post-status': ['published'],
      published: ['2026-11-01T10:00:00.000Z'],
    });
    const again = await publisher.getPost(created.remoteId, 'post');
    expect(again).toEqual(created);
    // The site serves it.
    const page = await fetch(created.permalink);
    expect(await page.text()).toContain('<strong>post</strong>');
  });

  it('creates a draft (post-status draft) and publishes it later with an update', async () => {
    const { site, publisher } = await setup();
    const draft = await publisher.createPost(post({ status: 'draft', title: 'Draft one' }));
    expect(draft.status).toBe('draft');
    expect(site.post(draft.remoteId)!.properties['post-status']).toEqual(['draft']);
    const live = await publisher.updatePost(
      draft.remoteId,
      post({ title: 'Draft one', status: 'publish' }),
      {},
    );
    expect(live.status).toBe('publish');
    expect(site.post(draft.remoteId)!.properties['post-status']).toEqual(['published']);
  });

  it('updates by replacing what changed and deleting what the author cleared', async () => {
    const { site, publisher } = await setup();
    const created = await publisher.createPost(post({ tags: ['a', 'b'], excerpt: 'Old summary' }));
    const updated = await publisher.updatePost(
      created.remoteId,
      post({ title: 'New title', content: '<p>New body</p>', tags: [], excerpt: '' }),
      { ifUnmodifiedSince: created.modifiedGmt },
    );
    expect(updated.remoteId).toBe(created.remoteId);
    const stored = site.post(created.remoteId)!;
    expect(stored.properties.name).toEqual(['New title']);
    expect(stored.properties.content).toEqual([{ html: '<p>New body</p>' }]);
    expect(stored.properties.category).toBeUndefined();
    expect(stored.properties.summary).toBeUndefined();
    expect(updated.modifiedGmt >= created.modifiedGmt).toBe(true);
    expect(updated.tags).toEqual([]);
  });

  it('refuses to overwrite a post changed on the site after Signet last published it', async () => {
    const { site, publisher, token } = await setup();
    const created = await publisher.createPost(post());
    await new Promise((r) => setTimeout(r, 5));
    // Someone edits it on the site (another Micropub client).
    const res = await fetch(site.micropubEndpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'update',
        url: created.remoteId,
        replace: { name: ['Edited elsewhere'] },
      }),
    });
    expect(res.status).toBe(204);
    const error = await publishErrorOf(
      publisher.updatePost(created.remoteId, post({ title: 'Mine' }), {
        ifUnmodifiedSince: created.modifiedGmt,
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.conflict?.remoteTitle).toBe('Edited elsewhere');
    expect(site.post(created.remoteId)!.properties.name).toEqual(['Edited elsewhere']);
  });

  it('deletes a post; reading it afterwards is NOT_FOUND', async () => {
    const { site, publisher } = await setup();
    const created = await publisher.createPost(post());
    await publisher.deletePost(created.remoteId, 'post', { force: false });
    expect(site.post(created.remoteId)!.deleted).toBe(true);
    const error = await publishErrorOf(publisher.getPost(created.remoteId, 'post'));
    expect(error.code).toBe('NOT_FOUND');
    expect((await fetch(created.permalink)).status).toBe(410);
  });

  it('lists posts newest first through q=source and finds recent ones for the outbox', async () => {
    const { publisher } = await setup();
    const since = new Date(Date.now() - 1000).toISOString();
    const made = [];
    for (let i = 1; i <= 5; i++)
      made.push(await publisher.createPost(post({ title: `Post ${i}`, slug: `p-${i}` })));
    const first = await publisher.listPosts({ type: 'post', page: 1, perPage: 2 });
    expect(first.items.map((p) => p.title)).toEqual(['Post 5', 'Post 4']);
    expect(first.totalPages).toBe(2);
    const third = await publisher.listPosts({ type: 'post', page: 3, perPage: 2 });
    expect(third.items.map((p) => p.title)).toEqual(['Post 1']);
    const recent = await publisher.findRecentPosts({ type: 'post', since });
    expect(recent.map((p) => p.remoteId).sort()).toEqual(made.map((p) => p.remoteId).sort());
    expect(
      await publisher.findRecentPosts({ type: 'post', since: new Date(Date.now() + 60_000).toISOString() }),
    ).toEqual([]);
  });

  it('without the list extension: remotePosts false, findRecentPosts [] and listPosts UNSUPPORTED', async () => {
    const { publisher } = await setup({ sourceList: false });
    expect(await publisher.probeSourceList()).toBe(false);
    await publisher.createPost(post());
    expect(await publisher.findRecentPosts({ type: 'post', since: '2000-01-01T00:00:00.000Z' })).toEqual([]);
    expect((await publishErrorOf(publisher.listPosts({ type: 'post', page: 1, perPage: 10 }))).code).toBe(
      'UNSUPPORTED',
    );
  });

  it('uploads an image to the media endpoint (multipart, part “file”) and gets its URL', async () => {
    const { site, publisher } = await setup();
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const media = await publisher.uploadMedia({
      fileName: 'dir/sunset',
      mimeType: 'image/png',
      bytes,
      altText: 'Sunset',
    });
    expect(media.url).toMatch(new RegExp(`^${site.origin}/files/[0-9a-f-]+/sunset\\.png$`));
    expect(media.remoteId).toBe(media.url);
    expect(media.altText).toBe('Sunset');
    const stored = site.media()[0]!;
    expect(stored.fileName).toBe('sunset.png');
    expect(stored.mimeType).toBe('image/png');
    expect([...stored.bytes]).toEqual([...bytes]);
    const served = await fetch(media.url);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
  });

  it('says a site without a media endpoint cannot take images', async () => {
    const { publisher } = await setup({ mediaEndpoint: false });
    expect(publisher.capabilities.mediaUpload).toBe(false);
    const config = await publisher.readConfig();
    expect(config.mediaEndpoint).toBeUndefined();
    const error = await publishErrorOf(
      publisher.uploadMedia({
        fileName: 'a.png',
        mimeType: 'image/png',
        bytes: new Uint8Array([1]),
        altText: '',
      }),
    );
    expect(error.code).toBe('UNSUPPORTED');
  });

  it('reads q=config', async () => {
    const { site, publisher } = await setup();
    const config = await publisher.readConfig();
    expect(config.mediaEndpoint).toBe(site.mediaEndpointUrl);
    expect(config.postTypes.map((t) => t.type)).toContain('article');
    expect(config.queries).toContain('source');
  });

  it('refuses what Micropub cannot do before sending anything', async () => {
    const { site, publisher } = await setup();
    for (const over of [
      { status: 'future' as const },
      { status: 'pending' as const },
      { status: 'private' as const },
      { type: 'page' as const },
    ]) {
      expect((await publishErrorOf(publisher.createPost(post(over)))).code).toBe('UNSUPPORTED');
    }
    expect(site.posts()).toEqual([]);
  });

  it('tags need no server call; categories do not exist', async () => {
    const { publisher } = await setup();
    expect(await publisher.createTerm('tags', '  new  tag ')).toEqual({
      id: 'new tag',
      name: 'new tag',
      slug: 'new tag',
    });
    expect((await publishErrorOf(publisher.createTerm('categories', 'x'))).code).toBe('UNSUPPORTED');
    expect(await publisher.searchTerms('tags', 'ne')).toEqual([]);
  });
});

describe('errors the author sees', () => {
  it('401: a refused token asks to sign in again, without the token in the message', async () => {
    const { site, publisher, token } = await setup();
    site.revokeAllTokens();
    const error = await publishErrorOf(publisher.createPost(post()));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/Sign in to the site again/);
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error.toJSON())).not.toContain(token);
  });

  it('401 with a refresh token: renews once, stores the new tokens, and goes on', async () => {
    const refreshed: MicropubTokens[] = [];
    const { site, publisher } = await setup(
      { refresh: true },
      { onTokensRefreshed: (t) => refreshed.push(t) },
    );
    // The fake made a refresh token for this client; the access token is then revoked.
    site.revokeAllTokens();
    const created = await publisher.createPost(post());
    expect(site.post(created.remoteId)).toBeDefined();
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.refreshToken).toBeTruthy();
    expect(publisher.currentTokens()).toEqual(refreshed[0]);
  });

  it('an access token past its expiry is renewed before the request', async () => {
    const refreshed: MicropubTokens[] = [];
    const { site, publisher } = await setup(
      { refresh: true, expiresInSeconds: 1 },
      { onTokensRefreshed: (t) => refreshed.push(t) },
    );
    (publisher as unknown as { tokens: MicropubTokens }).tokens.expiresAt = new Date(
      Date.now() - 1000,
    ).toISOString();
    await publisher.createPost(post());
    expect(refreshed).toHaveLength(1);
    expect(site.requests.filter((r) => r.path === '/micropub' && r.status === 401)).toEqual([]);
  });

  it('403 insufficient_scope: names the missing permission', async () => {
    const { site, publisher } = await setup({ scope: 'create' });
    const created = await publisher.createPost(post());
    const error = await publishErrorOf(publisher.updatePost(created.remoteId, post({ title: 'x' }), {}));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.status).toBe(403);
    expect(error.reason).toBe('insufficient_scope');
    expect(error.message).toContain('update posts');
    expect(error.message).toMatch(/Sign in to the site again/);
    expect(site.post(created.remoteId)!.properties.name).toEqual(['Hello Micropub']);
  });

  it('5xx: SERVER_ERROR, retryable and uncertain; 429 keeps Retry-After', async () => {
    const { site, publisher } = await setup();
    site.failNext(503);
    const error = await publishErrorOf(publisher.createPost(post()));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.retryable).toBe(true);
    expect(error.uncertain).toBe(true);
    expect(error.message).not.toMatch(/WordPress/);
    site.failNext(429, 1, { 'Retry-After': '7' });
    const limited = await publishErrorOf(publisher.createPost(post()));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBe(7000);
    expect(site.posts()).toEqual([]);
  });

  it('400 invalid_request: the server’s words, and nothing is created', async () => {
    const { site, publisher } = await setup();
    const error = await publishErrorOf(publisher.createPost(post({ dateGmt: 'not a date' })));
    expect(error.code).toBe('VALIDATION');
    const bad = await fetch(site.micropubEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${site.issueToken(ALL).accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ type: ['h-entry'], properties: { name: ['x'], categories: ['typo'] } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_request');
    expect(site.posts()).toEqual([]);
  });
});

describe('micropubPlatform', () => {
  it('signs in through the browser and gives an account whose publisher publishes', async () => {
    site = await startFakeMicropub({ siteName: 'Ada’s site', authorName: 'Ada' });
    const logs: string[] = [];
    const deps: PlatformDeps = {
      fetch,
      timeoutMs: 5000,
      log: { info: (m, d) => logs.push(`${m} ${JSON.stringify(d)}`), warn: () => {}, error: () => {} },
      clock: () => new Date(),
      openExternal: simulatedBrowser().openExternal,
      dataDir: '/nonexistent',
    };
    const pending = await micropubPlatform.signIn!({ kind: 'indieauth', me: site.origin }, deps);
    expect(pending.siteName).toBe('Ada’s site');
    expect(pending.userName).toBe('Ada');
    expect(pending.blogs).toHaveLength(1);
    const blog = pending.blogs[0]!;
    expect(blog.account.api).toMatchObject({
      transport: 'api',
      endpoint: site.micropubEndpoint,
      mediaEndpoint: site.mediaEndpointUrl,
      tokenEndpoint: site.tokenEndpoint,
    });
    expect(blog.account.capabilities).toMatchObject({
      mediaUpload: true,
      remotePosts: true,
      drafts: true,
      scheduling: false,
    });
    const tokens = parseTokens(pending.secret);
    expect(tokens.refreshToken).toBeTruthy();
    expect(logs.join('\n')).not.toContain(tokens.accessToken);
    expect(micropubPlatform.body(undefined as unknown as Account)).toEqual({
      format: 'html',
      readMore: 'none',
      embeds: 'link',
    });

    const account: Account = {
      ...blog.account,
      id: 'acc1',
      destinationKey: `micropub:${pending.siteUrl}`,
      settings: { contentFormat: 'classic', maxImageWidth: 2000 },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const publisher = await createMicropubPublisher(account, pending.secret, deps);
    const identity = await publisher.verify();
    expect(identity.url).toBe(pending.siteUrl);
    const created = await publisher.createPost(post({ title: 'From the platform' }));
    expect(site.post(created.remoteId)!.properties.name).toEqual(['From the platform']);
  });

  it('a site without a Micropub endpoint is refused with what to do', async () => {
    const { startHttp } = await import('../http/testing/loopback');
    site = await startFakeMicropub();
    const s = site;
    // A page that names the fake's IndieAuth server but no Micropub endpoint.
    const page = await startHttp((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'text/html',
        Link: `<${s.authorizationEndpoint}>; rel="authorization_endpoint", <${s.tokenEndpoint}>; rel="token_endpoint"`,
      });
      res.end('<title>No micropub</title>');
    });
    s.setTokenMe(`${page.url}/`);
    try {
      const error = await publishErrorOf(
        micropubPlatform.signIn!(
          { kind: 'indieauth', me: page.url },
          {
            fetch,
            timeoutMs: 5000,
            log: { info: () => {}, warn: () => {}, error: () => {} },
            clock: () => new Date(),
            openExternal: simulatedBrowser().openExternal,
            dataDir: '/nonexistent',
          },
        ),
      );
      expect(error.code).toBe('VALIDATION');
      expect(error.reason).toBe('no-micropub');
      expect(error.message).toMatch(/names no Micropub endpoint/);
    } finally {
      await page.close();
    }
  });
});
