import { useState, type FormEvent } from 'react';
import type { CreatedInvitation, Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { formatDateTime } from '../lib/relative-time';
import { CopyField } from './CopyField';
import type { WorkspaceRoleName } from './workspace-abilities';
import { createInvitation, invitationLink } from './workspaces-api';
import { FormActions } from '../components/FormActions';

interface InviteDialogProps {
  workspace: Workspace;
  roles: WorkspaceRoleName[];
  /** The page's origin: the link points at this console. */
  origin: string;
  onInvited(invitation: CreatedInvitation): void;
  onClose(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Invites by e-mail, then shows the invitation link: the token is in exactly one response, so this
 * is the only time the link can be copied (a new invitation to the same address replaces it).
 */
export function InviteDialog({ workspace, roles, origin, onInvited, onClose }: InviteDialogProps) {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<WorkspaceRoleName>(roles.includes('member') ? 'member' : roles[roles.length - 1]);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setEmailError('Enter the e-mail address to invite.');
      return;
    }
    setEmailError(null);
    setBusy(true);
    setError(null);
    try {
      const invitation = await createInvitation(api, workspace.id, { email: address, role });
      setCreated(invitation);
      onInvited(invitation);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  if (created) {
    return (
      <Dialog title={`Invitation for ${created.email}`} onClose={onClose} wide testId="invitation-link-dialog">
        <div className="stack">
          <div className="alert alert--warning" role="note">
            <strong>Copy this link now.</strong> It will not be shown again. If it is lost, invite {created.email} again: the new link replaces this one.
          </div>
          <CopyField label={`Invitation link for ${created.email}`} value={invitationLink(origin, created.token)} copyLabel="Copy link" testId="invitation-link" />
          <p className="muted small">
            Send it to {created.email}. It makes them a <strong>{created.role}</strong> of {workspace.name}, works once, only for that address,
            until {formatDateTime(created.expiresAt)}.
          </p>
          <div className="button-row button-row--end">
            <button type="button" className="button button--secondary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Invite to ${workspace.name}`} onClose={onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <Field label="Email" error={emailError}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" data-autofocus />
        </Field>
        <Field label="Role" hint="Only roles whose permissions you hold yourself.">
          <select value={role} onChange={(e) => setRole(e.target.value as WorkspaceRoleName)}>
            {roles.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Create invitation" working="Inviting…" />
      </form>
    </Dialog>
  );
}
