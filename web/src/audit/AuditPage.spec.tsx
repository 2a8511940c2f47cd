import { jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { fakeApi, renderWithServices, testUser } from '../test-support/services';
import { newEvent, newWorkspace } from '../test-support/factories';
import { storageKey } from '../workspaces/current-workspace';
import { AuditPage } from './AuditPage';

/** The current workspace's log; the un-prefixed one is every workspace's (with all=true). */
const W = '/workspaces/w1/audit-logs';
const ACME = newWorkspace('w1', { name: 'Acme', slug: 'acme' });

function answer(path: string, options: RequestOptions) {
  if (path === '/workspaces') return [newWorkspace('p1', { personal: true, name: 'ada' }), ACME];
  if (path === `${W}/verify`) return { valid: true, checked: 42 };
  if (path === '/audit-logs/verify') return { valid: true, chains: [{ workspaceId: null, valid: true, checked: 40 }, { workspaceId: 'w1', valid: true, checked: 2 }] };
  if (path.endsWith('/export')) return '{"id":"e1"}\n';
  if (path === '/audit-logs' && options.query?.all) {
    return { items: [newEvent('e7', { workspaceId: 'w1' }), newEvent('e8', { type: 'auth.login', workspaceId: null }), newEvent('e9', { type: 'api_key.created', workspaceId: '5d1f9a3e-0000-4000-8000-000000000009' })], nextCursor: null };
  }
  if (path !== W) throw new Error(`unexpected ${path}`);
  if (options.query?.cursor === 'page-2') return { items: [newEvent('e3', { type: 'api_key.created' })], nextCursor: null };
  return { items: [newEvent('e1'), newEvent('e2', { type: 'suspicious.new_ip', severity: 'warning', details: { previousIps: ['10.0.0.1'] } })], nextCursor: 'page-2' };
}

function setup(permissions: string[], search = '', instancePermissions: string[] = []) {
  window.history.replaceState(null, '', `/audit${search}`);
  window.localStorage.setItem(storageKey(testUser.id), 'w1');
  const fake = fakeApi(answer);
  renderWithServices(<AuditPage />, { api: fake.api, inWorkspace: { permissions, workspace: ACME }, instancePermissions, workspaces: true });
  return { ...fake, user: userEvent.setup() };
}

const eventCalls = (calls: Array<{ path: string; options: RequestOptions }>) => calls.filter((c) => c.path === W || c.path === '/audit-logs');

describe('AuditPage', () => {
  beforeEach(() => window.localStorage.clear());

  it('lists events and makes suspicious ones stand out', async () => {
    setup(['keys:read']);
    const table = await screen.findByTestId('audit-table');
    const suspiciousRow = within(table).getByText('suspicious.new_ip').closest('tr')!;
    expect(suspiciousRow.className).toContain('severity-row--suspicious');
    expect(within(suspiciousRow).getByText('Suspicious')).toBeTruthy();
  });

  it("reads the current workspace's log, only about me and my keys without audit:read there", async () => {
    const { calls } = setup(['keys:read']);
    await screen.findByTestId('audit-table');
    expect(eventCalls(calls).map((c) => c.path)).toEqual([W]);
    expect(eventCalls(calls)[0].options.query).not.toHaveProperty('all');
    expect(screen.getByText('Events about you and your keys in Acme, newest first.')).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Workspace' })).toBeNull();
  });

  it('reads every event of the workspace with audit:read there', async () => {
    setup(['audit:read']);
    expect(await screen.findByText('Every event in Acme, newest first.')).toBeTruthy();
  });

  it('loads the next page with the cursor', async () => {
    const { calls, user } = setup(['keys:read']);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('api_key.created')).toBeTruthy();
    expect(eventCalls(calls).at(-1)?.options.query).toMatchObject({ cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sends the filters from the URL to the API', async () => {
    const { calls } = setup(['keys:read'], '?severity=critical&ip=10.0.0.1');
    await screen.findByTestId('audit-table');
    expect(eventCalls(calls)[0]).toMatchObject({ path: W, options: { query: { severity: 'critical', ip: '10.0.0.1' } } });
  });

  it('applies typed filters through the URL', async () => {
    const { calls, user } = setup(['keys:read']);
    await screen.findByTestId('audit-table');
    await user.type(screen.getByLabelText('Event type'), 'api_key.rotated');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(eventCalls(calls).at(-1)?.options.query).toMatchObject({ type: 'api_key.rotated' }));
    expect(window.location.search).toBe('?type=api_key.rotated');
  });

  it('opens an event in a drawer with its details JSON', async () => {
    const { user } = setup(['keys:read']);
    await user.click(await screen.findByRole('button', { name: 'Details of suspicious.new_ip event' }));
    const drawer = screen.getByRole('dialog', { name: 'suspicious.new_ip' });
    expect(within(drawer).getByTestId('audit-event-details').textContent).toContain('"previousIps"');
  });

  it('hides export and verify from users without audit:read', async () => {
    setup(['keys:read', 'keys:write']);
    await screen.findByTestId('audit-table');
    expect(screen.queryByRole('button', { name: 'Verify integrity' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it("verifies the workspace's own chain and shows how many events were checked", async () => {
    const { user, calls } = setup(['audit:read']);
    await user.click(screen.getByRole('button', { name: 'Verify integrity' }));
    expect((await screen.findByTestId('verify-result')).textContent).toContain('Audit chain intact: 42 events checked.');
    expect(calls.some((c) => c.path === `${W}/verify`)).toBe(true);
  });

  it('exports with the same filters as the list', async () => {
    URL.createObjectURL = jest.fn(() => 'blob:export');
    URL.revokeObjectURL = jest.fn<(...args: any[]) => any>();
    // happy-dom would follow the download link away from the page (to about:blank), and the next tests with it.
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { calls, user } = setup(['audit:read'], '?severity=warning');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(calls.some((c) => c.path === `${W}/export`)).toBe(true));
    expect(calls.find((c) => c.path === `${W}/export`)?.options.query).toEqual({ severity: 'warning', format: 'csv' });
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });

  it('offers no "All workspaces" switch without instance audit:read, even to an auditor of the workspace', async () => {
    setup(['audit:read'], '?all=true');
    await screen.findByTestId('audit-table');
    expect(screen.queryByRole('checkbox', { name: 'All workspaces' })).toBeNull();
    expect(screen.getByText('Every event in Acme, newest first.')).toBeTruthy();
  });

  it("switches an instance auditor to every workspace's events, naming each event's workspace", async () => {
    const { calls, user } = setup([], '?severity=info', ['audit:read']);
    await screen.findByTestId('audit-table');
    await user.click(screen.getByRole('checkbox', { name: 'All workspaces' }));

    await waitFor(() => expect(screen.getByRole('columnheader', { name: 'Workspace' })).toBeTruthy());
    expect(window.location.search).toBe('?severity=info&all=true');
    expect(eventCalls(calls).at(-1)).toMatchObject({ path: '/audit-logs', options: { query: { severity: 'info', all: true } } });
    const workspaces = [...document.querySelectorAll('td[data-label="Workspace"]')].map((cell) => cell.textContent);
    expect(workspaces).toEqual(['Acme', 'Instance', '5d1f9a3e']);
    expect(screen.getByText(/^Every workspace’s events and the instance’s/)).toBeTruthy();
  });

  it('verifies every chain in the all-workspaces view', async () => {
    const { user } = setup([], '?all=true', ['audit:read']);
    await screen.findByRole('columnheader', { name: 'Workspace' });
    await user.click(screen.getByRole('button', { name: 'Verify integrity' }));
    expect((await screen.findByTestId('verify-result')).textContent).toBe('All 2 audit chains intact: 42 events checked.');
  });
});
