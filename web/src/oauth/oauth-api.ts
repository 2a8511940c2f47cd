import type { ApiClient } from '../api/api-client';
import type { Authorization, ConsentDecision, ConsentRequest } from '../api/types';

/** The signed-in user's side of OAuth (API.md §11): consenting to an app, and the apps consented to. JWT-only routes. */

const interaction = (uid: string) => `/oauth/interactions/${encodeURIComponent(uid)}`;

export const getConsentRequest = (api: ApiClient, uid: string, signal?: AbortSignal) => api.request<ConsentRequest>(interaction(uid), { signal });

/** Allow or deny; the answer says where the browser resumes the authorization (the provider, then the app). */
export const decideConsent = (api: ApiClient, uid: string, allow: boolean) => api.request<ConsentDecision>(interaction(uid), { method: 'POST', body: { allow } });

export const listAuthorizations = (api: ApiClient, signal?: AbortSignal) => api.request<Authorization[]>('/auth/authorizations', { signal });

/** Takes a grant back: every token the app holds under it stops working at once. */
export const revokeAuthorization = (api: ApiClient, id: string) => api.request<void>(`/auth/authorizations/${encodeURIComponent(id)}`, { method: 'DELETE' });
