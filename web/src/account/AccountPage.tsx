import { Link } from '../app/router';
import { AUTHORIZED_APPS_PATH } from '../app/routes';
import { useApi, useSession } from '../app/session-context';
import { useAsync } from '../lib/use-async';
import { listSessions } from './account-api';
import { ChangePasswordSection } from './ChangePasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

/** My account: the password, where I am signed in, two-factor sign-in, and the apps that act for me. */
export function AccountPage() {
  const api = useApi();
  const session = useSession();
  const sessions = useAsync((signal) => listSessions(api, signal), [api]);
  const user = session.status === 'signed-in' ? session.user : null;

  return (
    <section className="page account-page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Account</h1>
          {user && <p className="muted">Signed in as {user.email}.</p>}
        </div>
      </header>
      <ChangePasswordSection onChanged={sessions.reload} />
      <TwoFactorSection />
      <SessionsSection sessions={sessions} />
      <section className="card account-section" aria-labelledby="authorized-apps-heading">
        <h2 id="authorized-apps-heading">Authorized apps</h2>
        <p className="muted">
          Apps you allowed to act for you through OAuth. <Link to={AUTHORIZED_APPS_PATH}>See and revoke them</Link>
        </p>
      </section>
    </section>
  );
}
