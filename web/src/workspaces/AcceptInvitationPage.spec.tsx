import { jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { useCurrentWorkspace } from '../app/workspace-context';
import { newWorkspace } from '../test-support/factories';
import { fakeApi, renderWithServices, signedInSession, testUser } from '../test-support/services';
import { AcceptInvitationPage } from './AcceptInvitationPage';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada' });
const ACME = newWorkspace('w1', { name: 'Acme', slug: 'acme', role: 'viewer' });
const TOKEN = 'kwinv_abc123';

function CurrentProbe() {
  return <output data-testid="current">{useCurrentWorkspace()?.id ?? 'none'}</output>;
}

function setup({ accept = (): unknown => ACME, path = `/invitations/accept?token=${TOKEN}` } = {}) {
  window.history.replaceState(null, '', path);
  let joined = false;
  const fake = fakeApi(async (url: string, options: RequestOptions) => {
    if (url === '/workspaces' && !options.method) return joined ? [PERSONAL, ACME] : [PERSONAL];
    if (url === '/invitations/accept' && options.method === 'POST') {
      const answer = await accept();
      joined = true;
      return answer;
    }
    throw new Error(`unexpected ${options.method ?? 'GET'} ${url}`);
  });
  const session = signedInSession(['keys:read']);
  const signOut = jest.spyOn(session, 'signOut');
  renderWithServices(
    <>
      <AcceptInvitationPage />
      <CurrentProbe />
    </>,
    // StrictMode runs effects twice in development: the one-time token must still be sent once.
    { api: fake.api, workspaces: true, session, strict: true },
  );
  return { ...fake, signOut, user: userEvent.setup() };
}

const refusal = (code: string, message: string, statusCode = 400) => () => Promise.reject(new ApiError({ statusCode, code, message }));
const accepts = (calls: Array<{ path: string }>) => calls.filter((c) => c.path === '/invitations/accept');

describe('AcceptInvitationPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('accepts the invitation once and switches to the joined workspace', async () => {
    const { calls } = setup();
    expect(await screen.findByRole('heading', { name: 'You joined Acme' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe('w1'));
    expect(accepts(calls)).toEqual([{ path: '/invitations/accept', options: { method: 'POST', body: { token: TOKEN } } }]);
    expect(screen.getByText(/it is your current workspace/).textContent).toBe('You are now viewer in Acme, and it is your current workspace.');
  });

  it('takes the spent token out of the address bar', async () => {
    setup();
    await screen.findByRole('heading', { name: 'You joined Acme' });
    expect(window.location.pathname + window.location.search).toBe('/invitations/accept');
  });

  it('says an expired invitation has expired', async () => {
    setup({ accept: refusal('invitation.expired', 'Invitation has expired', 410) });
    expect((await screen.findByTestId('invitation-problem')).textContent).toContain('This invitation has expired');
    expect(screen.getByTestId('current').textContent).toBe('p1');
  });

  it('names the signed-in account when the invitation is for another address, and offers to switch accounts', async () => {
    const { signOut, user } = setup({ accept: refusal('invitation.email_mismatch', 'Invitation is for another e-mail', 403) });
    const problem = await screen.findByTestId('invitation-problem');
    expect(problem.textContent).toContain('This invitation is for another e-mail address');
    expect(problem.textContent).toContain(`You are signed in as ${testUser.email}`);

    await user.click(screen.getByRole('button', { name: 'Sign in with another account' }));
    expect(signOut).toHaveBeenCalledTimes(1);
    // The link stays in the address bar, so signing in again comes back to it.
    expect(window.location.search).toBe(`?token=${TOKEN}`);
  });

  it('says an unknown, used or revoked link is not valid', async () => {
    setup({ accept: refusal('invitation.not_found', 'Invitation not found', 404) });
    expect((await screen.findByTestId('invitation-problem')).textContent).toContain('This invitation link is not valid');
  });

  it('says so when I am already a member', async () => {
    setup({ accept: refusal('member.exists', 'Already a member', 409) });
    expect((await screen.findByTestId('invitation-problem')).textContent).toContain('You are already a member');
  });

  it('offers a retry for a network failure, sending the token again', async () => {
    let failures = 1;
    const { calls, user } = setup({
      accept: () => (failures-- > 0 ? Promise.reject(new ApiError({ statusCode: 0, code: 'network.unreachable', message: 'Could not reach the Keyward server.' })) : ACME),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach the Keyward server.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'You joined Acme' })).toBeTruthy();
    expect(accepts(calls)).toHaveLength(2);
  });

  it('sends nothing for a link without a token', async () => {
    const { calls } = setup({ path: '/invitations/accept' });
    expect((await screen.findByRole('alert')).textContent).toContain('This link carries no invitation');
    expect(accepts(calls)).toHaveLength(0);
  });
});
