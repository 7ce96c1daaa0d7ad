/**
 * The command palette: every command by name with its shortcut, filtered as you type (ARIA
 * combobox + listbox: focus stays in the text field, arrows move the active option, Enter runs it,
 * Escape closes). A native modal <dialog>, so focus is trapped while it is open; on closing, focus
 * and the text selection go back where they were, then the chosen command runs.
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../../electron/contract/i18n';
import type { CommandId, CommandSpec } from '../../commands/registry';
import { ariaKeyShortcuts, formatShortcut, isMacPlatform } from '../../commands/shortcuts';
import { commandGroupName, filterCommands } from './filterCommands';

interface CommandPaletteProps {
  open: boolean;
  /** The commands to offer (those that make sense right now), in menu order. */
  commands: readonly CommandSpec[];
  onClose(): void;
  onRun(id: CommandId): void;
}

interface Saved {
  element: HTMLElement | null;
  range: Range | null;
}

function saveFocus(): Saved {
  const element = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const selection = document.getSelection();
  const range =
    element?.isContentEditable && selection && selection.rangeCount > 0
      ? selection.getRangeAt(0).cloneRange()
      : null;
  return { element, range };
}

function restoreFocus({ element, range }: Saved): void {
  if (!element || !element.isConnected) return;
  element.focus({ preventScroll: true });
  if (range && element.contains(range.startContainer)) {
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
}

export function CommandPalette({ open, commands, onClose, onRun }: CommandPaletteProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const saved = useRef<Saved>({ element: null, range: null });
  const pending = useRef<CommandId | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const isMac = useMemo(() => isMacPlatform(), []);

  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  const activeIndex = shown.length === 0 ? -1 : Math.min(active, shown.length - 1);
  const optionId = (id: CommandId) => `${baseId}-${id}`;

  // Open and close the native dialog; remember and give back focus.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      saved.current = saveFocus();
      pending.current = null;
      setQuery('');
      setActive(0);
      dialog.showModal();
      inputRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Keep the active option in view.
  useEffect(() => {
    if (activeIndex < 0) return;
    const option = listRef.current?.children[activeIndex];
    if (option instanceof HTMLElement) option.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex]);

  const finish = (id: CommandId | null) => {
    pending.current = id;
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = shown.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + count) % count);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      if (count === 0) return;
      setActive(event.key === 'PageDown' ? count - 1 : 0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = shown[activeIndex];
      if (chosen) finish(chosen.id);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label={t('palette.label')}
      onClose={(event) => {
        if (event.target !== event.currentTarget) return;
        restoreFocus(saved.current);
        const id = pending.current;
        pending.current = null;
        if (open) onClose();
        // After focus is back, so a command that moves focus (Find) has the last word.
        if (id) onRun(id);
      }}
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        finish(null);
      }}
      onClick={(event) => {
        // A click on the backdrop (outside the panel) closes it.
        if (event.target === event.currentTarget) finish(null);
      }}
    >
      {open ? (
        <div className="palette-panel">
          <input
            ref={inputRef}
            className="palette-input"
            type="text"
            role="combobox"
            aria-label={t('palette.input.label')}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeIndex >= 0 ? optionId(shown[activeIndex]!.id) : undefined}
            placeholder={t('palette.input.placeholder')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul
            ref={listRef}
            id={listId}
            className="palette-list"
            role="listbox"
            aria-label={t('palette.list.label')}
          >
            {shown.map((command, index) => (
              <li
                key={command.id}
                id={optionId(command.id)}
                role="option"
                aria-selected={index === activeIndex}
                aria-label={
                  command.shortcut
                    ? t('palette.optionWithShortcut', {
                        title: command.title,
                        shortcut: formatShortcut(command.shortcut, isMac),
                      })
                    : command.title
                }
                aria-keyshortcuts={command.shortcut ? ariaKeyShortcuts(command.shortcut, isMac) : undefined}
                className="palette-option"
                onMouseMove={() => index !== activeIndex && setActive(index)}
                onClick={() => finish(command.id)}
              >
                <span className="palette-group" aria-hidden="true">
                  {commandGroupName(command.group)}
                </span>
                <span className="palette-title">{command.title}</span>
                {command.shortcut ? (
                  <kbd className="palette-shortcut">{formatShortcut(command.shortcut, isMac)}</kbd>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="palette-status" role="status">
            {shown.length === 0
              ? t('palette.noMatch', { query })
              : t('palette.count', { count: shown.length })}
          </p>
        </div>
      ) : null}
    </dialog>
  );
}
