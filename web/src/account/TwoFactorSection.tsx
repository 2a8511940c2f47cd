import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { TwoFactorSetup } from '../api/types';
import { useApi, useSession } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { useNotify } from '../components/Notices';
import { normaliseCode } from '../auth/second-factor';
import { disableTwoFactor, enableTwoFactor, setUpTwoFactor } from './account-api';
import { fieldError } from './new-password';
import { QrCode } from './QrCode';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';

/**
 * Whether two-factor sign-in is on: the signed-in user's `twoFactorEnabled` at first, then what
 * is turned on or off here (and the server's "already on" answer, should another tab have).
 */
type Known = 'on' | 'off' | 'unknown';

type Step =
  | { name: 'overview' }
  | { name: 'setup'; setup: TwoFactorSetup }
  | { name: 'codes'; codes: string[] }
  | { name: 'disable' };

const isWrongCode = (error: unknown) => error instanceof ApiError && error.code === 'auth.mfa_invalid';

export function TwoFactorSection() {
  const api = useApi();
  const notify = useNotify();
  const session = useSession();
  const email = session.status === 'signed-in' ? session.user.email : '';
  const [known, setKnown] = useState<Known>(session.status === 'signed-in' ? (session.user.twoFactorEnabled ? 'on' : 'off') : 'unknown');
  const [step, setStep] = useState<Step>({ name: 'overview' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function go(next: Step) {
    setError(null);
    setStep(next);
  }

  async function start() {
    setBusy(true);
    setError(null);
    try {
      go({ name: 'setup', setup: await setUpTwoFactor(api) });
    } catch (failure) {
      if (fieldError(failure, 'code') === 'two-factor sign-in is already on') setKnown('on');
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="two-factor-heading" data-testid="two-factor-section">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      {step.name === 'overview' && (
        <div className="stack">
          <p>
            {known === 'on'
              ? 'Two-factor sign-in is on: signing in asks for a code from your authenticator app after the password.'
              : known === 'off'
                ? 'Two-factor sign-in is off.'
                : 'With two-factor sign-in on, signing in asks for a code from an authenticator app (such as 1Password, Google Authenticator or Aegis) after the password.'}
          </p>
          <ErrorMessage error={error} />
          <div className="button-row">
            {known !== 'on' && (
              <button type="button" className="button" onClick={start} disabled={busy}>
                {busy ? 'Starting…' : 'Turn on'}
              </button>
            )}
            {known !== 'off' && (
              <button type="button" className="button button--secondary" onClick={() => go({ name: 'disable' })} disabled={busy}>
                Turn off…
              </button>
            )}
          </div>
        </div>
      )}
      {step.name === 'setup' && (
        <ConfirmSetup
          setup={step.setup}
          onCancel={() => go({ name: 'overview' })}
          onConfirm={async (code) => {
            const { recoveryCodes } = await enableTwoFactor(api, code);
            setKnown('on');
            notify('Two-factor sign-in is on.');
            go({ name: 'codes', codes: recoveryCodes });
          }}
        />
      )}
      {step.name === 'codes' && <RecoveryCodesPanel codes={step.codes} email={email} onDone={() => go({ name: 'overview' })} />}
      {step.name === 'disable' && (
        <DisableForm
          onCancel={() => go({ name: 'overview' })}
          onDisable={async (password, code) => {
            await disableTwoFactor(api, { password, code });
            setKnown('off');
            notify('Two-factor sign-in is off.');
            go({ name: 'overview' });
          }}
        />
      )}
    </section>
  );
}

function ConfirmSetup({ setup, onConfirm, onCancel }: { setup: TwoFactorSetup; onConfirm(code: string): Promise<void>; onCancel(): void }) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const code = normaliseCode(value);
    setError(null);
    if (!code) {
      setInvalid('Enter the 6-digit code your app shows for Keyward.');
      return;
    }
    setInvalid(null);
    setBusy(true);
    try {
      await onConfirm(code);
    } catch (failure) {
      setBusy(false);
      if (isWrongCode(failure)) {
        setValue('');
        setInvalid('That code is not right. Check that the app added the account above, and enter the code it shows now.');
      } else setError(failure);
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate data-testid="two-factor-setup">
      <ol className="steps">
        <li>Scan this QR code with your authenticator app, or type the secret into it.</li>
        <li>Enter the 6-digit code the app then shows, to confirm it works.</li>
      </ol>
      <div className="two-factor-setup">
        <QrCode text={setup.otpauthUrl} label="QR code to add Keyward to your authenticator app" />
        <div className="field">
          <span className="field__label" id="two-factor-secret-label">
            Secret
          </span>
          <code className="mono secret" aria-labelledby="two-factor-secret-label" data-testid="two-factor-secret">
            {setup.secret}
          </code>
        </div>
      </div>
      <Field label="Code from the app" error={invalid}>
        <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={9} className="mono" />
      </Field>
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Checking…' : 'Confirm and turn on'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableForm({ onDisable, onCancel }: { onDisable(password: string, code: string): Promise<void>; onCancel(): void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const wrongPassword = fieldError(error, 'password') ? 'This is not your current password.' : null;
  const notOn = fieldError(error, 'code');
  const wrongCode = isWrongCode(error) ? 'That code is not right, or it has been used already.' : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      // A 6-digit code from the app, or a recovery code: the server tells them apart.
      await onDisable(password, normaliseCode(code) ?? code.trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack account-form" noValidate data-testid="two-factor-disable">
      <p>Signing in will ask only for the password again. Your recovery codes stop working.</p>
      <Field label="Password" error={wrongPassword}>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </Field>
      <Field label="Code from the app, or a recovery code" error={wrongCode ?? notOn}>
        <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" className="mono" autoCapitalize="none" spellCheck={false} />
      </Field>
      {!wrongPassword && !wrongCode && !notOn && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--danger" disabled={busy || !password || !code.trim()}>
          {busy ? 'Turning off…' : 'Turn off two-factor sign-in'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
