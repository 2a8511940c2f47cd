import type { ApiClient } from '../api/api-client';
import type { CreatedInvitation, Invitation, MeResponse, Member, NamedLimit, NewInvitation, NewWorkspace, Page, SharedLimitList, SharedLimitsUpdate, Workspace, WorkspaceUpdate } from '../api/types';

export const MEMBER_PAGE_SIZE = 50;

const ws = (workspace: string) => `/workspaces/${encodeURIComponent(workspace)}`;

export const listWorkspaces = (api: ApiClient, signal?: AbortSignal) => api.request<Workspace[]>('/workspaces', { signal });

/**
 * What I may do in a workspace now (`permissions`, `workspace.role`), as the server sees it: my
 * role there may have changed since the list was loaded, and a workspace that requires two-factor
 * sign-in refuses me without it (403 auth.2fa_required).
 */
export const getMyAccess = (api: ApiClient, workspace: string, signal?: AbortSignal) => api.request<MeResponse>('/auth/me', { workspace, signal });

export const createWorkspace = (api: ApiClient, workspace: NewWorkspace) => api.request<Workspace>('/workspaces', { method: 'POST', body: workspace });

export const updateWorkspace = (api: ApiClient, workspace: string, update: WorkspaceUpdate) =>
  api.request<Workspace>(ws(workspace), { method: 'PATCH', body: update });

export const deleteWorkspace = (api: ApiClient, workspace: string) => api.request<void>(ws(workspace), { method: 'DELETE' });

/** A member, with the `id` the paged-list hook keys rows by (the member's user id). */
export type MemberRow = Member & { id: string };

export async function listMembers(api: ApiClient, workspace: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<MemberRow>> {
  const page = await api.request<Page<Member>>(`${ws(workspace)}/members`, { query: { cursor, limit: MEMBER_PAGE_SIZE }, signal });
  return { items: page.items.map((member) => ({ ...member, id: member.user.id })), nextCursor: page.nextCursor };
}

/** Every member, all pages of them: for choosing one (a key's new owner) or naming a key's owner. */
export async function listAllMembers(api: ApiClient, workspace: string, signal?: AbortSignal): Promise<MemberRow[]> {
  const members: MemberRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMembers(api, workspace, cursor, signal);
    members.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return members;
}

export const changeMemberRole = (api: ApiClient, workspace: string, userId: string, role: string) =>
  api.request<Member>(`${ws(workspace)}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } });

/** Removes a member; with your own id, leaves the workspace. */
export const removeMember = (api: ApiClient, workspace: string, userId: string) =>
  api.request<void>(`${ws(workspace)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });

export const createInvitation = (api: ApiClient, workspace: string, invitation: NewInvitation) =>
  api.request<CreatedInvitation>(`${ws(workspace)}/invitations`, { method: 'POST', body: invitation });

export const listInvitations = (api: ApiClient, workspace: string, cursor: string | undefined, signal?: AbortSignal) =>
  api.request<Page<Invitation>>(`${ws(workspace)}/invitations`, { query: { cursor, limit: MEMBER_PAGE_SIZE }, signal });

export const revokeInvitation = (api: ApiClient, workspace: string, id: string) =>
  api.request<void>(`${ws(workspace)}/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const acceptInvitation = (api: ApiClient, token: string) => api.request<Workspace>('/invitations/accept', { method: 'POST', body: { token } });

/** The link an invitee opens: the console's accept page, carrying the one-time token. */
export const invitationLink = (origin: string, token: string) => `${origin}/invitations/accept?token=${encodeURIComponent(token)}`;

/** The limits all of a workspace's keys share (GET: members:read, PUT: members:write; API.md §15). */
export const getWorkspaceLimits = (api: ApiClient, workspace: string, signal?: AbortSignal) => api.request<SharedLimitList>(`${ws(workspace)}/limits`, { signal });

export const setWorkspaceLimits = (api: ApiClient, workspace: string, limits: NamedLimit[]) =>
  api.request<SharedLimitList>(`${ws(workspace)}/limits`, { method: 'PUT', body: { limits } satisfies SharedLimitsUpdate });

/** The limits all of one member's keys in the workspace share. */
export const getMemberLimits = (api: ApiClient, workspace: string, userId: string, signal?: AbortSignal) =>
  api.request<SharedLimitList>(`${ws(workspace)}/members/${encodeURIComponent(userId)}/limits`, { signal });

export const setMemberLimits = (api: ApiClient, workspace: string, userId: string, limits: NamedLimit[]) =>
  api.request<SharedLimitList>(`${ws(workspace)}/members/${encodeURIComponent(userId)}/limits`, { method: 'PUT', body: { limits } satisfies SharedLimitsUpdate });
