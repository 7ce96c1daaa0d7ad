import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../../electron/contract/i18n';

interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
  /** Extra class for sizing (e.g. `dialog-wide`). */
  className?: string;
}

/** A modal built on the native `<dialog>`: focus is trapped and Escape closes it, for free. */
export function Dialog({ title, open, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Focus goes back to the control that opened the dialog. close() does that by itself; a dialog
  // unmounted while open (its parent stopped rendering it) would leave focus on <body>. Declared
  // before the showModal() effect, so it sees the opener before focus moves into the dialog.
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const active = document.activeElement;
      const lost = active === null || active === document.body || !active.isConnected;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={['dialog', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      // React passes a nested dialog's close and cancel events up to this one: only its own count.
      onClose={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('dialog.close')} onClick={onClose}>
          ×
        </button>
      </header>
      {open ? <div className="dialog-body">{children}</div> : null}
    </dialog>
  );
}
