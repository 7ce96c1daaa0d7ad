/**
 * Finding elements the way assistive technology (and the e2e specs) do: by role and accessible
 * name. A small subset of the ARIA rules, enough for these screens' markup: `aria-labelledby`,
 * `aria-label`, a wrapping `<label>` (without the control's own text) and the text content.
 */

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  checkbox: 'input[type="checkbox"]',
  radio: 'input[type="radio"]',
  combobox: 'select, [role="combobox"]',
  textbox: 'textarea, input:not([type]), input[type="text"], input[type="search"]',
  region: 'section[aria-label], section[aria-labelledby], [role="region"]',
  article: 'article',
  status: '[role="status"]',
  alert: '[role="alert"]',
  list: 'ul, ol',
  listitem: 'li',
  group: 'fieldset, [role="group"]',
  link: 'a[href]',
  heading: 'h1, h2, h3, h4, h5, h6',
  dialog: 'dialog',
  progressbar: 'progress, [role="progressbar"]',
};

function text(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element's accessible name (simplified). */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => element.ownerDocument.getElementById(id))
      .filter((e): e is HTMLElement => !!e)
      .map(text)
      .join(' ');
  }
  const label = element.getAttribute('aria-label');
  if (label !== null) return label.trim();
  if (element.matches('input, select, textarea')) {
    const wrapping = element.closest('label');
    if (wrapping) {
      const copy = wrapping.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('select, textarea, input, [role="status"], .hint').forEach((e) => e.remove());
      return text(copy);
    }
    return '';
  }
  if (element.matches('button, a, li, h1, h2, h3, h4, h5, h6, [role="button"]')) return text(element);
  if (element.matches('fieldset')) {
    const legend = element.querySelector(':scope > legend');
    return legend ? text(legend) : '';
  }
  return '';
}

function matches(name: string, wanted: string | RegExp): boolean {
  return typeof wanted === 'string' ? name === wanted : wanted.test(name);
}

export function queryAllByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const selector = ROLE_SELECTORS[role];
  if (!selector) throw new Error(`No selector for role ${role}`);
  return [...root.querySelectorAll<HTMLElement>(selector)].filter(
    (e) => name === undefined || matches(accessibleName(e), name),
  );
}

export function queryByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | null {
  const found = queryAllByRole(root, role, name);
  if (found.length > 1)
    throw new Error(`${found.length} elements with role ${role} and name ${String(name)}`);
  return found[0] ?? null;
}

export function getByRole<T extends HTMLElement = HTMLElement>(
  root: ParentNode,
  role: string,
  name?: string | RegExp,
): T {
  const found = queryByRole(root, role, name);
  if (!found) {
    const names = queryAllByRole(root, role).map(accessibleName);
    throw new Error(`No ${role} named ${String(name)}; there are: ${JSON.stringify(names)}`);
  }
  return found as T;
}

/** Sets a form control's value the way React notices (its value setter, then the event). */
export function changeValue(
  element: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  value: string,
) {
  const proto = Object.getPrototypeOf(element) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  setter?.call(element, value);
  element.dispatchEvent(
    new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
  );
}
