import { useState, type FormEvent } from 'react';
import { Link, navigate, useLocation } from '../app/router';
import { ACCEPT_INVITATION_PATH, matchRoute, safeNextPath } from '../app/routes';
import { useSession, useSessionStore } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { pendingChallenge, type PendingChallenge } from './second-factor';
import { SecondFactorStep } from './SecondFactorStep';
import { AuthCard } from '../components/AuthCard';

const MIN_PASSWORD = 8;

/** Sign in and register share one form; registering adds a name and a longer password rule. */
export function AuthPage({ mode }: { mode: 'signin' | 'register' }) {
  const store = useSessionStore();
  const session = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Set after a right password for an account with two-factor sign-in on.
  const [challenge, setChallenge] = useState<PendingChallenge | null>(null);
  const [restartNotice, setRestartNotice] = useState<string | null>(null);
  const registering = mode === 'register';
  const notice = session.status === 'signed-out' ? session.notice : undefined;
  const next = new URLSearchParams(search).get('next');
  const invited = next?.startsWith(`${ACCEPT_INVITATION_PATH}?`) ?? false;
  const consenting = next ? matchRoute(next.split(/[?#]/)[0]).name === 'oauth-consent' : false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (registering && password.length < MIN_PASSWORD) {
      setError(new Error(`The password needs at least ${MIN_PASSWORD} characters.`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (registering) await store.register({ email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) });
      else {
        const mfa = await store.signIn(email.trim(), password);
        if (mfa) {
          setChallenge(pendingChallenge(mfa, Date.now()));
          setRestartNotice(null);
          setPassword('');
          setBusy(false);
          return;
        }
      }
      navigate(safeNextPath(next), { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const otherMode = registering ? '/signin' : '/register';
  const otherHref = next ? `${otherMode}?next=${encodeURIComponent(next)}` : otherMode;

  return (
    <AuthCard title={challenge ? 'Enter your sign-in code' : registering ? 'Create your account' : 'Sign in to the Developer Center'}>
      {restartNotice && !challenge && (
        <p className="alert alert--warning" role="status">
          {restartNotice}
        </p>
      )}
      {notice && !error && !restartNotice && (
        <p className="alert alert--info" role="status">
          {notice}
        </p>
      )}
      {invited && (
        <p className="alert alert--info" data-testid="invitation-notice">
          You have been invited to a workspace. {registering ? 'Create an account' : 'Sign in'} with the e-mail address the invitation
          was sent to, and you will join it right after.
        </p>
      )}
      {consenting && (
        <p className="alert alert--info" data-testid="consent-notice">
          An app is asking to act for you. {registering ? 'Create an account' : 'Sign in'} to see what it asks for; you decide right after.
        </p>
      )}
      {challenge ? (
        <SecondFactorStep
          challenge={challenge}
          onSignedIn={() => navigate(safeNextPath(next), { replace: true })}
          onRestart={(why) => {
            setChallenge(null);
            setRestartNotice(why ?? null);
          }}
        />
      ) : (
        <form onSubmit={submit} className="stack" noValidate>
          {registering && (
            <div className="field">
              <label htmlFor="auth-name">Name (optional)</label>
              <input id="auth-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
            </div>
          )}
          <div className="field">
            <label htmlFor="auth-email">Email</label>
            <input id="auth-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required autoFocus />
          </div>
          <div className="field">
            <label htmlFor="auth-password">Password</label>
            <input
              id="auth-password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={registering ? 'new-password' : 'current-password'}
              required
              aria-describedby={registering ? 'auth-password-hint' : undefined}
            />
            {registering && (
              <p className="field__hint" id="auth-password-hint">
                At least {MIN_PASSWORD} characters.
              </p>
            )}
          </div>
          <ErrorMessage error={error} />
          <button type="submit" className="button button--block" disabled={busy}>
            {busy ? (registering ? 'Creating account…' : 'Signing in…') : registering ? 'Create account' : 'Sign in'}
          </button>
        </form>
      )}
      <p className="auth__switch">
        {registering ? 'Already have an account? ' : 'New to Keyward? '}
        <Link to={otherHref}>{registering ? 'Sign in' : 'Create an account'}</Link>
      </p>
    </AuthCard>
  );
}
