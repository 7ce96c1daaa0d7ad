// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../bridge', () => ({
  call: vi.fn(async () => ({ updatedAt: '2026-01-01T00:00:01.000Z' })),
  SignetError: class SignetError extends Error {},
}));

import { useAutosave } from './useAutosave';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Autosave = ReturnType<typeof useAutosave>;

function Harness({ onRender }: { onRender(autosave: Autosave): void }): null {
  onRender(useAutosave('draft-1', '2026-01-01T00:00:00.000Z', () => {}));
  return null;
}

describe('useAutosave markEdited', () => {
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
