import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { Link, navigate, useLocation } from '../app/router';
import { ACCEPT_INVITATION_PATH, HOME_PATH } from '../app/routes';
import { useApi, useSession, useSessionStore } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { acceptInvitation } from './workspaces-api';
import { LinkProblem } from '../components/LinkProblem';

type Outcome = { status: 'working' } | { status: 'joined'; workspace: Workspace } | { status: 'failed'; error: unknown };

/** What a refusal means for the invitee, for the codes an invitation link can meet (API.md §9). */
export function invitationProblem(error: unknown, signedInAs: string | null): { title: string; text: string; otherAccount?: boolean } | null {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case 'invitation.expired':
      return { title: 'This invitation has expired', text: 'Invitations last 7 days. Ask whoever invited you to send a new one.' };
    case 'invitation.email_mismatch':
      return {
        title: 'This invitation is for another e-mail address',
        text: `You are signed in as ${signedInAs ?? 'another account'}, but the invitation was sent to a different address. Sign in with the invited address to accept it.`,
        otherAccount: true,
      };
    case 'invitation.not_found':
      return {
        title: 'This invitation link is not valid',
        text: 'It may have been used already, revoked, or copied incompletely. Ask whoever invited you for a new link.',
      };
    case 'member.exists':
      return { title: 'You are already a member', text: 'You already belong to the workspace this invitation is for.' };
    default:
      return null;
  }
}

export function AcceptInvitationPage() {
  const api = useApi();
  const session = useSession();
  const store = useSessionStore();
  const workspaces = useWorkspaces();
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token')?.trim() ?? '';
  const [outcome, setOutcome] = useState<Outcome>({ status: 'working' });
  const [attempt, setAttempt] = useState(0);
  // The token works once: React's development double effect must not send it twice.
  const sent = useRef<string | null>(null);
  const email = session.status === 'signed-in' ? session.user.email : null;

  useEffect(() => {
    const key = `${token}#${attempt}`;
    if (!token || sent.current === key) return;
    sent.current = key;
    setOutcome({ status: 'working' });
    acceptInvitation(api, token).then(
      (workspace) => {
        workspaces.upsert(workspace, { select: true });
        setOutcome({ status: 'joined', workspace });
        // The token is spent: keep it out of the history.
        navigate(ACCEPT_INVITATION_PATH, { replace: true });
      },
      (error: unknown) => setOutcome({ status: 'failed', error }),
    );
    // `workspaces` changes as the list loads; only the token (or a retry) should send again.
  }, [api, token, attempt]);

  if (outcome.status === 'joined') {
    const { workspace } = outcome;
    return (
      <section className="page">
        <h1 tabIndex={-1}>You joined {workspace.name}</h1>
        <p className="alert alert--success" role="status">
          You are now <strong>{workspace.role}</strong> in {workspace.name}, and it is your current workspace.
        </p>
        <p>
          <Link to="/members">See its members</Link> or <Link to={HOME_PATH}>go to your API keys</Link>.
        </p>
      </section>
    );
  }

  if (!token) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Accept invitation</h1>
        <div className="alert alert--error" role="alert">
          <p>This link carries no invitation. Open the full link you were sent; it ends with <code>?token=…</code>.</p>
        </div>
      </section>
    );
  }

  if (outcome.status === 'working') {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Accept invitation</h1>
        <Loading label="Joining the workspace…" />
      </section>
    );
  }

  const problem = invitationProblem(outcome.error, email);
  return (
    <section className="page">
      <h1 tabIndex={-1}>Accept invitation</h1>
      {problem ? (
        <LinkProblem problem={problem} testId="invitation-problem" onSignOut={() => void store.signOut()} />
      ) : (
        <ErrorMessage error={outcome.error} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      <p>
        <Link to={HOME_PATH}>Go to your API keys</Link>
      </p>
    </section>
  );
}
