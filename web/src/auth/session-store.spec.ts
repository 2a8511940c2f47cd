import { jest } from '@jest/globals';
import { waitFor } from '../test-support/wait-for';
import { ApiError } from '../api/api-error';
import type { SessionResponse, User } from '../api/types';
import type { AuthApi } from './auth-api';
import { createSessionStore, LOGOUT_WAIT_MS, RETRY_REFRESH_MS, SESSION_ENDED_NOTICE } from './session-store';

const user: User = { id: 'u1', email: 'ada@example.com', name: 'Ada', roles: ['member'], active: true, createdAt: '2026-01-01T00:00:00Z', twoFactorEnabled: false };
const session = (accessToken: string, expiresIn = 900): SessionResponse => ({ user, accessToken, tokenType: 'Bearer', expiresIn });
const apiError = (statusCode: number, code: string) => new ApiError({ statusCode, code, message: code });

function fakeAuthApi(overrides: Partial<AuthApi> = {}): AuthApi & { [K in keyof AuthApi]: jest.Mock<(...args: any[]) => any> } {
  let issued = 0;
  return {
    login: jest.fn(async () => session('login-token')),
    loginSecondFactor: jest.fn(async () => session('second-factor-token')),
    register: jest.fn(async () => session('register-token')),
    refresh: jest.fn(async () => session(`refreshed-${++issued}`)),
    logout: jest.fn(async () => undefined),
    // The personal workspace's permissions (`*`) and the instance roles' ones: the session keeps only the latter.
    me: jest.fn(async () => ({ user, authMethod: 'jwt' as const, permissions: ['*'], instancePermissions: ['audit:read'] })),
    ...overrides,
  } as never;
}

function fakeTimers() {
  const pending: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  return {
    pending,
    setTimer(callback: () => void, ms: number) {
      const timer = { callback, ms, cancelled: false };
      pending.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    live: () => pending.filter((t) => !t.cancelled),
  };
}

describe('session store', () => {
  it('restores a session from the cookie on page load, keeping the instance permissions, not those of the personal workspace', async () => {
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });

    await store.restore();

    expect(store.getState()).toEqual({ status: 'signed-in', user, instancePermissions: ['audit:read'] });
    expect(store.accessToken()).toBe('refreshed-1');
    expect(authApi.me).toHaveBeenCalledWith('refreshed-1');
  });

  it('ends up signed out, with no error shown, when there is no cookie', async () => {
    const store = createSessionStore({ authApi: fakeAuthApi({ refresh: jest.fn<(...args: any[]) => any>().mockRejectedValue(apiError(400, 'validation.failed')) }) });
    await store.restore();
    expect(store.getState()).toEqual({ status: 'signed-out' });
  });

  it('tells the user when the server cannot be reached while restoring', async () => {
    const unreachable = new ApiError({ statusCode: 0, code: 'network.unreachable', message: 'Could not reach the server' });
    const store = createSessionStore({ authApi: fakeAuthApi({ refresh: jest.fn<(...args: any[]) => any>().mockRejectedValue(unreachable) }) });
    await store.restore();
    expect(store.getState()).toEqual({ status: 'signed-out', notice: 'Could not reach the server' });
  });

  it('spends the cookie only once when restore runs twice at the same time', async () => {
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });
    await Promise.all([store.restore(), store.restore()]);
    expect(authApi.refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes silently shortly before the access token expires', async () => {
    const timers = fakeTimers();
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: timers.setTimer });
    await store.signIn('ada@example.com', 'secret-password');

    const [timer] = timers.live();
    expect(timer.ms).toBe(840_000);
    timer.callback();
    await waitFor(() => expect(store.accessToken()).toBe('refreshed-1'));
    expect(authApi.refresh).toHaveBeenCalledTimes(1);
  });

  it('shares one refresh between requests that all got a 401', async () => {
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });
    await store.signIn('ada@example.com', 'pw');

    const results = await Promise.all([store.renewAfterUnauthorized('login-token'), store.renewAfterUnauthorized('login-token')]);

    expect(results).toEqual([true, true]);
    expect(authApi.refresh).toHaveBeenCalledTimes(1);
  });

  it('does not refresh again for a request sent with a token that was already replaced', async () => {
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });
    await store.restore();

    await expect(store.renewAfterUnauthorized('some-older-token')).resolves.toBe(true);
    expect(authApi.refresh).toHaveBeenCalledTimes(1);
  });

  it('signs out with a notice when the refresh is refused', async () => {
    const refused = jest.fn<(...args: any[]) => any>().mockRejectedValue(apiError(401, 'auth.token_invalid'));
    const store = createSessionStore({ authApi: fakeAuthApi({ refresh: refused }), setTimer: fakeTimers().setTimer });
    await store.signIn('ada@example.com', 'pw');

    await expect(store.renewAfterUnauthorized('login-token')).resolves.toBe(false);

    expect(store.getState()).toEqual({ status: 'signed-out', notice: SESSION_ENDED_NOTICE });
    expect(store.accessToken()).toBeNull();
  });

  it('keeps the session and retries later when a background refresh hits a network error', async () => {
    const timers = fakeTimers();
    const authApi = fakeAuthApi({ refresh: jest.fn<(...args: any[]) => any>().mockRejectedValue(new ApiError({ statusCode: 0, code: 'network.unreachable', message: 'x' })) });
    const store = createSessionStore({ authApi, setTimer: timers.setTimer });
    await store.signIn('ada@example.com', 'pw');

    timers.live()[0].callback();

    await waitFor(() => expect(timers.live().at(-1)?.ms).toBe(RETRY_REFRESH_MS));
    expect(store.getState().status).toBe('signed-in');
    expect(store.accessToken()).toBe('login-token');
  });

  it('signs out: calls logout, drops the token and stops the refresh timer', async () => {
    const timers = fakeTimers();
    const authApi = fakeAuthApi();
    const onSignedOut = jest.fn<(...args: any[]) => any>();
    const store = createSessionStore({ authApi, setTimer: timers.setTimer, onSignedOut });
    await store.signIn('ada@example.com', 'pw');

    await store.signOut();

    expect(authApi.logout).toHaveBeenCalledTimes(1);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(store.accessToken()).toBeNull();
    expect(store.getState()).toEqual({ status: 'signed-out' });
    expect(timers.live()).toHaveLength(0);
  });

  it('stays signed in until the server has logged out, so the cookie is cleared before the sign-in page shows', async () => {
    let loggedOut: () => void = () => undefined;
    const authApi = fakeAuthApi({ logout: jest.fn(() => new Promise<void>((resolve) => (loggedOut = resolve))) });
    const onSignedOut = jest.fn<(...args: any[]) => any>();
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer, onSignedOut });
    await store.signIn('ada@example.com', 'pw');

    const signingOut = store.signOut();
    await Promise.resolve();
    expect(authApi.logout).toHaveBeenCalledTimes(1);
    expect(store.getState().status).toBe('signed-in');
    expect(onSignedOut).not.toHaveBeenCalled();

    loggedOut();
    await signingOut;
    expect(store.getState()).toEqual({ status: 'signed-out' });
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });

  it('signs out here anyway when the server does not answer the logout in time', async () => {
    const timers = fakeTimers();
    const store = createSessionStore({ authApi: fakeAuthApi({ logout: jest.fn(() => new Promise<void>(() => undefined)) }), setTimer: timers.setTimer });
    await store.signIn('ada@example.com', 'pw');

    const signingOut = store.signOut();
    const wait = timers.live().find((timer) => timer.ms === LOGOUT_WAIT_MS)!;
    expect(timers.live()).toEqual([wait]);
    wait.callback();
    await signingOut;

    expect(store.getState()).toEqual({ status: 'signed-out' });
    expect(store.accessToken()).toBeNull();
  });

  it('signs out here even when the logout request fails', async () => {
    const store = createSessionStore({ authApi: fakeAuthApi({ logout: jest.fn<(...args: any[]) => any>().mockRejectedValue(apiError(0, 'network.unreachable')) }), setTimer: fakeTimers().setTimer });
    await store.signIn('ada@example.com', 'pw');
    await store.signOut();
    expect(store.getState()).toEqual({ status: 'signed-out' });
  });

  it('does not let a refresh that was already on the wire bring a signed-out session back', async () => {
    let answer: (value: SessionResponse) => void = () => undefined;
    const authApi = fakeAuthApi({ refresh: jest.fn(() => new Promise<SessionResponse>((resolve) => (answer = resolve))) });
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });
    await store.signIn('ada@example.com', 'pw');

    const renewal = store.renewAfterUnauthorized('login-token');
    await store.signOut();
    answer(session('too-late'));

    await expect(renewal).resolves.toBe(false);
    expect(store.getState().status).toBe('signed-out');
    expect(store.accessToken()).toBeNull();
  });

  it('passes a failed sign-in to the form and stays signed out', async () => {
    const wrong = apiError(401, 'auth.invalid_credentials');
    const noCookie = jest.fn<(...args: any[]) => any>().mockRejectedValue(apiError(400, 'validation.failed'));
    const store = createSessionStore({ authApi: fakeAuthApi({ login: jest.fn<(...args: any[]) => any>().mockRejectedValue(wrong), refresh: noCookie }) });
    await store.restore();

    await expect(store.signIn('ada@example.com', 'nope')).rejects.toBe(wrong);
    expect(store.getState()).toEqual({ status: 'signed-out' });
    expect(store.accessToken()).toBeNull();
  });

  it('answers the challenge, and starts no session, when the account has two-factor sign-in on', async () => {
    const challenge = { mfaRequired: true as const, mfaToken: 'kwmfa_abc', expiresIn: 300 };
    const noCookie = jest.fn<(...args: any[]) => any>().mockRejectedValue(apiError(400, 'validation.failed'));
    const authApi = fakeAuthApi({ login: jest.fn(async () => challenge), refresh: noCookie });
    const store = createSessionStore({ authApi, setTimer: fakeTimers().setTimer });
    await store.restore();

    await expect(store.signIn('ada@example.com', 'pw')).resolves.toEqual(challenge);

    expect(store.getState()).toEqual({ status: 'signed-out' });
    expect(store.accessToken()).toBeNull();
    expect(authApi.me).not.toHaveBeenCalled();
  });

  it('starts the session once the second factor is right', async () => {
    const timers = fakeTimers();
    const authApi = fakeAuthApi();
    const store = createSessionStore({ authApi, setTimer: timers.setTimer });

    await expect(store.signInSecondFactor('kwmfa_abc', { recoveryCode: 'abcde-fghij' })).resolves.toBeUndefined();

    expect(authApi.loginSecondFactor).toHaveBeenCalledWith('kwmfa_abc', { recoveryCode: 'abcde-fghij' });
    expect(store.accessToken()).toBe('second-factor-token');
    expect(store.getState()).toMatchObject({ status: 'signed-in', user });
    expect(timers.live()).toHaveLength(1);
  });

  it('runs refreshes through the cross-tab lock', async () => {
    let locked = 0;
    const lock = <T,>(task: () => Promise<T>) => {
      locked += 1;
      return task();
    };
    const store = createSessionStore({ authApi: fakeAuthApi(), setTimer: fakeTimers().setTimer, lock });
    await store.restore();
    expect(locked).toBe(1);
  });

  it('notifies subscribers when the state changes', async () => {
    const store = createSessionStore({ authApi: fakeAuthApi(), setTimer: fakeTimers().setTimer });
    const listener = jest.fn<(...args: any[]) => any>();
    store.subscribe(listener);
    await store.restore();
    expect(listener).toHaveBeenCalled();
  });
});
