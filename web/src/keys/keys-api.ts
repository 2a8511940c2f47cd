import type { ApiClient } from '../api/api-client';
import type { ApiKey, CreatedApiKey, Granularity, KeyStatus, KeyUpdate, KeyUsage, NewKey, Page, RevokedCount, TransferredKey } from '../api/types';

export const KEY_PAGE_SIZE = 25;

const keyPath = (id: string) => `/api-keys/${encodeURIComponent(id)}`;

export interface KeyListFilter {
  status: KeyStatus | '';
  /** Every member's keys, not only mine (keys:admin). */
  everyone: boolean;
}

export const listKeys = (api: ApiClient, { status, everyone }: KeyListFilter, cursor: string | undefined, signal?: AbortSignal) =>
  api.request<Page<ApiKey>>('/api-keys', { query: { status, all: everyone || undefined, cursor, limit: KEY_PAGE_SIZE }, signal });

export const getKey = (api: ApiClient, id: string, signal?: AbortSignal) => api.request<ApiKey>(keyPath(id), { signal });

export const createKey = (api: ApiClient, settings: NewKey) => api.request<CreatedApiKey>('/api-keys', { method: 'POST', body: settings });

export const updateKey = (api: ApiClient, id: string, update: KeyUpdate) => api.request<ApiKey>(keyPath(id), { method: 'PATCH', body: update });

export const revokeKey = (api: ApiClient, id: string) => api.request<ApiKey>(`${keyPath(id)}/revoke`, { method: 'POST' });

export const deleteKey = (api: ApiClient, id: string) => api.request<void>(keyPath(id), { method: 'DELETE' });

export const revokeAllKeys = (api: ApiClient) => api.request<RevokedCount>('/api-keys/revoke-all', { method: 'POST' });

export const rotateKey = (api: ApiClient, id: string, gracePeriodSeconds: number) =>
  api.request<CreatedApiKey>(`${keyPath(id)}/rotate`, { method: 'POST', body: { gracePeriodSeconds } });

/** Hands the key to another member of its workspace (keys:admin); scopes they hold nothing of are dropped. */
export const transferKey = (api: ApiClient, id: string, userId: string) =>
  api.request<TransferredKey>(`${keyPath(id)}/transfer`, { method: 'POST', body: { userId } });

export const getKeyUsage = (api: ApiClient, id: string, range: { from: string; to: string; granularity: Granularity }, signal?: AbortSignal) =>
  api.request<KeyUsage>(`${keyPath(id)}/usage`, { query: range, signal });
