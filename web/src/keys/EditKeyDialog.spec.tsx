import { jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import { fakeApi, renderWithServices } from '../test-support/services';
import { newKey } from '../test-support/factories';
import { EditKeyDialog } from './EditKeyDialog';

// Seconds in validFrom matter: a datetime-local input drops them, so resending it would change the key.
const KEY = newKey('k1', {
  name: 'CI deploy', description: 'Publishes release notes', scopes: ['contents:read', 'keys:read'], rateLimit: 600,
  allowedIps: ['10.0.0.0/8'], metadata: { team: 'ops' }, validFrom: '2026-11-20T10:15:42.000Z', expiresAt: new Date(Date.now() + 62 * 86_400_000).toISOString(),
});

const METERED = newKey('k2', {
  name: 'Metered',
  credits: { remaining: 40, refill: { amount: 100, interval: 'day', mode: 'reset', nextAt: '2026-11-24T00:00:00.000Z' } },
  limits: [
    { name: 'writes', limit: 5, window: 60, cost: 1, auto: false },
    { name: 'search', limit: 50, window: 3600, cost: 2, auto: true },
  ],
});

function setup(answer: () => unknown = () => ({ ...KEY, name: 'CI release' }), apiKey = KEY) {
  const { api, calls } = fakeApi(answer);
  const onSaved = jest.fn<(...args: any[]) => any>();
  const onClose = jest.fn<(...args: any[]) => any>();
  renderWithServices(<EditKeyDialog apiKey={apiKey} onClose={onClose} onSaved={onSaved} />, { api, inWorkspace: { permissions: ['contents:read', 'contents:write', 'keys:read', 'keys:write'] } });
  return { calls, onSaved, onClose, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: 'Save changes' });

describe('EditKeyDialog', () => {
  it('starts from the key as it is', () => {
    setup();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('CI deploy');
    expect((screen.getByLabelText('Rate limit (requests per hour)') as HTMLInputElement).value).toBe('600');
    expect((screen.getByRole('checkbox', { name: 'contents:read' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'contents:write' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Expires') as HTMLSelectElement).value).toBe('keep');
  });

  it('sends a PATCH with only the fields that changed', async () => {
    const { calls, onSaved, user } = setup();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'CI release');
    await user.clear(screen.getByLabelText('Rate limit (requests per hour)'));
    await user.type(screen.getByLabelText('Rate limit (requests per hour)'), '900');
    await user.click(screen.getByRole('checkbox', { name: 'contents:write' }));

    await user.click(save());

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ ...KEY, name: 'CI release' }));
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/workspaces/w1/api-keys/k1');
    expect(calls[0].options.method).toBe('PATCH');
    expect(calls[0].options.body).toEqual({ name: 'CI release', rateLimit: 900, scopes: ['contents:read', 'contents:write', 'keys:read'] });
  });

  it('sends a cleared field as cleared, and nothing else', async () => {
    const { calls, user } = setup();
    await user.clear(screen.getByLabelText('IP allowlist (optional)'));
    await user.click(save());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].options.body).toEqual({ allowedIps: [] });
  });

  it('closes without a request when nothing changed', async () => {
    const { calls, onClose, onSaved, user } = setup();
    await user.click(save());
    expect(onClose).toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it('does not send an invalid change', async () => {
    const { calls, user } = setup();
    await user.clear(screen.getByLabelText('Rate limit (requests per hour)'));
    await user.type(screen.getByLabelText('Rate limit (requests per hour)'), '0');
    await user.click(save());
    expect(screen.getByText('Enter a whole number from 1 to 10,000')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('starts from the key’s credits and limits, and closes without a request when they are left alone', async () => {
    const { calls, onClose, user } = setup(undefined, METERED);
    expect((screen.getByLabelText('Credits remaining') as HTMLInputElement).value).toBe('40');
    expect((screen.getByLabelText('Refill every') as HTMLSelectElement).value).toBe('day');
    const second = screen.getByRole('group', { name: 'Named limit 2' });
    expect((within(second).getByLabelText('Limit name') as HTMLInputElement).value).toBe('search');
    expect((within(second).getByLabelText('Window unit') as HTMLSelectElement).value).toBe('hours');
    await user.click(save());
    expect(onClose).toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });

  it('removes the credits with credits: null, warning first, and sends nothing else', async () => {
    const { calls, user } = setup(() => METERED, METERED);
    await user.click(screen.getByRole('checkbox', { name: 'Count this key’s uses with credits' }));
    expect(screen.getByText('Saving removes this key’s credits: it then works without counting down.')).toBeTruthy();
    await user.click(save());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].options.body).toEqual({ credits: null });
  });

  it('sends only the refill when its mode changed, so the credits left are not overwritten', async () => {
    const { calls, user } = setup(() => METERED, METERED);
    await user.click(screen.getByRole('radio', { name: 'Add the amount to what is left' }));
    await user.click(save());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].options.body).toEqual({ credits: { refill: { amount: 100, interval: 'day', mode: 'add' } } });
  });

  it('sends the rest of the list when a limit is removed', async () => {
    const { calls, user } = setup(() => METERED, METERED);
    await user.click(screen.getByRole('button', { name: 'Remove limit writes' }));
    await user.click(save());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].options.body).toEqual({ limits: [{ name: 'search', limit: 50, window: 3600, cost: 2, auto: true }] });
  });

  it("shows the API's error message on failure and keeps the dialog open", async () => {
    const refusal = new ApiError({ statusCode: 403, code: 'permission.denied', message: 'You cannot grant a scope you do not hold', details: [{ required: 'contents:write' }] });
    const { onSaved, onClose, user } = setup(() => Promise.reject(refusal));
    await user.click(screen.getByRole('checkbox', { name: 'contents:write' }));

    await user.click(save());

    expect((await screen.findByRole('alert')).textContent).toBe('You cannot grant a scope you do not hold (requires contents:write)');
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Edit CI deploy' })).toBeTruthy();
    expect((save() as HTMLButtonElement).disabled).toBe(false);
  });
});
