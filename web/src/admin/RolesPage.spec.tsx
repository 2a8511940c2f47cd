import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Role } from '../api/types';
import { BUILT_IN_ROLES } from '../test-support/factories';
import { fakeApi, renderWithServices } from '../test-support/services';
import { RolesPage } from './RolesPage';

const SUPPORT: Role = { name: 'support', description: 'Helps customers', permissions: ['keys:read'], builtIn: false };

function setup({ permissions = ['roles:read', 'roles:write'], save = (body: Partial<Role>): unknown => ({ ...SUPPORT, ...body }) } = {}) {
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/roles' && !options.method) return [...BUILT_IN_ROLES, SUPPORT];
    if (options.method === 'POST' || options.method === 'PATCH') return save(options.body as Partial<Role>);
    if (options.method === 'DELETE') return undefined;
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<RolesPage />, { api: fake.api, instancePermissions: permissions });
  return { ...fake, user: userEvent.setup(), writes: () => fake.calls.filter((c) => c.options.method) };
}

const row = (name: string) => within(screen.getByTestId('roles-table')).getByText(name, { selector: 'strong' }).closest('tr')!;
const box = (container: HTMLElement, name: string) => within(container).getByRole('checkbox', { name }) as HTMLInputElement;

describe('RolesPage', () => {
  it('marks the built-in roles, locks the built-in admin and lets no built-in be deleted', async () => {
    setup();
    await screen.findByTestId('roles-table');
    for (const name of ['admin', 'auditor', 'member']) {
      expect(within(row(name)).getByText('built-in')).toBeTruthy();
      expect(screen.queryByRole('button', { name: `Delete role ${name}` })).toBeNull();
    }
    expect(within(row('support')).queryByText('built-in')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit role admin' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit role auditor' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit role support' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete role support' })).toBeTruthy();
  });

  it('creates a role with the ticked permissions, a resource wildcard and a custom permission', async () => {
    const { calls, user, writes } = setup({ save: (body) => ({ builtIn: false, ...body }) });
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'Create role' });
    await user.type(within(dialog).getByLabelText('Name'), 'on-call');
    await user.type(within(dialog).getByLabelText('Description (optional)'), 'Pages at night');
    await user.click(box(dialog, 'keys:read'));
    await user.click(box(dialog, 'contents:*'));
    await user.type(within(dialog).getByLabelText('Custom permission'), 'reports:read');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('list', { name: 'Custom permissions' }).textContent).toContain('reports:read');

    await user.click(within(dialog).getByRole('button', { name: 'Create role' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([
      { path: '/roles', options: { method: 'POST', body: { name: 'on-call', description: 'Pages at night', permissions: ['keys:read', 'contents:*', 'reports:read'] } } },
    ]);
    expect(screen.getByText('Role on-call created.')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/roles' && !c.options.method)).toHaveLength(2);
  });

  it("updates a role's permissions with a PATCH to its name", async () => {
    const { user, writes } = setup();
    await user.click(await screen.findByRole('button', { name: 'Edit role auditor' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit role auditor' });
    expect(within(dialog).queryByLabelText('Name')).toBeNull();
    expect([box(dialog, 'audit:read'), box(dialog, 'users:read'), box(dialog, 'keys:read')].every((b) => b.checked)).toBe(true);
    expect(box(dialog, 'contents:read').checked).toBe(false);
    await user.click(box(dialog, 'users:read'));
    await user.click(box(dialog, 'contents:read'));

    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes()).toEqual([
      { path: '/roles/auditor', options: { method: 'PATCH', body: { description: 'Reads the audit log', permissions: ['audit:read', 'keys:read', 'contents:read'] } } },
    ]);
  });

  it('covers a resource’s permissions once its wildcard is ticked, and everything once * is', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'Create role' });
    await user.click(box(dialog, 'keys:*'));
    expect(box(dialog, 'keys:admin').checked && box(dialog, 'keys:admin').disabled).toBe(true);
    expect(box(dialog, 'contents:read').disabled).toBe(false);
    await user.click(within(dialog).getByRole('checkbox', { name: /^Everything/ }));
    expect(box(dialog, 'contents:read').checked && box(dialog, 'contents:*').disabled).toBe(true);
  });

  it('refuses a badly written role name or permission without asking the API', async () => {
    const { user, writes } = setup();
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'Create role' });
    await user.type(within(dialog).getByLabelText('Custom permission'), 'reports');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText('Write a permission as resource:action, e.g. reports:read or reports:*')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Name'), 'On Call');
    await user.click(within(dialog).getByRole('button', { name: 'Create role' }));
    expect(within(dialog).getByText('Use 2–50 lowercase letters, digits, - or _, starting with a letter')).toBeTruthy();
    expect(writes()).toHaveLength(0);
  });

  it("shows the API's message in the dialog when saving fails", async () => {
    const refusal = new ApiError({ statusCode: 409, code: 'role.exists', message: 'A role with this name already exists' });
    const { user } = setup({ save: () => Promise.reject(refusal) });
    await user.click(await screen.findByRole('button', { name: 'New role' }));
    const dialog = screen.getByRole('dialog', { name: 'Create role' });
    await user.type(within(dialog).getByLabelText('Name'), 'support');
    await user.click(within(dialog).getByRole('button', { name: 'Create role' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('A role with this name already exists');
    expect(screen.getByRole('dialog', { name: 'Create role' })).toBeTruthy();
  });

  it('deletes a custom role only after confirming', async () => {
    const { user, writes } = setup();
    await user.click(await screen.findByRole('button', { name: 'Delete role support' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete role' });
    expect(dialog.textContent).toContain('support');
    expect(writes()).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete role' }));
    await waitFor(() => expect(writes()).toEqual([{ path: '/roles/support', options: { method: 'DELETE' } }]));
  });

  it('shows a reader without roles:write the roles and no way to change them', async () => {
    setup({ permissions: ['roles:read'] });
    await screen.findByTestId('roles-table');
    expect(screen.queryByRole('button', { name: 'New role' })).toBeNull();
    expect(screen.queryAllByRole('button', { name: /^(Edit|Delete) role / })).toHaveLength(0);
  });
});
