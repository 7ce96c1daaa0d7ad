/** Where a debounced save stands, for the “Saved / Saving…” line. */
export type PatchSaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface PatchSaver<P extends object> {
  /** Merges a change into what is waiting to be saved and (re)starts the quiet-time timer. */
  change(patch: P): void;
  /** Saves what is waiting now and resolves when nothing is in flight (saved or failed). */
  flush(): Promise<void>;
  /** Stops the timer; what is waiting is kept for a last `flush`. */
  dispose(): void;
}

/**
 * Debounced saving of partial changes (a snippet's name, kind, content…): changes are merged, one
 * save is in flight at a time, and a failed save keeps its changes (under any newer ones) until
 * the next change or flush tries again — nothing typed is dropped.
 */
export function createPatchSaver<P extends object>(options: {
  save(patch: P): Promise<void>;
  onState(state: PatchSaveState, error?: unknown): void;
  delayMs?: number;
}): PatchSaver<P> {
  const delayMs = options.delayMs ?? 600;
  let pending: P | null = null;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const saveOnce = async (): Promise<void> => {
    if (pending === null) return;
    const patch = pending;
    pending = null;
    options.onState('saving');
    try {
      await options.save(patch);
      options.onState(pending === null ? 'saved' : 'pending');
    } catch (error) {
      pending = { ...patch, ...(pending ?? {}) } as P;
      options.onState('failed', error);
      throw error;
    }
  };

  const flush = async (): Promise<void> => {
    clearTimer();
    // One save at a time, in order: wait for the one on its way, then send what came after it.
    while (inFlight !== null) await inFlight.catch(() => undefined);
    if (pending === null) return;
    const run = saveOnce().finally(() => {
      inFlight = null;
    });
    inFlight = run;
    try {
      await run;
    } catch {
      return; // reported through onState; kept for the next try
    }
    if (pending !== null) await flush();
  };

  return {
    change(patch) {
      pending = { ...(pending ?? {}), ...patch } as P;
      if (inFlight === null) options.onState('pending');
      clearTimer();
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    dispose: clearTimer,
  };
}
