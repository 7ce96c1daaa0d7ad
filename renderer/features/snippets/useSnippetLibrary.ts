import { useCallback, useEffect, useRef, useState } from 'react';
import type { SnippetLibrary } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';

/**
 * The snippet library while `isActive`: loaded once, then again whenever the main process says
 * snippets changed (an edit elsewhere, an import, an undo).
 */
export function useSnippetLibrary(isActive: boolean): {
  library: SnippetLibrary | null;
  error: string | null;
  setLibrary(update: (library: SnippetLibrary) => SnippetLibrary): void;
  reload(): Promise<void>;
} {
  const [library, setLibraryState] = useState<SnippetLibrary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const loaded = await call('listSnippets');
      if (mine !== seq.current) return;
      setLibraryState(loaded);
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    if (!isActive) return;
    void reload();
    return on('snippetsChanged', () => void reload());
  }, [isActive, reload]);

  const setLibrary = useCallback((update: (library: SnippetLibrary) => SnippetLibrary) => {
    // A local change wins over a list request still on its way.
    seq.current++;
    setLibraryState((current) => (current ? update(current) : current));
  }, []);

  return { library, error, setLibrary, reload };
}
