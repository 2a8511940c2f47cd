import { useState } from 'react';
import { navigate, useLocation } from '../app/router';
import { pathAfterSwitchingWorkspace } from '../app/routes';
import { useWorkspaces } from '../app/workspace-context';
import { useNotify } from '../components/Notices';
import { workspaceLabel } from './current-workspace';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';

/** The workspace the console acts in: a native select (keyboard, screen readers and phones know it) and a create button. */
export function WorkspaceSwitcher() {
  const workspaces = useWorkspaces();
  const notify = useNotify();
  const { pathname } = useLocation();
  const [creating, setCreating] = useState(false);

  return (
    <div className="switcher" data-testid="workspace-switcher">
      <label htmlFor="workspace-switcher" className="visually-hidden">
        Workspace
      </label>
      {workspaces.status === 'error' && workspaces.workspaces.length === 0 ? (
        <button type="button" className="button button--secondary button--small" onClick={workspaces.reload}>
          Workspaces unavailable, retry
        </button>
      ) : (
        <select
          id="workspace-switcher"
          className="switcher__select"
          value={workspaces.current?.id ?? ''}
          disabled={workspaces.status === 'loading'}
          onChange={(e) => {
            const chosen = workspaces.workspaces.find((w) => w.id === e.target.value);
            if (!chosen) return;
            workspaces.select(chosen.id);
            const next = pathAfterSwitchingWorkspace(pathname);
            if (next !== pathname) navigate(next);
            notify(`Switched to ${workspaceLabel(chosen)}.`);
          }}
        >
          {workspaces.status === 'loading' && workspaces.workspaces.length === 0 && <option value="">Loading workspaces…</option>}
          {workspaces.workspaces.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspaceLabel(workspace)}
              {workspace.personal ? '' : ` (${workspace.role})`}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="button button--secondary button--small switcher__create" title="Create workspace" onClick={() => setCreating(true)}>
        <span aria-hidden="true">+</span>
        <span className="visually-hidden">Create workspace</span>
      </button>
      {creating && (
        <CreateWorkspaceDialog
          onClose={() => setCreating(false)}
          onCreated={(workspace) => {
            setCreating(false);
            workspaces.upsert(workspace, { select: true });
            notify(`Workspace ${workspace.name} created.`);
          }}
        />
      )}
    </div>
  );
}
