import { jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { ConsentRequest } from '../api/types';
import { fakeApi, renderWithServices, signedInSession, testUser } from '../test-support/services';
import { ConsentPage } from './ConsentPage';

const UID = 'Yc1xQk3bUn9rT5vW';
const REQUEST: ConsentRequest = {
  uid: UID,
  app: { name: 'Zapier', clientId: 'kwc_0f1e2d3c' },
  workspace: { id: 'w1', name: 'Acme', slug: 'acme' },
  scopes: ['contents:write', 'read'],
};
const RESUME = `http://localhost:3000/oauth/authorize/${UID}`;

const refusal = (code: string, statusCode = 404) => Promise.reject(new ApiError({ statusCode, code, message: 'refused' }));

function setup({ describe = (): unknown => REQUEST, decide = (): unknown => ({ redirectTo: RESUME }) } = {}) {
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path !== `/oauth/interactions/${UID}`) throw new Error(`unexpected ${path}`);
    return options.method === 'POST' ? decide() : describe();
  });
  const goTo = jest.fn<(url: string) => void>();
  const session = signedInSession([]);
  const signOut = jest.spyOn(session, 'signOut');
  renderWithServices(<ConsentPage uid={UID} goTo={goTo} />, { api: fake.api, session });
  const decisions = () => fake.calls.filter((call) => call.options.method === 'POST').map((call) => call.options.body);
  return { ...fake, goTo, signOut, decisions, user: userEvent.setup() };
}

describe('ConsentPage', () => {
  it('names the app, its workspace and who is signed in, and says in words what it asks for', async () => {
    setup();
    expect(await screen.findByRole('heading', { name: 'Authorize Zapier' })).toBeTruthy();
    expect(screen.getByTestId('consent-workspace').textContent).toBe('Acme');
    expect(screen.getByText(`Signed in as ${testUser.email}.`)).toBeTruthy();
    const scopes = within(screen.getByRole('list', { name: 'It will be able to' })).getAllByRole('listitem');
    expect(scopes.map((item) => item.textContent)).toEqual(['Read everything you can read in the workspace', 'Create and edit content']);
  });

  it('allows: tells the server, then sends the browser on to where the authorization resumes', async () => {
    const { user, goTo, decisions } = setup();
    await user.click(await screen.findByRole('button', { name: 'Allow' }));
    await waitFor(() => expect(goTo).toHaveBeenCalledWith(RESUME));
    expect(decisions()).toEqual([{ allow: true }]);
    expect(screen.getByText('Taking you back to Zapier…')).toBeTruthy();
  });

  it('denies: tells the server, and the browser resumes there too, so the app hears the refusal', async () => {
    const { user, goTo, decisions } = setup();
    await user.click(await screen.findByRole('button', { name: 'Deny' }));
    await waitFor(() => expect(goTo).toHaveBeenCalledWith(RESUME));
    expect(decisions()).toEqual([{ allow: false }]);
  });

  it('sends one decision however often Allow is pressed while it is on its way', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { user, decisions, goTo } = setup({ decide: () => new Promise((resolve) => (answer = resolve)) });
    await user.click(await screen.findByRole('button', { name: 'Allow' }));
    const allowing = screen.getByRole('button', { name: 'Allowing…' }) as HTMLButtonElement;
    expect([allowing.disabled, (screen.getByRole('button', { name: 'Deny' }) as HTMLButtonElement).disabled]).toEqual([true, true]);
    await user.click(allowing);
    answer({ redirectTo: RESUME });
    await waitFor(() => expect(goTo).toHaveBeenCalledTimes(1));
    expect(decisions()).toEqual([{ allow: true }]);
  });

  it('says a request that expired or was answered already has expired, and offers no Allow', async () => {
    const { goTo } = setup({ describe: () => refusal('oauth_interaction.not_found') });
    expect((await screen.findByTestId('consent-problem')).textContent).toContain('This authorization request has expired');
    expect(screen.queryByRole('button', { name: 'Allow' })).toBeNull();
    expect(goTo).not.toHaveBeenCalled();
  });

  it('tells someone outside the app’s workspace they cannot consent, and offers to switch accounts', async () => {
    const { user, signOut } = setup({ describe: () => refusal('workspace.not_found') });
    const problem = await screen.findByTestId('consent-problem');
    expect(problem.textContent).toContain('You are not a member of this app’s workspace');
    expect(problem.textContent).toContain(testUser.email);
    await user.click(screen.getByRole('button', { name: 'Sign in with another account' }));
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it('shows a refusal of the decision itself, and does not leave the page', async () => {
    const { user, goTo } = setup({ decide: () => refusal('oauth_interaction.not_found') });
    await user.click(await screen.findByRole('button', { name: 'Allow' }));
    expect((await screen.findByTestId('consent-problem')).textContent).toContain('has expired');
    expect(goTo).not.toHaveBeenCalled();
  });

  it('offers to try again after an unexpected failure, and then shows the request', async () => {
    let failing = true;
    const { user } = setup({ describe: () => (failing ? refusal('service.unavailable', 503) : REQUEST) });
    await screen.findByRole('alert');
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Authorize Zapier' })).toBeTruthy();
  });

  it('says when an app asks for no permissions at all', async () => {
    setup({ describe: () => ({ ...REQUEST, scopes: [] }) });
    expect(await screen.findByText('It asks for no permissions.')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
