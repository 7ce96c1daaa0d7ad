/**
 * Test-only: makes happy-dom's `Node.prototype.nodeName` answer like a browser's.
 *
 * DOMPurify reads `nodeName` through the getter on `Node.prototype` (a defence against DOM
 * clobbering). Browsers have one native getter there; happy-dom 21 returns '' from it and
 * overrides `nodeName` in each subclass, so DOMPurify sees every element as unnamed, removes it
 * and stops walking. This getter answers from the node type, which is what the browser getter
 * does. Nothing in the app imports this file.
 */
export function installBrowserNodeName(): void {
  const proto = Node.prototype as Node & { __signetNodeName?: true };
  if (proto.__signetNodeName) return;
  Object.defineProperty(proto, '__signetNodeName', { value: true });
  Object.defineProperty(proto, 'nodeName', {
    configurable: true,
    get(this: Node): string {
      switch (this.nodeType) {
        case Node.ELEMENT_NODE:
          return (this as Element).tagName;
        case Node.TEXT_NODE:
          return '#text';
        case Node.CDATA_SECTION_NODE:
          return '#cdata-section';
        case Node.COMMENT_NODE:
          return '#comment';
        case Node.DOCUMENT_NODE:
          return '#document';
        case Node.DOCUMENT_FRAGMENT_NODE:
          return '#document-fragment';
        case Node.DOCUMENT_TYPE_NODE:
          return (this as DocumentType).name;
        case Node.PROCESSING_INSTRUCTION_NODE:
          return (this as ProcessingInstruction).target;
        default:
          return '';
      }
    },
  });
}
