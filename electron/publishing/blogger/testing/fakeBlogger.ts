/**
 * The strict fake of Blogger and Google OAuth (e2e/servers/fakes/blogger/fakeBlogger.ts) for this
 * folder's tests.
 *
 * That fake lives in the e2e TypeScript project, which references this one (tsconfig.node.json)
 * and so cannot be imported from here statically (TS6307). It is loaded at run time instead, and
 * the part of its handle these tests use is restated below (e2e/servers/fakes/blogger/
 * fakeBlogger.test.ts checks that the two agree).
 */
export interface FakeEntryView {
  kind: 'post' | 'page';
  id: string;
  blogId: string;
  title: string;
  content: string;
  labels: string[];
  status: 'LIVE' | 'DRAFT' | 'SCHEDULED' | 'SOFT_TRASHED';
  published: number;
  updated: number;
}

export interface FakeBloggerHandle {
  readonly url: string;
  readonly apiRoot: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly user: { id: string; displayName: string };
  readonly blogs: ReadonlyArray<{ id: string; name: string }>;
  readonly requests: ReadonlyArray<{
    method: string;
    path: string;
    query: URLSearchParams;
    status: number;
    op: string;
  }>;
  denyNextAuthorization(): void;
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  failNext(fault: {
    status: number;
    reason?: string;
    message?: string;
    retryAfterSec?: number;
    count?: number;
    op?: string;
  }): void;
  editOnServer(
    blogId: string,
    id: string,
    change: { title?: string; content?: string; labels?: string[] },
  ): void;
  entry(blogId: string, id: string): FakeEntryView | undefined;
  advanceClock(ms: number): void;
  now(): number;
  close(): Promise<void>;
}

export interface FakeBloggerStartOptions {
  clientId?: string;
  clientSecret?: string;
  blogs?: string[];
  accessTokenTtlSec?: number;
  blogOffsetMinutes?: number;
}

export async function startFakeBlogger(options: FakeBloggerStartOptions = {}): Promise<FakeBloggerHandle> {
  const helper = new URL('../../../../e2e/servers/fakes/blogger/fakeBlogger.ts', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ helper)) as {
    startFakeBlogger(options: FakeBloggerStartOptions): Promise<FakeBloggerHandle>;
  };
  return mod.startFakeBlogger(options);
}

/**
 * The author's browser: opens Google's consent page (the fake approves at once) and follows its
 * redirect back to Signet's loopback listener, as a real browser would.
 */
export async function browserOpening(url: string): Promise<{ status: number; location: string | null }> {
  const consent = await fetch(url, { redirect: 'manual' });
  await consent.body?.cancel();
  const location = consent.headers.get('location');
  if (consent.status === 302 && location) {
    const back = await fetch(location);
    await back.text();
  }
  return { status: consent.status, location };
}
