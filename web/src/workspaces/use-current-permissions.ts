import { useApi } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { useAsync } from '../lib/use-async';
import { getMyAccess } from './workspaces-api';

const NONE: string[] = [];

/**
 * My permissions in the current workspace as the server answers them (GET /auth/me with
 * X-Workspace: custom roles included), for what the navigation offers. None until that answer
 * is in, when it is about another workspace (just switched), or when the server refuses me there
 * (a workspace requiring two-factor sign-in): the page itself, through WorkspaceGate, has the
 * final say either way.
 */
export function useCurrentWorkspacePermissions(): string[] {
  const api = useApi();
  const { current } = useWorkspaces();
  const id = current?.id ?? null;
  const access = useAsync((signal) => (id ? getMyAccess(api, id, signal) : Promise.resolve(null)), [api, id, current?.role]);
  return access.data && access.data.workspace?.id === id && Array.isArray(access.data.permissions) ? access.data.permissions : NONE;
}
