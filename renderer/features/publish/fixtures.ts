/** Accounts for the publish and destinations tests: three blogs with different capabilities. */
import type { AccountSummary, PublisherCapabilities } from '../../../electron/contract';

export const ALL_CAPS: PublisherCapabilities = {
  drafts: true,
  scheduling: true,
  pendingReview: true,
  privatePosts: true,
  pages: true,
  tags: true,
  categories: true,
  excerpt: true,
  slug: true,
  mediaUpload: true,
  featuredImage: true,
  canonicalUrl: false,
  serverConflictDetection: false,
  delete: true,
  mediaLibrary: true,
  remotePosts: true,
  newsletter: false,
};

export function account(
  id: string,
  siteName: string,
  caps: Partial<PublisherCapabilities> = {},
  patch: Partial<AccountSummary> = {},
): AccountSummary {
  return {
    id,
    platform: 'wordpress',
    destinationKey: `key:https://${id}.test`,
    siteUrl: `http://127.0.0.1:9/${id}`,
    siteName,
    userLogin: 'ada',
    userName: 'Ada',
    transport: 'api',
    timeZone: 'UTC',
    capabilities: { ...ALL_CAPS, ...caps },
    settings: { contentFormat: 'classic', maxImageWidth: 2000 },
    hasCredential: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

/** Everything a full blog offers. */
export const harbour = account('acct_harbour', 'Harbour Blog');
/** No categories, no review queue, no private posts, no pages (a Ghost-like blog). */
export const lantern = account('acct_lantern', 'Lantern Notes', {
  categories: false,
  pendingReview: false,
  privatePosts: false,
  pages: false,
  canonicalUrl: true,
  mediaLibrary: false,
  remotePosts: true,
});
/** Publishes only: no drafts, no scheduling, no terms but tags, no excerpt, slug or featured image. */
export const kelp = account('acct_kelp', 'Kelp Microblog', {
  drafts: false,
  scheduling: false,
  pendingReview: false,
  privatePosts: false,
  pages: false,
  categories: false,
  excerpt: false,
  slug: false,
  featuredImage: false,
  mediaUpload: false,
  mediaLibrary: false,
  remotePosts: false,
  delete: false,
});

export const ACCOUNTS = [harbour, lantern, kelp];
