/**
 * Quitting waits for pending saves. Electron's 'before-quit' cannot wait for a promise, so the
 * first quit is cancelled, the app is flushed once, and quit is asked for again; that second time
 * the gate lets it through. A flush that hangs must not make Signet impossible to quit, so it is
 * given a time limit.
 */
export interface QuitGate {
  /**
   * Call from 'before-quit'. `true`: let the quit go ahead. `false`: cancel this quit
   * (`event.preventDefault()`); `requestQuit` is called once the flush has finished.
   */
  beforeQuit(requestQuit: () => void): boolean;
}

export function createQuitGate(
  flush: () => Promise<void>,
  options: { timeoutMs: number; onError: (error: unknown) => void },
): QuitGate {
  let state: 'open' | 'flushing' | 'done' = 'open';
  return {
    beforeQuit(requestQuit) {
      if (state === 'done') return true;
      if (state === 'flushing') return false;
      state = 'flushing';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Saving before quit took longer than ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      });
      Promise.race([Promise.resolve().then(flush), timeout])
        .catch(options.onError)
        .finally(() => {
          clearTimeout(timer);
          state = 'done';
          requestQuit();
        });
      return false;
    },
  };
}
