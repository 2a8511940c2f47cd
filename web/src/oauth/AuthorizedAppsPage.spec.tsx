import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { Authorization } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import { AuthorizedAppsPage } from './AuthorizedAppsPage';

const grant = (id: string, overrides: Partial<Authorization> = {}): Authorization => ({
  id,
  app: { clientId: `kwc_${id}`, name: `App ${id}` },
  workspace: { id: 'w1', slug: 'acme', name: 'Acme' },
  scopes: ['read'],
  createdAt: '2026-11-20T10:00:00.000Z',
  expiresAt: null,
  ...overrides,
});

const ZAPIER = grant('g1', { app: { clientId: 'kwc_zap', name: 'Zapier' }, scopes: ['contents:read', 'contents:write'], expiresAt: new Date(Date.now() + 18 * 86_400_000).toISOString() });
const REPORTS = grant('g2', { app: { clientId: 'kwc_rep', name: 'Reports' }, workspace: { id: 'w2', slug: 'beta', name: 'Beta' } });

function setup({ grants = [ZAPIER, REPORTS], revoke = (): unknown => undefined } = {}) {
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === '/auth/authorizations' && !options.method) return grants;
    if (path.startsWith('/auth/authorizations/') && options.method === 'DELETE') return revoke();
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<AuthorizedAppsPage />, { api: fake.api });
  return { ...fake, user: userEvent.setup() };
}

const row = (id: string) => screen.getByTestId('authorizations-table').querySelector<HTMLElement>(`tr[data-authorization-id="${id}"]`)!;
const cell = (id: string, label: string) => row(id).querySelector(`td[data-label="${label}"]`)!.textContent;

describe('AuthorizedAppsPage', () => {
  it('lists each app that acts for me with its workspace, its scopes by name and in words, and when it expires', async () => {
    setup();
    await screen.findByTestId('authorizations-table');
    expect([cell('g1', 'App'), cell('g1', 'Workspace'), cell('g2', 'Workspace')]).toEqual(['Zapier', 'Acme', 'Beta']);
    expect(cell('g1', 'Can')).toContain('contents:read');
    expect(within(row('g1')).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Read content', 'Create and edit content']);
    expect(cell('g2', 'Expires')).toBe('Never');
    expect(row('g1').querySelector('td[data-label="Authorized"] time')?.getAttribute('dateTime')).toBe(ZAPIER.createdAt);
  });

  it('revokes a grant after confirming, says so, and drops it from the list', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke access of Zapier in Acme' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke access' });
    expect(dialog.textContent).toContain('every token it holds under this authorization stops working at once');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke access' }));
    await waitFor(() => expect(row('g1')).toBeNull());
    expect(calls.filter((call) => call.options.method === 'DELETE').map((call) => call.path)).toEqual(['/auth/authorizations/g1']);
    expect(screen.getByText('Zapier can no longer act for you in Acme.')).toBeTruthy();
    expect(row('g2')).not.toBeNull();
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const { user, calls } = setup();
    await user.click(await screen.findByRole('button', { name: 'Revoke access of Zapier in Acme' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke access' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.filter((call) => call.options.method === 'DELETE')).toEqual([]);
  });

  it('keeps the dialog open with the reason when the server refuses', async () => {
    const { user } = setup({ revoke: () => Promise.reject(new ApiError({ statusCode: 404, code: 'oauth_grant.not_found', message: 'Authorization not found' })) });
    await user.click(await screen.findByRole('button', { name: 'Revoke access of Zapier in Acme' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke access' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke access' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Authorization not found');
    expect(row('g1')).not.toBeNull();
  });

  it('says so when no app acts for me', async () => {
    setup({ grants: [] });
    expect(await screen.findByText('No app can act for you.')).toBeTruthy();
    expect(screen.queryByTestId('authorizations-table')).toBeNull();
  });
});
