/**
 * Blogger end to end against the strict in-process fake of Blogger API v3 and Google OAuth
 * (e2e/servers/fakes/blogger/): the browser sign-in (a test browser follows Google's redirect
 * back to the loopback listener), every blog listed, posts and pages through every state, labels,
 * conflicts, the lookups of the outbox, token refresh and revocation, and error mapping.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../accounts/types';
import { PublishError } from '../http/PublishError';
import type { PendingConnection, PlatformDeps } from '../platform';
import type { OutgoingPost } from '../types';
import type { BloggerPublisher } from './BloggerPublisher';
import { createBloggerPlatform } from './index';
import { browserOpening, startFakeBlogger, type FakeBloggerHandle } from './testing/fakeBlogger';

let fake: FakeBloggerHandle;
let opened: string[];
let skewMs: number;

const silent = { info() {}, warn() {}, error() {} };

function deps(overrides: Partial<PlatformDeps> = {}): PlatformDeps {
  return {
    fetch: globalThis.fetch,
    timeoutMs: 5000,
    log: silent,
    clock: () => new Date(Date.now() + skewMs),
    openExternal: async (url) => {
      opened.push(url);
      await browserOpening(url);
    },
    dataDir: '/nonexistent',
    ...overrides,
  };
}

let shared: ReturnType<typeof createBloggerPlatform> | undefined;

/** One platform, as the app has: its publishers share the access tokens of a sign-in. */
function platform() {
  return (shared ??= createBloggerPlatform({
    endpoints: {
      apiRoot: fake.apiRoot,
      authorizationEndpoint: fake.authorizationEndpoint,
      tokenEndpoint: fake.tokenEndpoint,
    },
    signInTimeoutMs: 5000,
  }));
}

function accountOf(pending: PendingConnection, index: number): Account {
  const blog = pending.blogs[index]!;
  const now = new Date().toISOString();
  return {
    ...blog.account,
    id: `acct${index}`,
    destinationKey: `blogger:${blog.url}:${blog.blogId}`,
    settings: { contentFormat: 'classic', maxImageWidth: 2048 },
    createdAt: now,
    updatedAt: now,
  };
}

async function signIn(): Promise<PendingConnection> {
  return platform().signIn!(
    { kind: 'oauth', clientId: fake.clientId, clientSecret: fake.clientSecret },
    deps(),
  );
}

async function publisherFor(pending: PendingConnection, index = 0): Promise<BloggerPublisher> {
  return (await platform().createPublisher(
    accountOf(pending, index),
    pending.secret,
    deps(),
  )) as BloggerPublisher;
}

function post(over: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    type: 'post',
    title: 'Hello Blogger',
    content: '<p>Body</p>',
    status: 'draft',
    tags: [],
    categories: [],
    ...over,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<PublishError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PublishError);
    return error as PublishError;
  }
  throw new Error('expected a PublishError');
}

const count = (op: string) => fake.requests.filter((r) => r.op === op).length;

beforeAll(async () => {
  fake = await startFakeBlogger({ blogs: ['Field Notes', 'Kitchen Diary', 'Travel Log'] });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  opened = [];
  skewMs = 0;
});
afterEach(() => {
  skewMs = 0;
});

describe('sign-in', () => {
  it('signs in through the browser with PKCE and lists every blog as a pending account', async () => {
    const pending = await signIn();
    expect(opened).toHaveLength(1);
    const authorize = new URL(opened[0]!);
    expect(authorize.origin + authorize.pathname).toBe(fake.authorizationEndpoint);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/blogger');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(authorize.searchParams.get('access_type')).toBe('offline');
    expect(authorize.searchParams.has('client_secret')).toBe(false);

    expect(pending.blogs.map((b) => b.name)).toEqual(['Field Notes', 'Kitchen Diary', 'Travel Log']);
    expect(pending.blogs.map((b) => b.blogId)).toEqual(fake.blogs.map((b) => b.id));
    expect(pending.userLogin).toBe(fake.user.id);
    expect(pending.userName).toBe('Ada Author');
    const first = pending.blogs[0]!.account;
    expect(first.platform).toBe('blogger');
    expect(first.api).toEqual({
      transport: 'api',
      restRoot: fake.apiRoot,
      blogId: fake.blogs[0]!.id,
      clientId: fake.clientId,
      tokenEndpoint: fake.tokenEndpoint,
      authorizationEndpoint: fake.authorizationEndpoint,
    });
    expect(first.timeZone).toBe('-08:00');
    expect(first.capabilities.mediaUpload).toBe(false);
    // The vault secret: the refresh token and the client secret, nothing else.
    const secret = JSON.parse(pending.secret) as Record<string, unknown>;
    expect(Object.keys(secret).sort()).toEqual(['clientSecret', 'refreshToken', 'v']);
    expect(secret.clientSecret).toBe(fake.clientSecret);
    expect(String(secret.refreshToken)).toMatch(/^1\/\//);
    expect(count('oauth.token:authorization_code')).toBeGreaterThan(0);

    const identity = await (await publisherFor(pending, 1)).verify();
    expect(identity).toMatchObject({
      name: 'Kitchen Diary',
      userLogin: fake.user.id,
      userName: 'Ada Author',
    });
    expect(identity.url).toBe(pending.blogs[1]!.url);
  });

  it('says so when the author refuses in the browser', async () => {
    fake.denyNextAuthorization();
    const error = await failureOf(signIn());
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.reason).toBe('access_denied');
    expect(error.message).toMatch(/Allow/);
  });

  it('refuses a wrong client secret without echoing it', async () => {
    const error = await failureOf(
      platform().signIn!(
        { kind: 'oauth', clientId: fake.clientId, clientSecret: 'GOCSPX-wrong-secret' },
        deps(),
      ),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.reason).toBe('invalid_client');
    expect(JSON.stringify(error.toJSON())).not.toContain('GOCSPX-wrong-secret');
  });

  it('needs a client id before opening the browser', async () => {
    const error = await failureOf(platform().signIn!({ kind: 'oauth', clientId: '  ' }, deps()));
    expect(error.code).toBe('VALIDATION');
    expect(opened).toHaveLength(0);
  });
});

describe('publishing', () => {
  let pending: PendingConnection;
  let blogger: BloggerPublisher;
  let blogId: string;

  beforeAll(async () => {
    opened = [];
    pending = await signIn();
    blogger = await publisherFor(pending, 0);
    blogId = pending.blogs[0]!.blogId;
  });

  it('saves a draft with labels', async () => {
    const created = await blogger.createPost(post({ tags: ['Travel', 'travel', ' Food '] }));
    expect(created.status).toBe('draft');
    expect(created.tags).toEqual(['Travel', 'Food']);
    const stored = fake.entry(blogId, created.remoteId)!;
    expect(stored).toMatchObject({ status: 'DRAFT', title: 'Hello Blogger', content: '<p>Body</p>' });
    expect(stored.labels).toEqual(['Travel', 'Food']);
    const read = await blogger.getPost(created.remoteId, 'post');
    expect(read).toMatchObject({ status: 'draft', title: 'Hello Blogger', tags: ['Travel', 'Food'] });
    expect(read.modifiedGmt).toBe(created.modifiedGmt);
    expect(read.modifiedGmt).toMatch(/Z$/);
  });

  it('publishes at once in one request', async () => {
    const before = count('blogger.posts.insert');
    const created = await blogger.createPost(post({ title: 'Live now', status: 'publish' }));
    expect(count('blogger.posts.insert')).toBe(before + 1);
    expect(count('blogger.posts.publish')).toBe(0);
    expect(created.status).toBe('publish');
    expect(created.permalink).toMatch(/\/live-now\.html$/);
    expect(fake.entry(blogId, created.remoteId)!.status).toBe('LIVE');
  });

  it('schedules a post with publishDate and it goes live on time', async () => {
    const at = new Date(Date.now() + 3 * 3600_000);
    at.setUTCMilliseconds(0);
    const created = await blogger.createPost(
      post({ title: 'Later', status: 'future', dateGmt: at.toISOString() }),
    );
    expect(created.status).toBe('future');
    expect(created.dateGmt).toBe(at.toISOString());
    const publishCall = fake.requests.filter((r) => r.op === 'blogger.posts.publish').at(-1)!;
    expect(Date.parse(publishCall.query.get('publishDate')!)).toBe(at.getTime());
    expect(fake.entry(blogId, created.remoteId)!.status).toBe('SCHEDULED');
    fake.advanceClock(4 * 3600_000);
    try {
      expect((await blogger.getPost(created.remoteId, 'post')).status).toBe('publish');
    } finally {
      fake.advanceClock(-4 * 3600_000);
    }
  });

  it('refuses statuses Blogger does not have, and a schedule without a time', async () => {
    expect((await failureOf(blogger.createPost(post({ status: 'pending' })))).code).toBe('VALIDATION');
    expect((await failureOf(blogger.createPost(post({ status: 'private' })))).code).toBe('VALIDATION');
    expect((await failureOf(blogger.createPost(post({ status: 'future' })))).reason).toBe(
      'future-without-date',
    );
    const comma = await failureOf(blogger.createPost(post({ tags: ['a,b'] })));
    expect(comma.reason).toBe('label-comma');
    const long = await failureOf(blogger.createPost(post({ tags: ['x'.repeat(120), 'y'.repeat(100)] })));
    expect(long.reason).toBe('labels-too-long');
  });

  it('updates content and labels, publishes a draft, reverts it, and detects a server edit', async () => {
    const created = await blogger.createPost(post({ title: 'Evolving', tags: ['one'] }));
    const updated = await blogger.updatePost(
      created.remoteId,
      post({ title: 'Evolving, v2', content: '<p>Two</p>', tags: ['two', 'three'], status: 'publish' }),
      { ifUnmodifiedSince: created.modifiedGmt },
    );
    expect(updated.status).toBe('publish');
    expect(fake.entry(blogId, created.remoteId)).toMatchObject({
      status: 'LIVE',
      title: 'Evolving, v2',
      content: '<p>Two</p>',
      labels: ['two', 'three'],
    });

    // Edited in Blogger's own editor: Signet refuses to overwrite it.
    await new Promise((r) => setTimeout(r, 5));
    fake.editOnServer(blogId, created.remoteId, { title: 'Edited on Blogger' });
    const conflict = await failureOf(
      blogger.updatePost(created.remoteId, post({ title: 'Mine', status: 'publish' }), {
        ifUnmodifiedSince: updated.modifiedGmt,
      }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.conflict?.remoteTitle).toBe('Edited on Blogger');
    expect(fake.entry(blogId, created.remoteId)!.title).toBe('Edited on Blogger');

    // Knowing the server's time, the update goes through; back to draft reverts the post.
    const reverted = await blogger.updatePost(
      created.remoteId,
      post({ title: 'Mine', status: 'draft', tags: [] }),
      { ifUnmodifiedSince: conflict.conflict!.remoteModifiedGmt },
    );
    expect(reverted.status).toBe('draft');
    expect(fake.entry(blogId, created.remoteId)).toMatchObject({
      status: 'DRAFT',
      title: 'Mine',
      labels: [],
    });
  });

  it('reschedules a scheduled post and publishes a scheduled one at once', async () => {
    const first = new Date(Date.now() + 86_400_000);
    first.setUTCMilliseconds(0);
    const created = await blogger.createPost(
      post({ title: 'Moving', status: 'future', dateGmt: first.toISOString() }),
    );
    const second = new Date(first.getTime() + 3600_000);
    const moved = await blogger.updatePost(
      created.remoteId,
      post({ title: 'Moving', status: 'future', dateGmt: second.toISOString() }),
      {},
    );
    expect(moved.status).toBe('future');
    expect(moved.dateGmt).toBe(second.toISOString());
    expect(fake.entry(blogId, created.remoteId)!.published).toBe(second.getTime());
    const now = await blogger.updatePost(created.remoteId, post({ title: 'Moving', status: 'publish' }), {});
    expect(now.status).toBe('publish');
    expect(fake.entry(blogId, created.remoteId)!.status).toBe('LIVE');
  });

  it('moves to the trash, deletes for good, and treats a second delete as done', async () => {
    const a = await blogger.createPost(post({ title: 'Trash me', status: 'publish' }));
    await blogger.deletePost(a.remoteId, 'post', { force: false });
    expect(fake.entry(blogId, a.remoteId)!.status).toBe('SOFT_TRASHED');
    expect((await blogger.getPost(a.remoteId, 'post')).status).toBe('trash');
    const updating = await failureOf(blogger.updatePost(a.remoteId, post(), {}));
    expect(updating.reason).toBe('in-trash');
    await blogger.deletePost(a.remoteId, 'post', { force: true });
    expect(fake.entry(blogId, a.remoteId)).toBeUndefined();
    await blogger.deletePost(a.remoteId, 'post', { force: true });
    expect((await failureOf(blogger.getPost(a.remoteId, 'post'))).code).toBe('NOT_FOUND');
    expect((await failureOf(blogger.getPost('not-a-number', 'post'))).reason).toBe('bad-id');
  });

  it('publishes, updates, reverts and deletes pages (never scheduled)', async () => {
    const draft = await blogger.createPost(post({ type: 'page', title: 'About', status: 'draft' }));
    expect(draft.type).toBe('page');
    expect(fake.entry(blogId, draft.remoteId)).toMatchObject({ kind: 'page', status: 'DRAFT' });
    const live = await blogger.updatePost(
      draft.remoteId,
      post({ type: 'page', title: 'About us', status: 'publish' }),
      { ifUnmodifiedSince: draft.modifiedGmt },
    );
    expect(live.status).toBe('publish');
    expect(live.permalink).toMatch(/\/p\/about-us\.html$/);
    expect(fake.entry(blogId, draft.remoteId)).toMatchObject({ status: 'LIVE', title: 'About us' });
    const back = await blogger.updatePost(
      draft.remoteId,
      post({ type: 'page', title: 'About us', status: 'draft' }),
      {},
    );
    expect(back.status).toBe('draft');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const scheduling = await failureOf(
      blogger.createPost(post({ type: 'page', title: 'Soon', status: 'future', dateGmt: future })),
    );
    expect(scheduling.reason).toBe('page-scheduling');
    const pages = await blogger.listPosts({ type: 'page', page: 1, perPage: 10 });
    expect(pages.items.map((p) => p.remoteId)).toContain(draft.remoteId);
    await blogger.deletePost(draft.remoteId, 'page', { force: true });
    expect(fake.entry(blogId, draft.remoteId)).toBeUndefined();
  });

  it('lists posts by status, page by page', async () => {
    const other = await publisherFor(pending, 2);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await other.createPost(post({ title: `Listed ${i}`, status: 'publish' }))).remoteId);
    const d = await other.createPost(post({ title: 'Listed draft' }));
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const got = await other.listPosts({ type: 'post', page, perPage: 2, status: ['publish'] });
      seen.push(...got.items.map((p) => p.remoteId));
      expect(got.totalPages).toBe(page < 3 ? page + 1 : 3);
    }
    expect(seen.sort()).toEqual([...ids].sort());
    // Page 3 again, straight away: the remembered page tokens are used.
    const again = await other.listPosts({ type: 'post', page: 3, perPage: 2, status: ['publish'] });
    expect(again.items).toHaveLength(1);
    const drafts = await other.listPosts({ type: 'post', page: 1, perPage: 10, status: ['draft'] });
    expect(drafts.items.map((p) => p.remoteId)).toEqual([d.remoteId]);
    expect(drafts.items[0]!.content).toBe('<p>Body</p>');
    const none = await other.listPosts({ type: 'post', page: 1, perPage: 10, status: ['pending'] });
    expect(none.items).toEqual([]);
    const searched = await other.listPosts({ type: 'post', page: 1, perPage: 10, search: 'listed 3' });
    expect(searched.items.map((p) => p.title)).toEqual(['Listed 3']);
  });

  it('finds the posts this login changed since a moment (the outbox lookup)', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const recent = await blogger.createPost(post({ title: 'Lost answer Zebra' }));
    const found = await blogger.findRecentPosts({ type: 'post', since, search: 'Zebra' });
    expect(found.map((p) => p.remoteId)).toEqual([recent.remoteId]);
    const later = await blogger.findRecentPosts({
      type: 'post',
      since: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(later).toEqual([]);
    const page = await blogger.createPost(post({ type: 'page', title: 'Lost page' }));
    const pages = await blogger.findRecentPosts({ type: 'page', since });
    expect(pages.map((p) => p.remoteId)).toContain(page.remoteId);
    expect(await blogger.findRecentMedia({ fileName: 'a.png', mimeType: 'image/png', since })).toEqual([]);
  });

  it('offers labels from recent posts; has no categories', async () => {
    await blogger.createPost(post({ title: 'Labelled', tags: ['Gardening', 'Garlic'] }));
    const terms = await blogger.searchTerms('tags', 'gar');
    expect(terms.map((t) => t.name)).toEqual(expect.arrayContaining(['Gardening', 'Garlic']));
    expect(await blogger.createTerm('tags', ' New label ')).toEqual({
      id: 'New label',
      name: 'New label',
      slug: 'New label',
    });
    expect((await failureOf(blogger.createTerm('categories', 'x'))).code).toBe('UNSUPPORTED');
    expect(await blogger.searchTerms('categories', '')).toEqual([]);
  });

  it('refuses media uploads with a sentence about hosted images', async () => {
    expect(blogger.capabilities).toMatchObject({
      mediaUpload: false,
      featuredImage: false,
      mediaLibrary: false,
    });
    const error = await failureOf(
      blogger.uploadMedia({
        fileName: 'cat.png',
        mimeType: 'image/png',
        bytes: new Uint8Array(4),
        altText: '',
      }),
    );
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/already be on the web/);
    expect(error.message).toMatch(/another of your accounts/);
  });

  describe('tokens', () => {
    it('renews the access token before it expires', async () => {
      await blogger.verify();
      const refreshes = count('oauth.token:refresh_token');
      const unauthorized = fake.requests.filter((r) => r.status === 401).length;
      skewMs = 3599_000 - 30_000; // 30 s before Google's expiry by Signet's clock
      await blogger.verify();
      expect(count('oauth.token:refresh_token')).toBe(refreshes + 1);
      expect(fake.requests.filter((r) => r.status === 401).length).toBe(unauthorized);
    });

    it('renews once after a 401 and carries on', async () => {
      await blogger.verify();
      fake.expireAccessTokens();
      const refreshes = count('oauth.token:refresh_token');
      const created = await blogger.createPost(post({ title: 'After expiry' }));
      expect(count('oauth.token:refresh_token')).toBe(refreshes + 1);
      expect(fake.entry(blogId, created.remoteId)).toBeDefined();
      const inserts = fake.requests
        .filter((r) => r.op === 'blogger.posts.insert')
        .slice(-2)
        .map((r) => r.status);
      expect(inserts).toEqual([401, 200]);
    });

    it('shares one renewal between publishers of the same sign-in', async () => {
      const second = await publisherFor(pending, 1);
      fake.expireAccessTokens();
      const refreshes = count('oauth.token:refresh_token');
      await Promise.all([blogger.verify(), second.verify()]);
      expect(count('oauth.token:refresh_token')).toBe(refreshes + 1);
    });
  });

  describe('errors', () => {
    it('maps 5xx, 429 and Google quota errors', async () => {
      fake.failNext({ status: 503, message: 'The service is currently unavailable.' });
      const down = await failureOf(blogger.createPost(post()));
      expect(down).toMatchObject({ code: 'SERVER_ERROR', retryable: true, uncertain: true, status: 503 });

      fake.failNext({ status: 429, reason: 'rateLimitExceeded', retryAfterSec: 7 });
      const slow = await failureOf(blogger.getPost('1', 'post'));
      expect(slow).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 7000 });
      expect(slow.message).toMatch(/7 seconds/);

      fake.failNext({ status: 403, reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });
      expect((await failureOf(blogger.verify())).code).toBe('RATE_LIMITED');

      fake.failNext({ status: 403, reason: 'forbidden', message: 'You do not have permission.' });
      const forbidden = await failureOf(blogger.verify());
      expect(forbidden.code).toBe('FORBIDDEN');
      expect(forbidden.message).toMatch(/You do not have permission/);
    });

    it('a publish that fails after the insert names the draft it left', async () => {
      const at = new Date(Date.now() + 3600_000).toISOString();
      fake.failNext({ status: 500, op: 'blogger.posts.publish' });
      const error = await failureOf(
        blogger.createPost(post({ title: 'Half done', status: 'future', dateGmt: at })),
      );
      expect(error.code).toBe('SERVER_ERROR');
      expect(error.remoteId).toMatch(/^\d+$/);
      expect(error.message).toMatch(/saved on Blogger as a draft/);
      expect(fake.entry(blogId, error.remoteId!)).toMatchObject({ status: 'DRAFT', title: 'Half done' });
      // The outbox finishes it with an update.
      const done = await blogger.updatePost(
        error.remoteId!,
        post({ title: 'Half done', status: 'future', dateGmt: at }),
        {},
      );
      expect(done.status).toBe('future');
      expect(fake.entry(blogId, error.remoteId!)!.status).toBe('SCHEDULED');
    });

    it('a revoked sign-in asks the author to sign in again, without secrets in the message', async () => {
      const secret = JSON.parse(pending.secret) as { refreshToken: string; clientSecret: string };
      fake.revokeRefreshTokens();
      const error = await failureOf(blogger.verify());
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.reason).toBe('invalid_grant');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/Sign in to Blogger again/);
      const shown = JSON.stringify(error.toJSON());
      expect(shown).not.toContain(secret.refreshToken);
      expect(shown).not.toContain(secret.clientSecret);
    });
  });
});

describe('stored account', () => {
  it('refuses a garbled vault secret with a sentence', async () => {
    const pending = await signIn();
    const error = await failureOf(platform().createPublisher(accountOf(pending, 0), 'not json', deps()));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toMatch(/Sign in to Blogger again/);
  });

  it('writes clean HTML with links for embeds', () => {
    const p = platform();
    expect(p.connect).toBe('oauth');
    expect(p.body({} as Account)).toEqual({ format: 'html', readMore: 'none', embeds: 'link' });
  });
});
