import type { SessionAccess } from '../api/api-client';
import { ApiError, errorLines } from '../api/api-error';
import type { MfaChallenge, SecondFactor, SessionResponse, User } from '../api/types';
import type { AuthApi } from './auth-api';
import { refreshDelayMs } from './refresh-schedule';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: string }
  /** `instancePermissions`: what the user's instance roles grant (API.md §9); what they may do in a workspace is the workspace's to say. */
  | { status: 'signed-in'; user: User; instancePermissions: string[] };

export interface SessionStore extends SessionAccess {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  /** On page load: trade the `kw_refresh` cookie, if any, for a session. */
  restore(): Promise<void>;
  /** Resolves with a challenge, and no session yet, when the account has two-factor sign-in on. */
  signIn(email: string, password: string): Promise<MfaChallenge | undefined>;
  /** Answers the challenge with a code or a recovery code; the session starts as after `signIn`. */
  signInSecondFactor(mfaToken: string, factor: SecondFactor): Promise<void>;
  register(input: { email: string; password: string; name?: string }): Promise<void>;
  /** Logs out at the server, then here; resolves once signed out (after LOGOUT_WAIT_MS at the latest). */
  signOut(): Promise<void>;
  /** Drops the session without calling the server (another tab signed out). */
  forget(notice?: string): void;
}

export interface SessionStoreDeps {
  authApi: AuthApi;
  /** Runs `callback` after `ms`; returns a cancel function. */
  setTimer?: (callback: () => void, ms: number) => () => void;
  /** Serialises refreshes across tabs, which share the cookie. */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Told when the user signs out here, so other tabs can follow. */
  onSignedOut?: () => void;
}

export const RETRY_REFRESH_MS = 30_000;
/** How long a sign-out waits for the server before ending the session in this tab anyway. */
export const LOGOUT_WAIT_MS = 5000;
export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

const defaultSetTimer = (callback: () => void, ms: number) => {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
};

// 400 (no cookie), 401 (spent or expired token), 403: the session cannot come back; anything else may be transient.
const sessionIsOver = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500;

export function createSessionStore({ authApi, setTimer = defaultSetTimer, lock = (task) => task(), onSignedOut }: SessionStoreDeps): SessionStore {
  const listeners = new Set<() => void>();
  let state: SessionState = { status: 'restoring' };
  let token: string | null = null;
  let cancelTimer: (() => void) | null = null;
  let refreshing: Promise<boolean> | null = null;
  let restoring: Promise<void> | null = null;
  // Bumped whenever the session ends, so a refresh already on the wire cannot bring it back.
  let generation = 0;

  function setState(next: SessionState) {
    state = next;
    listeners.forEach((listener) => listener());
  }

  function schedule(callback: () => void, ms: number) {
    cancelTimer?.();
    cancelTimer = setTimer(callback, ms);
  }

  async function adopt(session: SessionResponse) {
    token = session.accessToken;
    schedule(() => void refresh(), refreshDelayMs(session.expiresIn));
    const me = await authApi.me(session.accessToken);
    setState({ status: 'signed-in', user: me.user, instancePermissions: me.instancePermissions });
  }

  function end(notice?: string) {
    generation += 1;
    token = null;
    cancelTimer?.();
    cancelTimer = null;
    setState(notice ? { status: 'signed-out', notice } : { status: 'signed-out' });
  }

  // Single flight: the refresh token is spent by use, and presenting a spent one revokes the whole session.
  function refresh(): Promise<boolean> {
    refreshing ??= runRefresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function runRefresh(): Promise<boolean> {
    const startedIn = generation;
    try {
      const session = await lock(() => authApi.refresh());
      if (startedIn !== generation) return false;
      await adopt(session);
      return true;
    } catch (error) {
      if (startedIn !== generation) return false;
      if (sessionIsOver(error)) end(state.status === 'signed-in' ? SESSION_ENDED_NOTICE : undefined);
      else if (state.status === 'signed-in') schedule(() => void refresh(), RETRY_REFRESH_MS);
      else end(errorLines(error)[0]);
      return false;
    }
  }

  async function start(authenticate: () => Promise<SessionResponse | MfaChallenge>): Promise<MfaChallenge | undefined> {
    try {
      const answer = await authenticate();
      if ('mfaRequired' in answer) return answer;
      await adopt(answer);
      return undefined;
    } catch (error) {
      if (token !== null) end();
      throw error;
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accessToken: () => token,
    async renewAfterUnauthorized(rejectedToken) {
      if (state.status !== 'signed-in') return false;
      // Another request already renewed the token this one was sent with.
      if (token !== null && token !== rejectedToken) return true;
      return refresh();
    },
    restore() {
      restoring ??= refresh().then(() => undefined);
      return restoring;
    },
    signIn: (email, password) => start(() => authApi.login(email, password)),
    signInSecondFactor: async (mfaToken, factor) => {
      await start(() => authApi.loginSecondFactor(mfaToken, factor));
    },
    register: async (input) => {
      await start(() => authApi.register(input));
    },
    async signOut() {
      // Until the server answers, the cookie still holds a live session: showing the sign-in page
      // before that would let a reload (or closing the tab) right then keep the session.
      cancelTimer?.();
      cancelTimer = null;
      let stopWaiting: () => void = () => undefined;
      const gaveUp = new Promise<void>((resolve) => (stopWaiting = setTimer(resolve, LOGOUT_WAIT_MS)));
      try {
        await Promise.race([lock(() => authApi.logout()), gaveUp]);
      } catch {
        // The local session ends either way; the server forgets the token when it expires.
      } finally {
        stopWaiting();
      }
      end();
      onSignedOut?.();
    },
    forget: (notice) => end(notice),
  };
}
