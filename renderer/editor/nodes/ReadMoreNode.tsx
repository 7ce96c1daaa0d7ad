import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import {
  $applyNodeReplacement,
  $getDocument,
  CLICK_COMMAND,
  COMMAND_PRIORITY_LOW,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { useEffect, useRef, type JSX } from 'react';
import { t } from '../../../electron/contract/i18n';

/** Version 1 of the read-more break's JSON: no fields beyond type and version. */
export type SerializedReadMoreNode = Spread<{ type: 'read-more'; version: 1 }, SerializedLexicalNode>;

/** The attribute that marks an `<hr>` as the read-more break in HTML. */
export const READ_MORE_ATTRIBUTE = 'data-signet-more';

/**
 * The "read more" break: everything above it is the excerpt a blog shows on its front page.
 *
 * WordPress spells it `<!--more-->`, but a DOM comment cannot be a Lexical export element, so HTML
 * export writes `<hr data-signet-more="">` and the publisher turns that into whatever the target
 * blog wants (`<!--more-->` for WordPress, a card for Ghost). Import accepts the same `<hr>`; the
 * paste sanitizer also turns a pasted `<!--more-->` comment into it.
 */
export class ReadMoreNode extends DecoratorNode<JSX.Element> {
  override $config() {
    return this.config('read-more', {
      extends: DecoratorNode,
      importDOM: {
        // Priority 2 so it beats the plain horizontal rule conversion for the same tag.
        hr: (element: HTMLElement) =>
          element.hasAttribute(READ_MORE_ATTRIBUTE)
            ? { conversion: () => ({ node: $createReadMoreNode() }), priority: 2 }
            : null,
      } satisfies DOMConversionMap,
    });
  }

  static override clone(node: ReadMoreNode): ReadMoreNode {
    return new ReadMoreNode(node.__key);
  }

  static override importJSON(json: SerializedReadMoreNode): ReadMoreNode {
    return $createReadMoreNode().updateFromJSON(json);
  }

  override exportJSON(): SerializedReadMoreNode {
    return { ...super.exportJSON(), type: 'read-more', version: 1 };
  }

  override exportDOM(): DOMExportOutput {
    const hr = $getDocument().createElement('hr');
    hr.setAttribute(READ_MORE_ATTRIBUTE, '');
    return { element: hr };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = $getDocument().createElement('div');
    const className: unknown = config.theme.readMore;
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  // Plain-text copies and word counts should not include the label.
  override getTextContent(): string {
    return '\n';
  }

  override decorate(): JSX.Element {
    return <ReadMoreComponent nodeKey={this.getKey()} />;
  }
}

function ReadMoreComponent({ nodeKey }: { nodeKey: NodeKey }): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          const element = ref.current;
          if (element === null || !(event.target instanceof Node) || !element.contains(event.target))
            return false;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, clearSelection, setSelected],
  );

  return (
    <div
      ref={ref}
      className={`signet-read-more__divider${isSelected ? ' is-selected' : ''}`}
      role="separator"
      aria-label={t('editor.readMore.label')}
    >
      <span className="signet-read-more__label" aria-hidden="true">
        {t('editor.readMore.text')}
      </span>
    </div>
  );
}

export function $createReadMoreNode(): ReadMoreNode {
  return $applyNodeReplacement(new ReadMoreNode());
}

export function $isReadMoreNode(node: LexicalNode | null | undefined): node is ReadMoreNode {
  return node instanceof ReadMoreNode;
}
