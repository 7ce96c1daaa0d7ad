import { describe, expect, it, vi } from 'vitest';
import { createQuitGate } from './quitGate';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createQuitGate', () => {
  it('holds the first quit, flushes once, then lets the repeated quit through', async () => {
    const flushing = deferred();
    const flush = vi.fn(() => flushing.promise);
    const gate = createQuitGate(flush, { timeoutMs: 1000, onError: vi.fn() });
    const requestQuit = vi.fn();

    expect(gate.beforeQuit(requestQuit)).toBe(false);
    // Cmd+Q pressed again while saving: still held, no second flush.
    expect(gate.beforeQuit(requestQuit)).toBe(false);
    await Promise.resolve();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(requestQuit).not.toHaveBeenCalled();

    flushing.resolve();
    await vi.waitFor(() => expect(requestQuit).toHaveBeenCalledTimes(1));
    expect(gate.beforeQuit(requestQuit)).toBe(true);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('still quits, and reports, when the flush fails', async () => {
    const onError = vi.fn();
    const gate = createQuitGate(() => Promise.reject(new Error('disk full')), { timeoutMs: 1000, onError });
    const requestQuit = vi.fn();
    expect(gate.beforeQuit(requestQuit)).toBe(false);
    await vi.waitFor(() => expect(requestQuit).toHaveBeenCalled());
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
    expect(gate.beforeQuit(requestQuit)).toBe(true);
  });

  it('does not let a flush that hangs keep Signet open', async () => {
    vi.useFakeTimers();
    try {
      const onError = vi.fn();
      const gate = createQuitGate(() => new Promise<void>(() => {}), { timeoutMs: 10_000, onError });
      const requestQuit = vi.fn();
      gate.beforeQuit(requestQuit);
      await vi.advanceTimersByTimeAsync(9_999);
      expect(requestQuit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(requestQuit).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a flush that throws synchronously like one that rejects', async () => {
    const onError = vi.fn();
    const gate = createQuitGate(
      () => {
        throw new Error('boom');
      },
      { timeoutMs: 1000, onError },
    );
    const requestQuit = vi.fn();
    expect(gate.beforeQuit(requestQuit)).toBe(false);
    await vi.waitFor(() => expect(requestQuit).toHaveBeenCalled());
    expect(onError).toHaveBeenCalled();
  });
});
