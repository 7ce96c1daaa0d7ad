/**
 * A step of HTML clean-up that the paste sanitizer (renderer) and the import of a post from a blog
 * (main process) both run on a parsed DOM before Lexical imports it. Pure DOM: works on the
 * browser's document and on happy-dom's alike, and reads no globals.
 */

/**
 * The few DOM features used, written out: the contract is compiled without the DOM library (it
 * must run in the main process too), and a browser's or happy-dom's nodes fit these shapes.
 */
interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly parentElement: DomElement | null;
  readonly previousSibling: DomNode | null;
  readonly nextSibling: DomNode | null;
}
interface DomElement extends DomNode {
  readonly tagName: string;
  readonly childNodes: ArrayLike<DomNode>;
  readonly ownerDocument: {
    createElement(tag: string): DomElement;
    createTextNode(text: string): DomNode;
  };
  before(...nodes: DomNode[]): void;
  after(...nodes: DomNode[]): void;
  append(...nodes: DomNode[]): void;
  replaceWith(...nodes: DomNode[]): void;
  closest(selectors: string): DomElement | null;
}
interface DomParent {
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Where a list may stand: a list item outside a list in one of these gets a list around it. */
const LIST_CONTAINERS = new Set(['BODY', 'DIV', 'BLOCKQUOTE', 'LI', 'TD', 'TH', 'FIGURE']);

/**
 * Every list item under `root` that is in no `<ul>`/`<ol>` (a partial copy of a list, or the soup
 * HTML parsers leave of `<p><li>` or `<h2><li>`): where a list can stand (the top level, a quote,
 * a cell, a list item…), its run of sibling items gets a `<ul>`; anywhere else (a heading, a
 * paragraph, bold text) its content becomes a line of the text around it. Lexical's own fix-up
 * of such items moves nodes while it imports and can throw ("Expected node … to have a parent"),
 * which failed the whole paste or import; both were found by the 1,000,000-input hostile fuzz.
 */
export function placeStrayListItems(root: DomParent): void {
  // Outermost first, so an item inside a stray item is judged once its parent has a list.
  for (const item of Array.from(root.querySelectorAll('li'))) placeStrayListItem(item);
}

function placeStrayListItem(item: DomElement): void {
  const parent = item.parentNode;
  if (parent === null) return;
  // A fragment or document (the top level of a template's content) is where a list may stand.
  const tag = parent.nodeType === 1 ? (parent as DomElement).tagName.toUpperCase() : 'BODY';
  if (tag === 'UL' || tag === 'OL') return;
  // A cell outside a table row (an imported post's `<ul><td><li>`) is taken apart later by the
  // document rules, which place its items after the item it stood in (documentRules.ts).
  if ((tag === 'TD' || tag === 'TH') && parent.parentElement?.tagName.toUpperCase() !== 'TR') return;
  if (!LIST_CONTAINERS.has(tag)) {
    // A line of its own, as a browser shows it, so its words do not run into the text around it;
    // in a heading (one line), a space.
    const doc = item.ownerDocument;
    const inHeading = item.parentElement?.closest('h1, h2, h3, h4, h5, h6') != null;
    const isBreak = (node: DomNode): boolean =>
      node.nodeType === 1 && (node as DomElement).tagName.toUpperCase() === 'BR';
    const before = item.previousSibling;
    const after = item.nextSibling;
    if (inHeading) {
      if (before !== null && !/\s$/.test(before.textContent ?? '')) item.before(doc.createTextNode(' '));
      if (after !== null && !/^\s/.test(after.textContent ?? '')) item.after(doc.createTextNode(' '));
    } else {
      if (before !== null && !isBreak(before)) item.before(doc.createElement('br'));
      if (after !== null && !isBreak(after)) item.after(doc.createElement('br'));
    }
    item.replaceWith(...Array.from(item.childNodes));
    return;
  }
  const list = item.ownerDocument.createElement('ul');
  item.before(list);
  let next: DomNode | null = item;
  // The item and the stray items right after it (blank text between them included).
  while (
    next !== null &&
    ((next.nodeType === 1 && (next as DomElement).tagName.toUpperCase() === 'LI') ||
      (next.nodeType === 3 && (next.textContent ?? '').trim() === ''))
  ) {
    const following: DomNode | null = next.nextSibling;
    list.append(next);
    next = following;
  }
}
