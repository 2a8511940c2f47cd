import { useState, type FormEvent, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** When set, the user must type this phrase before the action is enabled. */
  typedConfirmation?: string;
  /** Does the work; a rejection is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmDialog({ title, children, confirmLabel, danger = false, typedConfirmation, onConfirm, onClose }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirmed = !typedConfirmation || typed.trim().toLowerCase() === typedConfirmation.toLowerCase();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmed || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <div className="confirm-message">{children}</div>
        {typedConfirmation && (
          <div className="field">
            <label htmlFor="typed-confirmation">
              Type <strong>{typedConfirmation}</strong> to confirm
            </label>
            <input id="typed-confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-autofocus />
          </div>
        )}
        <ErrorMessage error={error} />
        <div className="button-row button-row--end">
          <button type="button" className="button button--secondary" onClick={onClose} data-autofocus={typedConfirmation ? undefined : true}>
            Cancel
          </button>
          <button type="submit" className={`button${danger ? ' button--danger' : ''}`} disabled={!confirmed || busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
