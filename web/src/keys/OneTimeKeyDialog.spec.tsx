import { jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreatedApiKey } from '../api/types';
import { OneTimeKeyDialog } from './OneTimeKeyDialog';

const RAW_KEY = 'kw_a1b2c3d4_0123456789abcdef0123456789abcdefAbC123';
const created = { id: 'k1', name: 'ci deploy', keyPrefix: 'kw_a1b2c3d4', key: RAW_KEY } as CreatedApiKey;

function renderDialog(onClose = jest.fn<(...args: any[]) => any>()) {
  render(<OneTimeKeyDialog created={created} title="API key created" origin="https://keyward.test" onClose={onClose} />);
  return onClose;
}

describe('OneTimeKeyDialog', () => {
  it('shows the key, the warning and a curl example using x-api-key', () => {
    renderDialog();
    expect((screen.getByLabelText('API key for ci deploy') as HTMLInputElement).value).toBe(RAW_KEY);
    expect(screen.getByRole('note').textContent).toContain('It will not be shown again');
    expect(screen.getByText(`curl -H "x-api-key: ${RAW_KEY}" https://keyward.test/api/v1/auth/me`)).toBeTruthy();
  });

  it('copies the key to the clipboard', async () => {
    const user = userEvent.setup();
    renderDialog();
    await user.click(screen.getByRole('button', { name: 'Copy key' }));
    expect(await navigator.clipboard.readText()).toBe(RAW_KEY);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('says so when the clipboard is refused', async () => {
    const user = userEvent.setup();
    renderDialog();
    jest.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(screen.getByRole('button', { name: 'Copy key' }));
    expect(await screen.findByText(/copy it by hand/)).toBeTruthy();
  });

  it('asks for confirmation instead of closing on Done', async () => {
    const onClose = renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Close without the key?' })).toBeTruthy();
  });

  it('asks for confirmation on Escape too', async () => {
    const onClose = renderDialog();
    await userEvent.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Close without the key?' })).toBeTruthy();
  });

  it('goes back to the key when the user is not done', async () => {
    renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.click(screen.getByRole('button', { name: 'Back to the key' }));
    expect((screen.getByLabelText('API key for ci deploy') as HTMLInputElement).value).toBe(RAW_KEY);
  });

  it('closes once the user confirms the key is saved', async () => {
    const onClose = renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    await userEvent.click(screen.getByRole('button', { name: 'I have saved it, close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
