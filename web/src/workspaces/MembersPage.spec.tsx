import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Invitation, Workspace } from '../api/types';
import { useCurrentWorkspace } from '../app/workspace-context';
import { newInvitation, newMember, newWorkspace, rolePermissions } from '../test-support/factories';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { storageKey } from './current-workspace';
import { MembersPage } from './MembersPage';
import type { MemberRow } from './workspaces-api';

const PERSONAL = newWorkspace('p1', { personal: true, name: 'ada', slug: 'ada' });
const acme = (role: string) => newWorkspace('w1', { name: 'Acme', slug: 'acme', role });
const TOKEN = 'kwinv_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

function CurrentProbe() {
  return <output data-testid="current">{useCurrentWorkspace()?.id ?? 'none'}</output>;
}

interface Setup {
  role?: string;
  /** My permissions in the workspace, as the server reports them: the role's unless a test says otherwise. */
  permissions?: string[];
  workspace?: Workspace;
  invite?: (body: { email: string; role: string }) => unknown;
  leave?: () => unknown;
}

function setup({ role = 'owner', workspace = acme(role), permissions = rolePermissions(workspace.role), invite, leave = () => undefined }: Setup = {}) {
  window.localStorage.setItem(storageKey(testUser.id), workspace.id);
  const members: MemberRow[] = [
    newMember(testUser.id, role, { email: testUser.email, name: 'Ada' }),
    newMember('u2', 'owner', { email: 'olga@example.com', name: 'Olga' }),
    newMember('u3', 'member', { email: 'bea@example.com', name: 'Bea' }),
  ];
  let invitations: Invitation[] = [newInvitation('i1', { email: 'cy@example.com', role: 'viewer' })];
  const base = `/workspaces/${workspace.id}`;
  const fake = fakeApi((path: string, options: RequestOptions) => {
    const method = options.method ?? 'GET';
    if (path === '/workspaces' && method === 'GET') return [PERSONAL, ...(workspace.personal ? [] : [workspace])];
    if (path === `${base}/members` && method === 'GET') return { items: members.map(({ id: _id, ...m }) => m), nextCursor: null };
    if (path === `${base}/invitations` && method === 'GET') return { items: invitations, nextCursor: null };
    if (path === `${base}/invitations` && method === 'POST') {
      const body = options.body as { email: string; role: string };
      if (invite) return invite(body);
      const created = { ...newInvitation('i2', body), token: TOKEN };
      invitations = [newInvitation('i2', body), ...invitations];
      return created;
    }
    if (path === `${base}/invitations/i1` && method === 'DELETE') return undefined;
    if (path === `${base}/members/u3` && method === 'PATCH') return { ...members[2], role: (options.body as { role: string }).role };
    if (path === `${base}/members/u3` && method === 'DELETE') return undefined;
    if (path === `${base}/members/u3/limits` && method === 'GET') return { limits: [{ name: 'writes', limit: 50, window: 3600, cost: 1, auto: false }] };
    if (path === `${base}/members/u3/limits` && method === 'PUT') return options.body;
    if (path === `${base}/members/${testUser.id}` && method === 'DELETE') return leave();
    throw new Error(`unexpected ${method} ${path}`);
  });
  renderWithServices(
    <>
      <MembersPage />
      <CurrentProbe />
    </>,
    { api: fake.api, workspaces: true, inWorkspace: { workspace, permissions } },
  );
  return { ...fake, user: userEvent.setup() };
}

const membersTable = () => screen.findByTestId('members-table');
const row = (email: string) => within(screen.getByTestId('members-table')).getByText(email).closest('tr')!;
const writes = (calls: Array<{ path: string; options: RequestOptions }>) => calls.filter((c) => c.options.method);

describe('MembersPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('lists the members with name, email, role and when they joined, marking me', async () => {
    setup();
    await membersTable();
    const bea = row('bea@example.com');
    expect(within(bea).getByText('Bea')).toBeTruthy();
    expect(within(bea).getByText('member')).toBeTruthy();
    expect(bea.querySelector('td[data-label="Joined"] time')!.getAttribute('dateTime')).toBe('2026-11-02T10:00:00.000Z');
    expect(within(row(testUser.email)).getByText('you')).toBeTruthy();
  });

  it('offers an owner role changes and removal on everyone but themselves, and limits on everyone', async () => {
    setup({ role: 'owner' });
    await membersTable();
    expect(within(row(testUser.email)).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([`Limits of ${testUser.email}`]);
    expect(screen.getByRole('button', { name: 'Limits of olga@example.com' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change role of olga@example.com' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove bea@example.com' })).toBeTruthy();
  });

  it('offers an admin no controls on an owner, and no owner role to hand out', async () => {
    const { user } = setup({ role: 'admin' });
    await membersTable();
    expect(within(row('olga@example.com')).queryAllByRole('button')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Change role of bea@example.com' }));
    const options = within(screen.getByRole('dialog', { name: 'Role of bea@example.com' })).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['admin', 'member', 'viewer', 'auditor']);
  });

  it("changes a member's role with a PATCH of the chosen role", async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Change role of bea@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Role of bea@example.com' });
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'auditor');
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1/members/u3', options: { method: 'PATCH', body: { role: 'auditor' } } }]);
    expect(within(row('bea@example.com')).getByText('auditor')).toBeTruthy();
    expect(screen.getByText('bea@example.com is now auditor.')).toBeTruthy();
  });

  it("shows a member's shared limits and saves the edited list whole with a PUT", async () => {
    const { user, calls } = setup({ role: 'admin' });
    await user.click(await screen.findByRole('button', { name: 'Limits of bea@example.com' }));
    const dialog = screen.getByRole('dialog', { name: 'Limits of bea@example.com' });
    const writesRow = await within(dialog).findByRole('group', { name: 'Named limit 1' });
    expect((within(writesRow).getByLabelText('Limit name') as HTMLInputElement).value).toBe('writes');
    expect((within(writesRow).getByLabelText('Window unit') as HTMLSelectElement).value).toBe('hours');
    await user.clear(within(writesRow).getByLabelText('Allows'));
    await user.type(within(writesRow).getByLabelText('Allows'), '20');
    await user.click(within(writesRow).getByRole('checkbox', { name: 'Every request (auto)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save limits' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(writes(calls)).toEqual([
      { path: '/workspaces/w1/members/u3/limits', options: { method: 'PUT', body: { limits: [{ name: 'writes', limit: 20, window: 3600, cost: 1, auto: true }] } } },
    ]);
    expect(screen.getByText('Limits of bea@example.com saved.')).toBeTruthy();
  });

  it('removes a member after a confirmation', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Remove bea@example.com' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove member' })).getByRole('button', { name: 'Remove member' }));
    await waitFor(() => expect(within(screen.getByTestId('members-table')).queryByText('bea@example.com')).toBeNull());
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1/members/u3', options: { method: 'DELETE' } }]);
  });

  it('shows the invitation link once, with a copy button, and adds the invitation to the pending list', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Invite' }));
    const form = screen.getByRole('dialog', { name: 'Invite to Acme' });
    await user.type(within(form).getByLabelText('Email'), 'dan@example.com');
    await user.selectOptions(within(form).getByLabelText('Role'), 'viewer');
    await user.click(within(form).getByRole('button', { name: 'Create invitation' }));

    const shown = await screen.findByRole('dialog', { name: 'Invitation for dan@example.com' });
    const link = `${window.location.origin}/invitations/accept?token=${TOKEN}`;
    expect((within(shown).getByLabelText('Invitation link for dan@example.com') as HTMLInputElement).value).toBe(link);
    expect(within(shown).getByRole('note').textContent).toContain('It will not be shown again');
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1/invitations', options: { method: 'POST', body: { email: 'dan@example.com', role: 'viewer' } } }]);

    await user.click(within(shown).getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(within(shown).getByRole('button', { name: 'Copied' })).toBeTruthy();

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(within(screen.getByTestId('invitations-table')).getByText('dan@example.com')).toBeTruthy());
    // Once closed, the token is nowhere on the page.
    expect(document.body.innerHTML).not.toContain(TOKEN);
  });

  it("shows the API's refusal of an invitation in the dialog", async () => {
    const exists = new ApiError({ statusCode: 409, code: 'member.exists', message: 'Already a member of this workspace' });
    const { user } = setup({ invite: () => Promise.reject(exists) });
    await user.click(await screen.findByRole('button', { name: 'Invite' }));
    await user.type(screen.getByLabelText('Email'), 'bea@example.com');
    await user.click(screen.getByRole('button', { name: 'Create invitation' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Already a member of this workspace');
    expect(screen.getByRole('dialog', { name: 'Invite to Acme' })).toBeTruthy();
  });

  it('revokes a pending invitation', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke invitation for cy@example.com' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke invitation' })).getByRole('button', { name: 'Revoke invitation' }));
    await waitFor(() => expect(screen.queryByTestId('invitations-table')).toBeNull());
    expect(screen.getByText('No pending invitations.')).toBeTruthy();
    expect(writes(calls)).toEqual([{ path: '/workspaces/w1/invitations/i1', options: { method: 'DELETE' } }]);
  });

  it('shows an auditor the members and invitations without any invite or change control', async () => {
    setup({ role: 'auditor' });
    await membersTable();
    await screen.findByTestId('invitations-table');
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryAllByRole('button', { name: /^(Change role of|Remove|Revoke invitation for|Limits of) / })).toHaveLength(0);
  });

  it('tells a viewer the members are not theirs to see, and offers no invite or change controls', async () => {
    const { calls } = setup({ role: 'viewer' });
    expect((await screen.findByTestId('members-not-available')).textContent).toContain('(viewer) does not let you see its members');
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryByTestId('members-table')).toBeNull();
    expect(calls.some((c) => c.path.endsWith('/members'))).toBe(false);
    // A viewer can still leave.
    expect(screen.getByRole('button', { name: 'Leave workspace' })).toBeTruthy();
  });

  it('gives a custom role the controls its permissions allow: it manages members and hands out the roles it covers', async () => {
    const { user } = setup({ role: 'team-lead', permissions: ['members:*', 'contents:*', 'keys:read', 'keys:write'] });
    await membersTable();
    expect(screen.getByRole('button', { name: 'Invite' })).toBeTruthy();
    // Not an owner: an owner is above anyone without every permission.
    expect(within(row('olga@example.com')).queryAllByRole('button')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Change role of bea@example.com' }));
    const options = within(screen.getByRole('dialog', { name: 'Role of bea@example.com' })).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['member', 'viewer']);
  });

  it('says a personal workspace takes no members, and offers neither invite nor leave', async () => {
    const { calls } = setup({ workspace: PERSONAL });
    expect(await screen.findByText(/members cannot be invited into a personal workspace/)).toBeTruthy();
    await membersTable();
    expect(screen.queryByRole('button', { name: 'Invite' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Leave workspace' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Pending invitations' })).toBeNull();
    expect(calls.some((c) => c.path.endsWith('/invitations'))).toBe(false);
  });

  it('leaves the workspace after a confirmation and falls back to the personal one', async () => {
    const { user, calls } = setup({ role: 'member' });
    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe('w1'));
    await user.click(await screen.findByRole('button', { name: 'Leave workspace' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Leave workspace' })).getByRole('button', { name: 'Leave workspace' }));

    await waitFor(() => expect(screen.getByTestId('current').textContent).toBe('p1'));
    expect(writes(calls)).toEqual([{ path: `/workspaces/w1/members/${testUser.id}`, options: { method: 'DELETE' } }]);
    expect(screen.getByText('You left Acme.')).toBeTruthy();
  });

  it('keeps the last owner in, showing why', async () => {
    const lastOwner = new ApiError({ statusCode: 409, code: 'member.last_owner', message: 'The last owner cannot leave' });
    const { user } = setup({ leave: () => Promise.reject(lastOwner) });
    await user.click(await screen.findByRole('button', { name: 'Leave workspace' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Leave workspace' })).getByRole('button', { name: 'Leave workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The last owner cannot leave');
    expect(screen.getByTestId('current').textContent).toBe('w1');
  });
});
