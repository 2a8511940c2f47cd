import { render, screen, waitFor, within } from '@testing-library/react';
import type { ApiClient } from '../api/api-client';
import type { SessionState, SessionStore } from '../auth/session-store';
import { newMe, newWorkspace } from '../test-support/factories';
import { fakeApi, signedInSession, testUser } from '../test-support/services';
import { App } from './App';
import { ServicesProvider } from './session-context';

const emptyApi: ApiClient = {
  request: async <T,>(path: string) => (path === '/workspaces' ? [] : { items: [], nextCursor: null }) as T,
  download: async () => ({ blob: new Blob(), filename: null }),
};

function renderAt(path: string, session: SessionStore, api: ApiClient = emptyApi) {
  window.history.replaceState(null, '', path);
  return render(
    <ServicesProvider session={session} api={api}>
      <App />
    </ServicesProvider>,
  );
}

function sessionIn(state: SessionState): SessionStore {
  return { ...signedInSession([]), getState: () => state };
}

describe('App', () => {
  it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
    renderAt('/audit?severity=critical', sessionIn({ status: 'signed-out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/audit?severity=critical');
    expect(await screen.findByRole('heading', { name: 'Sign in to the Developer Center' })).toBeTruthy();
  });

  it('sends a signed-out visitor with an invitation link to sign in, keeping the token for the way back', async () => {
    renderAt('/invitations/accept?token=kwinv_abc', sessionIn({ status: 'signed-out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/invitations/accept?token=kwinv_abc');
    expect((await screen.findByTestId('invitation-notice')).textContent).toContain('You have been invited to a workspace');
    // Registering instead keeps the way back too.
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(`/register?next=${encodeURIComponent('/invitations/accept?token=kwinv_abc')}`);
  });

  it('sends a signed-out visitor an app sent to consent to sign in, and says why, keeping the way back', async () => {
    renderAt('/oauth/consent/Yc1xQk3bUn9rT5vW', sessionIn({ status: 'signed-out' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/oauth/consent/Yc1xQk3bUn9rT5vW');
    expect((await screen.findByTestId('consent-notice')).textContent).toContain('An app is asking to act for you');
  });

  it('shows the consent page on its own card, without the console’s navigation to lead away from it', async () => {
    const request = { uid: 'Yc1xQk3bUn9rT5vW', app: { name: 'Zapier', clientId: 'kwc_1' }, workspace: { id: 'w1', name: 'Acme', slug: 'acme' }, scopes: ['read'] };
    const { api } = fakeApi((path) => (path === '/oauth/interactions/Yc1xQk3bUn9rT5vW' ? request : []));
    renderAt('/oauth/consent/Yc1xQk3bUn9rT5vW', signedInSession([]), api);
    expect(await screen.findByRole('heading', { name: 'Authorize Zapier' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('opens the members and workspace settings pages, with the workspace switcher in the top bar', async () => {
    renderAt('/members', signedInSession(['keys:read']));
    expect(await screen.findByRole('heading', { name: 'Members' })).toBeTruthy();
    expect(screen.getByLabelText('Workspace')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Workspace settings' }).getAttribute('href')).toBe('/workspace/settings');
  });

  it('opens the account page from the Account button in the top bar', async () => {
    renderAt('/keys', signedInSession(['keys:read']));
    const account = await screen.findByRole('link', { name: 'Account' });
    expect(account.getAttribute('href')).toBe('/account');
    account.click();
    expect(await screen.findByRole('heading', { name: 'Account' })).toBeTruthy();
  });

  it('opens a reset link signed out, without sending the visitor to sign in first', async () => {
    renderAt('/reset-password?token=kwpr_abc', sessionIn({ status: 'signed-out' }));
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/reset-password?token=kwpr_abc');
  });

  it('opens a reset link signed in too, instead of bouncing to the API keys', async () => {
    renderAt('/reset-password?token=kwpr_abc', signedInSession(['keys:read']));
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeTruthy();
    expect(window.location.pathname).toBe('/reset-password');
  });

  it('shows why the session ended on the sign-in page', async () => {
    renderAt('/signin', sessionIn({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' }));
    expect((await screen.findByRole('status')).textContent).toBe('Your session has ended. Please sign in again.');
  });

  it('waits for the session to be restored before deciding', () => {
    renderAt('/keys', sessionIn({ status: 'restoring' }));
    expect(screen.getByRole('status').textContent).toContain('Restoring your session');
    expect(window.location.pathname).toBe('/keys');
  });

  it('opens the API keys page by default after sign-in', async () => {
    renderAt('/', signedInSession(['keys:read']));
    await waitFor(() => expect(window.location.pathname).toBe('/keys'));
    expect(await screen.findByRole('heading', { name: 'API keys' })).toBeTruthy();
  });

  it('shows someone without instance roles no admin pages, though they own (*) their personal workspace', async () => {
    const personal = newWorkspace('p1', { personal: true, role: 'owner' });
    const { api } = fakeApi((path) => (path === '/workspaces' ? [personal] : path === '/auth/me' ? newMe(testUser, personal, ['*']) : { items: [], nextCursor: null }));
    renderAt('/keys', signedInSession([]), api);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await screen.findByText('No API keys yet.')).toBeTruthy();
    // The owner's * there opens the workspace's OAuth apps.
    await within(nav).findByRole('link', { name: 'OAuth apps' });
    expect(nav.textContent).toBe('API keysAudit logMembersOAuth apps');
  });

  it('offers no OAuth apps to a member of the current workspace, and turns the page away', async () => {
    const acme = newWorkspace('w1', { name: 'Acme', role: 'member' });
    const { api } = fakeApi((path) => (path === '/workspaces' ? [acme] : path === '/auth/me' ? newMe(testUser, acme) : { items: [], nextCursor: null }));
    renderAt('/oauth-apps', signedInSession([]), api);
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('This page needs the apps:read permission');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'OAuth apps' })).toBeNull();
  });

  it('asks the server what a custom role grants before offering OAuth apps', async () => {
    const acme = newWorkspace('w1', { name: 'Acme', role: 'integrations' });
    const { api, calls } = fakeApi((path) => (path === '/workspaces' ? [acme] : path === '/auth/me' ? newMe(testUser, acme, ['apps:read']) : { items: [], nextCursor: null }));
    renderAt('/account', signedInSession([]), api);
    expect(await screen.findByRole('link', { name: 'OAuth apps' })).toBeTruthy();
    expect(calls.filter((call) => call.path === '/auth/me').map((call) => call.options.workspace)).toEqual(['w1']);
  });

  it('opens the OAuth apps page from the navigation for an admin of the current workspace', async () => {
    const acme = newWorkspace('w1', { name: 'Acme', role: 'admin' });
    const { api } = fakeApi((path) => (path === '/workspaces' ? [acme] : path === '/auth/me' ? newMe(testUser, acme) : path === '/workspaces/w1/oauth-apps' ? [] : { items: [], nextCursor: null }));
    renderAt('/keys', signedInSession([]), api);
    (await screen.findByRole('link', { name: 'OAuth apps' })).click();
    expect(await screen.findByRole('heading', { name: 'OAuth apps' })).toBeTruthy();
    expect(await screen.findByText('No OAuth apps yet.')).toBeTruthy();
  });

  it('refuses an admin page to the owner of a workspace, whose * there is no instance permission', async () => {
    const personal = newWorkspace('p1', { personal: true, role: 'owner' });
    const { api } = fakeApi((path) => (path === '/workspaces' ? [personal] : path === '/auth/me' ? newMe(testUser, personal, ['*']) : { items: [], nextCursor: null }));
    renderAt('/admin/users', signedInSession([]), api);
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('This page needs the users:read permission, which your roles do not grant.');
  });

  it('refuses an admin page to someone without its permission', async () => {
    renderAt('/admin/roles', signedInSession(['keys:read']));
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
  });

  it('shows the signed-in email and the admin pages to an admin', async () => {
    renderAt('/keys', signedInSession(['*']));
    expect(await screen.findByText(testUser.email)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Roles' })).toBeTruthy();
  });

  it('answers an unknown path with a not-found page, not a blank screen', async () => {
    renderAt('/nowhere', signedInSession(['keys:read']));
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
