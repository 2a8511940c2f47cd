import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { ApiKey, Workspace } from '../api/types';
import { fakeApi, renderWithServices, TEST_WORKSPACE, testUser } from '../test-support/services';
import { newCreatedKey, newKey, newMember, newWorkspace } from '../test-support/factories';
import { KeysPage } from './KeysPage';

const ROTATED = newCreatedKey('bbb', { name: 'CI deploy', rotatedFromId: 'aaa' });
/** Where the current workspace's keys live: every key call goes under it. */
const KEYS = '/workspaces/w1/api-keys';
const BENS_KEY = newKey('ccc', { name: 'Ben import', userId: 'u2', scopes: ['contents:read'] });
const MEMBERS = [newMember(testUser.id, 'admin', { email: testUser.email }), newMember('u2', 'member', { email: 'ben@acme.test' }), newMember('u3', 'viewer', { email: 'cy@acme.test' })];

function setup({
  permissions = ['keys:read', 'keys:write'],
  items = [newKey('aaa', { name: 'CI deploy', lastUsedAt: '2026-11-23T09:00:00.000Z', lastUsedIp: '203.0.113.7' })] as ApiKey[],
  patch = (key: ApiKey, body: { active?: boolean }): unknown => ({ ...key, ...body, status: body.active === false ? 'disabled' : 'active' }),
  workspace = TEST_WORKSPACE as Workspace,
} = {}) {
  // The server's list, as rotation changes it.
  const stored = [...items];
  const keys = `/workspaces/${workspace.id}/api-keys`;
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === keys && !options.method) {
      if (options.query?.status === 'revoked') return { items: [], nextCursor: null };
      return { items: options.query?.all ? [...stored, BENS_KEY] : stored.filter((key) => key.userId === testUser.id), nextCursor: null };
    }
    if (path === `${keys}/revoke-all`) return { revoked: stored.length };
    if (path === '/workspaces/w1/members') return { items: MEMBERS.map(({ id: _id, ...member }) => member), nextCursor: null };
    if (path.endsWith('/transfer')) {
      const key = stored.splice(stored.findIndex((k) => path === `${keys}/${k.id}/transfer`), 1)[0];
      return { ...key, userId: (options.body as { userId: string }).userId, scopes: ['contents:read'], droppedScopes: ['contents:write'] };
    }
    if (path.endsWith('/rotate')) {
      const { key: _secret, message: _message, ...listed } = ROTATED;
      stored.unshift(listed);
      return ROTATED;
    }
    if (path.endsWith('/revoke')) return { ...stored[0], status: 'revoked', revokedAt: '2026-11-23T10:00:00.000Z' };
    if (options.method === 'DELETE') return undefined;
    if (options.method === 'PATCH') return patch(stored.find((key) => path.endsWith(key.id))!, options.body as { active?: boolean });
    throw new Error(`unexpected ${path}`);
  });
  renderWithServices(<KeysPage />, { api: fake.api, inWorkspace: { permissions, workspace } });
  return { ...fake, user: userEvent.setup() };
}

const row = (name: string) => screen.getByRole('link', { name }).closest('tr')!;

describe('KeysPage', () => {
  it("lists my keys of the current workspace, under the workspace's own path", async () => {
    const { calls } = setup();
    await screen.findByTestId('keys-table');
    expect(calls[0]).toEqual({ path: KEYS, options: expect.objectContaining({ query: { status: '', all: undefined, cursor: undefined, limit: 25 } }) });
    expect(screen.getByText(/^Your keys in Acme\./)).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Owner' })).toBeNull();
  });

  it("shows a keys:admin holder every member's keys on request, naming each key's owner", async () => {
    const { calls, user } = setup({ permissions: ['keys:*', 'members:*'] });
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('checkbox', { name: 'Every member’s keys' }));

    await waitFor(() => expect(screen.getByRole('link', { name: 'Ben import' })).toBeTruthy());
    expect(calls.find((c) => c.path === KEYS && c.options.query?.all)?.options.query).toMatchObject({ all: true });
    await waitFor(() => expect(within(row('Ben import')).getByText('ben@acme.test')).toBeTruthy());
    expect(within(row('CI deploy')).getByText('you')).toBeTruthy();
    expect(screen.getByText(/^Every member’s keys in Acme\./)).toBeTruthy();
  });

  it("offers on another member's key neither rotate nor enable, which are its owner's", async () => {
    const { user } = setup({ permissions: ['keys:*', 'members:*'] });
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('checkbox', { name: 'Every member’s keys' }));
    await user.click(await screen.findByRole('button', { name: 'Actions for Ben import' }));
    const menu = document.querySelector<HTMLElement>('.action-menu')!;
    expect(within(menu).getAllByRole('button').map((b) => b.textContent)).toEqual(['Edit', 'Disable', 'Transfer…', 'Revoke…', 'Delete…']);
  });

  it.each([
    ['a member without keys:admin', ['keys:read', 'keys:write'], TEST_WORKSPACE],
    ['the owner of a personal workspace, where every key is theirs', ['*'], newWorkspace('p1', { personal: true })],
  ])("offers %s no every-member view and no transfer", async (_who, permissions, workspace) => {
    const { user } = setup({ permissions, workspace });
    await screen.findByTestId('keys-table');
    expect(screen.queryByRole('checkbox', { name: 'Every member’s keys' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    expect(screen.queryByRole('button', { name: 'Transfer…' })).toBeNull();
  });

  it('transfers a key to the member chosen and shows the scopes the server dropped', async () => {
    const { calls, user } = setup({ permissions: ['keys:*', 'members:*'], items: [newKey('aaa', { name: 'CI deploy', scopes: ['contents:read', 'contents:write'] })] });
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Transfer…' }));
    const dialog = screen.getByRole('dialog', { name: 'Transfer CI deploy' });
    const owner = await within(dialog).findByLabelText('New owner');
    // Everyone but the key's owner.
    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual(['ben@acme.test (member)', 'cy@acme.test (viewer)']);
    await user.selectOptions(owner, 'u3');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer key' }));

    const dropped = await within(dialog).findByTestId('dropped-scopes');
    expect(dropped.textContent).toBe('It lost the scopes cy@acme.test holds nothing of: contents:write');
    expect(within(dialog).getByRole('status').textContent).toBe('CI deploy now belongs to cy@acme.test.');
    expect(calls.find((c) => c.path.endsWith('/transfer'))).toEqual({ path: `${KEYS}/aaa/transfer`, options: { method: 'POST', body: { userId: 'u3' } } });
    // No longer mine: gone from my list.
    await waitFor(() => expect(screen.queryByRole('link', { name: 'CI deploy' })).toBeNull());
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows each key with its prefix, scopes, rate limit, status and last use (IP on hover)', async () => {
    setup();
    await screen.findByTestId('keys-table');
    const cells = within(row('CI deploy'));
    expect(cells.getByText('kw_aaa00000')).toBeTruthy();
    expect(cells.getByText('keys:read')).toBeTruthy();
    expect(cells.getByText('1,000/h')).toBeTruthy();
    expect(cells.getByText('active')).toBeTruthy();
    expect(row('CI deploy').querySelector('[data-label="Last used"] span')?.getAttribute('title')).toContain('from 203.0.113.7');
  });

  it('filters by status through the API', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.selectOptions(screen.getByLabelText('Status'), 'revoked');
    expect(await screen.findByText('No revoked keys.')).toBeTruthy();
    expect(calls.at(-1)?.options.query).toMatchObject({ status: 'revoked' });
  });

  it('names the key in the delete confirmation, and deletes only after confirming', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Delete…' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete key' });
    expect(dialog.textContent).toContain('CI deploy');
    expect(calls.some((c) => c.options.method === 'DELETE')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Delete key' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'CI deploy' })).toBeNull());
    expect(calls.at(-1)).toMatchObject({ path: `${KEYS}/aaa`, options: { method: 'DELETE' } });
  });

  it('revokes a key and shows its new status', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Revoke…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke key' })).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(within(row('CI deploy')).getByText('revoked')).toBeTruthy());
    expect(calls.at(-1)).toMatchObject({ path: `${KEYS}/aaa/revoke`, options: { method: 'POST' } });
  });

  it('disables a key with a PATCH of active: false and shows it disabled', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(within(row('CI deploy')).getByText('disabled')).toBeTruthy());
    expect(calls.at(-1)).toEqual({ path: `${KEYS}/aaa`, options: { method: 'PATCH', body: { active: false } } });
    expect(screen.getByText('CI deploy disabled.')).toBeTruthy();
  });

  it('enables a disabled key with a PATCH of active: true and shows it active', async () => {
    const { calls, user } = setup({ items: [newKey('aaa', { name: 'CI deploy', active: false, status: 'disabled' })] });
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(within(row('CI deploy')).getByText('active')).toBeTruthy());
    expect(calls.at(-1)).toEqual({ path: `${KEYS}/aaa`, options: { method: 'PATCH', body: { active: true } } });
    expect(screen.getByText('CI deploy enabled.')).toBeTruthy();
  });

  it("says why a key could not be disabled, and leaves it as it was", async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'auth.jwt_required', message: 'Managing keys needs a signed-in session' });
    const { user } = setup({ patch: () => Promise.reject(refusal) });
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect(await screen.findByText('Could not disable CI deploy: Managing keys needs a signed-in session')).toBeTruthy();
    expect(within(row('CI deploy')).getByText('active')).toBeTruthy();
  });

  it.each([
    ['Now', 0],
    ['In 1 hour', 3600],
    ['In 24 hours', 86_400],
    ['In 7 days', 604_800],
  ])('rotates with grace "%s" as gracePeriodSeconds %i and shows the new key once', async (choice, seconds) => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Rotate…' }));
    const rotate = screen.getByRole('dialog', { name: 'Rotate CI deploy' });
    await user.click(within(rotate).getByRole('radio', { name: new RegExp(`^${choice}`) }));
    await user.click(within(rotate).getByRole('button', { name: 'Rotate key' }));

    const shown = await screen.findByRole('dialog', { name: 'Key rotated: here is the new key' });
    expect((within(shown).getByTestId('one-time-key') as HTMLInputElement).value).toBe(ROTATED.key);
    expect(calls.find((c) => c.path === `${KEYS}/aaa/rotate`)?.options).toEqual({ method: 'POST', body: { gracePeriodSeconds: seconds } });

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await user.click(screen.getByRole('button', { name: 'I have saved it, close' }));
    // Once: after closing, the secret is gone from the page, and the list shows the new key by its prefix.
    await waitFor(() => expect(screen.getAllByRole('link', { name: 'CI deploy' })).toHaveLength(2));
    expect(screen.getByText(ROTATED.keyPrefix)).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(ROTATED.key);
    expect(screen.queryByTestId('one-time-key')).toBeNull();
  });

  it('asks for the typed phrase before revoking all keys', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Revoke all…' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke all your keys' });
    await user.type(within(dialog).getByLabelText(/to confirm/), 'revoke all');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke all keys' }));
    await waitFor(() => expect(calls.some((c) => c.path === `${KEYS}/revoke-all`)).toBe(true));
    expect(await screen.findByText('1 key revoked.')).toBeTruthy();
  });

  it('offers no create or actions to a read-only user', async () => {
    setup({ permissions: ['keys:read'] });
    await screen.findByTestId('keys-table');
    expect(screen.queryByRole('button', { name: 'Create API key' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for CI deploy' })).toBeNull();
  });

  it('invites the user to create a first key when there are none', async () => {
    setup({ items: [] });
    expect(await screen.findByText('No API keys yet.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create your first key' })).toBeTruthy();
  });
});
