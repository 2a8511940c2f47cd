import type { ApiKey } from '../api/types';
import { useSession } from '../app/session-context';
import { hasPermission } from '../auth/permissions';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { availableKeyActions, type KeyAction } from './key-actions';

export interface KeyAbilities {
  /** Create, change and revoke my keys (keys:write in the workspace). */
  canWrite: boolean;
  me: string | null;
  /** The actions a key's row or page offers me. */
  actionsFor(key: Pick<ApiKey, 'status' | 'active' | 'userId'>): KeyAction[];
}

/** What I may do with keys in the current workspace, from my permissions there. */
export function useKeyAbilities(): KeyAbilities {
  const { permissions } = useWorkspaceScope();
  const session = useSession();
  const me = session.status === 'signed-in' ? session.user.id : null;
  const canWrite = hasPermission(permissions, 'keys:write');
  return {
    canWrite,
    me,
    actionsFor: (key) => (canWrite ? availableKeyActions(key, { own: key.userId === me }) : []),
  };
}
