import { useApi, useInstancePermissions } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { useAsync } from '../lib/use-async';
import { permissionsKnownFor } from './workspace-abilities';
import { getMyAccess } from './workspaces-api';

const NONE: readonly string[] = [];

/**
 * My permissions in the current workspace, for what the navigation offers: a built-in role's at
 * once; for a custom role (or an instance admin) the server's answer (GET /auth/me with
 * X-Workspace), none until it is in or when it refuses me there (a workspace requiring two-factor
 * sign-in). The page itself, through WorkspaceGate, has the final say either way.
 */
export function useCurrentWorkspacePermissions(): readonly string[] {
  const api = useApi();
  const instancePermissions = useInstancePermissions();
  const { current } = useWorkspaces();
  const known = current ? permissionsKnownFor(current.role, instancePermissions) : NONE;
  const askAbout = known === null ? current!.id : null;
  const asked = useAsync((signal) => (askAbout ? getMyAccess(api, askAbout, signal) : Promise.resolve(null)), [api, askAbout, current?.role]);
  if (known) return known;
  const answer = asked.data;
  return answer && answer.workspace?.id === askAbout && Array.isArray(answer.permissions) ? answer.permissions : NONE;
}
