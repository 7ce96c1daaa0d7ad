/** What publishing asks of the store: remote identity kept without an edit, revisions, content replaced. */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DraftStore } from './DraftStore';
import { makeTempDir, manualClock, paragraphs, removeTempDir, silentLog } from './testing/helpers';

let dir: string;
let store: DraftStore;
const clock = manualClock();

beforeEach(async () => {
  dir = await makeTempDir();
  store = await DraftStore.open({ dir, watch: false, log: silentLog, clock: clock.now });
});

afterEach(async () => {
  await store.close();
  await removeTempDir(dir);
});

it('creates a draft with content and a remote identity (opened from a blog)', async () => {
  const draft = await store.create({
    title: 'From the blog',
    editorState: paragraphs('Remote words.'),
    meta: { tags: ['news'] },
    destinations: {
      'wordpress:http://blog.example': { remoteId: '42', permalink: 'http://blog.example/?p=42' },
    },
  });
  const file = JSON.parse(await fsp.readFile(path.join(dir, `${draft.id}.json`), 'utf8')) as typeof draft;
  expect(file.destinations['wordpress:http://blog.example']?.remoteId).toBe('42');
  expect(store.list({ filter: 'published', offset: 0, limit: 10 }).items.map((d) => d.title)).toEqual([
    'From the blog',
  ]);
});

it('records publish state without changing the text or the date', async () => {
  const draft = await store.create({ title: 'Post' });
  const saved = await store.save({ id: draft.id, title: 'Post', editorState: paragraphs('Body.') });
  clock.advance(60_000);
  const updated = await store.updatePublishState(draft.id, (d) => ({
    meta: { ...d.meta, tags: ['a'] },
    destinations: { key: { remoteId: '7', status: 'publish' } },
  }));
  expect(updated.updatedAt).toBe(saved.updatedAt);
  const again = await store.get(draft.id);
  expect(again.destinations.key?.remoteId).toBe('7');
  expect(again.meta.tags).toEqual(['a']);
  expect(JSON.stringify(again.editorState)).toContain('Body.');
});

it('replaces the content with another version and keeps the old one as a revision', async () => {
  const draft = await store.create({ title: 'Mine' });
  await store.save({ id: draft.id, title: 'Mine', editorState: paragraphs('My words.') });
  const replaced = await store.replaceContent(
    draft.id,
    { title: 'Theirs', editorState: paragraphs('Server words.') },
    'conflict',
  );
  expect(replaced.title).toBe('Theirs');
  const revisions = await store.listRevisions(draft.id);
  expect(revisions.map((r) => [r.reason, r.title])).toContainEqual(['conflict', 'Mine']);
  const kept = await store.getRevision(draft.id, revisions.find((r) => r.reason === 'conflict')!.id);
  expect(JSON.stringify(kept.draft.editorState)).toContain('My words.');
});

it('takes a before-publish snapshot on request', async () => {
  const draft = await store.create({ title: 'Snap' });
  await store.save({ id: draft.id, title: 'Snap', editorState: paragraphs('Sent text.') });
  await store.snapshotRevision(draft.id, 'before-publish');
  expect((await store.listRevisions(draft.id)).map((r) => r.reason)).toContain('before-publish');
});
