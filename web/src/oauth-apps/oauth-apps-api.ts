import type { ApiClient } from '../api/api-client';
import type { CreatedOAuthApp, NewOAuthApp, OAuthApp, OAuthAppUpdate } from '../api/types';

/** A workspace's OAuth apps (API.md §11), through the workspace scope's client: every path under /workspaces/<id>. */

const appPath = (id: string) => `/oauth-apps/${encodeURIComponent(id)}`;

export const listApps = (api: ApiClient, signal?: AbortSignal) => api.request<OAuthApp[]>('/oauth-apps', { signal });

/** A confidential app's secret is in this answer only. */
export const registerApp = (api: ApiClient, app: NewOAuthApp) => api.request<CreatedOAuthApp>('/oauth-apps', { method: 'POST', body: app });

export const updateApp = (api: ApiClient, id: string, update: OAuthAppUpdate) => api.request<OAuthApp>(appPath(id), { method: 'PATCH', body: update });

/** The new secret, in this answer only; the old one stops working at once. */
export const rotateAppSecret = (api: ApiClient, id: string) => api.request<CreatedOAuthApp>(`${appPath(id)}/rotate-secret`, { method: 'POST' });

/** Deletes the app and every token it holds. */
export const deleteApp = (api: ApiClient, id: string) => api.request<void>(appPath(id), { method: 'DELETE' });
