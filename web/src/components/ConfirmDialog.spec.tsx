import { jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('keeps the action disabled until the phrase is typed', async () => {
    const onConfirm = jest.fn(async () => undefined);
    render(
      <ConfirmDialog title="Revoke all keys" confirmLabel="Revoke all" typedConfirmation="revoke all" onConfirm={onConfirm} onClose={() => undefined}>
        Every key stops working.
      </ConfirmDialog>,
    );
    const confirm = screen.getByRole('button', { name: 'Revoke all' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    await userEvent.type(screen.getByLabelText(/to confirm/), 'revoke al');
    expect(confirm.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText(/to confirm/), 'l');
    expect(confirm.disabled).toBe(false);

    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('shows the API error and stays open when the action fails', async () => {
    const failure = new ApiError({ statusCode: 404, code: 'api_key.not_found', message: 'API key not found' });
    render(
      <ConfirmDialog title="Delete key" confirmLabel="Delete" onConfirm={() => Promise.reject(failure)} onClose={() => undefined}>
        Delete “ci”?
      </ConfirmDialog>,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));

    expect((await screen.findByRole('alert')).textContent).toContain('API key not found');
    expect(screen.getByRole('dialog', { name: 'Delete key' })).toBeTruthy();
  });

  it('asks to close on Escape', async () => {
    const onClose = jest.fn<(...args: any[]) => any>();
    render(
      <ConfirmDialog title="Delete key" confirmLabel="Delete" onConfirm={async () => undefined} onClose={onClose}>
        Delete “ci”?
      </ConfirmDialog>,
    );
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('puts focus on Cancel, so Enter on an accidental open does not destroy anything', () => {
    render(
      <ConfirmDialog title="Delete key" confirmLabel="Delete" onConfirm={async () => undefined} onClose={() => undefined}>
        Delete “ci”?
      </ConfirmDialog>,
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });
});
