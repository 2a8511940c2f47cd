import { screen } from '@testing-library/react';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { newWorkspace } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { storageKey } from './current-workspace';
import { WorkspaceGate } from './WorkspaceGate';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada' });
const REFUSAL = new ApiError({ statusCode: 403, code: 'auth.2fa_required', message: 'This workspace requires two-factor sign-in: turn it on at POST /auth/2fa/setup' });

/** The gate around a page that names the workspace it was given; `access` is the server's answer to GET /workspaces/w1. */
function setup(workspace: Workspace, access: () => unknown = () => workspace) {
  window.localStorage.setItem(storageKey(testUser.id), workspace.id);
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const method = options.method ?? 'GET';
    if (path === '/workspaces' && method === 'GET') return [PERSONAL, workspace];
    if (path === `/workspaces/${workspace.id}` && method === 'GET') return access();
    throw new Error(`unexpected ${method} ${path}`);
  });
  renderWithServices(<WorkspaceGate title="Members">{(current) => <p>The page of {current.name}</p>}</WorkspaceGate>, { api: fake.api, workspaces: true });
  return fake;
}

describe('WorkspaceGate', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows the page of a workspace without requirements at once, without asking the server again', async () => {
    const { calls } = setup(newWorkspace('w1', { name: 'Acme' }));
    expect(await screen.findByText('The page of Acme')).toBeTruthy();
    expect(calls.map((call) => call.path)).toEqual(['/workspaces']);
  });

  it('explains a refusal for want of two-factor sign-in and links to the account page instead of showing the page', async () => {
    setup(newWorkspace('w1', { name: 'Acme', role: 'member', requireTwoFactor: true }), () => Promise.reject(REFUSAL));
    const notice = await screen.findByTestId('two-factor-required');
    expect(notice.textContent).toContain('Acme requires two-factor sign-in.');
    expect(notice.textContent).not.toContain('/auth/2fa/setup');
    expect(screen.getByRole('link', { name: 'Turn on two-factor sign-in' }).getAttribute('href')).toBe('/account');
    expect(screen.getByRole('heading', { level: 1, name: 'Members' })).toBeTruthy();
    expect(screen.queryByText('The page of Acme')).toBeNull();
  });

  it('shows the page of a workspace that requires two-factor sign-in once the server lets me in', async () => {
    const { calls } = setup(newWorkspace('w1', { name: 'Acme', role: 'member', requireTwoFactor: true }));
    expect(await screen.findByText('The page of Acme')).toBeTruthy();
    expect(calls.map((call) => call.path)).toEqual(['/workspaces', '/workspaces/w1']);
  });

  it('offers to try again when the check fails for another reason', async () => {
    const down = new ApiError({ statusCode: 503, code: 'http.503', message: 'Request failed (HTTP 503)' });
    setup(newWorkspace('w1', { name: 'Acme', requireTwoFactor: true }), () => Promise.reject(down));
    expect(await screen.findByText('Request failed (HTTP 503)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
