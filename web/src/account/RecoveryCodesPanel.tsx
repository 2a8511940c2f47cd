import { useState } from 'react';
import { saveBlob } from '../lib/save-blob';
import { recoveryCodesFile } from './account-text';

export const RECOVERY_CODES_FILENAME = 'keyward-recovery-codes.txt';

/** The ten recovery codes, in the one response that carries them: shown here once. */
export function RecoveryCodesPanel({ codes, email, onDone }: { codes: string[]; email: string; onDone(): void }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copyAll() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <div className="stack" data-testid="recovery-codes">
      <p className="alert alert--warning">
        Save these recovery codes somewhere safe, such as your password manager. Each one signs you in once without the app, if you lose your phone.
        They are shown only now.
      </p>
      <ul className="recovery-codes mono" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={copyAll}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => saveBlob(new Blob([recoveryCodesFile(codes, email)], { type: 'text/plain;charset=utf-8' }), RECOVERY_CODES_FILENAME)}
        >
          Download
        </button>
        <button type="button" className="button" onClick={onDone}>
          I have saved them
        </button>
      </div>
      {copy !== 'idle' && (
        <p className={copy === 'copied' ? 'field__hint' : 'field__error'} role="status">
          {copy === 'copied' ? 'The codes are on the clipboard.' : 'The browser refused the clipboard; use Download, or select the codes and copy them by hand.'}
        </p>
      )}
    </div>
  );
}
