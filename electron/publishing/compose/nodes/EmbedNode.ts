import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';

import { parseEmbedUrl, type EmbedProvider, type ParsedEmbedUrl } from '../../../contract/embeds';
import { $document, ELEMENT_NODE, TEXT_NODE, fromLexical, type Element, type HTMLElement } from '../dom';

/**
 * The main process's twin of the editor's embed node (renderer/editor/nodes/EmbedNode.tsx): a
 * YouTube video, a Vimeo video or a tweet, stored as its canonical URL (see contract/embeds.ts).
 * Same type, JSON and HTML as the editor's node, without the React component. See ImageNode.ts
 * for why twins exist; `nodes.test.ts` keeps the two in step.
 */

/** Version 1 of the embed node's JSON (renderer/editor/nodes/EmbedNode.tsx owns the format). */
export type SerializedEmbedNode = Spread<
  { type: 'embed'; version: 1; url: string; provider: EmbedProvider },
  SerializedLexicalNode
>;

export interface EmbedPayload {
  url: string;
  provider: EmbedProvider;
  key?: NodeKey;
}

export class EmbedNode extends DecoratorNode<null> {
  __url: string;
  __provider: EmbedProvider;

  override $config() {
    return this.config('embed', {
      extends: DecoratorNode,
      importDOM: {
        // A paragraph holding nothing but an embeddable URL (as text, or as a link whose text is
        // the URL): the form every blog without embeds gets, and what Lexical's export writes.
        // Priority 1 beats the plain paragraph conversion.
        p: (element: object) =>
          isTopLevel(fromLexical(element)) && embedInParagraph(fromLexical(element)) !== null
            ? { conversion: $convertEmbedParagraph, priority: 1 }
            : null,
      } satisfies DOMConversionMap,
    });
  }

  static override clone(node: EmbedNode): EmbedNode {
    return new EmbedNode({ url: node.__url, provider: node.__provider }, node.__key);
  }

  static override importJSON(json: SerializedEmbedNode): EmbedNode {
    return $createEmbedNode({ url: json.url, provider: json.provider }).updateFromJSON(json);
  }

  constructor(payload: Omit<EmbedPayload, 'key'> = { url: '', provider: 'youtube' }, key?: NodeKey) {
    super(key);
    this.__url = payload.url;
    this.__provider = payload.provider;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedEmbedNode>): this {
    const node = super.updateFromJSON(json).getWritable();
    node.__url = typeof json.url === 'string' ? json.url : '';
    node.__provider = json.provider;
    return node;
  }

  override exportJSON(): SerializedEmbedNode {
    return {
      ...super.exportJSON(),
      type: 'embed',
      version: 1,
      url: this.__url,
      provider: this.__provider,
    };
  }

  /**
   * Lexical's plain HTML export, as the editor writes it: a paragraph with a link to the URL
   * (the form any HTML consumer understands); `composeHtml` replaces it per destination.
   */
  override exportDOM(): DOMExportOutput {
    const doc = $document();
    const p = doc.createElement('p');
    const a = doc.createElement('a');
    a.setAttribute('href', this.__url);
    a.textContent = this.__url;
    p.append(a);
    return { element: p };
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
    return this.getLatest().__url;
  }

  getURL(): string {
    return this.getLatest().__url;
  }

  getProvider(): EmbedProvider {
    return this.getLatest().__provider;
  }

  override decorate(): null {
    return null;
  }
}

/**
 * The embed a `<p>` stands for when its only content is an embeddable URL: one text node, or one
 * `<a>` (optionally with `<br>`s or whitespace around) whose href is the URL and whose text is the
 * URL too. A link with other text ("watch this") is the author's link, not an embed.
 */
export function embedInParagraph(p: Element): ParsedEmbedUrl | null {
  let link: Element | null = null;
  let text = '';
  for (const child of Array.from(p.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      text += child.textContent ?? '';
    } else if (child.nodeType === ELEMENT_NODE) {
      const element = child as unknown as Element;
      if (element.nodeName === 'BR') continue;
      if (element.nodeName !== 'A' || link !== null) return null;
      if (element.children.length > 0) return null;
      link = element;
    }
  }
  if (link === null) return parseEmbedUrl(text);
  if (text.trim() !== '') return null;
  const href = parseEmbedUrl(link.getAttribute('href') ?? '');
  const label = parseEmbedUrl(link.textContent ?? '');
  return href !== null && label !== null && href.url === label.url ? href : null;
}

/** An embed is a block of the post: a paragraph in a list, quote or table stays a paragraph. */
function isTopLevel(p: Element): boolean {
  const parent = p.parentElement;
  return parent === null || ['BODY', 'DIV', 'SECTION', 'ARTICLE', 'MAIN'].includes(parent.tagName);
}

function $convertEmbedParagraph(value: object): DOMConversionOutput {
  const parsed = embedInParagraph(fromLexical(value));
  const node = parsed === null ? null : $createEmbedNode({ url: parsed.url, provider: parsed.provider });
  // The paragraph's text or link is the URL the node already holds.
  return { node, after: () => [] };
}

export function $createEmbedNode(payload: EmbedPayload): EmbedNode {
  const { key, ...rest } = payload;
  return $applyNodeReplacement(new EmbedNode(rest, key));
}

export function $isEmbedNode(node: LexicalNode | null | undefined): node is EmbedNode {
  return node instanceof EmbedNode;
}
