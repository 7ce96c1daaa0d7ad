import { useEffect, useRef, useState } from 'react';
import type { Draft, MenuCommand } from '../../../electron/contract';
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';
import { onCommand } from '../../commands/bus';
import type { CommandId } from '../../commands/registry';

/** Runs `action` when `command` runs: File › Import/Export Markdown…, the palette (commands/bus.ts). */
function useMenuCommand(command: MenuCommand & CommandId, action: () => void): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => onCommand((id) => id === command && latest.current()), [command]);
}

/** The sentence after an export: where the file is. */
export function exportedMessage(path: string): string {
  return t('publish.markdown.exported', { path });
}

interface ExportMarkdownButtonProps {
  draftId: string;
  /** Save what is typed first, so the file has it. */
  beforeExport(): Promise<void>;
  onNotice(message: string, level?: 'info' | 'warning' | 'error'): void;
}

/** "Export as Markdown…" for the open draft (also File › Export as Markdown…). */
export function ExportMarkdownButton({ draftId, beforeExport, onNotice }: ExportMarkdownButtonProps) {
  const [busy, setBusy] = useState(false);
  const run = () => {
    if (busy) return;
    setBusy(true);
    beforeExport()
      .then(() => call('exportDraftMarkdown', { draftId }))
      .then((saved) => {
        if (saved) onNotice(exportedMessage(saved.path), 'info');
      })
      .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
      .finally(() => setBusy(false));
  };
  useMenuCommand('exportMarkdown', run);
  return (
    <>
      <button type="button" className="secondary-button" disabled={busy} aria-busy={busy} onClick={run}>
        {t('publish.markdown.export')}
      </button>
      <BusyStatus busy={busy} text={t('publish.markdown.exporting')} />
    </>
  );
}

interface ImportMarkdownButtonProps {
  /** Save the open draft first (the imported one is opened instead). */
  beforeImport?(): Promise<void>;
  /** The new draft, to open. */
  onImported(draft: Draft): void;
  onNotice(message: string, level?: 'info' | 'warning' | 'error'): void;
}

/** "Import Markdown…": a Markdown file (front matter, images) becomes a new draft, opened at once. */
export function ImportMarkdownButton({ beforeImport, onImported, onNotice }: ImportMarkdownButtonProps) {
  const [busy, setBusy] = useState(false);
  const run = () => {
    if (busy) return;
    setBusy(true);
    (beforeImport ? beforeImport() : Promise.resolve())
      .then(() => call('importDraftMarkdown', {}))
      .then((draft) => {
        if (!draft) return;
        onImported(draft);
        onNotice(
          t('publish.markdown.imported', { title: draft.title || t('publish.markdown.untitled') }),
          'info',
        );
      })
      .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
      .finally(() => setBusy(false));
  };
  useMenuCommand('importMarkdown', run);
  return (
    <>
      <button type="button" className="secondary-button" disabled={busy} aria-busy={busy} onClick={run}>
        {t('publish.markdown.import')}
      </button>
      <BusyStatus busy={busy} text={t('publish.markdown.importing')} />
    </>
  );
}

/**
 * While a file is being read or written (images copied, front matter parsed) a status says so; the
 * result or the error then arrives as a notice.
 */
function BusyStatus({ busy, text }: { busy: boolean; text: string }) {
  return (
    <span role="status" className="busy-status">
      {busy ? text : ''}
    </span>
  );
}
