import { createContext, useContext } from 'react';

/**
 * How the editor opens a web address in the system browser: the host's `onOpenLink` (the app's
 * external-link path), shared with decorator nodes such as the embed card, which render outside
 * the plugin tree that receives the prop. Undefined: the host cannot open links.
 */
export const OpenLinkContext = createContext<((url: string) => void) | undefined>(undefined);

export function useOpenLink(): ((url: string) => void) | undefined {
  return useContext(OpenLinkContext);
}
