import type { ApiClient } from '../api/api-client';
import type { NewRole, PasswordReset, Page, Role, RoleUpdate, User, UserUpdate } from '../api/types';

export const USER_PAGE_SIZE = 50;

export const listUsers = (api: ApiClient, cursor: string | undefined, signal?: AbortSignal) =>
  api.request<Page<User>>('/users', { query: { cursor, limit: USER_PAGE_SIZE }, signal });

export const updateUser = (api: ApiClient, id: string, update: UserUpdate) =>
  api.request<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: update });

/** A one-hour, one-use reset token for someone who cannot sign in; the answer is the only time it is shown. */
export const issuePasswordReset = (api: ApiClient, id: string) =>
  api.request<PasswordReset>(`/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST' });

export const listRoles = (api: ApiClient, signal?: AbortSignal) => api.request<Role[]>('/roles', { signal });

export const createRole = (api: ApiClient, role: NewRole) =>
  api.request<Role>('/roles', { method: 'POST', body: role });

export const updateRole = (api: ApiClient, name: string, update: RoleUpdate) =>
  api.request<Role>(`/roles/${encodeURIComponent(name)}`, { method: 'PATCH', body: update });

export const deleteRole = (api: ApiClient, name: string) => api.request<void>(`/roles/${encodeURIComponent(name)}`, { method: 'DELETE' });
