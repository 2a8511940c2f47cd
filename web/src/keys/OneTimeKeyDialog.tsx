import { useState } from 'react';
import type { CreatedApiKey } from '../api/types';
import { Dialog } from '../components/Dialog';

interface OneTimeKeyDialogProps {
  created: CreatedApiKey;
  title: string;
  /** Where the API lives, for the curl example (the page's own origin in production). */
  origin: string;
  onClose(): void;
}

export const curlExample = (key: string, origin: string) => `curl -H "x-api-key: ${key}" ${origin}/api/v1/auth/me`;

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The raw key exists in exactly one response, so this dialog is the user's only chance to save
 * it: closing it, by any route, asks first.
 */
export function OneTimeKeyDialog({ created, title, origin, onClose }: OneTimeKeyDialogProps) {
  const [confirmingClose, setConfirmingClose] = useState(false);
  const [copied, setCopied] = useState<{ key: CopyState; curl: CopyState }>({ key: 'idle', curl: 'idle' });

  async function copy(what: 'key' | 'curl', text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied((c) => ({ ...c, [what]: 'copied' }));
    } catch {
      setCopied((c) => ({ ...c, [what]: 'failed' }));
    }
  }

  if (confirmingClose) {
    return (
      <Dialog title="Close without the key?" onClose={() => setConfirmingClose(false)} testId="one-time-key-confirm">
        <div className="stack">
          <p>
            Make sure you have saved <strong>{created.name}</strong>’s key somewhere safe. It will not be shown again: if it is lost, you
            will have to rotate or create a new key.
          </p>
          <div className="button-row button-row--end">
            <button type="button" className="button button--secondary" onClick={() => setConfirmingClose(false)} data-autofocus>
              Back to the key
            </button>
            <button type="button" className="button" onClick={onClose}>
              I have saved it, close
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  const curl = curlExample(created.key, origin);
  return (
    <Dialog title={title} onClose={() => setConfirmingClose(true)} wide testId="one-time-key-dialog">
      <div className="stack">
        <div className="alert alert--warning" role="note">
          <strong>Copy this key now.</strong> It will not be shown again.
        </div>
        <div className="field">
          <label htmlFor="one-time-key">API key for {created.name}</label>
          <div className="copy-row">
            <input id="one-time-key" className="mono" readOnly value={created.key} onFocus={(e) => e.target.select()} data-testid="one-time-key" />
            <button type="button" className="button" onClick={() => copy('key', created.key)} data-autofocus>
              {copied.key === 'copied' ? 'Copied' : 'Copy key'}
            </button>
          </div>
          <CopyFeedback state={copied.key} />
        </div>
        <div className="field">
          <span className="field__label" id="curl-label">
            Try it
          </span>
          <pre className="code-block" aria-labelledby="curl-label">
            <code>{curl}</code>
          </pre>
          <div className="button-row">
            <button type="button" className="button button--secondary button--small" onClick={() => copy('curl', curl)}>
              {copied.curl === 'copied' ? 'Copied' : 'Copy command'}
            </button>
          </div>
          <CopyFeedback state={copied.curl} />
        </div>
        <div className="button-row button-row--end">
          <button type="button" className="button button--secondary" onClick={() => setConfirmingClose(true)}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function CopyFeedback({ state }: { state: CopyState }) {
  if (state === 'idle') return null;
  return (
    <p className={state === 'copied' ? 'field__hint' : 'field__error'} role="status">
      {state === 'copied' ? 'Copied to the clipboard.' : 'The browser refused the clipboard; select the text and copy it by hand.'}
    </p>
  );
}
