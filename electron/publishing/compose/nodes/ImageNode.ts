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

import { $document, fromLexical, type Element, type HTMLElement } from '../dom';
import { isAllowedImageSrc } from '../urls';

/**
 * The main process's twin of the editor's image node (renderer/editor/nodes/ImageNode.tsx): the
 * same type, the same JSON and the same HTML import and export, without the React component the
 * editor renders. The main process cannot load the editor's node (it imports React and CSS), and
 * a headless editor only needs the data. `nodes.test.ts` checks that the golden draft written by
 * the editor loads and exports byte-identical JSON here, so the two cannot drift apart unnoticed.
 */

export interface ImagePayload {
  src?: string;
  fileName?: string;
  altText?: string;
  caption?: string;
  width?: number;
  height?: number;
  key?: NodeKey;
}

/** Version 1 of the image node's JSON (renderer/editor/nodes/ImageNode.tsx owns the format). */
export type SerializedImageNode = Spread<
  {
    type: 'image';
    version: 1;
    src?: string;
    fileName?: string;
    altText: string;
    caption: string;
    width?: number;
    height?: number;
  },
  SerializedLexicalNode
>;

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export class ImageNode extends DecoratorNode<null> {
  __src: string | undefined;
  __fileName: string | undefined;
  __altText: string;
  __caption: string;
  __width: number | undefined;
  __height: number | undefined;

  override $config() {
    return this.config('image', {
      extends: DecoratorNode,
      importDOM: {
        img: () => ({ conversion: $convertImgElement, priority: 0 }),
        // Only a figure that holds an image becomes an ImageNode; any other figure (a WordPress
        // table block's) falls through so its children are kept.
        figure: (element: object) =>
          fromLexical(element).querySelector('img')
            ? { conversion: $convertFigureElement, priority: 1 }
            : null,
      } satisfies DOMConversionMap,
    });
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(
      {
        src: node.__src,
        fileName: node.__fileName,
        altText: node.__altText,
        caption: node.__caption,
        width: node.__width,
        height: node.__height,
      },
      node.__key,
    );
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode().updateFromJSON(json);
  }

  constructor(payload: Omit<ImagePayload, 'key'> = {}, key?: NodeKey) {
    super(key);
    this.__src = payload.src;
    this.__fileName = payload.fileName;
    this.__altText = payload.altText ?? '';
    this.__caption = payload.caption ?? '';
    this.__width = payload.width;
    this.__height = payload.height;
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedImageNode>): this {
    const node = super.updateFromJSON(json).getWritable();
    node.__src = nonEmptyString(json.src);
    node.__fileName = nonEmptyString(json.fileName);
    node.__altText = typeof json.altText === 'string' ? json.altText : '';
    node.__caption = typeof json.caption === 'string' ? json.caption : '';
    node.__width = positiveInt(json.width);
    node.__height = positiveInt(json.height);
    return node;
  }

  override exportJSON(): SerializedImageNode {
    const json: SerializedImageNode = {
      ...super.exportJSON(),
      type: 'image',
      version: 1,
      altText: this.__altText,
      caption: this.__caption,
    };
    if (this.__src !== undefined) json.src = this.__src;
    if (this.__fileName !== undefined) json.fileName = this.__fileName;
    if (this.__width !== undefined) json.width = this.__width;
    if (this.__height !== undefined) json.height = this.__height;
    return json;
  }

  /** Lexical's plain HTML export, as the editor writes it; `composeHtml` replaces it per destination. */
  override exportDOM(): DOMExportOutput {
    const doc = $document();
    const figure = doc.createElement('figure');
    const img = doc.createElement('img');
    if (this.__fileName !== undefined) {
      img.setAttribute('src', this.__fileName);
      img.setAttribute('data-signet-file', this.__fileName);
    } else if (this.__src !== undefined) {
      img.setAttribute('src', this.__src);
    }
    img.setAttribute('alt', this.__altText);
    if (this.__width !== undefined) img.setAttribute('width', String(this.__width));
    if (this.__height !== undefined) img.setAttribute('height', String(this.__height));
    figure.append(img);
    if (this.__caption.trim().length > 0) {
      const figcaption = doc.createElement('figcaption');
      figcaption.textContent = this.__caption;
      figure.append(figcaption);
    }
    return { element: figure };
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

  getSrc(): string | undefined {
    return this.getLatest().__src;
  }

  getFileName(): string | undefined {
    return this.getLatest().__fileName;
  }

  getAltText(): string {
    return this.getLatest().__altText;
  }

  getCaption(): string {
    return this.getLatest().__caption;
  }

  getWidth(): number | undefined {
    return this.getLatest().__width;
  }

  getHeight(): number | undefined {
    return this.getLatest().__height;
  }

  override decorate(): null {
    return null;
  }
}

function dimension(img: Element, attribute: 'width' | 'height'): number | undefined {
  const value = img.getAttribute(attribute);
  return value !== null && /^\d+$/.test(value.trim()) ? positiveInt(Number(value)) : undefined;
}

function $imageFromImg(img: Element, caption: string): ImageNode | null {
  const src = img.getAttribute('src') ?? '';
  if (!isAllowedImageSrc(src)) return null;
  return $createImageNode({
    src,
    altText: img.getAttribute('alt') ?? '',
    caption,
    width: dimension(img, 'width'),
    height: dimension(img, 'height'),
  });
}

function $convertImgElement(value: object): DOMConversionOutput {
  const element = fromLexical(value);
  return { node: element.nodeName === 'IMG' ? $imageFromImg(element, '') : null };
}

function $convertFigureElement(value: object): DOMConversionOutput {
  const element = fromLexical(value);
  const img = element.querySelector('img');
  const caption = element.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const node = img ? $imageFromImg(img, caption) : null;
  // The figure's children (the img and the figcaption) are already folded into the node.
  return { node, after: () => [] };
}

export function $createImageNode(payload: ImagePayload = {}): ImageNode {
  const { key, ...rest } = payload;
  return $applyNodeReplacement(new ImageNode(rest, key));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
