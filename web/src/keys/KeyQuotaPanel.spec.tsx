import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { RequestOptions } from '../api/api-client';
import { ApiError } from '../api/api-error';
import type { ApiKey } from '../api/types';
import { newKey } from '../test-support/factories';
import { fakeApi, renderWithServices } from '../test-support/services';
import { KeyQuotaPanel } from './KeyQuotaPanel';

const inAnHour = new Date(Date.now() + 3600_000 + 30_000).toISOString();
const METERED = newKey('k1', {
  name: 'Metered',
  credits: { remaining: 1234, refill: { amount: 5000, interval: 'P1D', mode: 'reset', nextAt: inAnHour } },
  limits: [
    { name: 'writes', limit: 10, window: 60, cost: 1, auto: false },
    { name: 'burst', limit: 3, window: 1, cost: 2, auto: true },
  ],
});

/** The panel as the key page holds it: an answered change replaces the key shown. */
function Harness({ start }: { start: ApiKey }) {
  const [key, setKey] = useState(start);
  return <KeyQuotaPanel apiKey={key} onUpdated={setKey} />;
}

function setup(apiKey: ApiKey = METERED, patch: (body: { credits: { increment?: number; decrement?: number } }) => unknown = (body) => ({
  ...apiKey,
  credits: { ...apiKey.credits!, remaining: apiKey.credits!.remaining + (body.credits.increment ?? -(body.credits.decrement ?? 0)) },
})) {
  const fake = fakeApi((path: string, options: RequestOptions) => {
    if (path === `/workspaces/w1/api-keys/${apiKey.id}` && options.method === 'PATCH') return patch(options.body as never);
    throw new Error(`unexpected ${options.method ?? 'GET'} ${path}`);
  });
  renderWithServices(<Harness start={apiKey} />, { api: fake.api, inWorkspace: { permissions: ['keys:read', 'keys:write', 'keys:admin'] } });
  return { ...fake, user: userEvent.setup() };
}

describe('KeyQuotaPanel', () => {
  it('shows the credits left, the refill schedule in words and when the next refill comes', () => {
    setup();
    const credits = screen.getByTestId('key-credits');
    expect(within(credits).getByTestId('credits-remaining').textContent).toBe('1,234');
    expect(within(credits).getByText('Reset to 5,000 credits every day')).toBeTruthy();
    expect(within(credits).getByText(/\(in 1 hour\)$/)).toBeTruthy();
  });

  it('lists the named limits: how much per window, the cost, and which requests they count', () => {
    setup();
    const writes = screen.getByTestId('key-limits').querySelector('tr[data-limit-name="writes"]')!;
    expect([...writes.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['writes', '10 per minute', '1', 'Content writes (POST, PATCH and DELETE /contents)']);
    const burst = screen.getByTestId('key-limits').querySelector('tr[data-limit-name="burst"]')!;
    expect([...burst.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['burst', '3 per second', '2', 'Every request (auto)']);
  });

  it('says a key without credits or named limits has neither, and offers no credit actions', () => {
    setup(newKey('k2', { rateLimit: 600 }));
    expect(screen.getByTestId('key-credits').textContent).toBe('No credits: uses are not counted down.');
    expect(screen.getByTestId('key-limits').textContent).toContain('No named limits');
    expect(screen.getByTestId('key-limits').textContent).toContain('600 requests per hour');
    expect(screen.queryByRole('group', { name: 'Credit actions' })).toBeNull();
  });

  it('adds credits with an increment and shows what the server says is left', async () => {
    const { calls, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add credits…' }));
    const dialog = screen.getByRole('dialog', { name: 'Add credits to Metered' });
    await user.type(within(dialog).getByLabelText('Credits to add'), '766');
    await user.click(within(dialog).getByRole('button', { name: 'Add credits' }));

    await waitFor(() => expect(screen.getByTestId('credits-remaining').textContent).toBe('2,000'));
    expect(calls.map((c) => [c.path, c.options.body])).toEqual([['/workspaces/w1/api-keys/k1', { credits: { increment: 766 } }]]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Metered: 2,000 credits left.')).toBeTruthy();
  });

  it('takes credits with a decrement, and refuses to send 0', async () => {
    const { calls, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Take credits…' }));
    const dialog = screen.getByRole('dialog', { name: 'Take credits from Metered' });
    await user.type(within(dialog).getByLabelText('Credits to take'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Take credits' }));
    expect(within(dialog).getByText('Enter a whole number from 1 to 1,000,000,000,000')).toBeTruthy();
    expect(calls).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Credits to take'));
    await user.type(within(dialog).getByLabelText('Credits to take'), '34');
    await user.click(within(dialog).getByRole('button', { name: 'Take credits' }));
    await waitFor(() => expect(screen.getByTestId('credits-remaining').textContent).toBe('1,200'));
    expect(calls[0].options.body).toEqual({ credits: { decrement: 34 } });
  });

  it('offers only taking credits on another member’s key, which may not get more', () => {
    setup({ ...METERED, userId: 'u9' });
    const actions = screen.getByRole('group', { name: 'Credit actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Take credits…']);
  });

  it("keeps the dialog open with the API's refusal", async () => {
    const refusal = new ApiError({ statusCode: 400, code: 'validation.failed', message: 'Validation failed', details: [{ field: 'credits', message: 'this key has no credits to change; set remaining first' }] });
    const { user } = setup(METERED, () => Promise.reject(refusal));
    await user.click(screen.getByRole('button', { name: 'Add credits…' }));
    await user.type(screen.getByLabelText('Credits to add'), '5');
    await user.click(screen.getByRole('button', { name: 'Add credits' }));
    expect((await screen.findByRole('alert')).textContent).toBe('this key has no credits to change; set remaining first');
    expect(screen.getByRole('dialog', { name: 'Add credits to Metered' })).toBeTruthy();
  });
});
