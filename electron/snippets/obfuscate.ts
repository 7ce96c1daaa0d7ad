/**
 * Email obfuscation for authors who keep their address away from spam harvesters:
 * `jon.smith@example.com` → `jon [dot] smith [at] example [dot] com`, and a `mailto:` link loses
 * its link (the address in its href would give it away) but keeps its text.
 */
import type { EditorStateJSON } from '../contract';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function obfuscateEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  const dots = (s: string) => s.split('.').join(' [dot] ');
  return `${dots(local)} [at] ${dots(domain)}`;
}

export function obfuscateEmailsInText(text: string): string {
  return text.replace(EMAIL, obfuscateEmail);
}

type JsonNode = Record<string, unknown> & { children?: unknown[] };

/** A copy of an editor state with every address in its text obfuscated and mailto links unwrapped. */
export function obfuscateEmailsInState(state: EditorStateJSON): EditorStateJSON {
  const copy = structuredClone(state);
  const visit = (node: JsonNode): void => {
    if (typeof node.text === 'string') node.text = obfuscateEmailsInText(node.text);
    if (!Array.isArray(node.children)) return;
    const children: unknown[] = [];
    for (const child of node.children as JsonNode[]) {
      visit(child);
      const isMailto =
        (child.type === 'link' || child.type === 'autolink') &&
        typeof child.url === 'string' &&
        child.url.trim().toLowerCase().startsWith('mailto:');
      if (isMailto && Array.isArray(child.children)) children.push(...child.children);
      else children.push(child);
    }
    node.children = children;
  };
  visit(copy.root as JsonNode);
  return copy;
}
