import type { Workspace } from '../api/types';
import { Link } from '../app/router';

/** Why a workspace that requires two-factor sign-in turns me away, and the way in: my account page. */
export function TwoFactorRequiredNotice({ workspace }: { workspace: Pick<Workspace, 'name'> }) {
  return (
    <div className="alert alert--warning stack" role="alert" data-testid="two-factor-required">
      <p>
        <strong>{workspace.name} requires two-factor sign-in.</strong> Its owners ask every member to confirm signing in with a code from an
        authenticator app. Turn on two-factor sign-in on your account page, then come back: you are let in at once.
      </p>
      <p className="muted">Your API keys keep working in the meantime.</p>
      <p>
        <Link to="/account" className="button">
          Turn on two-factor sign-in
        </Link>
      </p>
    </div>
  );
}
