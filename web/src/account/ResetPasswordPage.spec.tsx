import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { fakeApi, renderWithServices } from '../test-support/services';
import { ResetPasswordPage } from './ResetPasswordPage';

function setup({ reset = (): unknown => undefined, path = '/reset-password?token=kwpr_abc' } = {}) {
  window.history.replaceState(null, '', path);
  const fake = fakeApi((url: string, options: RequestOptions) => {
    if (url === '/auth/password-reset' && options.method === 'POST') return reset();
    throw new Error(`unexpected ${options.method ?? 'GET'} ${url}`);
  });
  renderWithServices(<ResetPasswordPage />, { api: fake.api });
  return { ...fake, user: userEvent.setup() };
}

async function choose(user: ReturnType<typeof userEvent.setup>, password: string, repeated = password) {
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Repeat the new password'), repeated);
  await user.click(screen.getByRole('button', { name: 'Set new password' }));
}

describe('ResetPasswordPage', () => {
  it('sets the new password with the token from the link, without the session, and says to sign in', async () => {
    const { calls, user } = setup();
    await choose(user, 'new passphrase');

    expect((await screen.findByTestId('reset-done')).textContent).toContain('Sign in with the new password');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin');
    expect(calls).toEqual([{ path: '/auth/password-reset', options: { method: 'POST', body: { token: 'kwpr_abc', newPassword: 'new passphrase' }, anonymous: true } }]);
  });

  it('says the link is not valid when the server refuses the token', async () => {
    const { user } = setup({ reset: () => Promise.reject(new ApiError({ statusCode: 401, code: 'auth.token_invalid', message: 'The reset token is unknown, used or expired' })) });
    await choose(user, 'new passphrase');

    expect((await screen.findByTestId('reset-problem')).textContent).toContain('This reset link is not valid');
    expect(screen.queryByLabelText('New password')).toBeNull();
  });

  it('checks the password before sending it', async () => {
    const { calls, user } = setup();
    await choose(user, 'short');
    expect(screen.getByRole('alert').textContent).toBe('The new password needs at least 8 characters.');
    expect(calls).toHaveLength(0);
  });

  it('sends nothing for a link without a token', () => {
    const { calls } = setup({ path: '/reset-password' });
    expect(screen.getByTestId('reset-problem').textContent).toContain('This link carries no reset token');
    expect(calls).toHaveLength(0);
  });
});
