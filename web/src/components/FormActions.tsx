/**
 * A dialog form's footer: Cancel, and the submit button that says what it does — and, while the
 * request is out, that it is doing it (and cannot be pressed twice).
 */
export function FormActions({ onCancel, busy, submit, working, disabled = false }: { onCancel: () => void; busy: boolean; submit: string; working: string; disabled?: boolean }) {
  return (
    <div className="button-row button-row--end">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button" disabled={busy || disabled}>
        {busy ? working : submit}
      </button>
    </div>
  );
}
