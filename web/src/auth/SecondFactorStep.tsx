import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { useSessionStore } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { challengeIsOver, normaliseCode, type PendingChallenge } from './second-factor';

export const CHALLENGE_OVER_NOTICE = 'That sign-in step has expired or taken too many wrong codes. Enter your password again.';

interface Props {
  challenge: PendingChallenge;
  /** Signed in: the page moves on. */
  onSignedIn(): void;
  /** Back to the password, with why (the challenge is over) or without (the user chose to). */
  onRestart(notice?: string): void;
}

/** The second step of a sign-in with two-factor on: a code from the app, or a recovery code. */
export function SecondFactorStep({ challenge, onSignedIn, onRestart }: Props) {
  const store = useSessionStore();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [wrongAnswers, setWrongAnswers] = useState(challenge.wrongAnswers);

  function switchFactor() {
    setUseRecovery((current) => !current);
    setValue('');
    setInvalid(null);
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const code = useRecovery ? value.trim() : normaliseCode(value);
    if (!code) {
      setInvalid(useRecovery ? 'Enter one of your recovery codes.' : 'Enter the 6-digit code from your authenticator app.');
      return;
    }
    setBusy(true);
    setInvalid(null);
    setError(null);
    try {
      await store.signInSecondFactor(challenge.mfaToken, useRecovery ? { recoveryCode: code } : { code });
      onSignedIn();
    } catch (failure) {
      setBusy(false);
      if (!(failure instanceof ApiError && failure.code === 'auth.mfa_invalid')) {
        setError(failure);
        return;
      }
      setWrongAnswers(wrongAnswers + 1);
      if (challengeIsOver({ ...challenge, wrongAnswers: wrongAnswers + 1 }, Date.now())) {
        onRestart(CHALLENGE_OVER_NOTICE);
        return;
      }
      setValue('');
      setInvalid(
        useRecovery
          ? 'That recovery code is not right, or it has been used already.'
          : 'That code is not right. Codes change every 30 seconds: enter the one your app shows now.',
      );
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate data-testid="second-factor-step">
      <p className="muted">
        {useRecovery
          ? 'Enter one of the recovery codes you saved when you turned two-factor sign-in on. Each one works once.'
          : 'Two-factor sign-in is on for this account. Open your authenticator app and enter the code it shows for Keyward.'}
      </p>
      {useRecovery ? (
        <Field label="Recovery code" error={invalid}>
          <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" autoCapitalize="none" spellCheck={false} className="mono" autoFocus />
        </Field>
      ) : (
        <Field label="Authentication code" error={invalid}>
          <input
            value={value}
            onChange={(e) => setValue(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            className="mono"
            autoFocus
          />
        </Field>
      )}
      <ErrorMessage error={error} />
      <button type="submit" className="button button--block" disabled={busy}>
        {busy ? 'Verifying…' : 'Verify'}
      </button>
      <div className="auth__alternatives">
        <button type="button" className="link-button" onClick={switchFactor}>
          {useRecovery ? 'Use the code from your app instead' : 'Use a recovery code instead'}
        </button>
        <button type="button" className="link-button" onClick={() => onRestart()}>
          Start over
        </button>
      </div>
    </form>
  );
}
