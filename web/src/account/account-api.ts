import type { ApiClient } from '../api/api-client';
import type { NewPasswordWithToken, PasswordChange, RecoveryCodes, SignInSession, TwoFactorOff, TwoFactorSetup } from '../api/types';

/** The signed-in user's own account (README "Account security"): JWT-only routes. */

export const changePassword = (api: ApiClient, change: PasswordChange) => api.request<void>('/auth/password', { method: 'POST', body: change });

export const listSessions = (api: ApiClient, signal?: AbortSignal) => api.request<SignInSession[]>('/auth/sessions', { signal });

export const endSession = (api: ApiClient, id: string) => api.request<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const setUpTwoFactor = (api: ApiClient) => api.request<TwoFactorSetup>('/auth/2fa/setup', { method: 'POST' });

export const enableTwoFactor = (api: ApiClient, code: string) => api.request<RecoveryCodes>('/auth/2fa/enable', { method: 'POST', body: { code } });

export const disableTwoFactor = (api: ApiClient, body: TwoFactorOff) => api.request<void>('/auth/2fa/disable', { method: 'POST', body });

/** Public: sets a new password with the token an admin handed over; the session, if any, is not involved. */
export const resetPassword = (api: ApiClient, body: NewPasswordWithToken) =>
  api.request<void>('/auth/password-reset', { method: 'POST', body, anonymous: true });
