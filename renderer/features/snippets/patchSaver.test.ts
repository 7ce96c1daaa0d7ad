import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPatchSaver, type PatchSaveState } from './patchSaver';

type Patch = { name?: string; text?: string };

function setup(save: (patch: Patch) => Promise<void>) {
  const states: PatchSaveState[] = [];
  const saver = createPatchSaver<Patch>({ save, onState: (s) => states.push(s), delayMs: 500 });
  return { saver, states };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createPatchSaver', () => {
  it('merges changes made in quick succession into one save after the quiet time', async () => {
    const save = vi.fn(async (_patch: Patch) => {});
    const { saver, states } = setup(save);
    saver.change({ name: 'Sig' });
    saver.change({ text: 'Hello' });
    saver.change({ name: 'Signature' });
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith({ name: 'Signature', text: 'Hello' });
    expect(states.at(-1)).toBe('saved');
  });

  it('sends a change made during a save after that save, never two at once', async () => {
    let release: () => void = () => {};
    const calls: Patch[] = [];
    let running = 0;
    const save = vi.fn(async (patch: Patch) => {
      calls.push(patch);
      running++;
      expect(running).toBe(1);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    });
    const { saver } = setup(save);
    saver.change({ text: 'one' });
    const first = saver.flush();
    saver.change({ text: 'two' });
    const second = saver.flush();
    release();
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual([{ text: 'one' }, { text: 'two' }]);
  });

  it('keeps what a failed save carried and sends it with the next change', async () => {
    const save = vi
      .fn<(patch: Patch) => Promise<void>>()
      .mockRejectedValueOnce(new Error('disk full'))
      .mockResolvedValue(undefined);
    const { saver, states } = setup(save);
    saver.change({ name: 'Bio', text: 'old' });
    await saver.flush();
    expect(states.at(-1)).toBe('failed');
    saver.change({ text: 'new' });
    await saver.flush();
    expect(save).toHaveBeenLastCalledWith({ name: 'Bio', text: 'new' });
    expect(states.at(-1)).toBe('saved');
  });

  it('does nothing on flush when nothing changed', async () => {
    const save = vi.fn(async () => {});
    const { saver } = setup(save);
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
  });
});
