/** Writes draft files straight into a data folder, as another Signet or a sync tool would. */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

export function paragraphState(paragraphs: string[]): { root: unknown } {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 }],
      })),
    },
  };
}

export async function seedDrafts(
  dataDir: string,
  drafts: Array<{ id: string; title: string; paragraphs: string[]; updatedAt?: string }>,
): Promise<void> {
  const dir = path.join(dataDir, 'drafts');
  await fsp.mkdir(dir, { recursive: true });
  for (const [i, d] of drafts.entries()) {
    const at = d.updatedAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    const file = {
      schemaVersion: 1,
      id: d.id,
      title: d.title,
      createdAt: at,
      updatedAt: at,
      editorState: paragraphState(d.paragraphs),
      meta: {},
      destinations: {},
    };
    await fsp.writeFile(path.join(dir, `${d.id}.json`), JSON.stringify(file));
  }
}
