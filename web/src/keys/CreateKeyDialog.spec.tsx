import { jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import { fakeApi, renderWithServices } from '../test-support/services';
import { CreateKeyDialog } from './CreateKeyDialog';

function setup({ permissions = ['keys:read', 'keys:write', 'contents:read'], answer = (): unknown => ({ id: 'k1', name: 'ci', key: 'kw_x' }) } = {}) {
  const { api, calls } = fakeApi(answer);
  const onCreated = jest.fn<(...args: any[]) => any>();
  renderWithServices(<CreateKeyDialog onClose={() => undefined} onCreated={onCreated} />, { api, inWorkspace: { permissions } });
  return { calls, onCreated, user: userEvent.setup() };
}

describe('CreateKeyDialog', () => {
  it('offers only the scopes the user holds in the workspace the key will belong to', () => {
    setup();
    const scopeBoxes = within(screen.getByRole('group', { name: 'Scopes' })).getAllByRole('checkbox').map((box) => box.parentElement?.textContent);
    expect(scopeBoxes).toEqual(['Everything I have', 'contents:read', 'keys:read', 'keys:write']);
  });

  it("offers the workspace owner (*) the built-in permissions a key can carry, but no instance-only users:*", () => {
    setup({ permissions: ['*'] });
    expect(screen.getByRole('checkbox', { name: 'audit:read' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'roles:write' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'keys:admin' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'users:read' })).toBeNull();
  });

  it('does not send an empty form, and says what is missing', async () => {
    const { calls, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByText('Give the key a name')).toBeTruthy();
    expect(screen.getByText('Choose at least one scope, or “Everything I have”')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('flags a bad allowlist line while typing', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('IP allowlist (optional)'), '10.0.0.0/33');
    expect(screen.getByText('Line 1: "10.0.0.0/33" needs a prefix length from 0 to 32 after "/"')).toBeTruthy();
    expect(screen.getByLabelText('IP allowlist (optional)').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the default and maximum rate limit', () => {
    setup();
    expect(screen.getByText('Default 1,000, maximum 10,000.')).toBeTruthy();
  });

  it('disables the single scopes while "everything I have" is ticked', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('checkbox', { name: 'Everything I have' }));
    expect((screen.getByRole('checkbox', { name: 'keys:read' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('creates the key with what was filled in and hands the answer over', async () => {
    const { calls, onCreated, user } = setup();
    await user.type(screen.getByLabelText('Name'), 'CI deploy');
    await user.click(screen.getByRole('checkbox', { name: 'keys:read' }));
    await user.selectOptions(screen.getByLabelText('Expires'), '90');
    await user.type(screen.getByLabelText('Rate limit (requests per hour)'), '500');
    await user.type(screen.getByLabelText('IP allowlist (optional)'), '10.0.0.0/8{enter}::1');
    await user.click(screen.getByLabelText('Metadata (optional JSON object)'));
    await user.paste('{"team":"ops"}');

    await user.click(screen.getByRole('button', { name: 'Create key' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ id: 'k1', name: 'ci', key: 'kw_x' }));
    expect(calls[0].path).toBe('/workspaces/w1/api-keys');
    expect(calls[0].options.body).toMatchObject({
      name: 'CI deploy',
      scopes: ['keys:read'],
      rateLimit: 500,
      allowedIps: ['10.0.0.0/8', '::1'],
      metadata: { team: 'ops' },
      expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('creates a key with credits that refill and a named limit', async () => {
    const { calls, user } = setup();
    await user.type(screen.getByLabelText('Name'), 'Metered');
    await user.click(screen.getByRole('checkbox', { name: 'Everything I have' }));
    await user.click(screen.getByRole('checkbox', { name: 'Count this key’s uses with credits' }));
    await user.type(screen.getByLabelText('Credits remaining'), '3');
    await user.click(screen.getByRole('checkbox', { name: 'Refill on a schedule' }));
    await user.type(screen.getByLabelText('Refill amount'), '100');
    await user.selectOptions(screen.getByLabelText('Refill every'), 'custom');
    await user.type(screen.getByLabelText('Refill interval (ISO-8601)'), 'p1w');
    await user.click(screen.getByRole('radio', { name: 'Add the amount to what is left' }));
    expect(screen.getByTestId('refill-preview').textContent).toBe('100 credits added every week.');

    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    const row = screen.getByRole('group', { name: 'Named limit 1' });
    await user.type(within(row).getByLabelText('Limit name'), 'search');
    await user.type(within(row).getByLabelText('Allows'), '20');
    await user.selectOptions(within(row).getByLabelText('Window unit'), 'hours');
    await user.click(within(row).getByRole('checkbox', { name: 'Every request (auto)' }));

    await user.click(screen.getByRole('button', { name: 'Create key' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].options.body).toEqual({
      name: 'Metered',
      scopes: ['*'],
      credits: { remaining: 3, refill: { amount: 100, interval: 'P1W', mode: 'add' } },
      limits: [{ name: 'search', limit: 20, window: 3600, cost: 1, auto: true }],
    });
  });

  it('says what is wrong with the limits and sends nothing', async () => {
    const { calls, user } = setup();
    await user.type(screen.getByLabelText('Name'), 'Limited');
    await user.click(screen.getByRole('checkbox', { name: 'Everything I have' }));
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    await user.type(screen.getByLabelText('Limit name'), 'default');
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    const second = screen.getByRole('group', { name: 'Named limit 2' });
    await user.clear(within(second).getByLabelText('Window'));
    await user.type(within(second).getByLabelText('Window'), '31');
    await user.selectOptions(within(second).getByLabelText('Window unit'), 'days');

    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const first = screen.getByRole('group', { name: 'Named limit 1' });
    expect(within(first).getByText('“default” is the rate limit’s name; choose another')).toBeTruthy();
    expect(within(first).getByText('Enter how much the window allows')).toBeTruthy();
    expect(within(second).getByText('Give the limit a name')).toBeTruthy();
    expect(within(second).getByText('A window is a whole number from 1 second to 30 days')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('shows a new limit row’s problem once its input is left, not as soon as the row appears', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    // The new row's name has the focus.
    expect(document.activeElement).toBe(screen.getByLabelText('Limit name'));
    expect(screen.queryByText('Give the limit a name')).toBeNull();
    await user.tab();
    expect(screen.getByText('Give the limit a name')).toBeTruthy();
  });

  it('removes a limit row', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add limit' }));
    await user.type(screen.getByLabelText('Limit name'), 'search');
    await user.click(screen.getByRole('button', { name: 'Remove limit search' }));
    expect(screen.queryByRole('group', { name: 'Named limit 1' })).toBeNull();
    expect(screen.getByText('No named limits.')).toBeTruthy();
  });

  it('shows the server refusal and keeps the form open', async () => {
    const refusal = new ApiError({ statusCode: 409, code: 'api_key.limit_reached', message: 'You have reached the maximum number of API keys' });
    const { user } = setup({ answer: () => Promise.reject(refusal) });
    await user.type(screen.getByLabelText('Name'), 'one too many');
    await user.click(screen.getByRole('checkbox', { name: 'Everything I have' }));

    await user.click(screen.getByRole('button', { name: 'Create key' }));

    expect((await screen.findByRole('alert')).textContent).toContain('You have reached the maximum number of API keys');
    expect((screen.getByRole('button', { name: 'Create key' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
