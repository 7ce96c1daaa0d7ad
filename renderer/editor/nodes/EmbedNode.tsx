import {
  $applyNodeReplacement,
  $getDocument,
  DecoratorNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { JSX } from 'react';

import { parseEmbedUrl, type EmbedProvider, type ParsedEmbedUrl } from '../../../electron/contract/embeds';
import { EmbedComponent } from './EmbedComponent';

/** Version 1 of the embed node's JSON. electron/publishing/compose/nodes/EmbedNode.ts is its twin. */
export type SerializedEmbedNode = Spread<
  { type: 'embed'; version: 1; url: string; provider: EmbedProvider },
  SerializedLexicalNode
>;

export interface EmbedPayload {
  url: string;
  provider: EmbedProvider;
  key?: NodeKey;
}

/**
 * A YouTube video, a Vimeo video or a tweet, stored as its canonical URL (see
 * electron/contract/embeds.ts). The editor shows a card (provider, URL, "Open in browser",
 * Remove), never the player: the renderer's content security policy forbids third-party frames,
 * and the editor works offline. Each blog gets the embed in its own form when the post is
 * published (compose/cleanExport.ts).
 *
 * HTML export writes `<p><a href="URL">URL</a></p>`; import turns a top-level paragraph holding
 * nothing but an embeddable URL (as text or as a link whose text is the URL) into this node.
 */
export class EmbedNode extends DecoratorNode<JSX.Element> {
  __url: string;
  __provider: EmbedProvider;

  override $config() {
    return this.config('embed', {
      extends: DecoratorNode,
      importDOM: {
        // Priority 1 beats the plain paragraph conversion.
        p: (element: HTMLElement) =>
          isTopLevel(element) && embedInParagraph(element) !== null
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

  override exportDOM(): DOMExportOutput {
    const doc = $getDocument();
    const p = doc.createElement('p');
    const a = doc.createElement('a');
    a.setAttribute('href', this.__url);
    a.textContent = this.__url;
    p.append(a);
    return { element: p };
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = $getDocument().createElement('div');
    const className: unknown = config.theme.embed;
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  // Plain-text copies keep the link; word counts see one word.
  override getTextContent(): string {
    return this.getLatest().__url;
  }

  getURL(): string {
    return this.getLatest().__url;
  }

  getProvider(): EmbedProvider {
    return this.getLatest().__provider;
  }

  override decorate(): JSX.Element {
    return <EmbedComponent nodeKey={this.getKey()} url={this.__url} provider={this.__provider} />;
  }
}

/**
 * The embed a `<p>` stands for when its only content is an embeddable URL: one text run, or one
 * `<a>` (with `<br>`s or whitespace around) whose href and text are both that URL. A link with
 * other text ("watch this") is the author's link, not an embed.
 */
export function embedInParagraph(p: HTMLElement): ParsedEmbedUrl | null {
  let link: Element | null = null;
  let text = '';
  for (const child of Array.from(p.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      text += child.textContent ?? '';
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const element = child as Element;
      if (element.nodeName === 'BR') continue;
      if (element.nodeName !== 'A' || link !== null || element.children.length > 0) return null;
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
function isTopLevel(p: HTMLElement): boolean {
  const parent = p.parentElement;
  return parent === null || ['BODY', 'DIV', 'SECTION', 'ARTICLE', 'MAIN'].includes(parent.tagName);
}

function $convertEmbedParagraph(element: HTMLElement): DOMConversionOutput {
  const parsed = embedInParagraph(element);
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
