import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useAsync } from '../lib/use-async';
import { newMe, newWorkspace } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { storageKey } from './current-workspace';
import { useWorkspaceScope } from './workspace-scope';
import { WorkspaceGate } from './WorkspaceGate';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada' });
const REFUSAL = new ApiError({ statusCode: 403, code: 'auth.2fa_required', message: 'This workspace requires two-factor sign-in: turn it on at POST /auth/2fa/setup' });

/** A page that shows the scope it was given and loads something through the scope's client. */
function ScopeProbe() {
  const { workspace, permissions, api } = useWorkspaceScope();
  const keys = useAsync((signal) => api.request<string>('/api-keys', { signal }), [api]);
  return (
    <p>
      The page of {workspace.name} as {workspace.role} holding {permissions.join(' ')}: {keys.data}
    </p>
  );
}

/** The gate around the probe; `access` is the server's answer to GET /auth/me about the current workspace. */
function setup(workspace: Workspace, { access = (ws: Workspace) => newMe(testUser, ws) as unknown, needs }: { access?: (ws: Workspace) => unknown; needs?: string } = {}) {
  window.localStorage.setItem(storageKey(testUser.id), workspace.id);
  const list = [PERSONAL, workspace];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const method = options.method ?? 'GET';
    if (path === '/workspaces' && method === 'GET') return list;
    if (path === '/auth/me') return access(list.find((ws) => ws.id === options.workspace)!);
    if (path.endsWith('/api-keys')) return `keys from ${path}`;
    throw new Error(`unexpected ${method} ${path}`);
  });
  renderWithServices(
    <>
      <WorkspaceSwitcher />
      <WorkspaceGate title="Members" needs={needs}>
        <ScopeProbe />
      </WorkspaceGate>
    </>,
    { api: fake.api, workspaces: true },
  );
  return { ...fake, user: userEvent.setup() };
}

describe('WorkspaceGate', () => {
  beforeEach(() => window.localStorage.clear());

  it('asks the server what I may do in the current workspace and gives the page those permissions and a client for its resources', async () => {
    const { calls } = setup(newWorkspace('w1', { name: 'Acme', role: 'member' }));
    expect(await screen.findByText('The page of Acme as member holding contents:read contents:write contents:delete keys:read keys:write: keys from /workspaces/w1/api-keys')).toBeTruthy();
    expect(calls.find((call) => call.path === '/auth/me')?.options.workspace).toBe('w1');
  });

  it('trusts the role the server answers over the one the list was loaded with (I was demoted since)', async () => {
    setup(newWorkspace('w1', { name: 'Acme', role: 'member' }), { access: (ws) => newMe(testUser, { ...ws, role: 'viewer' }) });
    expect(await screen.findByText(/^The page of Acme as viewer holding contents:read keys:read keys:write/)).toBeTruthy();
  });

  it('reloads the page in the other workspace when I switch, asking the server again', async () => {
    const { user, calls } = setup(newWorkspace('w1', { name: 'Acme', role: 'member' }));
    await screen.findByText(/^The page of Acme/);
    await user.selectOptions(screen.getByLabelText('Workspace'), 'p1');
    expect(await screen.findByText(/^The page of ada as owner holding \*: keys from \/workspaces\/p1\/api-keys$/)).toBeTruthy();
    expect(calls.filter((call) => call.path === '/auth/me').map((call) => call.options.workspace)).toEqual(['w1', 'p1']);
  });

  it('says the page is not available when my role there lacks the permission it needs', async () => {
    setup(newWorkspace('w1', { name: 'Acme', role: 'custom-reader' }), { needs: 'keys:read', access: (ws) => newMe(testUser, ws, ['contents:read']) });
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.getByText(/This page needs the/).textContent).toBe('This page needs the keys:read permission, which your role in Acme (custom-reader) does not grant.');
    expect(screen.queryByText(/^The page of/)).toBeNull();
  });

  it('explains a refusal for want of two-factor sign-in and links to the account page instead of showing the page', async () => {
    setup(newWorkspace('w1', { name: 'Acme', role: 'member', requireTwoFactor: true }), { access: () => Promise.reject(REFUSAL) });
    const notice = await screen.findByTestId('two-factor-required');
    expect(notice.textContent).toContain('Acme requires two-factor sign-in.');
    expect(notice.textContent).not.toContain('/auth/2fa/setup');
    expect(screen.getByRole('link', { name: 'Turn on two-factor sign-in' }).getAttribute('href')).toBe('/account');
    expect(screen.getByRole('heading', { level: 1, name: 'Members' })).toBeTruthy();
    expect(screen.queryByText(/^The page of/)).toBeNull();
  });

  it('offers to try again when the check fails for another reason, and shows the page once it answers', async () => {
    const down = new ApiError({ statusCode: 503, code: 'http.503', message: 'Request failed (HTTP 503)' });
    let attempts = 0;
    const { user } = setup(newWorkspace('w1', { name: 'Acme', role: 'member' }), { access: (ws) => (attempts++ === 0 ? Promise.reject(down) : newMe(testUser, ws)) });
    expect(await screen.findByText('Request failed (HTTP 503)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByText(/^The page of Acme/)).toBeTruthy());
  });
});
