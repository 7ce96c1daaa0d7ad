import { describe, expect, it } from 'vitest';

import { journalHash, lookupSince, pickLostMedia, pickLostPost, postHash } from './journal';
import type { RemoteMedia, RemotePost } from './types';
import { mediaNameMatches } from './wordpress/mediaNames';

function post(id: number, extra: Partial<RemotePost> = {}): RemotePost {
  return {
    remoteId: String(id),
    type: 'post',
    title: 'Hello',
    content: '<p>Body</p>',
    excerpt: '',
    slug: '',
    status: 'publish',
    dateGmt: '2026-11-23T10:00:05.000Z',
    modifiedGmt: '2026-11-23T10:00:05.000Z',
    permalink: `http://127.0.0.1:8088/?p=${id}`,
    tags: [],
    categories: [],
    featuredMediaId: null,
    ...extra,
  };
}

const sent = { title: 'Hello', contentHash: journalHash('Hello', '<p>Body</p>') };
const since = '2026-11-23T10:00:00.000Z';

describe('recognising a lost create', () => {
  it('hashes title and content the way the blog may store them (whitespace, entities)', () => {
    expect(journalHash(' Hello ', '<p>Body</p>\n')).toBe(sent.contentHash);
    expect(postHash(post(1, { title: 'Hello', content: '<p>Body</p>  ' }))).toBe(sent.contentHash);
    expect(journalHash('Hello', '<p>Other</p>')).not.toBe(sent.contentHash);
  });

  it('adopts the post with the same title and content, created since the step began', () => {
    const found = pickLostPost(
      [
        post(3, { content: '<p>Someone else</p>' }),
        post(2),
        post(1, { dateGmt: '2026-11-23T09:00:00.000Z' }),
      ],
      sent,
      { since, linked: new Set() },
    );
    expect(found?.remoteId).toBe('2');
  });

  it('takes the title alone when the blog changed the content, never a post another draft owns', () => {
    const candidates = [post(4, { content: '<p>Body, filtered</p>' }), post(5, { content: '<p>Body</p>' })];
    expect(pickLostPost(candidates, sent, { since, linked: new Set(['5']) })?.remoteId).toBe('4');
    expect(pickLostPost(candidates, sent, { since, linked: new Set(['4', '5']) })).toBeNull();
    expect(pickLostPost([post(6, { title: 'Other' })], sent, { since, linked: new Set() })).toBeNull();
  });

  it('looks back from when the step began, by the allowed clock skew', () => {
    expect(Date.parse(lookupSince(since))).toBe(Date.parse(since) - 10 * 60_000);
  });
});

describe('recognising a lost upload', () => {
  const media = (id: number, extra: Partial<RemoteMedia> = {}): RemoteMedia => ({
    remoteId: String(id),
    url: `http://127.0.0.1:8088/wp-content/uploads/2026/11/photo-${id}.png`,
    altText: '',
    title: 'photo',
    mimeType: 'image/png',
    fileSize: 120,
    ...extra,
  });

  it('adopts an item of the same size that no draft uses yet', () => {
    expect(pickLostMedia([media(7), media(8)], { bytes: 120 }, { known: new Set(['7']) })?.remoteId).toBe(
      '8',
    );
    expect(pickLostMedia([media(9, { fileSize: 99 })], { bytes: 120 }, { known: new Set() })).toBeNull();
    expect(
      pickLostMedia([media(10, { fileSize: undefined })], { bytes: 120 }, { known: new Set() })?.remoteId,
    ).toBe('10');
  });

  it('knows the names WordPress gives an upload', () => {
    expect(mediaNameMatches('photo.png', { title: 'photo', file: 'x' })).toBe(true);
    expect(mediaNameMatches('My Photo.png', { title: 'other', file: '2026/11/My-Photo-2.png' })).toBe(true);
    expect(
      mediaNameMatches('big.jpg', { title: '', file: 'https://x/wp-content/uploads/big-scaled.jpg' }),
    ).toBe(true);
    expect(mediaNameMatches('photo.png', { title: 'photograph', file: '2026/11/photograph.png' })).toBe(
      false,
    );
  });
});
