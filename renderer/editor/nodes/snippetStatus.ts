import { createContext, useContext } from 'react';

/**
 * What the last rendering said about a snippet a node uses. No entry: fine, or not asked yet
 * (a draft shown without a library, such as a revision, shows its stored content without notices).
 */
export type SnippetStatus =
  | { kind: 'missing' }
  | {
      kind: 'error';
      /** The template problem, as the main process words it. */
      message: string;
    };

/** Snippet id → status; set by the SnippetsPlugin, read by each snippet node's component. */
export const SnippetStatusContext = createContext<ReadonlyMap<string, SnippetStatus>>(new Map());

export function useSnippetStatus(snippetId: string): SnippetStatus | undefined {
  return useContext(SnippetStatusContext).get(snippetId);
}
