import type { Workspace } from '../api/types';
import { workspaceLabel } from '../workspaces/current-workspace';

/**
 * Which workspace an event belongs to, as the all-workspaces view names it: one of mine by its
 * name ("Personal" for my own), another by the start of its id, and no workspace as the instance
 * (sign-ins, user changes).
 */
export function eventWorkspaceLabel(workspaceId: string | null, mine: readonly Workspace[]): string {
  if (workspaceId === null) return 'Instance';
  const known = mine.find((workspace) => workspace.id === workspaceId);
  return known ? workspaceLabel(known) : workspaceId.slice(0, 8);
}
