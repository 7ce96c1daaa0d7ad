import { type JSX, type KeyboardEvent, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';

import { type Snippet } from '../../../../electron/contract';
import { snippetKindLabel } from '../../../../electron/contract/snippetLabels';
import { t } from '../../../../electron/contract/i18n';
import { placeUnder, type PopoverAnchor } from '../../utils/popover';
import { matchSnippets } from './matchSnippets';

interface SnippetPickerProps {
  library: readonly Snippet[];
  anchor: PopoverAnchor | null;
  onChoose(snippetId: string): void;
  /** Shown as the last item, "Manage snippets…", when set. */
  onManage?: (() => void) | undefined;
  /** `refocusEditor` is false when focus already went elsewhere (a click outside). */
  onClose(refocusEditor: boolean): void;
}

interface Item {
  key: string;
  label: string;
  detail?: string;
  choose(): void;
}

/**
 * "Insert snippet": a search field over the library with a list of snippets under it (the
 * combobox pattern: focus stays in the field, arrow keys move the active option, Enter inserts,
 * Escape closes and returns to the text).
 */
export function SnippetPicker({
  library,
  anchor,
  onChoose,
  onManage,
  onClose,
}: SnippetPickerProps): JSX.Element {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const dialogRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const matches = useMemo(() => matchSnippets(library, query), [library, query]);
  const items: Item[] = [
    ...matches.map((snippet) => ({
      key: snippet.id,
      label: snippet.name.trim() === '' ? t('editor.snippetNode.untitled') : snippet.name,
      detail: snippetKindLabel(snippet.kind),
      choose: () => onChoose(snippet.id),
    })),
    ...(onManage ? [{ key: 'manage', label: t('editor.snippetPicker.manage'), choose: onManage }] : []),
  ];
  const activeIndex = Math.min(active, items.length - 1);
  const optionId = (index: number) => `${listId}-${index}`;

  useLayoutEffect(() => {
    if (dialogRef.current !== null) placeUnder(dialogRef.current, anchor);
    inputRef.current?.focus();
  }, [anchor]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      items[activeIndex]?.choose();
    }
  };

  return (
    <div
      ref={dialogRef}
      className="signet-snippet-picker"
      role="dialog"
      aria-label={t('editor.snippetPicker.label')}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      <input
        ref={inputRef}
        className="signet-snippet-picker__search"
        type="search"
        role="combobox"
        aria-label={t('editor.snippetPicker.search')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('editor.snippetPicker.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <ul
        id={listId}
        className="signet-snippet-picker__list"
        role="listbox"
        aria-label={t('editor.snippetPicker.list')}
      >
        {items.map((item, index) => (
          <li
            key={item.key}
            id={optionId(index)}
            className="signet-snippet-picker__option"
            role="option"
            aria-selected={index === activeIndex}
            // Keep focus in the search field; the click chooses.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={item.choose}
          >
            <span className="signet-snippet-picker__name">{item.label}</span>
            {item.detail !== undefined && <span className="signet-snippet-picker__kind">{item.detail}</span>}
          </li>
        ))}
      </ul>
      {matches.length === 0 && (
        <p className="signet-snippet-picker__empty" role="status">
          {library.length === 0 ? t('editor.snippetPicker.emptyLibrary') : t('editor.snippetPicker.noMatch')}
        </p>
      )}
    </div>
  );
}
