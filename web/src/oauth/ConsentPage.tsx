import { useState } from 'react';
import type { ConsentRequest } from '../api/types';
import { Link } from '../app/router';
import { HOME_PATH } from '../app/routes';
import { useApi, useSession, useSessionStore } from '../app/session-context';
import { AuthCard } from '../components/AuthCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { consentProblem } from './consent-problem';
import { decideConsent, getConsentRequest } from './oauth-api';
import { describeScopes } from './scope-descriptions';
import { LinkProblem } from '../components/LinkProblem';

/** A full navigation: the authorization server, not the console, takes the browser on from here. */
const leaveForTheAuthorizationServer = (url: string) => window.location.assign(url);

type Decision = { status: 'undecided' } | { status: 'sending'; allow: boolean } | { status: 'leaving'; allow: boolean } | { status: 'failed'; error: unknown };

interface ConsentPageProps {
  uid: string;
  /** Where the browser goes with the server's `redirectTo` (tests watch it instead of leaving). */
  goTo?: (url: string) => void;
}

/**
 * The consent step of /oauth/authorize: an app asks to act for the signed-in user in its own
 * workspace (no chooser: a grant is for the app's workspace, whose member the user must be).
 * Allow or Deny, the browser then resumes the authorization at the server's `redirectTo`.
 */
export function ConsentPage({ uid, goTo = leaveForTheAuthorizationServer }: ConsentPageProps) {
  const api = useApi();
  const request = useAsync((signal) => getConsentRequest(api, uid, signal), [api, uid]);
  const [decision, setDecision] = useState<Decision>({ status: 'undecided' });

  async function decide(allow: boolean) {
    setDecision({ status: 'sending', allow });
    try {
      const { redirectTo } = await decideConsent(api, uid, allow);
      setDecision({ status: 'leaving', allow });
      goTo(redirectTo);
    } catch (error) {
      setDecision({ status: 'failed', error });
    }
  }

  const app = request.data?.app.name ?? 'the app';
  if (!request.data) {
    return (
      <AuthCard title="Authorize an app">
        {request.loading ? <Loading label="Loading the app’s request…" /> : <Refusal error={request.error} onRetry={request.reload} />}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Authorize ${app}`}>
      {decision.status === 'leaving' ? (
        <Loading label={`Taking you back to ${app}…`} />
      ) : decision.status === 'failed' ? (
        <Refusal error={decision.error} onRetry={() => setDecision({ status: 'undecided' })} />
      ) : (
        <RequestDetails request={request.data} deciding={decision.status === 'sending' ? decision.allow : null} onDecide={decide} />
      )}
    </AuthCard>
  );
}

function RequestDetails({ request, deciding, onDecide }: { request: ConsentRequest; deciding: boolean | null; onDecide(allow: boolean): void }) {
  const session = useSession();
  const email = session.status === 'signed-in' ? session.user.email : null;
  const sentences = describeScopes(request.scopes);
  const { app, workspace } = request;
  return (
    <div className="stack consent">
      <p>
        <strong>{app.name}</strong> wants to act for you in the workspace <strong data-testid="consent-workspace">{workspace.name}</strong>
        {workspace.slug && <span className="muted"> ({workspace.slug})</span>}, and only there.
      </p>
      {email && <p className="muted">Signed in as {email}.</p>}
      {sentences.length > 0 ? (
        <div>
          <h2 id="consent-scopes-heading">It will be able to</h2>
          <ul className="consent__scopes" aria-labelledby="consent-scopes-heading" data-testid="consent-scopes">
            {sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>It asks for no permissions.</p>
      )}
      <p className="field__hint">
        It can never do more than your role in {workspace.name} lets you do. You can take its access back at any time under Account, Authorized apps.
      </p>
      <div className="button-row button-row--end">
        <button type="button" className="button button--secondary" disabled={deciding !== null} onClick={() => onDecide(false)}>
          {deciding === false ? 'Denying…' : 'Deny'}
        </button>
        <button type="button" className="button" disabled={deciding !== null} onClick={() => onDecide(true)}>
          {deciding === true ? 'Allowing…' : 'Allow'}
        </button>
      </div>
    </div>
  );
}

/** Why the request cannot be answered here, in words; anything unexpected as the API said it, with a retry. */
function Refusal({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const session = useSession();
  const store = useSessionStore();
  const problem = consentProblem(error, session.status === 'signed-in' ? session.user.email : null);
  if (!problem) return <ErrorMessage error={error} onRetry={onRetry} />;
  return (
    <div className="stack">
      <LinkProblem problem={problem} testId="consent-problem" onSignOut={() => void store.signOut()} />
      <p>
        <Link to={HOME_PATH}>Go to the Developer Center</Link>
      </p>
    </div>
  );
}
