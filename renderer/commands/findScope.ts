/**
 * Where Find… (Ctrl/Cmd+F) applies: in a draft's page (title, text, find bar, outline) it finds in
 * the draft; anywhere else it searches the drafts. App and DraftScreen both ask this.
 */
export const DRAFT_PAGE_ATTRIBUTE = 'data-find-scope';

export function isInDraftText(element: Element | null): boolean {
  return element?.closest(`[${DRAFT_PAGE_ATTRIBUTE}="draft"]`) != null;
}
