/**
 * The right-click menu: spelling suggestions and "Add to Dictionary" for a misspelled word, link
 * actions, and the edit commands the current selection allows. Electron shows no context menu by
 * itself, so without this there would be no way to accept a spelling suggestion.
 * https://www.electronjs.org/docs/latest/tutorial/spellchecker
 */
import { isAllowedExternalUrl } from '../../security/urls';

/** The parts of Electron's `ContextMenuParams` this menu reads. */
export interface ContextMenuInput {
  x: number;
  y: number;
  isEditable: boolean;
  misspelledWord: string;
  dictionarySuggestions: string[];
  selectionText: string;
  linkURL: string;
  editFlags: {
    canUndo: boolean;
    canRedo: boolean;
    canCut: boolean;
    canCopy: boolean;
    canPaste: boolean;
    canDelete: boolean;
    canSelectAll: boolean;
  };
}

export type ContextMenuAction =
  | { type: 'replaceMisspelling'; word: string }
  | { type: 'addToDictionary'; word: string }
  | { type: 'openLink'; url: string }
  | { type: 'copyLink'; url: string }
  | { type: 'inspect'; x: number; y: number };

export interface ContextMenuItemSpec {
  label?: string;
  role?: 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'selectAll';
  type?: 'normal' | 'separator';
  enabled?: boolean;
  action?: ContextMenuAction;
}

/** More suggestions than this is noise; Chromium itself shows a handful. */
export const MAX_SUGGESTIONS = 5;

export function contextMenuTemplate(
  params: ContextMenuInput,
  options: { isDev: boolean },
): ContextMenuItemSpec[] {
  const groups: ContextMenuItemSpec[][] = [];

  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    groups.push([
      ...(suggestions.length > 0
        ? suggestions.map((word) => ({ label: word, action: { type: 'replaceMisspelling', word } as const }))
        : [{ label: 'No Guesses Found', enabled: false }]),
      { label: 'Add to Dictionary', action: { type: 'addToDictionary', word: params.misspelledWord } },
    ]);
  }

  if (params.linkURL && isAllowedExternalUrl(params.linkURL)) {
    groups.push([
      { label: 'Open Link in Browser', action: { type: 'openLink', url: params.linkURL } },
      { label: 'Copy Link', action: { type: 'copyLink', url: params.linkURL } },
    ]);
  }

  const f = params.editFlags;
  if (params.isEditable) {
    groups.push([
      { role: 'cut', enabled: f.canCut },
      { role: 'copy', enabled: f.canCopy },
      { role: 'paste', enabled: f.canPaste },
      { role: 'pasteAndMatchStyle', enabled: f.canPaste },
    ]);
    groups.push([{ role: 'selectAll', enabled: f.canSelectAll }]);
  } else if (params.selectionText.trim().length > 0) {
    groups.push([{ role: 'copy', enabled: f.canCopy }]);
  }

  if (options.isDev) {
    groups.push([{ label: 'Inspect Element', action: { type: 'inspect', x: params.x, y: params.y } }]);
  }

  // Groups are separated by one separator, never leading, trailing or doubled.
  return groups
    .filter((g) => g.length > 0)
    .flatMap((g, i) => (i === 0 ? g : [{ type: 'separator' as const }, ...g]));
}
