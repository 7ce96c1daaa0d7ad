/**
 * The strict fake Micropub site (e2e/servers/fakes/micropub/fakeMicropub.ts) for this folder's
 * tests, and a simulated system browser for the IndieAuth sign-in.
 *
 * The fake lives in the e2e TypeScript project, which references this one and so cannot be
 * imported from here statically (TS6307): it is loaded at run time and the part of its handle
 * these tests use is restated below (as wordpress/testing/testWordPress.ts does).
 */
export type DiscoveryMode = 'metadata-header' | 'metadata-html' | 'legacy-header' | 'legacy-html';

export interface FakeMicropubOptions {
  discovery?: DiscoveryMode;
  mediaEndpoint?: boolean;
  sourceList?: boolean;
  trackUpdated?: boolean;
  siteName?: string;
  authorName?: string;
}

export interface FakePost {
  url: string;
  type: string[];
  properties: Record<string, unknown[]>;
  deleted: boolean;
  createdAt: string;
}

export interface FakeMicropub {
  origin: string;
  me: string;
  issuer: string;
  micropubEndpoint: string;
  mediaEndpointUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  posts(): FakePost[];
  post(url: string): FakePost | undefined;
  media(): Array<{ url: string; fileName: string; mimeType: string; bytes: Buffer }>;
  requests: Array<{ method: string; path: string; status: number; authorized: boolean }>;
  issueToken(
    scope: string,
    options?: { expiresInSeconds?: number; withRefresh?: boolean },
  ): { accessToken: string; refreshToken?: string };
  revokeAllTokens(): void;
  setDeny(on: boolean): void;
  setTokenMe(me: string | null): void;
  setIss(iss: string | null): void;
  failNext(status: number, count?: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startFakeMicropub(options: FakeMicropubOptions = {}): Promise<FakeMicropub> {
  const helper = new URL('../../../../e2e/servers/fakes/micropub/fakeMicropub.ts', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ helper)) as {
    startFakeMicropub(options: FakeMicropubOptions): Promise<FakeMicropub>;
  };
  return mod.startFakeMicropub(options);
}

/**
 * A system browser for tests: opens the authorization URL, follows the server's redirects like
 * a browser (without approving anything itself: the fake approves or denies) and lands on the
 * loopback redirect. `opened` keeps the URLs it was asked to open.
 */
export function simulatedBrowser(): { openExternal(url: string): Promise<void>; opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async openExternal(url: string) {
      opened.push(url);
      // Not awaited by the sign-in's openExternal in a real browser either: run it in the background.
      void (async () => {
        let next = url;
        for (let hop = 0; hop < 5; hop++) {
          const res = await fetch(next, { redirect: 'manual' });
          const location = res.headers.get('location');
          await res.arrayBuffer();
          if (res.status < 300 || res.status >= 400 || !location) return;
          next = new URL(location, next).toString();
        }
      })().catch(() => {});
    },
  };
}
