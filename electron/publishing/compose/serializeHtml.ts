import { COMMENT_NODE, ELEMENT_NODE, TEXT_NODE, type Element, type Node } from './dom';

/**
 * DOM → HTML text, like `outerHTML` but with `<` and `>` escaped in attribute values too. The
 * HTML standard leaves them raw there, and WordPress's KSES filter (applied to every post by a user
 * without `unfiltered_html`, such as an author) then reads `alt="a <b> c"` as markup and breaks
 * the image apart. The block editor escapes only `>` (`alt="a <b&gt; c"`), which KSES in
 * WordPress 6.1.9 still breaks (compose.integration.test.ts shows both).
 */
export function serializeHtml(node: Node): string {
  if (node.nodeType === TEXT_NODE) return escapeText(node.textContent ?? '');
  if (node.nodeType === COMMENT_NODE) return `<!--${node.textContent ?? ''}-->`;
  if (node.nodeType !== ELEMENT_NODE) return '';
  const element = node as Element;
  if (VOID_ELEMENTS.has(element.localName)) return openTag(element);
  return `${openTag(element)}${serializeChildren(element)}</${element.localName}>`;
}

export function serializeChildren(node: Node): string {
  return Array.from(node.childNodes, serializeHtml).join('');
}

/** `<tag attr="value">`, or `<tag …/>` when `selfClosing` (React's form, used by block markup). */
export function openTag(element: Element, selfClosing = false): string {
  const attributes = Array.from(
    element.attributes,
    (attr) => ` ${attr.name}="${escapeAttribute(attr.value ?? '')}"`,
  );
  return `<${element.localName}${attributes.join('')}${selfClosing ? '/>' : '>'}`;
}

const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}
