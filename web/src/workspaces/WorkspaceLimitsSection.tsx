import { useState } from 'react';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { Loading } from '../components/States';
import { LimitsTable } from '../limits/LimitsTable';
import { SharedLimitsForm } from '../limits/SharedLimitsForm';
import { useAsync } from '../lib/use-async';
import type { WorkspaceAbilities } from './workspace-abilities';
import { getWorkspaceLimits, setWorkspaceLimits } from './workspaces-api';

/** The limits all of the workspace's keys share: shown to members:read, edited with members:write. */
export function WorkspaceLimitsSection({ workspace, abilities }: { workspace: Workspace; abilities: WorkspaceAbilities }) {
  return (
    <section className="card" aria-labelledby="limits-title">
      <h2 id="limits-title">Limits</h2>
      <p className="muted">
        Named limits counted over all of {workspace.personal ? 'your' : 'the workspace’s'} keys together, on top of each key’s own rate limit and
        limits. A request is refused when any of them is used up.
      </p>
      {abilities.readMembers ? (
        <SharedLimits workspace={workspace} canEdit={abilities.manageMembers} />
      ) : (
        <p className="alert alert--info" data-testid="workspace-limits-not-available">
          Your role here (<strong>{workspace.role}</strong>) does not show the workspace’s limits: it takes the members:read permission.
        </p>
      )}
    </section>
  );
}

function SharedLimits({ workspace, canEdit }: { workspace: Workspace; canEdit: boolean }) {
  const api = useApi();
  const notify = useNotify();
  const limits = useAsync((signal) => getWorkspaceLimits(api, workspace.id, signal), [api, workspace.id]);
  const [editing, setEditing] = useState(false);

  if (limits.loading) return <Loading label="Loading limits…" />;
  if (limits.error || !limits.data) return <ErrorMessage error={limits.error} onRetry={limits.reload} />;
  if (editing) {
    return (
      <SharedLimitsForm
        limits={limits.data.limits}
        hint="Every key of the workspace counts in these."
        onCancel={() => setEditing(false)}
        onSave={async (list) => {
          limits.setData(await setWorkspaceLimits(api, workspace.id, list));
          setEditing(false);
          notify('Workspace limits saved.');
        }}
      />
    );
  }
  return (
    <div className="stack">
      <LimitsTable limits={limits.data.limits} testId="workspace-limits" empty="No named limits: the workspace’s keys share none." />
      {canEdit && (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit limits
          </button>
        </div>
      )}
    </div>
  );
}
