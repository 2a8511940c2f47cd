import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { AuditEvent } from '../api/types';
import { fakeApi, renderWithServices } from '../test-support/services';
import { newEvent, newKey } from '../test-support/factories';
import { KeyDetailPage } from './KeyDetailPage';

const KEY = newKey('k1', { name: 'CI deploy', keyPrefix: 'kw_a1b2c3d4' });
/** The current workspace: the key, its usage and its events are read under it. */
const W = '/workspaces/w1';
const forbidden = new ApiError({ statusCode: 403, code: 'permission.denied', message: 'Missing permission audit:read' });

type EventsAnswer = (call: number) => AuditEvent[] | Promise<never>;

function setup({ events = (() => [newEvent('e1', { type: 'api_key.created' }), newEvent('e2')]) as EventsAnswer, key = (): unknown => KEY } = {}) {
  let eventCalls = 0;
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === `${W}/api-keys/k1` && !options.method) return key();
    if (path === `${W}/api-keys/k1` && options.method === 'PATCH') return { ...KEY, ...(options.body as object), status: 'disabled' };
    // The usage chart is not what these tests are about: it stays loading.
    if (path === `${W}/api-keys/k1/usage`) return new Promise(() => undefined);
    if (path === `${W}/audit-logs`) {
      const answer = events(eventCalls++);
      return Array.isArray(answer) ? { items: answer, nextCursor: null } : answer;
    }
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<KeyDetailPage id="k1" />, { api: fake.api, inWorkspace: { permissions: ['keys:read', 'keys:write'] } });
  return { ...fake, user: userEvent.setup(), auditCalls: () => fake.calls.filter((c) => c.path === `${W}/audit-logs`) };
}

const recentEvents = () => screen.getByRole('region', { name: 'Recent events' });

describe('KeyDetailPage', () => {
  it("lists the key's recent audit events, asking the API for this key's newest 20", async () => {
    const { auditCalls } = setup();
    await screen.findByRole('heading', { level: 1, name: /CI deploy/ });
    const table = await within(recentEvents()).findByTestId('audit-table');
    expect(within(table).getByRole('button', { name: 'Details of api_key.created event' })).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'Details of api_key.used event' })).toBeTruthy();
    expect(auditCalls()[0].options.query).toMatchObject({ apiKeyId: 'k1', limit: 20 });
    expect(within(recentEvents()).getByRole('link', { name: 'Open in the audit log' }).getAttribute('href')).toBe('/audit?apiKeyId=k1');
  });

  it("opens an event's details from the recent events", async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Details of api_key.created event' }));
    const drawer = screen.getByTestId('audit-event-drawer');
    expect(within(drawer).getByRole('heading', { name: 'api_key.created' })).toBeTruthy();
    expect(within(drawer).getByTestId('audit-event-details').textContent).toContain('latencyMs');
  });

  it('says so when the key has no events yet', async () => {
    setup({ events: () => [] });
    expect(await within(await screen.findByRole('region', { name: 'Recent events' })).findByText('No events for this key yet.')).toBeTruthy();
  });

  it("shows the API's message when the events cannot be loaded, and loads them on retry", async () => {
    const { user, auditCalls } = setup({ events: (call) => (call === 0 ? Promise.reject(forbidden) : [newEvent('e1', { type: 'api_key.rotated' })]) });
    const alert = await within(await screen.findByRole('region', { name: 'Recent events' })).findByRole('alert');
    expect(alert.textContent).toContain('Missing permission audit:read');
    // The rest of the page still works: the key's settings are shown.
    expect(screen.getByTestId('key-settings')).toBeTruthy();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Details of api_key.rotated event' })).toBeTruthy();
    expect(auditCalls()).toHaveLength(2);
    expect(within(recentEvents()).queryByRole('alert')).toBeNull();
  });

  it("shows the API's message, not a blank page, when the key cannot be loaded", async () => {
    setup({ key: () => Promise.reject(new ApiError({ statusCode: 404, code: 'api_key.not_found', message: 'API key not found' })) });
    expect((await screen.findByRole('alert')).textContent).toContain('API key not found');
    expect(screen.getByRole('link', { name: '← API keys' })).toBeTruthy();
  });

  it('reloads the recent events after an action, so its event shows up', async () => {
    const { user, calls, auditCalls } = setup({ events: (call) => (call === 0 ? [newEvent('e1', { type: 'api_key.created' })] : [newEvent('e2', { type: 'api_key.updated' })]) });
    await screen.findByRole('button', { name: 'Details of api_key.created event' });

    await user.click(within(screen.getByRole('group', { name: 'Key actions' })).getByRole('button', { name: 'Disable' }));

    expect(await screen.findByRole('button', { name: 'Details of api_key.updated event' })).toBeTruthy();
    expect(calls.find((c) => c.options.method === 'PATCH')?.options.body).toEqual({ active: false });
    await waitFor(() => expect(within(screen.getByRole('heading', { level: 1 })).getByText('disabled')).toBeTruthy());
    expect(auditCalls()).toHaveLength(2);
  });
});
