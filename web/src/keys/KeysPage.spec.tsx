import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import type { ApiKey } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import { KeysPage } from './KeysPage';

function newKey(id: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id, name: `key ${id}`, description: null, keyPrefix: `kw_${id.padEnd(8, '0')}`, scopes: ['keys:read'], rateLimit: 1000, allowedIps: null,
    metadata: null, active: true, status: 'active', validFrom: null, expiresAt: null, revokedAt: null, lastUsedAt: null, lastUsedIp: null,
    usageCount: 0, rotatedFromId: null, createdAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', userId: 'u1', ...overrides,
  };
}

function setup({ permissions = ['keys:read', 'keys:write'], items = [newKey('aaa', { name: 'CI deploy', lastUsedAt: '2026-11-23T09:00:00.000Z', lastUsedIp: '203.0.113.7' })] } = {}) {
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/api-keys' && !options.method) return { items: options.query?.status === 'revoked' ? [] : items, nextCursor: null };
    if (path === '/api-keys/revoke-all') return { revoked: items.length };
    if (path.endsWith('/revoke')) return { ...items[0], status: 'revoked', revokedAt: '2026-11-23T10:00:00.000Z' };
    if (options.method === 'DELETE') return undefined;
    if (options.method === 'PATCH') return { ...items[0], ...(options.body as object), status: 'disabled' };
    throw new Error(`unexpected ${path}`);
  });
  renderWithServices(<KeysPage />, { api: fake.api, permissions });
  return { ...fake, user: userEvent.setup() };
}

const row = (name: string) => screen.getByRole('link', { name }).closest('tr')!;

describe('KeysPage', () => {
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
    expect(calls.at(-1)).toMatchObject({ path: '/api-keys/aaa', options: { method: 'DELETE' } });
  });

  it('revokes a key and shows its new status', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Revoke…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke key' })).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(within(row('CI deploy')).getByText('revoked')).toBeTruthy());
    expect(calls.at(-1)).toMatchObject({ path: '/api-keys/aaa/revoke', options: { method: 'POST' } });
  });

  it('disables a key with a PATCH of active', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Actions for CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ path: '/api-keys/aaa', options: { method: 'PATCH', body: { active: false } } }));
  });

  it('asks for the typed phrase before revoking all keys', async () => {
    const { calls, user } = setup();
    await screen.findByTestId('keys-table');
    await user.click(screen.getByRole('button', { name: 'Revoke all…' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke all your keys' });
    await user.type(within(dialog).getByLabelText(/to confirm/), 'revoke all');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke all keys' }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api-keys/revoke-all')).toBe(true));
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
