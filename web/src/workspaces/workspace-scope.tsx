import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { scopedToWorkspace, type ApiClient } from '../api/api-client';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { hasPermission } from '../auth/permissions';

/** What a workspace page acts with: the current workspace, what I may do there, and the client for its resources. */
export interface WorkspaceScope {
  workspace: Workspace;
  /** My permissions in the workspace, as the server answered them (GET /auth/me with X-Workspace). */
  permissions: string[];
  /** Requests go under `/workspaces/<id>` (scopedToWorkspace): keys, usage, audit log. */
  api: ApiClient;
}

const WorkspaceScopeContext = createContext<WorkspaceScope | null>(null);

/** WorkspaceGate puts every workspace page in one, once the server has said what I may do there. */
export function WorkspaceScopeProvider({ workspace, permissions, children }: { workspace: Workspace; permissions: string[]; children: ReactNode }) {
  const api = useApi();
  const scoped = useMemo(() => scopedToWorkspace(api, workspace.id), [api, workspace.id]);
  const scope = useMemo(() => ({ workspace, permissions, api: scoped }), [workspace, permissions, scoped]);
  return <WorkspaceScopeContext.Provider value={scope}>{children}</WorkspaceScopeContext.Provider>;
}

export function useWorkspaceScope(): WorkspaceScope {
  const scope = useContext(WorkspaceScopeContext);
  if (!scope) throw new Error('A workspace page must be rendered inside WorkspaceGate');
  return scope;
}

export function useWorkspaceCan(permission: string): boolean {
  return hasPermission(useWorkspaceScope().permissions, permission);
}
