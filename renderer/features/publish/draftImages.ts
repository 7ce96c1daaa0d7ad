import type { EditorStateJSON } from '../../../electron/contract';

export interface DraftImage {
  fileName: string;
  altText: string;
}

/** The draft's own images (copied into its folder), in document order, for the featured-image choice. */
export function draftImages(state: EditorStateJSON | null): DraftImage[] {
  const found: DraftImage[] = [];
  const seen = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: unknown; fileName?: unknown; altText?: unknown; children?: unknown };
    if (n.type === 'image' && typeof n.fileName === 'string' && !seen.has(n.fileName)) {
      seen.add(n.fileName);
      found.push({ fileName: n.fileName, altText: typeof n.altText === 'string' ? n.altText : '' });
    }
    if (Array.isArray(n.children)) n.children.forEach(walk);
  };
  walk(state?.root);
  return found;
}
