import { describe, expect, it } from 'vitest';

import { embedPlayerUrl, isEmbedUrl, parseEmbedUrl } from './embeds';

const YT = 'dQw4w9WgXcQ';

describe('parseEmbedUrl: YouTube', () => {
  it.each([
    [`https://www.youtube.com/watch?v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://youtube.com/watch?v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://m.youtube.com/watch?v=${YT}&feature=share`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://music.youtube.com/watch?v=${YT}&list=RDAMVM`, `https://www.youtube.com/watch?v=${YT}`],
    [`http://www.youtube.com/watch?v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`HTTPS://WWW.YOUTUBE.COM/watch?v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://www.youtube.com/watch?feature=youtu.be&v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://www.youtube.com/watch?v=${YT}&t=42s`, `https://www.youtube.com/watch?v=${YT}&t=42s`],
    [`https://www.youtube.com/watch?v=${YT}&t=1h2m3s`, `https://www.youtube.com/watch?v=${YT}&t=1h2m3s`],
    [`https://www.youtube.com/watch?v=${YT}#comments`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://youtu.be/${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://youtu.be/${YT}?si=AbCdEfGh12345678`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://youtu.be/${YT}?t=90`, `https://www.youtube.com/watch?v=${YT}&t=90`],
    [`http://youtu.be/${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://www.youtube.com/shorts/${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://youtube.com/shorts/${YT}?feature=share`, `https://www.youtube.com/watch?v=${YT}`],
    [`https://www.youtube.com/embed/${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [
      `https://www.youtube.com/embed/${YT}?feature=oembed&start=30`,
      `https://www.youtube.com/watch?v=${YT}&t=30`,
    ],
    [`https://www.youtube.com/live/${YT}?si=x`, `https://www.youtube.com/watch?v=${YT}`],
    [`  https://youtu.be/${YT}  `, `https://www.youtube.com/watch?v=${YT}`],
    ['https://www.youtube.com/watch?v=a-b_c1D2e3F', 'https://www.youtube.com/watch?v=a-b_c1D2e3F'],
  ])('%s', (input, url) => {
    expect(parseEmbedUrl(input)).toEqual({ provider: 'youtube', url, id: url.slice(32, 43) });
  });

  it.each([
    'https://www.youtube.com/',
    'https://www.youtube.com/watch',
    'https://www.youtube.com/watch?v=',
    'https://www.youtube.com/watch?v=short',
    `https://www.youtube.com/watch?v=${YT}x`, // 12 characters
    'https://www.youtube.com/watch?v=dQw4w9WgXc!',
    'https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
    'https://www.youtube.com/@MrBeast',
    'https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA',
    'https://www.youtube.com/c/SomeChannel',
    'https://www.youtube.com/results?search_query=cats',
    `https://www.youtube.com/shorts/${YT}/extra`,
    'https://youtu.be/',
    `https://youtu.be/${YT}/more`,
    `https://www.youtube.com/watch?v=${YT}&t=tomorrow`.replace('&t=tomorrow', ' x'), // a space inside
    `https://notyoutube.com/watch?v=${YT}`,
    `https://youtube.com.evil.example/watch?v=${YT}`,
    `https://www.youtube-nocookie.com.example/embed/${YT}`,
    `https://evil.example/?u=https://www.youtube.com/watch?v=${YT}`,
  ])('refuses %s', (input) => {
    expect(parseEmbedUrl(input)).toBeNull();
  });

  it('drops a start time it cannot read', () => {
    expect(parseEmbedUrl(`https://youtu.be/${YT}?t=soon`)?.url).toBe(`https://www.youtube.com/watch?v=${YT}`);
  });
});

describe('parseEmbedUrl: Vimeo', () => {
  it.each([
    ['https://vimeo.com/76979871', 'https://vimeo.com/76979871', '76979871'],
    ['http://vimeo.com/76979871', 'https://vimeo.com/76979871', '76979871'],
    ['https://www.vimeo.com/76979871?share=copy', 'https://vimeo.com/76979871', '76979871'],
    ['https://vimeo.com/76979871/', 'https://vimeo.com/76979871', '76979871'],
    ['https://vimeo.com/76979871#t=30s', 'https://vimeo.com/76979871', '76979871'],
    ['https://vimeo.com/905187314/4a1b2c3d4e', 'https://vimeo.com/905187314/4a1b2c3d4e', '905187314'],
    ['https://player.vimeo.com/video/76979871', 'https://vimeo.com/76979871', '76979871'],
    [
      'https://player.vimeo.com/video/905187314?h=4a1b2c3d4e&badge=0',
      'https://vimeo.com/905187314/4a1b2c3d4e',
      '905187314',
    ],
  ])('%s', (input, url, id) => {
    expect(parseEmbedUrl(input)).toEqual({ provider: 'vimeo', url, id });
  });

  it.each([
    'https://vimeo.com/',
    'https://vimeo.com/channels/staffpicks',
    'https://vimeo.com/user12345',
    'https://vimeo.com/abc',
    'https://vimeo.com/76979871/NOT-A-HASH',
    'https://vimeo.com/76979871/4a1b2c3d4e/extra',
    'https://vimeo.com/1234567890123', // longer than any video id
    'https://player.vimeo.com/76979871',
    'https://vimeo.example.com/76979871',
  ])('refuses %s', (input) => {
    expect(parseEmbedUrl(input)).toBeNull();
  });
});

describe('parseEmbedUrl: tweets', () => {
  const ID = '1580661436132757506';
  it.each([
    [`https://twitter.com/WordPress/status/${ID}`, 'WordPress'],
    [`https://x.com/WordPress/status/${ID}`, 'WordPress'],
    [`https://www.x.com/WordPress/status/${ID}`, 'WordPress'],
    [`http://twitter.com/WordPress/status/${ID}`, 'WordPress'],
    [`https://mobile.twitter.com/WordPress/status/${ID}`, 'WordPress'],
    [`https://www.twitter.com/WordPress/statuses/${ID}`, 'WordPress'],
    [`https://twitter.com/WordPress/status/${ID}?ref_src=twsrc%5Etfw`, 'WordPress'],
    [`https://x.com/WordPress/status/${ID}?s=20&t=abcdef`, 'WordPress'],
    [`https://x.com/WordPress/status/${ID}/photo/1`, 'WordPress'],
    [`https://twitter.com/jack_2/status/20`, 'jack_2'],
  ])('%s', (input, user) => {
    const parsed = parseEmbedUrl(input);
    expect(parsed?.provider).toBe('twitter');
    expect(parsed?.url).toBe(`https://twitter.com/${user}/status/${parsed?.id}`);
  });

  it.each([
    'https://twitter.com/WordPress',
    'https://x.com/WordPress/likes',
    'https://twitter.com/WordPress/status/',
    'https://twitter.com/WordPress/status/abc',
    `https://twitter.com/WordPress/status/${ID}/retweets`,
    `https://twitter.com/i/status/${ID}`, // no author
    `https://twitter.com/search/status/${ID}`,
    `https://twitter.com/a_name_far_too_long_for_x/status/${ID}`,
    `https://twitter.com/hash-tag/status/${ID}`,
    'https://twitter.com/hashtag/wordpress',
    `https://x.co/WordPress/status/${ID}`,
    `https://twitter.com.example/WordPress/status/${ID}`,
  ])('refuses %s', (input) => {
    expect(parseEmbedUrl(input)).toBeNull();
  });
});

describe('parseEmbedUrl: not a URL of its own', () => {
  it.each([
    '',
    '   ',
    `youtu.be/${YT}`,
    `www.youtube.com/watch?v=${YT}`,
    `//www.youtube.com/watch?v=${YT}`,
    `ftp://www.youtube.com/watch?v=${YT}`,
    `javascript:alert(1)//https://youtu.be/${YT}`,
    `data:text/html,https://youtu.be/${YT}`,
    `https://user:pass@www.youtube.com/watch?v=${YT}`,
    `https://attacker@youtu.be/${YT}`,
    `https://www.youtube.com:8443/watch?v=${YT}`,
    `Watch https://youtu.be/${YT}`,
    `https://youtu.be/${YT} is great`,
    `https://youtu.be/${YT}\nhttps://youtu.be/${YT}`,
    `<https://youtu.be/${YT}>`,
    `https://youtu.be\\@evil.example/${YT}`,
    `https://www.youtube.com/watch?v=${YT}"onmouseover="x`,
    `https://www.youtube.com/watch?v=${YT}&title=caf\u00e9`,
    `https://www.youtube.com./watch?v=${YT}`,
    `https://youtu.be/${YT}`.repeat(100),
  ])('refuses %j', (input) => {
    expect(parseEmbedUrl(input)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseEmbedUrl(undefined as unknown as string)).toBeNull();
    expect(parseEmbedUrl(42 as unknown as string)).toBeNull();
  });

  it('isEmbedUrl says the same', () => {
    expect(isEmbedUrl(`https://youtu.be/${YT}`)).toBe(true);
    expect(isEmbedUrl('https://example.com/')).toBe(false);
  });
});

describe('embedPlayerUrl', () => {
  it('frames YouTube and Vimeo players, with the start time and unlisted hash', () => {
    expect(embedPlayerUrl(parseEmbedUrl(`https://youtu.be/${YT}`)!)).toBe(
      `https://www.youtube.com/embed/${YT}?feature=oembed`,
    );
    expect(embedPlayerUrl(parseEmbedUrl(`https://youtu.be/${YT}?t=1m30s`)!)).toBe(
      `https://www.youtube.com/embed/${YT}?feature=oembed&start=90`,
    );
    expect(embedPlayerUrl(parseEmbedUrl('https://vimeo.com/76979871')!)).toBe(
      'https://player.vimeo.com/video/76979871',
    );
    expect(embedPlayerUrl(parseEmbedUrl('https://vimeo.com/905187314/4a1b2c3d4e')!)).toBe(
      'https://player.vimeo.com/video/905187314?h=4a1b2c3d4e',
    );
  });

  it('has no player for a tweet', () => {
    expect(embedPlayerUrl(parseEmbedUrl('https://x.com/a/status/1')!)).toBeNull();
  });

  it('round-trips: a player address parses back to the same embed', () => {
    for (const url of [`https://youtu.be/${YT}?t=90`, 'https://vimeo.com/905187314/4a1b2c3d4e']) {
      const parsed = parseEmbedUrl(url)!;
      expect(parseEmbedUrl(embedPlayerUrl(parsed)!)).toEqual(parsed);
    }
  });
});
