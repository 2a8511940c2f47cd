import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { ApiKey } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import { newCreatedKey, newKey } from '../test-support/factories';
import { KeysPage } from './KeysPage';

const ROTATED = newCreatedKey('bbb', { name: 'CI deploy', rotatedFromId: 'aaa' });
/** Where the current workspace's keys live: every key call goes under it. */
const KEYS = '/workspaces/w1/api-keys';

function setup({
  permissions = ['keys:read', 'keys:write'],
  items = [newKey('aaa', { name: 'CI deploy', lastUsedAt: '2026-11-23T09:00:00.000Z', lastUsedIp: '203.0.113.7' })] as ApiKey[],
  patch = (key: ApiKey, body: { active?: boolean }): unknown => ({ ...key, ...body, status: body.active === false ? 'disabled' : 'active' }),
} = {}) {
  // The server's list, as rotation changes it.
  const stored = [...items];
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === KEYS && !options.method) return { items: options.query?.status === 'revoked' ? [] : [...stored], nextCursor: null };
    if (path === `${KEYS}/revoke-all`) return { revoked: stored.length };
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
  renderWithServices(<KeysPage />, { api: fake.api, inWorkspace: { permissions } });
  return { ...fake, user: userEvent.setup() };
}

const row = (name: string) => screen.getByRole('link', { name }).closest('tr')!;

describe('KeysPage', () => {
  it("lists my keys of the current workspace, under the workspace's own path", async () => {
    const { calls } = setup();
    await screen.findByTestId('keys-table');
    expect(calls[0]).toEqual({ path: KEYS, options: expect.objectContaining({ query: { status: '', cursor: undefined, limit: 25 } }) });
    expect(screen.getByText(/^Your keys in Acme\./)).toBeTruthy();
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
