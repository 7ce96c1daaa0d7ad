import { afterEach, describe, expect, it } from 'vitest';
import { requestSchemas } from '../contract/schemas';
import { DraftStore } from './DraftStore';
import { makeTempDir, manualClock, paragraphs, removeTempDir, silentLog } from './testing/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(dir: string) {
  const store = await DraftStore.open({ dir, clock: manualClock().now, log: silentLog, watch: false });
  cleanups.push(() => store.close());
  return store;
}

describe("a draft's word-count goal", () => {
  it('survives a save, a text-only autosave after it, and a reload from disk', async () => {
    const dir = await makeTempDir();
    cleanups.push(() => removeTempDir(dir));
    const store = await open(dir);
    const draft = await store.create({ title: 'Essay', meta: { tags: ['craft'] } });
    const meta = { ...draft.meta, wordGoal: 1500 };
    // What the renderer sends when the author sets a goal passes the contract.
    const request = { id: draft.id, title: 'Essay', editorState: paragraphs('One.'), meta };
    expect(requestSchemas.saveDraft.safeParse(request).success).toBe(true);
    await store.save(request);
    // Autosave sends no meta: the goal stays.
    await store.save({ id: draft.id, title: 'Essay', editorState: paragraphs('One. Two.') });
    await store.close();

    const reopened = await open(dir);
    expect((await reopened.get(draft.id)).meta).toEqual({ tags: ['craft'], wordGoal: 1500 });
  });

  it('is refused by the contract when it is not a positive whole number', () => {
    for (const wordGoal of [0, -5, 2.5, '1000']) {
      const parsed = requestSchemas.saveDraft.safeParse({
        id: 'abc',
        title: '',
        editorState: null,
        meta: { wordGoal },
      });
      expect(parsed.success).toBe(false);
    }
  });
});
