import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { NamedLimit, StoredLimit } from '../api/types';
import { newWorkspace, rolePermissions } from '../test-support/factories';
import { fakeApi, renderWithServices } from '../test-support/services';
import { workspaceAbilities } from './workspace-abilities';
import { WorkspaceLimitsSection } from './WorkspaceLimitsSection';

const SHARED: StoredLimit[] = [{ name: 'writes', limit: 1000, window: 86_400, cost: 1, auto: false }];

function setup(role: string, put: (limits: NamedLimit[]) => unknown = (limits) => ({ limits: limits.map((l) => ({ cost: 1, auto: false, ...l })) })) {
  const workspace = newWorkspace('w1', { name: 'Acme', role });
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/workspaces/w1/limits' && !options.method) return { limits: SHARED };
    if (path === '/workspaces/w1/limits' && options.method === 'PUT') return put((options.body as { limits: NamedLimit[] }).limits);
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  const permissions = rolePermissions(role);
  renderWithServices(<WorkspaceLimitsSection workspace={workspace} abilities={workspaceAbilities(role, permissions)} />, { api: fake.api, inWorkspace: { workspace, permissions } });
  return { ...fake, user: userEvent.setup() };
}

const row = async (name: string) => (await screen.findByTestId('workspace-limits')).querySelector(`tr[data-limit-name="${name}"]`);

describe('WorkspaceLimitsSection', () => {
  it('shows the shared limits to an auditor, without a way to change them', async () => {
    setup('auditor');
    expect((await row('writes'))?.textContent).toContain('1,000 per day');
    expect(screen.queryByRole('button', { name: 'Edit limits' })).toBeNull();
  });

  it('edits the list and saves it whole with a PUT, then shows what the server kept', async () => {
    const { calls, user } = setup('admin');
    await user.click(await screen.findByRole('button', { name: 'Edit limits' }));
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    const added = screen.getByRole('group', { name: 'Named limit 2' });
    await user.type(within(added).getByLabelText('Limit name'), 'export');
    await user.type(within(added).getByLabelText('Allows'), '5');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));

    expect((await row('export'))?.textContent).toContain('5 per minute');
    expect(calls.filter((c) => c.options.method)).toEqual([
      { path: '/workspaces/w1/limits', options: { method: 'PUT', body: { limits: [{ name: 'writes', limit: 1000, window: 86_400, cost: 1, auto: false }, { name: 'export', limit: 5, window: 60, cost: 1, auto: false }] } } },
    ]);
    expect(screen.getByText('Workspace limits saved.')).toBeTruthy();
  });

  it('saves an emptied list as no limits', async () => {
    const { calls, user } = setup('owner');
    await user.click(await screen.findByRole('button', { name: 'Edit limits' }));
    await user.click(screen.getByRole('button', { name: 'Remove limit writes' }));
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    await waitFor(() => expect(screen.getByTestId('workspace-limits').textContent).toBe('No named limits: the workspace’s keys share none.'));
    expect(calls.at(-1)?.options.body).toEqual({ limits: [] });
  });

  it('sends nothing when the list is saved unchanged, or when it has a problem', async () => {
    const { calls, user } = setup('owner');
    await user.click(await screen.findByRole('button', { name: 'Edit limits' }));
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(await screen.findByRole('button', { name: 'Edit limits' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Edit limits' }));
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    await user.type(within(screen.getByRole('group', { name: 'Named limit 2' })).getByLabelText('Limit name'), 'writes');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect(screen.getByText('Another limit is already named “writes”')).toBeTruthy();
    expect(calls.filter((c) => c.options.method)).toHaveLength(0);
  });

  it("keeps the editor open with the API's refusal", async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'permission.denied', message: 'Missing permission members:write', details: [{ required: 'members:write' }] });
    const { user } = setup('admin', () => Promise.reject(refusal));
    await user.click(await screen.findByRole('button', { name: 'Edit limits' }));
    await user.clear(screen.getByLabelText('Allows'));
    await user.type(screen.getByLabelText('Allows'), '10');
    await user.click(screen.getByRole('button', { name: 'Save limits' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Missing permission members:write (requires members:write)');
    expect(screen.getByRole('button', { name: 'Save limits' })).toBeTruthy();
  });

  it('asks nothing of the server for a role that cannot read the members, and says why', () => {
    const { calls } = setup('viewer');
    expect(screen.getByTestId('workspace-limits-not-available').textContent).toContain('members:read');
    expect(calls).toHaveLength(0);
  });
});
