import { useState } from 'react';
import type { PasswordReset, User } from '../api/types';
import { errorLines } from '../api/api-error';
import { useApi, useInstanceCan, useSession } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { LoadMore } from '../components/LoadMore';
import { useNotify } from '../components/Notices';
import { EmptyState, Loading } from '../components/States';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { usePagedList } from '../lib/use-paged-list';
import { issuePasswordReset, listUsers, updateUser } from './admin-api';
import { ResetLinkDialog } from './ResetLinkDialog';
import { UserRolesDialog } from './UserRolesDialog';
import { ActionsHeader } from '../components/ActionsHeader';

export function UsersPage() {
  const api = useApi();
  const notify = useNotify();
  const session = useSession();
  const canWrite = useInstanceCan('users:write');
  const me = session.status === 'signed-in' ? session.user.id : null;
  const users = usePagedList((cursor, signal) => listUsers(api, cursor, signal), [api]);
  const [editing, setEditing] = useState<User | null>(null);
  const [reset, setReset] = useState<{ user: User; reset: PasswordReset } | null>(null);

  async function createResetLink(user: User) {
    try {
      setReset({ user, reset: await issuePasswordReset(api, user.id) });
    } catch (error) {
      notify(`Could not create a reset link for ${user.email}: ${errorLines(error).join(' ')}`);
    }
  }

  async function setActive(user: User, active: boolean) {
    try {
      users.replace(await updateUser(api, user.id, { active }));
      notify(`${user.email} ${active ? 'enabled' : 'disabled'}.`);
    } catch (error) {
      notify(`Could not update ${user.email}: ${errorLines(error).join(' ')}`);
    }
  }

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Users</h1>
          <p className="muted">Disabling a user stops their sessions and every one of their keys.</p>
        </div>
      </header>

      {users.loading ? (
        <Loading label="Loading users…" />
      ) : users.error && users.items.length === 0 ? (
        <ErrorMessage error={users.error} onRetry={users.reload} />
      ) : users.items.length === 0 ? (
        <EmptyState title="No users." />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--cards" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col">Joined</th>
                  {canWrite && <ActionsHeader />}
                </tr>
              </thead>
              <tbody>
                {users.items.map((user) => (
                  <tr key={user.id}>
                    <td data-label="User">
                      <strong>{user.email}</strong> {user.id === me && <span className="badge badge--builtin">you</span>}
                      {user.name && <div className="muted small">{user.name}</div>}
                    </td>
                    <td data-label="Roles">
                      <span className="chips">
                        {user.roles.map((role) => (
                          <span className="chip" key={role}>
                            {role}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td data-label="Status">
                      <span className={`badge badge--${user.active ? 'active' : 'disabled'}`}>{user.active ? 'active' : 'disabled'}</span>
                    </td>
                    <td data-label="Joined">
                      <time dateTime={user.createdAt} title={formatDateTime(user.createdAt)}>
                        {formatRelativeTime(user.createdAt)}
                      </time>
                    </td>
                    {canWrite && (
                      <td className="table__actions">
                        {/* Nobody changes their own roles or disables themselves. */}
                        {user.id !== me && (
                          <div className="button-row">
                            <button type="button" className="button button--secondary button--small" aria-label={`Edit roles of ${user.email}`} onClick={() => setEditing(user)}>
                              Roles
                            </button>
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              aria-label={`Create reset link for ${user.email}`}
                              onClick={() => createResetLink(user)}
                            >
                              Reset link
                            </button>
                            <button
                              type="button"
                              className={`button button--small ${user.active ? 'button--danger-outline' : 'button--secondary'}`}
                              aria-label={`${user.active ? 'Disable' : 'Enable'} ${user.email}`}
                              onClick={() => setActive(user, !user.active)}
                            >
                              {user.active ? 'Disable' : 'Enable'}
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={users} />
        </>
      )}

      {reset && <ResetLinkDialog user={reset.user} reset={reset.reset} origin={window.location.origin} onClose={() => setReset(null)} />}

      {editing && (
        <UserRolesDialog
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            users.replace(user);
            notify(`Roles of ${user.email} saved.`);
          }}
        />
      )}
    </section>
  );
}
