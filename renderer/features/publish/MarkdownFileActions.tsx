import { useEffect, useRef, useState } from 'react';
import type { Draft, MenuCommand } from '../../../electron/contract';
import { call, errorMessage, on } from '../../bridge';

/** Runs `action` when the application menu sends `command` (File › Import/Export Markdown…). */
function useMenuCommand(command: MenuCommand, action: () => void): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => on('menuCommand', (event) => event.command === command && latest.current()), [command]);
}

/** The sentence after an export: where the file is. */
export function exportedMessage(path: string): string {
  return `Saved as Markdown at ${path}.`;
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
    <button type="button" className="secondary-button" disabled={busy} onClick={run}>
      Export as Markdown…
    </button>
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
        onNotice(`Imported “${draft.title || 'Untitled'}” as a new draft.`, 'info');
      })
      .catch((e: unknown) => onNotice(errorMessage(e), 'error'))
      .finally(() => setBusy(false));
  };
  useMenuCommand('importMarkdown', run);
  return (
    <button type="button" className="secondary-button" disabled={busy} onClick={run}>
      Import Markdown…
    </button>
  );
}
