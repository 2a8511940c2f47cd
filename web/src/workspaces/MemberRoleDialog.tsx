import { useState, type FormEvent } from 'react';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import type { WorkspaceRoleName } from './workspace-abilities';
import { changeMemberRole, type MemberRow } from './workspaces-api';
import { FormActions } from '../components/FormActions';

interface MemberRoleDialogProps {
  workspace: Workspace;
  member: MemberRow;
  roles: WorkspaceRoleName[];
  onSaved(member: MemberRow): void;
  onClose(): void;
}

export function MemberRoleDialog({ workspace, member, roles, onSaved, onClose }: MemberRoleDialogProps) {
  const api = useApi();
  // A custom role is kept selectable, so opening the dialog does not silently change it.
  const options = roles.includes(member.role as WorkspaceRoleName) ? roles : [member.role, ...roles];
  const [role, setRole] = useState(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (role === member.role) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const changed = await changeMemberRole(api, workspace.id, member.user.id, role);
      onSaved({ ...changed, id: changed.user.id });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Role of ${member.user.email}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <Field label="Role">
          <select value={role} onChange={(e) => setRole(e.target.value)} data-autofocus>
            {options.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Save role" working="Saving…" />
      </form>
    </Dialog>
  );
}
