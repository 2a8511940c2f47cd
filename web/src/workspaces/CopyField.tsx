import { useId, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** A read-only value with a copy button, for something shown once (an invitation link). */
export function CopyField({ label, value, copyLabel, testId }: { label: string; value: string; copyLabel: string; testId?: string }) {
  const id = useId();
  const [state, setState] = useState<CopyState>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} className="mono" readOnly value={value} onFocus={(e) => e.target.select()} data-testid={testId} />
        <button type="button" className="button" onClick={copy} data-autofocus>
          {state === 'copied' ? 'Copied' : copyLabel}
        </button>
      </div>
      {state !== 'idle' && (
        <p className={state === 'copied' ? 'field__hint' : 'field__error'} role="status">
          {state === 'copied' ? 'Copied to the clipboard.' : 'The browser refused the clipboard; select the text and copy it by hand.'}
        </p>
      )}
    </div>
  );
}
