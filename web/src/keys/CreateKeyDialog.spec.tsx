import { jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
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
    const scopeBoxes = screen.getAllByRole('checkbox').map((box) => box.parentElement?.textContent);
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
