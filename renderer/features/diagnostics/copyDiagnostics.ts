/**
 * "Copy Diagnostics" (palette, Help menu, Settings): the main process builds the redacted report
 * (`getDiagnostics`), the renderer puts it on the clipboard and says what it holds.
 */
import { t } from '../../../electron/contract/i18n';
import { call, errorMessage } from '../../bridge';

export type CopyOutcome = { ok: true; message: string } | { ok: false; message: string };

export async function copyDiagnostics(): Promise<CopyOutcome> {
  try {
    const { text } = await call('getDiagnostics');
    await navigator.clipboard.writeText(text);
    return { ok: true, message: t('diagnostics.copied') };
  } catch (error) {
    const reason = errorMessage(error).replace(/\.?$/, '.');
    return { ok: false, message: t('diagnostics.failed', { reason }) };
  }
}
