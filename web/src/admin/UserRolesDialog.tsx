import { useState, type FormEvent } from 'react';
import type { User } from '../api/types';
import { useApi, useInstanceCan } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { listRoles, updateUser } from './admin-api';
import { FormActions } from '../components/FormActions';

export function UserRolesDialog({ user, onClose, onSaved }: { user: User; onClose(): void; onSaved(user: User): void }) {
  const api = useApi();
  const canReadRoles = useInstanceCan('roles:read');
  const roles = useAsync((signal) => (canReadRoles ? listRoles(api, signal) : Promise.resolve([])), [api, canReadRoles]);
  const [chosen, setChosen] = useState<string[]>(user.roles);
  const [typed, setTyped] = useState(user.roles.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    // Without roles:read the role names cannot be listed, so they are typed instead.
    const next = canReadRoles ? chosen : typed.split(',').map((r) => r.trim()).filter(Boolean);
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateUser(api, user.id, { roles: [...new Set(next)].sort() }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Roles of ${user.email}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        {!canReadRoles ? (
          <div className="field">
            <label htmlFor="user-roles">Roles (comma-separated)</label>
            <input id="user-roles" value={typed} onChange={(e) => setTyped(e.target.value)} data-autofocus />
          </div>
        ) : roles.loading ? (
          <Loading label="Loading roles…" />
        ) : roles.error ? (
          <ErrorMessage error={roles.error} onRetry={roles.reload} />
        ) : (
          <fieldset className="field">
            <legend>Roles</legend>
            {roles.data?.map((role) => (
              <label className="checkbox" key={role.name}>
                <input
                  type="checkbox"
                  checked={chosen.includes(role.name)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, role.name] : chosen.filter((r) => r !== role.name))}
                />
                <span>
                  {role.name} {role.description && <span className="muted small">— {role.description}</span>}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Save roles" working="Saving…" />
      </form>
    </Dialog>
  );
}
