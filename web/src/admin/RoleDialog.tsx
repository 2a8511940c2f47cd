import { useState, type FormEvent } from 'react';
import type { Role } from '../api/types';
import { useApi } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { createRole, updateRole } from './admin-api';
import { PermissionEditor } from './PermissionEditor';
import { MAX_ROLE_DESCRIPTION, roleNameProblem } from './role-form';
import { FormActions } from '../components/FormActions';

/** Creates a role, or edits one's description and permissions (a role's name is its identity). */
export function RoleDialog({ role, onClose, onSaved }: { role?: Role; onClose(): void; onSaved(role: Role): void }) {
  const api = useApi();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nameError = role ? null : roleNameProblem(name);
  const descriptionError = description.length > MAX_ROLE_DESCRIPTION ? `At most ${MAX_ROLE_DESCRIPTION} characters` : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (nameError || descriptionError || busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = { description: description.trim(), permissions };
      onSaved(role ? await updateRole(api, role.name, body) : await createRole(api, { name, ...body }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={role ? `Edit role ${role.name}` : 'Create role'} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="stack">
        <div className="form-grid">
          {!role && (
            <Field label="Name" error={submitted ? nameError : null} hint="Lowercase, e.g. support or on-call.">
              <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-autofocus />
            </Field>
          )}
          <Field className="field--wide" label="Description (optional)" error={descriptionError}>
            <input value={description} onChange={(e) => setDescription(e.target.value)} data-autofocus={role ? true : undefined} />
          </Field>
          <PermissionEditor value={permissions} onChange={setPermissions} />
        </div>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit={role ? 'Save role' : 'Create role'} working="Saving…" />
      </form>
    </Dialog>
  );
}
