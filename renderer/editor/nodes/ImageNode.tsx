import type { JSX } from 'react';
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

import { ImageComponent } from './ImageComponent';
import { isAllowedImageSrc } from './imageSources';

export interface ImagePayload {
  /** A remote http(s) URL (or a data: URI, shown until it is copied into the draft's assets). */
  src?: string;
  /** An asset file in the draft's folder; wins over `src` when both are set. */
  fileName?: string;
  altText?: string;
  caption?: string;
  width?: number;
  height?: number;
  key?: NodeKey;
}

/** Version 1 of the image node's JSON; a change here needs a migration in serialization/. */
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

export class ImageNode extends DecoratorNode<JSX.Element> {
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
        // Only a figure that holds an image becomes an ImageNode; any other figure falls through to
        // the default conversion so its children (quotes, code) are kept.
        figure: (element: HTMLElement) =>
          element.querySelector('img') ? { conversion: $convertFigureElement, priority: 1 } : null,
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

  // Drafts on disk are read back through here, so every field is checked rather than trusted.
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
    // Optional fields are omitted rather than written as null so the JSON stays stable.
    if (this.__src !== undefined) json.src = this.__src;
    if (this.__fileName !== undefined) json.fileName = this.__fileName;
    if (this.__width !== undefined) json.width = this.__width;
    if (this.__height !== undefined) json.height = this.__height;
    return json;
  }

  /**
   * `<figure><img alt></figure>`, with a `<figcaption>` when there is a caption. An asset image has
   * no public URL yet, so it carries its file name in `data-signet-file` (and as a relative `src`)
   * for the publisher to replace with the uploaded media URL.
   */
  override exportDOM(): DOMExportOutput {
    const doc = $getDocument();
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

  override createDOM(config: EditorConfig): HTMLElement {
    const div = $getDocument().createElement('div');
    const className: unknown = config.theme.image;
    if (typeof className === 'string') div.className = className;
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  // Images are blocks in a blog post (WordPress and Ghost treat them the same way).
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

  setAltText(altText: string): this {
    const node = this.getWritable();
    node.__altText = altText;
    return node;
  }

  setCaption(caption: string): this {
    const node = this.getWritable();
    node.__caption = caption;
    return node;
  }

  /** Points the node at a file copied into the draft's assets, dropping the temporary `src`. */
  setFileName(fileName: string): this {
    const node = this.getWritable();
    node.__fileName = fileName;
    node.__src = undefined;
    return node;
  }

  override decorate(): JSX.Element {
    return (
      <ImageComponent
        nodeKey={this.getKey()}
        src={this.__src}
        fileName={this.__fileName}
        altText={this.__altText}
        caption={this.__caption}
        width={this.__width}
        height={this.__height}
      />
    );
  }
}

function dimension(img: HTMLImageElement, attribute: 'width' | 'height'): number | undefined {
  const value = img.getAttribute(attribute);
  return value !== null && /^\d+$/.test(value.trim()) ? positiveInt(Number(value)) : undefined;
}

function $imageFromImg(img: HTMLImageElement, caption: string): ImageNode | null {
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

function $convertImgElement(element: HTMLElement): DOMConversionOutput {
  // nodeName, not instanceof: pasted HTML is parsed in a separate document whose classes differ.
  return { node: element.nodeName === 'IMG' ? $imageFromImg(element as HTMLImageElement, '') : null };
}

function $convertFigureElement(element: HTMLElement): DOMConversionOutput {
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
