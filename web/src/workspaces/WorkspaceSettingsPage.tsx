import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { Workspace, WorkspaceUpdate } from '../api/types';
import { Link, navigate } from '../app/router';
import { HOME_PATH } from '../app/routes';
import { useApi } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { useNotify } from '../components/Notices';
import { SLUG_HINT, SLUG_TAKEN_MESSAGE, slugProblem } from './slug';
import { workspaceAbilities } from './workspace-abilities';
import { WorkspaceLimitsSection } from './WorkspaceLimitsSection';
import { KeyPolicySection } from './KeyPolicySection';
import { hasPermission } from '../auth/permissions';
import { useWorkspaceScope } from './workspace-scope';
import { deleteWorkspace, updateWorkspace } from './workspaces-api';

/** The fields that differ from the workspace as loaded: a PATCH sends only what the user changed. */
export function changedSettings(
  workspace: Pick<Workspace, 'name' | 'slug' | 'requireTwoFactor'>,
  form: { name: string; slug: string; requireTwoFactor: boolean },
): WorkspaceUpdate {
  const update: WorkspaceUpdate = {};
  if (form.name.trim() !== workspace.name) update.name = form.name.trim();
  if (form.slug.trim() !== workspace.slug) update.slug = form.slug.trim();
  if (form.requireTwoFactor !== workspace.requireTwoFactor) update.requireTwoFactor = form.requireTwoFactor;
  return update;
}

/** The current workspace's name, slug and two-factor requirement; editing follows my permissions there. */
export function WorkspaceSettingsPage() {
  const api = useApi();
  const notify = useNotify();
  const workspaces = useWorkspaces();
  const { workspace, permissions } = useWorkspaceScope();
  const abilities = workspaceAbilities(workspace.role, permissions);
  const canEdit = abilities.manageMembers;
  const canDelete = abilities.deleteWorkspace && !workspace.personal;
  const [name, setName] = useState(workspace.name);
  const [slug, setSlug] = useState(workspace.slug);
  const [requireTwoFactor, setRequireTwoFactor] = useState(workspace.requireTwoFactor);
  const [nameError, setNameError] = useState<string | null>(null);
  const [slugError, setSlugError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = changedSettings(workspace, { name, slug, requireTwoFactor });
  const dirty = Object.keys(update).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy || !dirty) return;
    const badName = name.trim() ? null : 'Give the workspace a name.';
    const badSlug = slug.trim() ? slugProblem(slug.trim()) : 'A workspace needs a slug.';
    setNameError(badName);
    setSlugError(badSlug);
    if (badName || badSlug) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await updateWorkspace(api, workspace.id, update);
      workspaces.upsert(saved);
      notify('Workspace settings saved.');
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'workspace.slug_taken') setSlugError(SLUG_TAKEN_MESSAGE);
      else setError(failure);
    }
    setBusy(false);
  }

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>Workspace settings</h1>
          <p className="muted">
            {workspace.personal ? 'Your personal workspace.' : `${workspace.name}.`} You are <span className="chip">{workspace.role}</span> here.
          </p>
        </div>
      </header>

      {!canEdit && (
        <p className="alert alert--info">
          Only an owner or admin of this workspace can change its settings; your role is <strong>{workspace.role}</strong>.
        </p>
      )}

      <section className="card" aria-labelledby="general-title">
        <h2 id="general-title">General</h2>
        <form onSubmit={save} className="stack" noValidate>
          <Field label="Name" error={nameError}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" disabled={!canEdit} />
          </Field>
          <Field
            label="Slug"
            hint={`${SLUG_HINT} Links and scripts that use the old slug stop working when it changes.`}
            error={slugError}
          >
            <input value={slug} onChange={(e) => setSlug(e.target.value)} className="mono" autoComplete="off" spellCheck={false} autoCapitalize="none" disabled={!canEdit} />
          </Field>
          <RequireTwoFactorField checked={requireTwoFactor} onChange={setRequireTwoFactor} disabled={!canEdit} />
          <ErrorMessage error={error} />
          {canEdit && (
            <div className="button-row">
              <button type="submit" className="button" disabled={busy || !dirty}>
                {busy ? 'Saving…' : 'Save changes'}
              </button>
            </div>
          )}
        </form>
      </section>

      <KeyPolicySection workspace={workspace} canEdit={canEdit && hasPermission(permissions, 'keys:admin')} />

      <WorkspaceLimitsSection workspace={workspace} abilities={abilities} />

      {canDelete && (
        <section className="card danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Delete workspace</h2>
          <div className="stack">
            <p>Deleting {workspace.name} removes every member from it. Its audit events are kept. This cannot be undone from the console.</p>
            <div className="button-row">
              <button type="button" className="button button--danger-outline" onClick={() => setDeleting(true)}>
                Delete workspace…
              </button>
            </div>
          </div>
        </section>
      )}

      {deleting && (
        <ConfirmDialog
          title="Delete workspace"
          confirmLabel="Delete workspace"
          danger
          typedConfirmation={workspace.slug}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteWorkspace(api, workspace.id);
            setDeleting(false);
            workspaces.forget(workspace.id);
            notify(`Workspace ${workspace.name} deleted. You are in your personal workspace.`);
            navigate(HOME_PATH);
          }}
        >
          <p>
            Delete <strong>{workspace.name}</strong> for every member? Type its slug to confirm.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The workspace's two-factor requirement; the server refuses it to whoever has two-factor off themselves. */
function RequireTwoFactorField({ checked, onChange, disabled }: { checked: boolean; onChange(checked: boolean): void; disabled: boolean }) {
  return (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} disabled={disabled} aria-describedby="two-factor-hint" />
        <span>Require two-factor sign-in for members</span>
      </label>
      <p className="field__hint" id="two-factor-hint">
        Members without it cannot open this workspace in the console until they turn it on; their API keys keep working. To require it, turn
        it on for yourself first on your <Link to="/account">account page</Link>.
      </p>
    </div>
  );
}
