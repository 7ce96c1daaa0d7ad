import { useLayoutEffect, useRef } from 'react';

/**
 * The latest value of a prop, for listeners registered once with Lexical. Re-registering commands
 * whenever a parent passes a new callback would churn on every render of the parent.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
