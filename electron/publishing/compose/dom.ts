import { withDOM } from '@lexical/headless/dom';
import type { Document, Element, Node, Window } from 'happy-dom';
import { $getDocument } from 'lexical';

/**
 * The DOM that composing and importing run on. The main process has no browser DOM, and Lexical's
 * HTML export and import need one, so each call runs inside `withDOM` from `@lexical/headless/dom`
 * (a fresh happy-dom window, set as the global `window`/`document` for the synchronous call and
 * closed afterwards). happy-dom never runs scripts nor loads resources for parsed HTML here.
 *
 * The main process compiles without TypeScript's DOM library, so DOM values are typed with
 * happy-dom's own classes.
 */
export type {
  Comment,
  Document,
  DocumentFragment,
  Element,
  HTMLElement,
  Node,
  Text,
  Window,
} from 'happy-dom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;

/** Runs `f` synchronously with a DOM window (a fresh happy-dom one outside a browser). */
export function withServerDOM<T>(f: (window: Window) => T): T {
  return withDOM((window) => f(window as unknown as Window));
}

/** The document Lexical builds HTML in, inside an editor read or update. */
export function $document(): Document {
  return $getDocument() as unknown as Document;
}

/** Removes any node (happy-dom types `remove()` on elements and character data only). */
export function removeNode(node: Node): void {
  node.parentNode?.removeChild(node);
}

/** Puts `nodes` where `node` is, and removes `node`. */
export function replaceNode(node: Node, nodes: Node[]): void {
  const parent = node.parentNode;
  if (parent === null) return;
  for (const replacement of nodes) parent.insertBefore(replacement, node);
  parent.removeChild(node);
}

/**
 * A DOM value handed over by Lexical. In the main process Lexical's DOM types resolve to the empty
 * stubs of @types/react's global.d.ts, so they are narrowed to happy-dom's types here, once.
 */
export function fromLexical<T extends Node = Element>(value: object): T {
  return value as T;
}

/** The other way: a happy-dom value where Lexical's API expects its (stub-typed) DOM. */
export function toLexical(value: Node): never {
  return value as never;
}
