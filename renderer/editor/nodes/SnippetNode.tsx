import { $generateNodesFromDOM } from '@lexical/html';
import {
  $applyNodeReplacement,
  $createParagraphNode,
  $getDocument,
  $getEditor,
  $isDecoratorNode,
  $isElementNode,
  $isTextNode,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type ParagraphNode,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { JSX } from 'react';

import type { SerializedSnippetNode as ContractSnippetNode } from '../../../electron/contract';
import { sanitizeSnippetHtmlToDom, snippetHtmlText } from '../serialization/snippetHtml';
import { SnippetComponent } from './SnippetComponent';

/**
 * Version 1 of the snippet node's JSON, exactly the contract's `SerializedSnippetNode` (the main
 * process reads it when it publishes); a change here needs a migration in serialization/.
 */
export type SerializedSnippetNode = Spread<
  // Pick makes an object type of the interface, which Lexical's JSON types can take.
  Pick<ContractSnippetNode, keyof ContractSnippetNode>,
  SerializedLexicalNode
>;

export interface SnippetPayload {
  snippetId: string;
  name: string;
  html: string;
  key?: NodeKey;
}

/**
 * A use of a library snippet in a post: a block that shows the snippet rendered for this draft
 * and cannot be edited in place (the snippet is edited in the library, and every draft that uses
 * it follows). It keeps the last rendered HTML so that a draft opened where the library lacks the
 * snippet still shows it, and publishes it as shown. "Unlink" turns one use into ordinary content.
 */
export class SnippetNode extends DecoratorNode<JSX.Element> {
  __snippetId: string;
  __name: string;
  __html: string;

  override $config() {
    // No importDOM: pasted HTML is ordinary content; only Signet's own clipboard JSON carries
    // snippet nodes.
    return this.config('snippet', { extends: DecoratorNode });
  }

  static override clone(node: SnippetNode): SnippetNode {
    return new SnippetNode({ snippetId: node.__snippetId, name: node.__name, html: node.__html }, node.__key);
  }

  static override importJSON(json: SerializedSnippetNode): SnippetNode {
    return $createSnippetNode().updateFromJSON(json);
  }

  constructor(payload: Omit<SnippetPayload, 'key'> = { snippetId: '', name: '', html: '' }, key?: NodeKey) {
    super(key);
    this.__snippetId = payload.snippetId;
    this.__name = payload.name;
    this.__html = payload.html;
  }

  // Drafts on disk are read back through here, so every field is checked rather than trusted.
  override updateFromJSON(json: LexicalUpdateJSON<SerializedSnippetNode>): this {
    const node = super.updateFromJSON(json).getWritable();
    node.__snippetId = typeof json.snippetId === 'string' ? json.snippetId : '';
    node.__name = typeof json.name === 'string' ? json.name : '';
    node.__html = typeof json.html === 'string' ? json.html : '';
    return node;
  }

  override exportJSON(): SerializedSnippetNode {
    return {
      ...super.exportJSON(),
      type: 'snippet',
      version: 1,
      snippetId: this.getSnippetId(),
      name: this.getName(),
      html: this.getHtml(),
    };
  }

  /** The snippet's content as it is shown (copying it to another program copies the content). */
  override exportDOM(): DOMExportOutput {
    const doc = $getDocument();
    const fragment = doc.createDocumentFragment();
    const body = sanitizeSnippetHtmlToDom(this.getHtml(), doc.defaultView ?? window);
    fragment.append(...Array.from(body.childNodes));
    return { element: fragment };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = $getDocument().createElement('div');
    const className: unknown = config.theme.snippet;
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  // The snippet's words are published with the post, so they count (and copy as plain text).
  override getTextContent(): string {
    const text = snippetHtmlText(this.getHtml());
    return text === '' ? '\n' : `${text}\n`;
  }

  getSnippetId(): string {
    return this.getLatest().__snippetId;
  }

  getName(): string {
    return this.getLatest().__name;
  }

  getHtml(): string {
    return this.getLatest().__html;
  }

  /** Takes a fresh rendering from the library. */
  setRendered(name: string, html: string): this {
    const node = this.getWritable();
    node.__name = name;
    node.__html = html;
    return node;
  }

  override decorate(): JSX.Element {
    return (
      <SnippetComponent
        nodeKey={this.getKey()}
        snippetId={this.__snippetId}
        name={this.__name}
        html={this.__html}
      />
    );
  }
}

export function $createSnippetNode(payload?: SnippetPayload): SnippetNode {
  if (payload === undefined) return $applyNodeReplacement(new SnippetNode());
  const { key, ...rest } = payload;
  return $applyNodeReplacement(new SnippetNode(rest, key));
}

export function $isSnippetNode(node: LexicalNode | null | undefined): node is SnippetNode {
  return node instanceof SnippetNode;
}

/**
 * Replaces a snippet node by ordinary editor content made from its HTML (the same path as an HTML
 * paste), so this one use can be edited; the library and other drafts are untouched. Returns the
 * blocks that took its place.
 */
export function $unlinkSnippetNode(node: SnippetNode): LexicalNode[] {
  const editor = $getEditor();
  const generated = $generateNodesFromDOM(editor, sanitizeSnippetHtmlToDom(node.getHtml()));
  // HTML import can hand back bare inline runs (text, links, line breaks) at the top level; a
  // document's top level holds blocks, so consecutive inline nodes share a paragraph.
  const blocks: LexicalNode[] = [];
  let paragraph: ParagraphNode | null = null;
  for (const child of generated) {
    const isBlock = ($isElementNode(child) || $isDecoratorNode(child)) && !child.isInline();
    if (isBlock) {
      paragraph = null;
      blocks.push(child);
      continue;
    }
    if (paragraph === null) {
      // Whitespace between blocks in the HTML is not content.
      if ($isTextNode(child) && child.getTextContent().trim() === '') continue;
      paragraph = $createParagraphNode();
      blocks.push(paragraph);
    }
    paragraph.append(child);
  }
  if (blocks.length === 0) blocks.push($createParagraphNode());
  for (const block of blocks) node.insertBefore(block);
  node.remove();
  return blocks;
}
