/**
 * The Snippets screen's commands: the library (create, edit, duplicate, delete and undo, reorder,
 * variables, the author's details), the live preview with sample values, and export/import as a
 * file. Every change tells open drafts which snippets to render again.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

import type { EditorStateJSON, EventMap, EventName, SnippetLibrary, TemplateIssue } from '../contract';
import { AppError } from '../dispatcher';
import { writeFileAtomic } from '../drafts/atomicFile';
import { nodeFs } from '../drafts/fsPort';
import type { DialogPort } from '../ports';
import { renderSnippetContent } from '../publishing/compose/snippets';
import { parseExportFile, toExportFile } from './library';
import type { SnippetStore } from './SnippetStore';
import { sampleValues } from './template';
import { t } from '../contract/i18n';

const FILE_FILTER = { filterName: 'Signet snippets', extensions: ['json'] };

export class SnippetService {
  constructor(
    private readonly options: {
      store: SnippetStore;
      dialogs: DialogPort;
      emit<E extends EventName>(event: E, payload: EventMap[E]): void;
      clock?: () => Date;
    },
  ) {}

  private get store(): SnippetStore {
    return this.options.store;
  }

  /** Runs a change and tells every window which snippets changed. */
  changed<T>(ids: string[], result: T): T {
    this.options.emit('snippetsChanged', { ids });
    return result;
  }

  library(): SnippetLibrary {
    return this.store.library();
  }

  preview(
    editorState: EditorStateJSON | null,
    obfuscateEmails: boolean,
  ): { html: string; issues: TemplateIssue[] } {
    const library = this.store.library();
    const now = this.options.clock?.() ?? new Date();
    const rendered = renderSnippetContent(
      { editorState, obfuscateEmails },
      sampleValues(library.author, library.variables, now),
    );
    return { html: rendered.html, issues: rendered.issues };
  }

  async exportToFile(): Promise<{ path: string; count: number } | null> {
    const target = await this.options.dialogs.pickSavePath({
      title: t('dialog.main.exportSnippetsTitle'),
      defaultName: 'signet-snippets.json',
      ...FILE_FILTER,
    });
    if (!target) return null;
    const stored = this.store.stored();
    const text = `${JSON.stringify(toExportFile(stored, this.options.clock?.() ?? new Date()), null, 2)}\n`;
    try {
      await writeFileAtomic(nodeFs, target, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError(
        'IO_ERROR',
        code === 'ENOSPC'
          ? t('error.snippets.export.diskFull', { target })
          : t('error.snippets.export.writeFailed', { target }),
      );
    }
    return { path: target, count: stored.snippets.length };
  }

  async importFromFile(): Promise<{ added: number; updated: number; unchanged: number } | null> {
    const source = await this.options.dialogs.pickFile({
      title: t('dialog.main.importSnippetsTitle'),
      ...FILE_FILTER,
    });
    if (!source) return null;
    const text = await fsp.readFile(source, 'utf8').catch(() => {
      throw new AppError('IO_ERROR', t('error.snippets.import.unreadable', { file: path.basename(source) }));
    });
    let incoming;
    try {
      incoming = parseExportFile(text);
    } catch (error) {
      throw new AppError(
        'BAD_REQUEST',
        t('error.snippets.import.failed', {
          file: path.basename(source),
          reason: error instanceof Error ? error.message : t('error.snippets.import.notAnExport'),
        }),
      );
    }
    const result = this.store.importLibrary(incoming);
    return this.changed(
      incoming.snippets.map((s) => s.id),
      result,
    );
  }
}
