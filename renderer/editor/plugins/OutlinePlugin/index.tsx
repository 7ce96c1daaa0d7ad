import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $isElementNode } from 'lexical';
import { type JSX, useEffect, useState } from 'react';

import { t } from '../../../../electron/contract/i18n';
import { $readOutline, type OutlineItem, sameOutline } from './outline';

export { $readOutline, type OutlineItem } from './outline';

/** Quiet time after an edit before the outline is read again. */
const OUTLINE_DEBOUNCE_MS = 400;

function OutlineList({ items, onGo }: { items: OutlineItem[]; onGo(key: string): void }): JSX.Element {
  return (
    <ul className="signet-outline__list">
      {items.map((item) => (
        <li key={item.key} className={`signet-outline__item signet-outline__item--h${item.level}`}>
          <button type="button" className="signet-outline__link" onClick={() => onGo(item.key)}>
            {item.text === '' ? t('editor.outline.untitled') : item.text}
          </button>
          {item.children.length > 0 ? <OutlineList items={item.children} onGo={onGo} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The draft's H2–H4 headings as a tree; a click (or Enter) puts the caret at the heading and
 * scrolls it into view. Read again after a pause in editing, and only re-rendered when the
 * headings changed.
 */
export function OutlinePlugin({ onClose }: { onClose(): void }): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [outline, setOutline] = useState<OutlineItem[]>(() => editor.getEditorState().read($readOutline));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      const next = editor.getEditorState().read($readOutline);
      setOutline((previous) => (sameOutline(previous, next) ? previous : next));
    };
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(read, OUTLINE_DEBOUNCE_MS);
    });
    return () => {
      unregister();
      if (timer !== null) clearTimeout(timer);
    };
  }, [editor]);

  const go = (key: string) => {
    editor.update(() => {
      const node = $getNodeByKey(key);
      if ($isElementNode(node)) node.selectStart();
    });
    editor.focus(() => editor.getElementByKey(key)?.scrollIntoView({ block: 'start' }));
  };

  return (
    <nav
      className="signet-outline"
      aria-label={t('editor.outline.label')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
          editor.focus();
        }
      }}
    >
      <h2 className="signet-outline__title">{t('editor.outline.label')}</h2>
      {outline.length === 0 ? (
        <p className="signet-outline__empty">{t('editor.outline.empty')}</p>
      ) : (
        <OutlineList items={outline} onGo={go} />
      )}
    </nav>
  );
}
