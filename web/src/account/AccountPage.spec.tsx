import { jest } from '@jest/globals';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { SignInSession } from '../api/types';
import { fakeApi, renderWithServices, signedInSession, testUser } from '../test-support/services';
import { AccountPage } from './AccountPage';
import { RECOVERY_CODES_FILENAME } from './RecoveryCodesPanel';

const THIS: SignInSession = {
  id: 's1', createdAt: '2026-11-20T10:00:00.000Z', lastUsedAt: '2026-11-23T09:00:00.000Z', ip: '203.0.113.7', current: true,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
};
const PHONE: SignInSession = {
  id: 's2', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: '2026-11-22T09:00:00.000Z', ip: '198.51.100.4', current: false,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};
const SETUP = { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/Keyward:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Keyward' };
const CODES = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`);

const validation = (field: string, message: string) => new ApiError({ statusCode: 400, code: 'validation.failed', message: 'Validation failed', details: [{ field, message }] });
const wrongCode = () => new ApiError({ statusCode: 401, code: 'auth.mfa_invalid', message: 'The two-factor code or sign-in step is wrong, used or expired' });

type Answer = (options: RequestOptions) => unknown;

/** The account page for the test user, with two-factor sign-in on or off as their profile says. */
function setup(answers: Record<string, Answer> = {}, twoFactorEnabled = false) {
  let sessions = [THIS, PHONE];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const route = `${options.method ?? 'GET'} ${path}`;
    if (answers[route]) return answers[route](options);
    if (route === 'GET /auth/sessions') return sessions;
    if (route === 'POST /auth/password') {
      sessions = [THIS];
      return undefined;
    }
    if (route === `DELETE /auth/sessions/${PHONE.id}`) return undefined;
    if (route === 'POST /auth/2fa/setup') return SETUP;
    if (route === 'POST /auth/2fa/enable') return { recoveryCodes: CODES };
    if (route === 'POST /auth/2fa/disable') return undefined;
    throw new Error(`unexpected ${route}`);
  });
  renderWithServices(<AccountPage />, { api: fake.api, session: signedInSession([], { ...testUser, twoFactorEnabled }) });
  return { ...fake, user: userEvent.setup() };
}

const sent = (calls: Array<{ path: string; options: RequestOptions }>, method: string, path: string) =>
  calls.filter((c) => c.options.method === method && c.path === path).map((c) => c.options.body);

async function changePassword(user: ReturnType<typeof userEvent.setup>, current: string, next: string, repeated = next) {
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Repeat the new password'), repeated);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('AccountPage: password', () => {
  it('changes the password, clears the form and shows that the other sessions ended', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('sessions-table');
    await changePassword(user, 'old passphrase', 'new passphrase');

    expect(await screen.findByText('Password changed. Your other sessions have ended.')).toBeTruthy();
    expect(sent(calls, 'POST', '/auth/password')).toEqual([{ currentPassword: 'old passphrase', newPassword: 'new passphrase' }]);
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(screen.queryByRole('button', { name: /^End session/ })).toBeNull());
  });

  it('marks the current password wrong when the server says so', async () => {
    const { user } = setup({ 'POST /auth/password': () => Promise.reject(validation('currentPassword', 'currentPassword is not your current password')) });
    await changePassword(user, 'not it', 'new passphrase');

    const current = screen.getByLabelText('Current password');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This is not your current password.')).toBeTruthy();
  });

  it('sends nothing when the repeated password does not match', async () => {
    const { calls, user } = setup();
    await changePassword(user, 'old passphrase', 'new passphrase', 'new passfrase');
    expect(screen.getByRole('alert').textContent).toBe('The two new passwords are not the same.');
    expect(sent(calls, 'POST', '/auth/password')).toEqual([]);
  });
});

describe('AccountPage: sessions', () => {
  it('lists my sessions with device, IP and times, marking this one, which cannot be ended', async () => {
    setup();
    const table = await screen.findByTestId('sessions-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-session-id'))).toEqual(['s1', 's2']);
    expect(within(rows[0]).getByText('Firefox on Linux')).toBeTruthy();
    expect(within(rows[0]).getByText('this session')).toBeTruthy();
    expect(within(rows[0]).getByText('203.0.113.7')).toBeTruthy();
    expect(within(rows[0]).queryByRole('button')).toBeNull();
    expect(within(rows[1]).getByText('Safari on iOS')).toBeTruthy();
    expect(within(rows[1]).getByText('198.51.100.4')).toBeTruthy();
    expect(rows[1].querySelector('td[data-label="Last used"] time')?.getAttribute('dateTime')).toBe(PHONE.lastUsedAt);
  });

  it('ends another session and takes it off the list', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'End session on Safari on iOS from 198.51.100.4' }));

    await waitFor(() => expect(screen.queryByText('Safari on iOS')).toBeNull());
    expect(calls.filter((c) => c.options.method === 'DELETE').map((c) => c.path)).toEqual(['/auth/sessions/s2']);
    expect(screen.getByText('Session on Safari on iOS ended.')).toBeTruthy();
  });

  it('says why a session could not be ended, and keeps it listed', async () => {
    const { user } = setup({ [`DELETE /auth/sessions/${PHONE.id}`]: () => Promise.reject(new ApiError({ statusCode: 404, code: 'session.not_found', message: 'Session not found' })) });
    await user.click(await screen.findByRole('button', { name: /^End session on Safari/ }));
    expect(await screen.findByText('Could not end the session on Safari on iOS: Session not found')).toBeTruthy();
    expect(screen.getByText('Safari on iOS')).toBeTruthy();
  });
});

describe('AccountPage: two-factor sign-in', () => {
  it('offers what the profile allows: turning it on when it is off, turning it off when it is on', () => {
    setup({}, false);
    expect(screen.getByRole('button', { name: /^Turn on/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn off…' })).toBeNull();
    cleanup();
    setup({}, true);
    expect(screen.getByRole('button', { name: 'Turn off…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Turn on/ })).toBeNull();
  });

  async function startSetup(user: ReturnType<typeof userEvent.setup>) {
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    return screen.findByTestId('two-factor-setup');
  }

  it('shows the QR code of the otpauth URL and the secret, then the ten recovery codes once, with copy and download', async () => {
    const { calls, user } = setup();
    const setupStep = await startSetup(user);

    const qr = (await within(setupStep).findByTestId('two-factor-qr')) as HTMLImageElement;
    expect(qr.getAttribute('alt')).toBe('QR code to add Keyward to your authenticator app');
    const svg = decodeURIComponent(qr.src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(within(setupStep).getByTestId('two-factor-secret').textContent).toBe(SETUP.secret);

    await user.type(screen.getByLabelText('Code from the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm and turn on' }));

    const codes = await screen.findByTestId('recovery-codes');
    expect(sent(calls, 'POST', '/auth/2fa/enable')).toEqual([{ code: '123456' }]);
    expect(within(codes).getAllByRole('listitem').map((li) => li.textContent)).toEqual(CODES);

    await user.click(within(codes).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(CODES.join('\n'));

    const saved: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:codes';
    });
    URL.revokeObjectURL = jest.fn<(...args: any[]) => any>();
    const clicks = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe(RECOVERY_CODES_FILENAME);
    });
    await user.click(within(codes).getByRole('button', { name: 'Download' }));
    expect(clicks).toHaveBeenCalledTimes(1);
    clicks.mockRestore();
    const text = await saved[0].text();
    expect(text).toContain(`Keyward recovery codes for ${testUser.email}`);
    expect(CODES.every((code) => text.includes(`\n${code}\n`))).toBe(true);

    await user.click(within(codes).getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(screen.queryByText(CODES[0])).toBeNull();
    expect(within(screen.getByTestId('two-factor-section')).getByText(/^Two-factor sign-in is on:/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn on' })).toBeNull();
  });

  it('says a wrong confirmation code is wrong, without ending the session, and lets me try again', async () => {
    let tries = 0;
    const { user } = setup({ 'POST /auth/2fa/enable': () => (tries++ === 0 ? Promise.reject(wrongCode()) : { recoveryCodes: CODES }) });
    await startSetup(user);
    await user.type(screen.getByLabelText('Code from the app'), '000000');
    await user.click(screen.getByRole('button', { name: 'Confirm and turn on' }));

    expect(await screen.findByText(/That code is not right/)).toBeTruthy();
    expect(screen.getByTestId('two-factor-qr')).toBeTruthy();
    await user.type(screen.getByLabelText('Code from the app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm and turn on' }));
    expect(await screen.findByTestId('recovery-codes')).toBeTruthy();
  });

  it('learns from the server that two-factor sign-in is already on, and offers to turn it off', async () => {
    const { user } = setup({ 'POST /auth/2fa/setup': () => Promise.reject(new ApiError({ statusCode: 400, code: 'validation.failed', message: 'Two-factor sign-in is already on; turn it off first', details: [{ field: 'code', message: 'two-factor sign-in is already on' }] })) });
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByRole('alert')).textContent).toContain('two-factor sign-in is already on');
    expect(screen.queryByRole('button', { name: 'Turn on' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Turn off…' })).toBeTruthy();
  });

  it('turns it off with the password and a code', async () => {
    const { calls, user } = setup({}, true);
    await user.click(screen.getByRole('button', { name: 'Turn off…' }));
    const form = screen.getByTestId('two-factor-disable');
    await user.type(within(form).getByLabelText('Password'), 'my passphrase');
    await user.type(within(form).getByLabelText('Code from the app, or a recovery code'), '123456');
    await user.click(within(form).getByRole('button', { name: 'Turn off two-factor sign-in' }));

    expect(await within(screen.getByTestId('two-factor-section')).findByText('Two-factor sign-in is off.')).toBeTruthy();
    expect(sent(calls, 'POST', '/auth/2fa/disable')).toEqual([{ password: 'my passphrase', code: '123456' }]);
    expect(screen.getByRole('button', { name: 'Turn on' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Turn off…' })).toBeNull();
  });

  it('marks a wrong password or a wrong code when turning it off, and stays on the form', async () => {
    let answer = (): unknown => Promise.reject(validation('password', 'password is not your current password'));
    const { user } = setup({ 'POST /auth/2fa/disable': () => answer() }, true);
    await user.click(screen.getByRole('button', { name: 'Turn off…' }));
    const form = screen.getByTestId('two-factor-disable');
    await user.type(within(form).getByLabelText('Password'), 'nope');
    await user.type(within(form).getByLabelText('Code from the app, or a recovery code'), '123456');
    await user.click(within(form).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await within(form).findByText('This is not your current password.')).toBeTruthy();

    answer = () => Promise.reject(wrongCode());
    await user.click(within(form).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await within(form).findByText('That code is not right, or it has been used already.')).toBeTruthy();
    expect(within(form).getByLabelText('Code from the app, or a recovery code').getAttribute('aria-invalid')).toBe('true');
  });
});
