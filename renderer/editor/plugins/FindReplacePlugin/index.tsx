import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  COMMAND_PRIORITY_HIGH,
  createCommand,
  KEY_DOWN_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import { type JSX, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';

import { t } from '../../../../electron/contract/i18n';
import {
  $findMatches,
  $replaceAll,
  $replaceMatch,
  $selectMatch,
  type FindOptions,
  type Match,
} from './findMatches';

export { $findMatches, $replaceAll, findInText, type FindOptions, type Match } from './findMatches';

/** Opens the find bar (Ctrl/Cmd+F in the editor; the host may dispatch it from a menu). */
export const OPEN_FIND_COMMAND: LexicalCommand<void> = createCommand('SIGNET_OPEN_FIND');

/** Quiet time after an edit before the matches are counted again. */
const RECOUNT_MS = 200;
const HIGHLIGHT = 'signet-find';
const HIGHLIGHT_CURRENT = 'signet-find-current';

function firstTextNode(element: Node): Text | null {
  if (element.nodeType === Node.TEXT_NODE) return element as Text;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/** The DOM range of a match, or null when its text is not on the page. */
function domRange(editor: LexicalEditor, match: Match): Range | null {
  const startEl = editor.getElementByKey(match.start.key);
  const endEl = editor.getElementByKey(match.end.key);
  const start = startEl && firstTextNode(startEl);
  const end = endEl && firstTextNode(endEl);
  if (!start || !end) return null;
  const range = document.createRange();
  try {
    range.setStart(start, Math.min(match.start.offset, start.length));
    range.setEnd(end, Math.min(match.end.offset, end.length));
  } catch {
    return null;
  }
  return range;
}

/** The CSS Custom Highlight registry, where the browser has it (Chromium; not happy-dom). */
function highlightRegistry(): HighlightRegistry | null {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
    ? CSS.highlights
    : null;
}

function clearHighlights(): void {
  const registry = highlightRegistry();
  registry?.delete(HIGHLIGHT);
  registry?.delete(HIGHLIGHT_CURRENT);
}

/**
 * Find and replace in the draft. The matches are painted with the CSS Custom Highlight API, so
 * the document is never changed to show them; they are counted again after a pause in editing,
 * never on each keystroke. Replace all is one update, hence one undo step.
 */
export function FindReplacePlugin({ isEditable }: { isEditable: boolean }): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [options, setOptions] = useState<FindOptions>({ matchCase: false, wholeWord: false });
  const [matches, setMatches] = useState<Match[]>([]);
  const [current, setCurrent] = useState(0);
  const findInput = useRef<HTMLInputElement>(null);
  /** Bring the current match into view on the next paint (not when an edit merely recounts). */
  const reveal = useRef(false);
  const state = useRef({ open, query, options, matches, current });
  state.current = { open, query, options, matches, current };

  const recount = useCallback(() => {
    const { query: q, options: o } = state.current;
    const found = editor.getEditorState().read(() => $findMatches(q, o));
    setMatches(found);
    setCurrent((index) => (found.length === 0 ? 0 : Math.min(index, found.length - 1)));
  }, [editor]);

  const go = useCallback((step: 1 | -1) => {
    const count = state.current.matches.length;
    if (count === 0) return;
    reveal.current = true;
    setCurrent((index) => (index + step + count) % count);
  }, []);

  const close = useCallback(() => {
    const { matches: found, current: index } = state.current;
    setOpen(false);
    clearHighlights();
    const match = found[index];
    editor.update(() => {
      if (match) $selectMatch(match);
    });
    editor.focus();
  }, [editor]);

  // Ctrl/Cmd+F in the document opens the bar (with the selected text, if short); F3 moves on.
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          OPEN_FIND_COMMAND,
          () => {
            const selected = window.getSelection()?.toString() ?? '';
            if (selected !== '' && selected.length <= 200 && !selected.includes('\n')) setQuery(selected);
            setOpen(true);
            requestAnimationFrame(() => {
              findInput.current?.focus();
              findInput.current?.select();
            });
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const mod = event.ctrlKey || event.metaKey;
            if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
              event.preventDefault();
              return editor.dispatchCommand(OPEN_FIND_COMMAND, undefined);
            }
            if (state.current.open && event.key === 'F3') {
              event.preventDefault();
              go(event.shiftKey ? -1 : 1);
              return true;
            }
            if (state.current.open && event.key === 'Escape') {
              close();
              return true;
            }
            return false;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor, go, close],
  );

  // Count again when the query or options change, and after a pause when the document changes.
  useEffect(() => {
    if (!open) return;
    recount();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(recount, RECOUNT_MS);
    });
    return () => {
      unregister();
      if (timer !== null) clearTimeout(timer);
    };
  }, [editor, open, query, options, recount]);

  // Paint the matches and bring the current one into view.
  useEffect(() => {
    const registry = highlightRegistry();
    if (!open) return;
    const ranges = matches.map((match) => domRange(editor, match));
    if (registry) {
      registry.set(HIGHLIGHT, new Highlight(...ranges.filter((r): r is Range => r !== null)));
      const active = ranges[current];
      if (active) registry.set(HIGHLIGHT_CURRENT, new Highlight(active));
      else registry.delete(HIGHLIGHT_CURRENT);
    }
    if (!reveal.current) return;
    reveal.current = false;
    const active = matches[current];
    const element = active ? editor.getElementByKey(active.start.key) : null;
    element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [editor, open, matches, current]);

  useEffect(() => clearHighlights, []);

  if (!open) return null;

  const replaceOne = () => {
    const match = matches[current];
    if (!match) return;
    editor.update(() => void $replaceMatch(match, replacement), { discrete: true });
    recount();
  };
  const replaceAll = () => {
    const { query: q, options: o } = state.current;
    editor.update(() => void $replaceAll(q, o, replacement), { discrete: true });
    recount();
  };

  const onFindKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'F3') {
      event.preventDefault();
      go(event.shiftKey ? -1 : 1);
    }
  };
  const onBarKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  const status =
    query === ''
      ? ''
      : matches.length === 0
        ? t('editor.find.noMatches')
        : t('editor.find.position', { current: current + 1, total: matches.length });

  return (
    <div className="signet-find" role="search" aria-label={t('editor.find.label')} onKeyDown={onBarKey}>
      <div className="signet-find__row">
        <input
          ref={findInput}
          className="signet-find__input"
          type="search"
          aria-label={t('editor.find.find')}
          placeholder={t('editor.find.find')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setCurrent(0);
            reveal.current = true;
          }}
          onKeyDown={onFindKey}
        />
        <span className="signet-find__count" role="status" aria-label={t('editor.find.matches')}>
          {status}
        </span>
        <button
          type="button"
          className="signet-button"
          aria-label={t('editor.find.previous')}
          title={t('editor.find.previous.title')}
          disabled={matches.length === 0}
          onClick={() => go(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="signet-button"
          aria-label={t('editor.find.next')}
          title={t('editor.find.next.title')}
          disabled={matches.length === 0}
          onClick={() => go(1)}
        >
          ↓
        </button>
        <label className="signet-find__option">
          <input
            type="checkbox"
            checked={options.matchCase}
            onChange={(event) => setOptions((o) => ({ ...o, matchCase: event.target.checked }))}
          />
          {t('editor.find.matchCase')}
        </label>
        <label className="signet-find__option">
          <input
            type="checkbox"
            checked={options.wholeWord}
            onChange={(event) => setOptions((o) => ({ ...o, wholeWord: event.target.checked }))}
          />
          {t('editor.find.wholeWord')}
        </label>
        <button
          type="button"
          className="signet-button"
          aria-label={t('editor.find.close')}
          title={t('editor.find.close.title')}
          onClick={close}
        >
          ×
        </button>
      </div>
      {isEditable ? (
        <div className="signet-find__row">
          <input
            className="signet-find__input"
            type="text"
            aria-label={t('editor.find.replaceWith')}
            placeholder={t('editor.find.replaceWith')}
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                replaceOne();
              }
            }}
          />
          <button
            type="button"
            className="signet-button"
            disabled={matches.length === 0}
            onClick={replaceOne}
          >
            {t('editor.find.replace')}
          </button>
          <button
            type="button"
            className="signet-button"
            disabled={matches.length === 0}
            onClick={replaceAll}
          >
            {t('editor.find.replaceAll')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
