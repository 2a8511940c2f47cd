import { API_BASE } from '../api/api-client';
import { errorFromResponse, networkError } from '../api/api-error';
import type { MeResponse, MfaChallenge, Registration, SecondFactor, SessionResponse } from '../api/types';

/** The auth endpoints, in browser-session mode: the refresh token lives only in the httpOnly `kw_refresh` cookie. */
export interface AuthApi {
  /** A session, or with two-factor sign-in on, the challenge `loginSecondFactor` answers. */
  login(email: string, password: string): Promise<SessionResponse | MfaChallenge>;
  loginSecondFactor(mfaToken: string, factor: SecondFactor): Promise<SessionResponse>;
  register(input: Registration): Promise<SessionResponse>;
  /** Trades the cookie for a new access token (and a new cookie). */
  refresh(): Promise<SessionResponse>;
  logout(): Promise<void>;
  me(accessToken: string): Promise<MeResponse>;
}

export function createAuthApi(fetchImpl: typeof fetch = (...args) => fetch(...args)): AuthApi {
  async function call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${API_BASE}${path}`, { credentials: 'same-origin', ...init });
    } catch {
      throw networkError();
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  // `X-Session: cookie` is what makes the server set and read the cookie; a cross-site form cannot send it.
  const sessionPost = <T>(path: string, body: unknown) =>
    call<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Session': 'cookie' }, body: JSON.stringify(body) });

  return {
    login: (email, password) => sessionPost('/auth/login', { email, password }),
    loginSecondFactor: (mfaToken, factor) => sessionPost('/auth/login/2fa', { mfaToken, ...factor }),
    register: (input) => sessionPost('/auth/register', input),
    refresh: () => sessionPost('/auth/refresh', {}),
    logout: () => sessionPost('/auth/logout', {}),
    me: (accessToken) => call('/auth/me', { headers: { Authorization: `Bearer ${accessToken}` } }),
  };
}
