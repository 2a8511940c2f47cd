import { useState } from 'react';
import type { Role } from '../api/types';
import { useApi, useInstanceCan } from '../app/session-context';
import { ScopeList } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { EmptyState, Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { deleteRole, listRoles } from './admin-api';
import { RoleDialog } from './RoleDialog';
import { ActionsHeader } from '../components/ActionsHeader';

// The server refuses to change `admin` (it must always hold `*`) and to delete any built-in.
const isLocked = (role: Role) => role.builtIn && role.name === 'admin';

export function RolesPage() {
  const api = useApi();
  const notify = useNotify();
  const canWrite = useInstanceCan('roles:write');
  const roles = useAsync((signal) => listRoles(api, signal), [api]);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit' | 'delete'; role: Role } | null>(null);
  const close = () => setDialog(null);
  const saved = (role: Role, verb: string) => {
    close();
    roles.reload();
    notify(`Role ${role.name} ${verb}.`);
  };

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Roles</h1>
          <p className="muted">A user’s permissions are the union of their roles’. Built-in roles come with Keyward.</p>
        </div>
        {canWrite && (
          <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
            New role
          </button>
        )}
      </header>

      {roles.loading ? (
        <Loading label="Loading roles…" />
      ) : roles.error ? (
        <ErrorMessage error={roles.error} onRetry={roles.reload} />
      ) : !roles.data?.length ? (
        <EmptyState title="No roles." />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="roles-table">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Permissions</th>
                {canWrite && <ActionsHeader />}
              </tr>
            </thead>
            <tbody>
              {roles.data.map((role) => (
                <tr key={role.name}>
                  <td data-label="Role">
                    <strong>{role.name}</strong> {role.builtIn && <span className="badge badge--builtin">built-in</span>}
                    {role.description && <div className="muted small">{role.description}</div>}
                  </td>
                  <td data-label="Permissions">
                    <ScopeList scopes={role.permissions} />
                  </td>
                  {canWrite && (
                    <td className="table__actions">
                      <div className="button-row">
                        {!isLocked(role) && (
                          <button type="button" className="button button--secondary button--small" aria-label={`Edit role ${role.name}`} onClick={() => setDialog({ kind: 'edit', role })}>
                            Edit
                          </button>
                        )}
                        {!role.builtIn && (
                          <button type="button" className="button button--danger-outline button--small" aria-label={`Delete role ${role.name}`} onClick={() => setDialog({ kind: 'delete', role })}>
                            Delete
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog?.kind === 'create' && <RoleDialog onClose={close} onSaved={(role) => saved(role, 'created')} />}
      {dialog?.kind === 'edit' && <RoleDialog role={dialog.role} onClose={close} onSaved={(role) => saved(role, 'saved')} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete role"
          confirmLabel="Delete role"
          danger
          onClose={close}
          onConfirm={async () => {
            await deleteRole(api, dialog.role.name);
            saved(dialog.role, 'deleted');
          }}
        >
          <p>
            Delete the role <strong>{dialog.role.name}</strong>? Users who hold it lose its permissions at once, and so do their keys.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
