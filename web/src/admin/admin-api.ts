import type { ApiClient } from '../api/api-client';
import type { Page, Role, User } from '../api/types';

export const USER_PAGE_SIZE = 50;

export const listUsers = (api: ApiClient, cursor: string | undefined, signal?: AbortSignal) =>
  api.request<Page<User>>('/users', { query: { cursor, limit: USER_PAGE_SIZE }, signal });

export const updateUser = (api: ApiClient, id: string, update: { roles?: string[]; active?: boolean; name?: string }) =>
  api.request<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: update });

export const listRoles = (api: ApiClient, signal?: AbortSignal) => api.request<Role[]>('/roles', { signal });

export const createRole = (api: ApiClient, role: { name: string; description?: string; permissions: string[] }) =>
  api.request<Role>('/roles', { method: 'POST', body: role });

export const updateRole = (api: ApiClient, name: string, update: { description?: string; permissions?: string[] }) =>
  api.request<Role>(`/roles/${encodeURIComponent(name)}`, { method: 'PATCH', body: update });

export const deleteRole = (api: ApiClient, name: string) => api.request<void>(`/roles/${encodeURIComponent(name)}`, { method: 'DELETE' });
