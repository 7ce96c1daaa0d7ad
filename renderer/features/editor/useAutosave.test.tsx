// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../bridge', () => ({
  call: vi.fn(async () => ({ updatedAt: '2026-01-01T00:00:01.000Z' })),
  SignetError: class SignetError extends Error {},
}));

import { call } from '../../bridge';
import { SAVING_LABEL_DELAY_MS, useAutosave, type DraftContent } from './useAutosave';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Autosave = ReturnType<typeof useAutosave>;

function Harness({ onRender }: { onRender(autosave: Autosave): void }): null {
  onRender(useAutosave('draft-1', '2026-01-01T00:00:00.000Z', () => {}));
  return null;
}

let root: Root;
let latest: Autosave;

beforeEach(() => {
  vi.useFakeTimers();
  root = createRoot(document.createElement('div'));
  act(() => root.render(<Harness onRender={(autosave) => (latest = autosave)} />));
});

afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
});

describe('useAutosave markEdited', () => {
  it('knows of the edit at once and shows "unsaved" in the frame after the keystroke, not inside it', () => {
    expect(latest.state).toBe('saved');
    act(() => latest.markEdited());
    // The edit is known at once (an external change must not reload over it)…
    expect(latest.hasPendingEdit()).toBe(true);
    // …while the label, a re-render of the draft screen, follows in the next frame.
    expect(latest.state).toBe('saved');
    act(() => vi.advanceTimersByTime(50));
    expect(latest.state).toBe('unsaved');
  });

  it('does not show "unsaved" once the edit was saved before the label was due', async () => {
    act(() => latest.markEdited());
    act(() => latest.setBase('2026-01-01T00:00:02.000Z'));
    expect(latest.hasPendingEdit()).toBe(false);
    act(() => vi.advanceTimersByTime(50));
    expect(latest.state).toBe('saved');
  });
});

describe('useAutosave timing', () => {
  const saveDraft = vi.mocked(call);
  const content: DraftContent = {
    title: 'Title',
    editorState: { root: { type: 'root', version: 1, children: [] } },
  };
  const current = () => content;
  const saves = () => saveDraft.mock.calls.filter(([name]) => name === 'saveDraft').length;

  beforeEach(() => saveDraft.mockClear());

  it('saves an editor report in the pause it came in, not half a second later', async () => {
    act(() => latest.change({ editorState: content.editorState }, current));
    expect(saves()).toBe(0);
    await act(async () => vi.advanceTimersByTimeAsync(1));
    expect(saves()).toBe(1);
    expect(saveDraft).toHaveBeenLastCalledWith('saveDraft', {
      id: 'draft-1',
      title: 'Title',
      editorState: content.editorState,
      baseUpdatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(latest.state).toBe('saved');
  });

  it('waits for a pause in title typing before saving it', async () => {
    act(() => latest.change({ title: 'Ti' }, current));
    await act(async () => vi.advanceTimersByTimeAsync(300));
    act(() => latest.change({ title: 'Tit' }, current));
    await act(async () => vi.advanceTimersByTimeAsync(300));
    expect(saves()).toBe(0);
    expect(latest.state).toBe('unsaved');
    await act(async () => vi.advanceTimersByTimeAsync(250));
    expect(saves()).toBe(1);
    expect(latest.state).toBe('saved');
  });

  it('shows "Saving…" only while a save takes longer than a moment', async () => {
    let finish: (value: { updatedAt: string }) => void = () => {};
    saveDraft.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    act(() => latest.change({ editorState: content.editorState }, current));
    await act(async () => vi.advanceTimersByTimeAsync(1));
    expect(saves()).toBe(1);
    // A quick save never shows it (no flash, no announcement, no extra render)…
    await act(async () => vi.advanceTimersByTimeAsync(SAVING_LABEL_DELAY_MS - 50));
    expect(latest.state).toBe('unsaved');
    // …a slow one does, until it is done.
    await act(async () => vi.advanceTimersByTimeAsync(100));
    expect(latest.state).toBe('saving');
    await act(async () => finish({ updatedAt: '2026-01-01T00:00:03.000Z' }));
    expect(latest.state).toBe('saved');
  });
});
