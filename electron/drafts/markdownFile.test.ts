import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Draft } from '../contract';
import { splitFrontMatter } from '../publishing/compose/markdown';
import { DraftStore } from './DraftStore';
import { exportDraftMarkdown, importMarkdownDraft, readMarkdownForImport } from './markdownFile';
import { FailingFs, makeTempDir, removeTempDir, silentLog } from './testing/helpers';

let dir: string;
let store: DraftStore;

beforeEach(async () => {
  dir = await makeTempDir();
  store = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
});
afterEach(async () => {
  await store.close();
  await removeTempDir(dir);
});

const PNG = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);

const image = (fileName: string, altText: string, caption = '') => ({
  type: 'image',
  version: 1,
  fileName,
  altText,
  caption,
});
const textNode = (text: string, format = 0) => ({
  type: 'text',
  version: 1,
  text,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
});
const para = (...children: unknown[]) => ({
  type: 'paragraph',
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  children,
});

async function draftWithImages(): Promise<{ draft: Draft; assetsDir: string }> {
  const created = await store.create({
    title: 'Boats at dusk',
    meta: {
      tags: ['boats'],
      categories: ['Travel'],
      excerpt: 'Evening',
      slug: 'boats-at-dusk',
      featuredImage: 'cover.png',
    },
  });
  const harbour = await store.addAsset(created.id, 'harbour view.png', PNG);
  await store.addAsset(created.id, 'cover.png', new Uint8Array([7]));
  const editorState = {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        para(textNode('Hello '), textNode('world', 1)),
        image(harbour, 'The harbour', 'At dusk'),
        image('not-there.png', 'Lost'),
        { type: 'read-more', version: 1 },
        para(textNode('More.')),
      ],
    },
  };
  await store.save({ id: created.id, title: created.title, editorState, meta: created.meta });
  const draft = await store.get(created.id);
  return { draft, assetsDir: path.dirname(store.assetPath(draft.id, harbour)!) };
}

describe('exportDraftMarkdown', () => {
  it('writes <name>.md with front matter and copies the images beside it, linked relatively', async () => {
    const { draft, assetsDir } = await draftWithImages();
    const target = path.join(dir, 'out', 'boats.md');
    const result = await exportDraftMarkdown(draft, assetsDir, target);
    expect(result.file).toBe(target);
    expect(result.imagesDir).toBe(path.join(dir, 'out', 'boats-images'));
    expect(result.images.sort()).toEqual(['cover.png', 'harbour-view.png']);
    expect(result.warnings.map((w) => w.code)).toEqual(['IMAGE_NOT_UPLOADED']);
    expect(
      new Uint8Array(await fsp.readFile(path.join(dir, 'out', 'boats-images', 'harbour-view.png'))),
    ).toEqual(PNG);

    const { data, body } = splitFrontMatter(await fsp.readFile(target, 'utf8'));
    expect(data).toEqual({
      title: 'Boats at dusk',
      date: draft.createdAt,
      lastmod: draft.updatedAt,
      draft: true,
      slug: 'boats-at-dusk',
      summary: 'Evening',
      tags: ['boats'],
      categories: ['Travel'],
      image: 'boats-images/cover.png',
    });
    expect(body).toBe(
      'Hello **world**\n\n![The harbour](boats-images/harbour-view.png "At dusk")\n\n<!--more-->\n\nMore.\n',
    );
  });

  it('says what went wrong when the disk is full', async () => {
    const { draft, assetsDir } = await draftWithImages();
    const fs = new FailingFs();
    fs.failWith('ENOSPC');
    await expect(
      exportDraftMarkdown(draft, assetsDir, path.join(dir, 'full.md'), { fs: fs.port }),
    ).rejects.toThrow(/could not export the draft to .*full\.md: the disk is full; free some space/);
  });
});

describe('readMarkdownForImport and importMarkdownDraft', () => {
  it('round-trips an exported draft into a new draft with its images as assets', async () => {
    const { draft, assetsDir } = await draftWithImages();
    const target = path.join(dir, 'out', 'boats.md');
    await exportDraftMarkdown(draft, assetsDir, target);

    const read = await readMarkdownForImport(target);
    expect(read.title).toBe('Boats at dusk');
    expect(read.meta).toEqual({
      tags: ['boats'],
      categories: ['Travel'],
      excerpt: 'Evening',
      slug: 'boats-at-dusk',
      featuredImage: 'cover.png',
    });
    expect(read.images).toEqual([
      { sourcePath: path.join(dir, 'out', 'boats-images', 'harbour-view.png'), fileName: 'harbour-view.png' },
      { sourcePath: path.join(dir, 'out', 'boats-images', 'cover.png'), fileName: 'cover.png' },
    ]);

    const { draft: imported, warnings } = await importMarkdownDraft(store, target);
    expect(warnings).toEqual([]);
    expect(imported.id).not.toBe(draft.id);
    expect(imported.title).toBe('Boats at dusk');
    expect(imported.meta.featuredImage).toBe('cover.png');
    const harbourPath = store.assetPath(imported.id, 'harbour-view.png');
    expect(harbourPath).not.toBeNull();
    expect(new Uint8Array(await fsp.readFile(harbourPath!))).toEqual(PNG);
    const kinds = (imported.editorState!.root.children as Array<{ type: string; fileName?: string }>).map(
      (c) => (c.type === 'image' ? `image:${c.fileName}` : c.type),
    );
    // The image that was missing from the draft's assets was not exported, so it is not imported.
    expect(kinds).toEqual(['paragraph', 'image:harbour-view.png', 'read-more', 'paragraph']);
  });

  it('reads Hugo TOML files, a # title, string tags, a future date, and warns about missing images', async () => {
    const file = path.join(dir, 'site', 'content', 'posts', 'trip.md');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.mkdir(path.join(dir, 'site', 'static', 'images'), { recursive: true });
    await fsp.writeFile(path.join(dir, 'site', 'static', 'images', 'sea.png'), PNG);
    await fsp.writeFile(
      file,
      "+++\ntags = 'a, b'\ndescription = 'About a trip'\ndate = 2999-01-01T00:00:00Z\n+++\n\n# The trip\n\nText ![Sea](/images/sea.png) and ![Gone](gone.png)\n",
    );
    const read = await readMarkdownForImport(file);
    expect(read.title).toBe('The trip');
    expect(read.meta).toEqual({
      tags: ['a', 'b'],
      excerpt: 'About a trip',
      scheduledAt: '2999-01-01T00:00:00.000Z',
    });
    expect(read.images).toEqual([
      { sourcePath: path.join(dir, 'site', 'static', 'images', 'sea.png'), fileName: 'sea.png' },
    ]);
    expect(read.warnings).toEqual(['One image was not found next to the file and was left out: gone.png.']);
    const types = (read.editorState.root.children as Array<{ type: string }>).map((c) => c.type);
    expect(types).toEqual(['paragraph', 'image', 'paragraph']);
  });

  it('explains a file that cannot be read', async () => {
    await expect(readMarkdownForImport(path.join(dir, 'nope.md'))).rejects.toThrow(
      /is not there any more\. Choose the file again/,
    );
  });
});
