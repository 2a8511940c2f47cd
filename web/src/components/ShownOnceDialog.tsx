import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

interface ShownOnceDialogProps {
  title: string;
  testId: string;
  /** What to copy now, said first: "Copy this key now." */
  warning: ReactNode;
  /** Asked before closing, however the user tries to close (Done, ×, Escape). */
  beforeClosing: { title: string; message: ReactNode; back: string; testId: string };
  onClose(): void;
  children: ReactNode;
}

/**
 * A secret the server sends in one response only (an API key, a client secret): this dialog is the
 * user's one chance to save it, so closing it, by any route, asks first.
 */
export function ShownOnceDialog({ title, testId, warning, beforeClosing, onClose, children }: ShownOnceDialogProps) {
  const [confirmingClose, setConfirmingClose] = useState(false);

  if (confirmingClose) {
    return (
      <Dialog title={beforeClosing.title} onClose={() => setConfirmingClose(false)} testId={beforeClosing.testId}>
        <div className="stack">
          {beforeClosing.message}
          <div className="button-row button-row--end">
            <button type="button" className="button button--secondary" onClick={() => setConfirmingClose(false)} data-autofocus>
              {beforeClosing.back}
            </button>
            <button type="button" className="button" onClick={onClose}>
              I have saved it, close
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={title} onClose={() => setConfirmingClose(true)} wide testId={testId}>
      <div className="stack">
        <div className="alert alert--warning" role="note">
          {warning}
        </div>
        {children}
        <div className="button-row button-row--end">
          <button type="button" className="button button--secondary" onClick={() => setConfirmingClose(true)}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
