import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { Link, useLocation } from '../app/router';
import { useApi, useSession } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { resetPassword } from './account-api';
import { fieldError, newPasswordProblem } from './new-password';
import { NewPasswordFields } from './NewPasswordFields';
import { AuthCard } from '../components/AuthCard';

const INVALID_LINK = 'This reset link is not valid: it may have been used already, or its hour is up. Ask your administrator for a new one.';

/** `/reset-password?token=…`: sets a new password with a token an admin issued; no sign-in needed. */
export function ResetPasswordPage() {
  const api = useApi();
  const session = useSession();
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const linkInvalid = !token || (error instanceof ApiError && error.code === 'auth.token_invalid');
  const refused = fieldError(error, 'newPassword');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local = newPasswordProblem(password, repeated);
    setProblem(local);
    setError(null);
    if (local) return;
    setBusy(true);
    try {
      await resetPassword(api, { token, newPassword: password });
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title={done ? 'Your password is set' : 'Choose a new password'}>
      {done ? (
        <div className="stack" data-testid="reset-done">
          <p className="alert alert--success" role="status">
            Your new password is set, and every session of your account has ended. Sign in with the new password.
          </p>
          {/* A full load: the sessions ended, so this tab's one (if any) is gone too. */}
          <a className="button button--block" href="/signin">
            Sign in
          </a>
        </div>
      ) : linkInvalid ? (
        <div className="stack">
          <p className="alert alert--error" role="alert" data-testid="reset-problem">
            {token ? INVALID_LINK : 'This link carries no reset token. Open the whole link your administrator sent.'}
          </p>
          <p className="auth__switch">
            <Link to={session.status === 'signed-in' ? '/account' : '/signin'}>{session.status === 'signed-in' ? 'Back to your account' : 'Back to sign in'}</Link>
          </p>
        </div>
      ) : (
        <form onSubmit={submit} className="stack" noValidate>
          <p className="muted">Your administrator sent you this link. It works once, for an hour.</p>
          <NewPasswordFields password={password} repeated={repeated} onPassword={setPassword} onRepeated={setRepeated} problem={problem} refused={refused} autoFocus />
          {!refused && <ErrorMessage error={error} />}
          <button type="submit" className="button button--block" disabled={busy}>
            {busy ? 'Setting password…' : 'Set new password'}
          </button>
        </form>
      )}
    </AuthCard>
  );
}
