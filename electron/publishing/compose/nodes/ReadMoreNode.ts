import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type LexicalNode,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';

import { $document, fromLexical, type HTMLElement } from '../dom';

/**
 * The main process's twin of the editor's read-more break (renderer/editor/nodes/ReadMoreNode.tsx):
 * same type, JSON and HTML, without the React component. See ImageNode.ts for why twins exist.
 */

/** Version 1 of the read-more break's JSON: no fields beyond type and version. */
export type SerializedReadMoreNode = Spread<{ type: 'read-more'; version: 1 }, SerializedLexicalNode>;

/** The attribute that marks an `<hr>` as the read-more break in Lexical's HTML. */
export const READ_MORE_ATTRIBUTE = 'data-signet-more';

export class ReadMoreNode extends DecoratorNode<null> {
  override $config() {
    return this.config('read-more', {
      extends: DecoratorNode,
      importDOM: {
        // Priority 2 so it beats the plain horizontal rule conversion for the same tag.
        hr: (element: object) =>
          fromLexical(element).hasAttribute(READ_MORE_ATTRIBUTE)
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

  /** Lexical's plain HTML export, as the editor writes it; `composeHtml` replaces it per destination. */
  override exportDOM(): DOMExportOutput {
    const hr = $document().createElement('hr');
    hr.setAttribute(READ_MORE_ATTRIBUTE, '');
    return { element: hr };
  }

  override createDOM(): HTMLElement {
    return $document().createElement('div');
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return '\n';
  }

  override decorate(): null {
    return null;
  }
}

export function $createReadMoreNode(): ReadMoreNode {
  return $applyNodeReplacement(new ReadMoreNode());
}

export function $isReadMoreNode(node: LexicalNode | null | undefined): node is ReadMoreNode {
  return node instanceof ReadMoreNode;
}
