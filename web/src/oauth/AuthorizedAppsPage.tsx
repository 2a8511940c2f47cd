import { useState } from 'react';
import type { Authorization } from '../api/types';
import { Link } from '../app/router';
import { useApi } from '../app/session-context';
import { ScopeList } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { EmptyState, Loading } from '../components/States';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { useAsync } from '../lib/use-async';
import { listAuthorizations, revokeAuthorization } from './oauth-api';
import { describeScopes } from './scope-descriptions';
import { ActionsHeader } from '../components/ActionsHeader';

const appName = (grant: Authorization) => grant.app.name ?? grant.app.clientId ?? 'An app';

/** The apps I have let act for me (grants), each in one workspace; taking one back stops its tokens at once. */
export function AuthorizedAppsPage() {
  const api = useApi();
  const notify = useNotify();
  const grants = useAsync((signal) => listAuthorizations(api, signal), [api]);
  const [revoking, setRevoking] = useState<Authorization | null>(null);

  return (
    <section className="page account-page">
      <Link to="/account" className="back-link">
        ← Account
      </Link>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Authorized apps</h1>
          <p className="muted">Apps you allowed to act for you. Each acts only in its own workspace, with at most what your role there lets you do.</p>
        </div>
      </header>
      {grants.loading && !grants.data ? (
        <Loading label="Loading authorized apps…" />
      ) : grants.error && !grants.data ? (
        <ErrorMessage error={grants.error} onRetry={grants.reload} />
      ) : grants.data?.length ? (
        <AuthorizationsTable grants={grants.data} onRevoke={setRevoking} />
      ) : (
        <EmptyState title="No app can act for you.">
          <p className="muted">When an app asks to act for you and you allow it, it is listed here.</p>
        </EmptyState>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke access"
          confirmLabel="Revoke access"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeAuthorization(api, revoking.id);
            grants.setData((grants.data ?? []).filter((grant) => grant.id !== revoking.id));
            setRevoking(null);
            notify(`${appName(revoking)} can no longer act for you in ${revoking.workspace.name}.`);
          }}
        >
          <p>
            <strong>{appName(revoking)}</strong> will no longer act for you in {revoking.workspace.name}: every token it holds under this authorization stops
            working at once. To get access again, it must ask you again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function When({ at, empty }: { at: string | null; empty: string }) {
  if (!at) return <>{empty}</>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelativeTime(at)}
    </time>
  );
}

function AuthorizationsTable({ grants, onRevoke }: { grants: Authorization[]; onRevoke(grant: Authorization): void }) {
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid="authorizations-table">
        <thead>
          <tr>
            <th scope="col">App</th>
            <th scope="col">Workspace</th>
            <th scope="col">Can</th>
            <th scope="col">Authorized</th>
            <th scope="col">Expires</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {grants.map((grant) => (
            <tr key={grant.id} data-authorization-id={grant.id}>
              <td data-label="App">
                <strong>{appName(grant)}</strong>
              </td>
              <td data-label="Workspace">{grant.workspace.name}</td>
              <td data-label="Can">
                <ScopeList scopes={grant.scopes} />
                <ul className="scope-words">
                  {describeScopes(grant.scopes).map((sentence) => (
                    <li key={sentence}>{sentence}</li>
                  ))}
                </ul>
              </td>
              <td data-label="Authorized">
                <When at={grant.createdAt} empty="—" />
              </td>
              <td data-label="Expires">
                <When at={grant.expiresAt} empty="Never" />
              </td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small button--danger-outline"
                  aria-label={`Revoke access of ${appName(grant)} in ${grant.workspace.name}`}
                  onClick={() => onRevoke(grant)}
                >
                  Revoke…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
