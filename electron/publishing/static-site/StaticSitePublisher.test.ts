import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FailingFs } from '../../drafts/testing/helpers';
import { splitFrontMatter } from '../compose/markdown';
import { isPublishError, type PublishError } from '../http/PublishError';
import type { PlatformDeps } from '../platform';
import type { OutgoingPost } from '../types';
import { defaultSiteFolder, prepareDefaultSite, staticSitePlatform } from './platform';
import { detectGenerator, readSiteLayout, slugify } from './siteLayout';
import { StaticSitePublisher, TRASH_DIR } from './StaticSitePublisher';

let dir: string;
const NOW = new Date('2030-06-01T12:00:00.000Z');
const clock = () => NOW;

beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-static-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function write(relative: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
  await fsp.writeFile(path.join(dir, relative), text);
}

async function read(relative: string): Promise<string> {
  return fsp.readFile(path.join(dir, relative), 'utf8');
}

async function exists(relative: string): Promise<boolean> {
  return fsp.stat(path.join(dir, relative)).then(
    () => true,
    () => false,
  );
}

function post(overrides: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    type: 'post',
    title: 'Hello, World!',
    content: 'Some **text**.\n\n<!--more-->\n\nMore.\n',
    status: 'publish',
    dateGmt: '2030-05-01T09:30:00.000Z',
    tags: ['boats', 'sea'],
    categories: ['Travel'],
    excerpt: 'A short summary',
    canonicalUrl: 'https://elsewhere.example/hello',
    ...overrides,
  };
}

async function publisherFor(generator?: 'hugo' | 'jekyll' | 'eleventy', fs?: FailingFs) {
  return new StaticSitePublisher({
    layout: await readSiteLayout(dir, generator),
    clock,
    ...(fs ? { fs: fs.port } : {}),
  });
}

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  try {
    await promise;
  } catch (error) {
    if (isPublishError(error)) return error;
    throw error;
  }
  throw new Error('expected a PublishError');
}

describe('site detection and layout', () => {
  it('detects each generator by its config file; an empty folder is a new Hugo site', async () => {
    expect(await detectGenerator(dir)).toBe('hugo');
    await write('_config.yml', 'title: J\n');
    expect(await detectGenerator(dir)).toBe('jekyll');
    await fsp.rm(path.join(dir, '_config.yml'));
    await write('eleventy.config.js', 'export default function () {}\n');
    expect(await detectGenerator(dir)).toBe('eleventy');
    await fsp.rm(path.join(dir, 'eleventy.config.js'));
    await write('.eleventy.js', 'module.exports = () => {}\n');
    expect(await detectGenerator(dir)).toBe('eleventy');
    await write('hugo.toml', "baseURL = 'https://example.com/'\n");
    expect(await detectGenerator(dir)).toBe('hugo');
  });

  it('refuses a folder that is no site, and a missing folder, with sentences', async () => {
    await write('notes.txt', 'x');
    const unknown = await rejection(detectGenerator(dir));
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.message).toMatch(
      /does not look like a Hugo, Jekyll or Eleventy site.*Choose the site's top folder/,
    );
    const missing = await rejection(detectGenerator(path.join(dir, 'nope')));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/is not there .*choose the site folder again/);
  });

  it("reads Hugo's baseURL, title and folders, and Jekyll's url + baseurl", async () => {
    await write(
      'config.toml',
      "baseURL = 'https://example.com/blog'\ntitle = 'Boats'\ncontentDir = 'words'\n",
    );
    const hugo = await readSiteLayout(dir);
    expect(hugo).toMatchObject({
      generator: 'hugo',
      baseUrl: 'https://example.com/blog/',
      title: 'Boats',
      postsDir: 'words/posts',
      imagesDir: 'static/images',
    });
    await fsp.rm(path.join(dir, 'config.toml'));
    await write(
      '_config.yml',
      'url: "https://me.github.io"\nbaseurl: "/site"\ntitle: Mine\ntimezone: Europe/Berlin\n',
    );
    expect(await readSiteLayout(dir)).toMatchObject({
      generator: 'jekyll',
      baseUrl: 'https://me.github.io/site/',
      timeZone: 'Europe/Berlin',
      postsDir: '_posts',
      draftsDir: '_drafts',
      imagesDir: 'assets/images',
    });
  });

  it('explains a settings file that does not parse', async () => {
    await write('hugo.toml', 'baseURL = \n');
    const error = await rejection(readSiteLayout(dir));
    expect(error.message).toMatch(/settings file hugo.toml could not be read .*Fix it in a text editor/);
  });

  it('makes slugs like static sites do', () => {
    expect(slugify('Hello, World!')).toBe('hello-world');
    expect(slugify('Crème brûlée über alles')).toBe('creme-brulee-uber-alles');
    expect(slugify('!!!')).toBe('post');
  });
});

describe('StaticSitePublisher: Hugo', () => {
  beforeEach(async () => {
    await write('hugo.toml', "baseURL = 'https://example.com/'\ntitle = 'Boats'\n");
  });

  it('writes content/posts/<slug>.md with the front matter Hugo reads, and reads it back', async () => {
    const publisher = await publisherFor();
    const media = await publisher.uploadMedia({
      fileName: 'Harbour Photo.PNG',
      mimeType: 'image/png',
      bytes: new Uint8Array([1, 2, 3]),
      altText: 'Harbour',
      slug: 'hello-world',
    });
    expect(media).toMatchObject({
      remoteId: 'static/images/hello-world/Harbour-Photo.png',
      url: '/images/hello-world/Harbour-Photo.png',
      mimeType: 'image/png',
      fileSize: 3,
    });
    expect(await read('static/images/hello-world/Harbour-Photo.png')).toBe('\u0001\u0002\u0003');

    const created = await publisher.createPost(post({ featuredMediaId: media.remoteId }));
    expect(created.remoteId).toBe('content/posts/hello-world.md');
    const { data, body } = splitFrontMatter(await read('content/posts/hello-world.md'));
    expect(data).toEqual({
      title: 'Hello, World!',
      date: '2030-05-01T09:30:00.000Z',
      draft: false,
      slug: 'hello-world',
      tags: ['boats', 'sea'],
      categories: ['Travel'],
      summary: 'A short summary',
      canonicalURL: 'https://elsewhere.example/hello',
      cover: { image: '/images/hello-world/Harbour-Photo.png' },
      image: '/images/hello-world/Harbour-Photo.png',
    });
    expect(body).toBe('Some **text**.\n\n<!--more-->\n\nMore.\n');
    expect(created).toMatchObject({
      type: 'post',
      title: 'Hello, World!',
      status: 'publish',
      slug: 'hello-world',
      excerpt: 'A short summary',
      permalink: 'https://example.com/posts/hello-world/',
      tags: ['boats', 'sea'],
      categories: ['Travel'],
      featuredMediaId: 'static/images/hello-world/Harbour-Photo.png',
      content: body,
    });
    const stat = await fsp.stat(path.join(dir, created.remoteId));
    expect(created.modifiedGmt).toBe(new Date(Math.floor(stat.mtimeMs)).toISOString());
    expect(await publisher.getPost(created.remoteId, 'post')).toEqual(created);
    expect(publisher.fileOfMediaUrl(media.url)).toBe(
      path.join(dir, 'static', 'images', 'hello-world', 'Harbour-Photo.png'),
    );
    expect(publisher.fileOfMediaUrl('/../../etc/passwd')).toBeNull();
  });

  it('writes drafts as draft: true, a future post with its date, pages in content/, and never overwrites another post', async () => {
    const publisher = await publisherFor();
    const draft = await publisher.createPost(post({ status: 'draft', dateGmt: undefined }));
    expect(draft.status).toBe('draft');
    expect(splitFrontMatter(await read(draft.remoteId)).data).toMatchObject({
      draft: true,
      date: NOW.toISOString(),
    });
    const second = await publisher.createPost(
      post({ status: 'future', dateGmt: '2031-01-01T00:00:00.000Z' }),
    );
    expect(second.remoteId).toBe('content/posts/hello-world-2.md');
    expect(second.status).toBe('future');
    const page = await publisher.createPost(post({ type: 'page', title: 'About me', slug: undefined }));
    expect(page.remoteId).toBe('content/about-me.md');
    expect(page.permalink).toBe('https://example.com/about-me/');
    expect(splitFrontMatter(await read(page.remoteId)).data.tags).toBeUndefined();
  });

  it('updates in place, refuses when the file was edited outside Signet since, and moves on a new slug', async () => {
    const publisher = await publisherFor();
    const created = await publisher.createPost(post());
    const updated = await publisher.updatePost(created.remoteId, post({ title: 'Hello again' }), {
      ifUnmodifiedSince: created.modifiedGmt,
    });
    expect(updated.remoteId).toBe(created.remoteId);
    expect(updated.title).toBe('Hello again');

    // Someone edits the file in another editor a little later.
    const file = path.join(dir, created.remoteId);
    await fsp.writeFile(file, (await read(created.remoteId)).replace('More.', 'Edited elsewhere.'));
    // A whole second: utimes stores fractions of a millisecond inexactly.
    const later = new Date(Math.ceil(Date.parse(updated.modifiedGmt) / 1000) * 1000 + 5_000);
    await fsp.utimes(file, later, later);
    const conflict = await rejection(
      publisher.updatePost(created.remoteId, post({ title: 'Mine' }), {
        ifUnmodifiedSince: updated.modifiedGmt,
      }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toMatch(/changed outside Signet.*choose which one to keep/);
    expect(conflict.conflict).toMatchObject({
      remoteTitle: 'Hello again',
      remoteModifiedGmt: later.toISOString(),
    });
    expect(await read(created.remoteId)).toContain('Edited elsewhere.');

    // Overwriting on purpose (no ifUnmodifiedSince) works, and a new slug renames the file.
    const moved = await publisher.updatePost(created.remoteId, post({ slug: 'new-name' }), {});
    expect(moved.remoteId).toBe('content/posts/new-name.md');
    expect(await exists(created.remoteId)).toBe(false);
  });

  it('lists, searches and finds recent posts; delete moves the file to .signet-trash', async () => {
    const publisher = await publisherFor();
    const a = await publisher.createPost(post({ title: 'Alpha', dateGmt: '2030-01-01T00:00:00.000Z' }));
    const b = await publisher.createPost(
      post({ title: 'Beta', status: 'draft', dateGmt: '2030-02-01T00:00:00.000Z' }),
    );
    await write('content/posts/_index.md', '---\ntitle: Posts\n---\n');
    await write(
      'content/posts/handmade.md',
      '+++\ntitle = "By hand"\ndate = 2029-01-01T00:00:00Z\n+++\nHi\n',
    );

    const all = await publisher.listPosts({ type: 'post', page: 1, perPage: 2 });
    expect(all.total).toBe(3);
    expect(all.totalPages).toBe(2);
    expect(all.items.map((p) => p.title)).toEqual(['Beta', 'Alpha']);
    expect(
      (await publisher.listPosts({ type: 'post', page: 1, perPage: 10, status: ['draft'] })).items,
    ).toHaveLength(1);
    expect(
      (await publisher.listPosts({ type: 'post', page: 1, perPage: 10, search: 'hand' })).items[0]!.title,
    ).toBe('By hand');

    await publisher.deletePost(a.remoteId, 'post', { force: false });
    expect(await exists(a.remoteId)).toBe(false);
    expect(await exists(`${TRASH_DIR}/${a.remoteId}`)).toBe(true);
    const missing = await rejection(publisher.getPost(a.remoteId, 'post'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no longer in the site folder/);

    const recent = await publisher.findRecentPosts({
      type: 'post',
      since: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(recent.map((p) => [p.title, p.status]).sort()).toEqual([
      ['Alpha', 'trash'],
      ['Beta', 'draft'],
      ['By hand', 'publish'],
    ]);
    expect(
      (await publisher.findRecentPosts({ type: 'post', since: new Date(Date.now() + 60_000).toISOString() }))
        .length,
    ).toBe(0);

    await publisher.deletePost(b.remoteId, 'post', { force: true });
    expect(await exists(b.remoteId)).toBe(false);
    expect(await exists(`${TRASH_DIR}/${b.remoteId}`)).toBe(false);
  });

  it('keeps media: same bytes reuse the file, other bytes get a new name; lists and finds them', async () => {
    const publisher = await publisherFor();
    const upload = (bytes: number[]) =>
      publisher.uploadMedia({
        fileName: 'pic.jpg',
        mimeType: 'image/jpeg',
        bytes: new Uint8Array(bytes),
        altText: '',
      });
    const first = await upload([1]);
    expect(first.remoteId).toBe('static/images/pic.jpg');
    expect((await upload([1])).remoteId).toBe('static/images/pic.jpg');
    expect((await upload([2])).remoteId).toBe('static/images/pic-2.jpg');
    await write('static/images/readme.txt', 'not an image');
    const listed = await publisher.listMedia({ page: 1, perPage: 10 });
    expect(listed.items.map((m) => m.title).sort()).toEqual(['pic-2.jpg', 'pic.jpg']);
    expect((await publisher.listMedia({ page: 1, perPage: 10, search: 'pic-2' })).items).toHaveLength(1);
    const found = await publisher.findRecentMedia({
      fileName: 'pic.jpg',
      mimeType: 'image/jpeg',
      since: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(found.map((m) => m.title).sort()).toEqual(['pic-2.jpg', 'pic.jpg']);
  });

  it('collects tags and categories from the posts', async () => {
    const publisher = await publisherFor();
    await publisher.createPost(post({ title: 'One', tags: ['boats'] }));
    await publisher.createPost(post({ title: 'Two', tags: ['boats', 'rivers'] }));
    expect(await publisher.searchTerms('tags', '')).toEqual([
      { id: 'boats', name: 'boats', slug: 'boats', count: 2 },
      { id: 'rivers', name: 'rivers', slug: 'rivers', count: 1 },
    ]);
    expect(await publisher.createTerm('categories', ' New One ')).toEqual({
      id: 'New One',
      name: 'New One',
      slug: 'new-one',
      count: 0,
    });
  });
});

describe('StaticSitePublisher: Jekyll and Eleventy', () => {
  it('Jekyll: _posts/YYYY-MM-DD-<slug>.md, drafts in _drafts, moved on publish; images in assets/images', async () => {
    await write('_config.yml', 'url: https://me.github.io\nbaseurl: /blog\npermalink: pretty\n');
    const publisher = await publisherFor();
    const draft = await publisher.createPost(post({ status: 'draft' }));
    expect(draft.remoteId).toBe('_drafts/hello-world.md');
    expect(draft.status).toBe('draft');
    const { data } = splitFrontMatter(await read(draft.remoteId));
    expect(data).toMatchObject({
      excerpt: 'A short summary',
      canonical_url: 'https://elsewhere.example/hello',
      excerpt_separator: '<!--more-->',
    });
    expect(data.draft).toBeUndefined();

    const published = await publisher.updatePost(draft.remoteId, post(), {
      ifUnmodifiedSince: draft.modifiedGmt,
    });
    expect(published.remoteId).toBe('_posts/2030-05-01-hello-world.md');
    expect(published.status).toBe('publish');
    expect(published.permalink).toBe('https://me.github.io/blog/travel/2030/05/01/hello-world/');
    expect(await exists('_drafts/hello-world.md')).toBe(false);

    const media = await publisher.uploadMedia({
      fileName: 'a.webp',
      mimeType: 'image/webp',
      bytes: new Uint8Array([9]),
      altText: '',
    });
    expect(media).toMatchObject({ remoteId: 'assets/images/a.webp', url: '/blog/assets/images/a.webp' });
    const page = await publisher.createPost(post({ type: 'page', title: 'About' }));
    expect(page.remoteId).toBe('about.md');
    expect(page.permalink).toBe('https://me.github.io/blog/about/');
  });

  it('Eleventy: posts/<slug>.md with description, images in images/; file:// permalinks without a URL', async () => {
    await write('eleventy.config.js', 'export default function () {}\n');
    const publisher = await publisherFor();
    const created = await publisher.createPost(post());
    expect(created.remoteId).toBe('posts/hello-world.md');
    expect(splitFrontMatter(await read(created.remoteId)).data).toMatchObject({
      description: 'A short summary',
      draft: false,
    });
    expect(created.permalink).toBe(`file://${path.join(dir, 'posts', 'hello-world.md')}`);
    const media = await publisher.uploadMedia({
      fileName: 'b.png',
      mimeType: 'image/png',
      bytes: new Uint8Array([1]),
      altText: '',
    });
    expect(media).toMatchObject({ remoteId: 'images/b.png', url: '/images/b.png' });
  });
});

describe('StaticSitePublisher: disk problems', () => {
  beforeEach(async () => {
    await write('hugo.toml', "title = 'x'\n");
  });

  it('a full disk: nothing written, a message that says to free space', async () => {
    const fs = new FailingFs();
    const publisher = await publisherFor(undefined, fs);
    fs.failWith('ENOSPC');
    const error = await rejection(publisher.createPost(post()));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/disk that holds .* is full, so nothing was written\. Free some space/);
    expect(fs.failures).toBeGreaterThan(0);
    expect(await exists('content/posts/hello-world.md')).toBe(false);
    const upload = await rejection(
      publisher.uploadMedia({
        fileName: 'a.png',
        mimeType: 'image/png',
        bytes: new Uint8Array([1]),
        altText: '',
      }),
    );
    expect(upload.message).toMatch(/is full/);
  });

  it('no permission: FORBIDDEN with what to do', async () => {
    const fs = new FailingFs();
    const publisher = await publisherFor(undefined, fs);
    fs.failWith('EACCES');
    const error = await rejection(publisher.createPost(post()));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/no permission to write to .*Give your user write access/);
    const verify = await rejection(publisher.verify());
    expect(verify.code).toBe('FORBIDDEN');
  });

  it('the site folder gone: NOT_FOUND naming the folder', async () => {
    const publisher = await publisherFor();
    await fsp.rm(dir, { recursive: true, force: true });
    const error = await rejection(publisher.createPost(post()));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/is not there/);
  });
});

describe('staticSitePlatform', () => {
  const deps: PlatformDeps = {
    fetch: () => Promise.reject(new Error('no network for a folder')),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    clock,
    openExternal: async () => {},
    dataDir: '',
  };

  it('prepares an empty Hugo site in the data folder, and connecting to it gives one blog without a secret', async () => {
    const folder = await prepareDefaultSite(dir);
    expect(folder).toBe(defaultSiteFolder(dir));
    expect(await read('site/hugo.toml')).toContain('unsafe = true');
    expect(await exists('site/content/posts')).toBe(true);
    expect(await exists('site/static/images')).toBe(true);
    await fsp.writeFile(path.join(folder, 'hugo.toml'), "title = 'Kept'\n");
    await prepareDefaultSite(dir);
    expect(await read('site/hugo.toml')).toBe("title = 'Kept'\n");

    const pending = await staticSitePlatform.signIn!({ kind: 'folder', folder }, { ...deps, dataDir: dir });
    expect(pending.secret).toBe('');
    expect(pending.siteUrl).toBe(`file://${folder}`);
    expect(pending.siteName).toBe('Kept');
    expect(pending.blogs).toHaveLength(1);
    const account = pending.blogs[0]!.account;
    expect(account.api).toEqual({ transport: 'folder', folder, generator: 'hugo' });
    expect(
      staticSitePlatform.body({
        ...account,
        settings: { contentFormat: 'classic', maxImageWidth: 2048 },
      } as never),
    ).toEqual({
      format: 'markdown',
      readMore: 'wordpress',
      embeds: 'link',
    });

    const publisher = await staticSitePlatform.createPublisher(
      {
        ...account,
        id: 'a',
        destinationKey: 'k',
        createdAt: '',
        updatedAt: '',
        settings: { contentFormat: 'classic', maxImageWidth: 2048 },
      },
      '',
      deps,
    );
    const created = await publisher.createPost(post());
    expect(created.remoteId).toBe('content/posts/hello-world.md');
  });

  it("uses the site's baseURL as its address, and the generator the author names", async () => {
    await write('_config.yml', 'url: https://me.example\ntitle: Jay\n');
    const pending = await staticSitePlatform.signIn!({ kind: 'folder', folder: dir }, deps);
    expect(pending.siteUrl).toBe('https://me.example/');
    expect(pending.blogs[0]!.account.api.generator).toBe('jekyll');
    const forced = await staticSitePlatform.signIn!(
      { kind: 'folder', folder: dir, generator: 'eleventy' },
      deps,
    );
    expect(forced.blogs[0]!.account.api.generator).toBe('eleventy');
    await expect(
      staticSitePlatform.signIn!({ kind: 'folder', folder: 'relative/path' }, deps),
    ).rejects.toThrow(/full path/);
  });
});
