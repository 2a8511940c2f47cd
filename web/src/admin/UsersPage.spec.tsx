import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { User } from '../api/types';
import { BUILT_IN_ROLES, newUser } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { UsersPage } from './UsersPage';

const BEA = newUser('u2', { email: 'bea@example.com', roles: ['member'] });
const CY = newUser('u3', { email: 'cy@example.com', roles: ['viewer'], active: false });

const RESET = { token: 'kwpr_abc123', expiresAt: '2026-11-23T11:00:00.000Z' };

function setup({
  permissions = ['users:read', 'users:write', 'roles:read'],
  patch = (user: User, body: Partial<User>): unknown => ({ ...user, ...body }),
  reset = (): unknown => RESET,
} = {}) {
  const users = [{ ...testUser, roles: ['admin'] }, BEA, CY];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/users' && !options.method) return { items: users, nextCursor: null };
    if (path === '/roles') return BUILT_IN_ROLES;
    if (options.method === 'POST' && path === '/users/u2/password-reset') return reset();
    if (options.method === 'PATCH') return patch(users.find((u) => path === `/users/${u.id}`)!, options.body as Partial<User>);
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<UsersPage />, { api: fake.api, instancePermissions: permissions });
  return { ...fake, user: userEvent.setup() };
}

const row = (email: string) => within(screen.getByTestId('users-table')).getByText(email).closest('tr')!;
const patches = (calls: Array<{ path: string; options: RequestOptions }>) => calls.filter((c) => c.options.method === 'PATCH');

describe('UsersPage', () => {
  it('disables a user with a PATCH of active: false and shows them disabled', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Disable bea@example.com' }));
    await waitFor(() => expect(within(row('bea@example.com')).getByText('disabled')).toBeTruthy());
    expect(patches(calls)).toEqual([{ path: '/users/u2', options: { method: 'PATCH', body: { active: false } } }]);
    expect(screen.getByRole('button', { name: 'Enable bea@example.com' })).toBeTruthy();
    expect(screen.getByText('bea@example.com disabled.')).toBeTruthy();
  });

  it('enables a disabled user with a PATCH of active: true', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Enable cy@example.com' }));
    await waitFor(() => expect(within(row('cy@example.com')).getByText('active')).toBeTruthy());
    expect(patches(calls)).toEqual([{ path: '/users/u3', options: { method: 'PATCH', body: { active: true } } }]);
  });

  it("changes a user's roles with a PATCH of exactly the ticked roles", async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Edit roles of bea@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Roles of bea@example.com' });
    expect((await within(dialog).findByRole('checkbox', { name: /^member/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(dialog).getByRole('checkbox', { name: /^member/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^auditor/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /^admin/ }));

    await user.click(within(dialog).getByRole('button', { name: 'Save roles' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches(calls)).toEqual([{ path: '/users/u2', options: { method: 'PATCH', body: { roles: ['admin', 'auditor'] } } }]);
    expect(within(row('bea@example.com')).getByText('auditor')).toBeTruthy();
    expect(within(row('bea@example.com')).queryByText('member')).toBeNull();
  });

  it('takes typed role names from someone who cannot list the roles', async () => {
    const { calls, user } = setup({ permissions: ['users:read', 'users:write'] });
    await user.click(await screen.findByRole('button', { name: 'Edit roles of bea@example.com' }));
    const input = screen.getByLabelText('Roles (comma-separated)');
    await user.clear(input);
    await user.type(input, 'viewer, auditor,viewer');
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0].options.body).toEqual({ roles: ['auditor', 'viewer'] });
    expect(calls.some((c) => c.path === '/roles')).toBe(false);
  });

  it("shows the API's message when a role change is refused, and keeps the dialog open", async () => {
    const refusal = new ApiError({ statusCode: 404, code: 'role.not_found', message: 'Role not found' });
    const { user } = setup({ patch: () => Promise.reject(refusal) });
    await user.click(await screen.findByRole('button', { name: 'Edit roles of bea@example.com' }));
    await user.click(await screen.findByRole('checkbox', { name: /^auditor/ }));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Role not found');
    expect(screen.getByRole('dialog', { name: 'Roles of bea@example.com' })).toBeTruthy();
  });

  it("says why a user could not be disabled, and leaves them as they were", async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'permission.denied', message: 'Missing permission users:write' });
    const { user } = setup({ patch: () => Promise.reject(refusal) });
    await user.click(await screen.findByRole('button', { name: 'Disable bea@example.com' }));
    expect(await screen.findByText('Could not update bea@example.com: Missing permission users:write')).toBeTruthy();
    expect(within(row('bea@example.com')).getByText('active')).toBeTruthy();
  });

  it('offers no role change or disabling on your own account', async () => {
    setup();
    await screen.findByTestId('users-table');
    expect(within(row(testUser.email)).getByText('you')).toBeTruthy();
    expect(within(row(testUser.email)).queryAllByRole('button')).toHaveLength(0);
    expect(within(row('bea@example.com')).getAllByRole('button')).toHaveLength(3);
  });

  it('creates a reset link and shows it once, with its expiry and a copy button', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Create reset link for bea@example.com' }));

    const dialog = await screen.findByRole('dialog', { name: 'Reset link for bea@example.com' });
    const link = `${window.location.origin}/reset-password?token=kwpr_abc123`;
    expect((within(dialog).getByLabelText('Password reset link for bea@example.com') as HTMLInputElement).value).toBe(link);
    expect(within(dialog).getByTestId('reset-link-expiry').getAttribute('dateTime')).toBe(RESET.expiresAt);
    expect(calls.filter((c) => c.options.method === 'POST')).toEqual([{ path: '/users/u2/password-reset', options: { method: 'POST' } }]);

    await user.click(within(dialog).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByDisplayValue(link)).toBeNull();
  });

  it('says why a reset link could not be created', async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'permission.denied', message: 'Missing permission *' });
    const { user } = setup({ reset: () => Promise.reject(refusal) });
    await user.click(await screen.findByRole('button', { name: 'Create reset link for bea@example.com' }));
    expect(await screen.findByText('Could not create a reset link for bea@example.com: Missing permission *')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers no actions to a reader without users:write', async () => {
    setup({ permissions: ['users:read'] });
    await screen.findByTestId('users-table');
    expect(screen.queryAllByRole('button', { name: /^(Disable|Enable|Edit roles of|Create reset link for) / })).toHaveLength(0);
  });
});
