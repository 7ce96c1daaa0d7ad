import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, type NodeKey } from 'lexical';

export interface OutlineItem {
  key: NodeKey;
  /** 2, 3 or 4 (H2–H4). */
  level: number;
  text: string;
  children: OutlineItem[];
}

/** The H2–H4 headings at the top level of the document, as a tree (read context). */
export function $readOutline(): OutlineItem[] {
  const roots: OutlineItem[] = [];
  const stack: OutlineItem[] = [];
  for (const node of $getRoot().getChildren()) {
    if (!$isHeadingNode(node)) continue;
    const level = Number(node.getTag().slice(1));
    if (level < 2 || level > 4) continue;
    const item: OutlineItem = { key: node.getKey(), level, text: node.getTextContent().trim(), children: [] };
    while (stack.length > 0 && (stack.at(-1) as OutlineItem).level >= level) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.children.push(item);
    else roots.push(item);
    stack.push(item);
  }
  return roots;
}

/** Whether two outlines show the same thing (to skip a re-render when typing in a paragraph). */
export function sameOutline(a: OutlineItem[], b: OutlineItem[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const other = b[i] as OutlineItem;
    return (
      item.key === other.key &&
      item.level === other.level &&
      item.text === other.text &&
      sameOutline(item.children, other.children)
    );
  });
}
