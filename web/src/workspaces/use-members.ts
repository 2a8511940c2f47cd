import { useApi } from '../app/session-context';
import { useAsync, type AsyncState } from '../lib/use-async';
import { useWorkspaceScope } from './workspace-scope';
import { listAllMembers, type MemberRow } from './workspaces-api';

const NONE: MemberRow[] = [];

/** The current workspace's members, loaded only when `wanted` (reading them takes members:read there). */
export function useMembers(wanted = true): AsyncState<MemberRow[]> {
  const api = useApi();
  const { workspace } = useWorkspaceScope();
  return useAsync((signal) => (wanted ? listAllMembers(api, workspace.id, signal) : Promise.resolve(NONE)), [api, workspace.id, wanted]);
}
