import { useState } from 'react';
import type { CreatedApiKey } from '../api/types';
import { ShownOnceDialog } from '../components/ShownOnceDialog';

interface OneTimeKeyDialogProps {
  created: CreatedApiKey;
  title: string;
  /** Where the API lives, for the curl example (the page's own origin in production). */
  origin: string;
  onClose(): void;
}

export const curlExample = (key: string, origin: string) => `curl -H "x-api-key: ${key}" ${origin}/api/v1/auth/me`;

type CopyState = 'idle' | 'copied' | 'failed';

/** The raw key exists in exactly one response, so this is the user's only chance to save it. */
export function OneTimeKeyDialog({ created, title, origin, onClose }: OneTimeKeyDialogProps) {
  const [copied, setCopied] = useState<{ key: CopyState; curl: CopyState }>({ key: 'idle', curl: 'idle' });

  async function copy(what: 'key' | 'curl', text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied((c) => ({ ...c, [what]: 'copied' }));
    } catch {
      setCopied((c) => ({ ...c, [what]: 'failed' }));
    }
  }

  const curl = curlExample(created.key, origin);
  return (
    <ShownOnceDialog
      title={title}
      testId="one-time-key-dialog"
      warning={
        <>
          <strong>Copy this key now.</strong> It will not be shown again.
        </>
      }
      beforeClosing={{
        title: 'Close without the key?',
        back: 'Back to the key',
        testId: 'one-time-key-confirm',
        message: (
          <p>
            Make sure you have saved <strong>{created.name}</strong>’s key somewhere safe. It will not be shown again: if it is lost, you will
            have to rotate or create a new key.
          </p>
        ),
      }}
      onClose={onClose}
    >
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
    </ShownOnceDialog>
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
