import type { ApiKey } from '../api/types';
import { useSession } from '../app/session-context';
import { hasPermission } from '../auth/permissions';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { availableKeyActions, type KeyAction } from './key-actions';

export interface KeyAbilities {
  /** Create, change and revoke my keys (keys:write in the workspace). */
  canWrite: boolean;
  /** See every member's keys and hand keys to another member (keys:admin in a shared workspace). */
  canAdminister: boolean;
  me: string | null;
  /** The actions a key's row or page offers me. */
  actionsFor(key: Pick<ApiKey, 'status' | 'active' | 'userId'>): KeyAction[];
}

/** What I may do with keys in the current workspace, from my permissions there. */
export function useKeyAbilities(): KeyAbilities {
  const { workspace, permissions } = useWorkspaceScope();
  const session = useSession();
  const me = session.status === 'signed-in' ? session.user.id : null;
  const canWrite = hasPermission(permissions, 'keys:write');
  const canAdminister = hasPermission(permissions, 'keys:admin') && !workspace.personal;
  return {
    canWrite,
    canAdminister,
    me,
    actionsFor: (key) => (canWrite ? availableKeyActions(key, { own: key.userId === me, transfer: canAdminister }) : []),
  };
}
