import { $isCodeNode } from '@lexical/code';
import {
  LexicalTypeaheadMenuPlugin,
  MenuOption,
  type MenuTextMatch,
  useBasicTypeaheadTriggerMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $findMatchingParent } from '@lexical/utils';
import { $getSelection, $isRangeSelection, type LexicalEditor, type TextNode } from 'lexical';
import { type JSX, useCallback, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';

import { type Snippet } from '../../../../electron/contract';
import { snippetKindLabel } from '../../../../electron/contract/snippetLabels';
import { t } from '../../../../electron/contract/i18n';
import { matchSnippets } from './matchSnippets';

class SnippetOption extends MenuOption {
  constructor(readonly snippet: Snippet) {
    super(snippet.id);
  }
}

interface SnippetTypeaheadProps {
  library: readonly Snippet[];
  /** The positioned element the menu is placed in (the editor canvas), so it takes the editor's theme. */
  parent: HTMLElement | null;
  onChoose(snippetId: string): void;
}

/**
 * The `/` command: typing `/` at the start of a word lists the snippets, `/sig` narrows the list
 * to "Signature", Enter (or a click) inserts the highlighted one in place of what was typed, and
 * Escape leaves the text as typed. The menu only opens while some snippet matches, so a slash in
 * ordinary writing ("either / or") does not take Enter or the arrow keys away from the text.
 */
export function SnippetTypeahead({ library, parent, onChoose }: SnippetTypeaheadProps): JSX.Element {
  const [query, setQuery] = useState<string | null>(null);
  const slashMatch = useBasicTypeaheadTriggerMatch('/', {
    minLength: 0,
    maxLength: 40,
    allowWhitespace: true,
  });

  const triggerFn = useCallback(
    (text: string, triggerEditor: LexicalEditor): MenuTextMatch | null => {
      const match = slashMatch(text, triggerEditor);
      if (match === null || /^\s/.test(match.matchingString)) return null;
      // Paths and comments in code blocks are full of slashes.
      const selection = $getSelection();
      if ($isRangeSelection(selection) && $findMatchingParent(selection.anchor.getNode(), $isCodeNode))
        return null;
      return matchSnippets(library, match.matchingString).length > 0 ? match : null;
    },
    [slashMatch, library],
  );

  const options = useMemo(
    () => (query === null ? [] : matchSnippets(library, query).map((snippet) => new SnippetOption(snippet))),
    [library, query],
  );

  const onSelectOption = useCallback(
    (option: SnippetOption, typed: TextNode | null, closeMenu: () => void) => {
      // Runs inside the menu's update: the typed "/sig" goes, and the snippet takes its place.
      typed?.remove();
      closeMenu();
      onChoose(option.snippet.id);
    },
    [onChoose],
  );

  return (
    <LexicalTypeaheadMenuPlugin<SnippetOption>
      options={options}
      triggerFn={triggerFn}
      onQueryChange={setQuery}
      onSelectOption={onSelectOption}
      anchorClassName="signet-snippet-menu__anchor"
      parent={parent ?? undefined}
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) =>
        anchor.current !== null && options.length > 0
          ? createPortal(
              // The anchor is the listbox (Lexical names it and points aria-activedescendant at
              // `typeahead-item-<index>`); these are its options.
              <div className="signet-snippet-menu">
                {options.map((option, index) => (
                  <div
                    key={option.key}
                    ref={(element) => option.setRefElement(element)}
                    id={`typeahead-item-${index}`}
                    className="signet-snippet-menu__option"
                    role="option"
                    aria-selected={selectedIndex === index}
                    tabIndex={-1}
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseEnter={() => setHighlightedIndex(index)}
                    onClick={() => {
                      setHighlightedIndex(index);
                      selectOptionAndCleanUp(option);
                    }}
                  >
                    <span className="signet-snippet-picker__name">
                      {option.snippet.name.trim() === ''
                        ? t('editor.snippetNode.untitled')
                        : option.snippet.name}
                    </span>
                    <span className="signet-snippet-picker__kind">
                      {snippetKindLabel(option.snippet.kind)}
                    </span>
                  </div>
                ))}
              </div>,
              anchor.current,
            )
          : null
      }
    />
  );
}
