import { jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import type { MfaChallenge, SessionResponse } from '../api/types';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import type { AuthApi } from './auth-api';
import { AuthPage } from './AuthPage';
import { createSessionStore } from './session-store';
import { CHALLENGE_OVER_NOTICE } from './SecondFactorStep';

const session: SessionResponse = { user: testUser, accessToken: 'access', tokenType: 'Bearer', expiresIn: 900 };
const challenge = (expiresIn = 300): MfaChallenge => ({ mfaRequired: true, mfaToken: 'kwmfa_abc', expiresIn });
const wrongCode = () => new ApiError({ statusCode: 401, code: 'auth.mfa_invalid', message: 'The two-factor code or sign-in step is wrong, used or expired' });

function setup({ login = async (): Promise<SessionResponse | MfaChallenge> => challenge(), secondFactor = async (): Promise<SessionResponse> => session } = {}) {
  window.history.replaceState(null, '', '/signin?next=%2Faudit');
  const authApi = {
    login: jest.fn<AuthApi['login']>(login),
    loginSecondFactor: jest.fn<AuthApi['loginSecondFactor']>(secondFactor),
    register: jest.fn(async () => session),
    refresh: jest.fn(async () => session),
    logout: jest.fn(async () => undefined),
    me: jest.fn(async () => ({
      user: testUser,
      authMethod: 'jwt' as const,
      permissions: ['keys:read'],
      instancePermissions: [],
      workspace: { id: 'w1', slug: 'personal-w1', name: 'Personal', role: 'owner' },
    })),
  } satisfies AuthApi;
  const store = createSessionStore({ authApi, setTimer: () => () => undefined });
  renderWithServices(<AuthPage mode="signin" />, { api: fakeApi(() => undefined).api, session: store });
  return { authApi, store, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Email'), 'ada@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByLabelText('Authentication code');
}

describe('AuthPage with two-factor sign-in', () => {
  it('asks for the code after a right password, then completes the session and goes on', async () => {
    const { authApi, store, user } = setup();
    const code = await signIn(user);
    expect(screen.getByRole('heading', { name: 'Enter your sign-in code' })).toBeTruthy();
    expect(store.getState().status).not.toBe('signed-in');

    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await waitFor(() => expect(window.location.pathname).toBe('/audit'));
    expect(authApi.loginSecondFactor).toHaveBeenCalledWith('kwmfa_abc', { code: '123456' });
    expect(store.getState().status).toBe('signed-in');
  });

  it('signs in straight away when the account has no second factor', async () => {
    const { authApi, user } = setup({ login: async () => session });
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(window.location.pathname).toBe('/audit'));
    expect(authApi.loginSecondFactor).not.toHaveBeenCalled();
  });

  it('says a wrong code is wrong and stays on the step for another try', async () => {
    let answers = 0;
    const { authApi, user } = setup({ secondFactor: async () => (answers++ === 0 ? Promise.reject(wrongCode()) : session) });
    await user.type(await signIn(user), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByText(/That code is not right/)).toBeTruthy();
    expect(window.location.pathname).toBe('/signin');
    const code = screen.getByLabelText('Authentication code') as HTMLInputElement;
    expect(code.value).toBe('');
    expect(code.getAttribute('aria-invalid')).toBe('true');

    await user.type(code, '654321');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(window.location.pathname).toBe('/audit'));
    expect(authApi.loginSecondFactor).toHaveBeenLastCalledWith('kwmfa_abc', { code: '654321' });
  });

  it('does not send something that is not a 6-digit code', async () => {
    const { authApi, user } = setup();
    await user.type(await signIn(user), '12ab');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(screen.getByText('Enter the 6-digit code from your authenticator app.')).toBeTruthy();
    expect(authApi.loginSecondFactor).not.toHaveBeenCalled();
  });

  it('takes a recovery code instead after the switch', async () => {
    const { authApi, user } = setup();
    await signIn(user);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'abcde-fghij');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    await waitFor(() => expect(window.location.pathname).toBe('/audit'));
    expect(authApi.loginSecondFactor).toHaveBeenCalledWith('kwmfa_abc', { recoveryCode: 'abcde-fghij' });
  });

  it('says a used or wrong recovery code is not right', async () => {
    const { user } = setup({ secondFactor: async () => Promise.reject(wrongCode()) });
    await signIn(user);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText('Recovery code'), 'abcde-fghij');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('That recovery code is not right, or it has been used already.')).toBeTruthy();
  });

  it('goes back to the password step, saying why, when the challenge has expired', async () => {
    const { user } = setup({ login: async () => challenge(0), secondFactor: async () => Promise.reject(wrongCode()) });
    await user.type(await signIn(user), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect((await screen.findByText(CHALLENGE_OVER_NOTICE)).getAttribute('role')).toBe('status');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
    expect(screen.queryByLabelText('Authentication code')).toBeNull();
  });

  it('goes back to the password step after the fifth wrong code, which kills the challenge', async () => {
    const { authApi, user } = setup({ secondFactor: async () => Promise.reject(wrongCode()) });
    await signIn(user);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await user.type(screen.getByLabelText('Authentication code'), '000000');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      if (attempt < 5) await screen.findByText(/That code is not right/);
    }
    expect((await screen.findByText(CHALLENGE_OVER_NOTICE)).getAttribute('role')).toBe('status');
    expect(authApi.loginSecondFactor).toHaveBeenCalledTimes(5);
  });

  it('shows other failures (too many attempts) on the step without counting them as wrong codes', async () => {
    const limited = new ApiError({ statusCode: 429, code: 'rate_limit.exceeded', message: 'Too many sign-in attempts. Try again later.' });
    const { user } = setup({ secondFactor: async () => Promise.reject(limited) });
    await user.type(await signIn(user), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many sign-in attempts');
    expect(screen.getByLabelText('Authentication code')).toBeTruthy();
  });
});
