import { jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../api/api-error';
import { fakeApi, renderWithServices } from '../test-support/services';
import { newCreatedKey, newKey } from '../test-support/factories';
import { RotateKeyDialog } from './RotateKeyDialog';

const KEY = newKey('k1', { name: 'CI deploy', keyPrefix: 'kw_a1b2c3d4' });

function setup(answer: () => unknown = () => newCreatedKey('k2', { name: 'CI deploy', rotatedFromId: 'k1' })) {
  const { api, calls } = fakeApi(answer);
  const onRotated = jest.fn<(...args: any[]) => any>();
  const onClose = jest.fn<(...args: any[]) => any>();
  renderWithServices(<RotateKeyDialog apiKey={KEY} onClose={onClose} onRotated={onRotated} />, { api, inWorkspace: { permissions: ['keys:read', 'keys:write'] } });
  return { calls, onRotated, onClose, user: userEvent.setup() };
}

describe('RotateKeyDialog', () => {
  it.each([
    ['Now', 0],
    ['In 1 hour', 3600],
    ['In 24 hours', 86_400],
    ['In 7 days', 604_800],
  ])('sends the grace choice "%s" as gracePeriodSeconds %i', async (choice, seconds) => {
    const { calls, onRotated, user } = setup();
    await user.click(screen.getByRole('radio', { name: new RegExp(`^${choice}`) }));
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));

    await waitFor(() => expect(onRotated).toHaveBeenCalledWith(expect.objectContaining({ id: 'k2', key: expect.stringMatching(/^kw_k2/) })));
    expect(calls).toEqual([{ path: '/workspaces/w1/api-keys/k1/rotate', options: { method: 'POST', body: { gracePeriodSeconds: seconds } } }]);
  });

  it('keeps the old key for an hour unless told otherwise', () => {
    setup();
    expect((screen.getByRole('radio', { name: /^In 1 hour/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByRole('radio').filter((radio) => (radio as HTMLInputElement).checked)).toHaveLength(1);
  });

  it("shows the API's refusal and keeps the dialog open", async () => {
    const refusal = new ApiError({ statusCode: 409, code: 'api_key.revoked', message: 'This API key has been revoked' });
    const { onRotated, onClose, user } = setup(() => Promise.reject(refusal));
    await user.click(screen.getByRole('button', { name: 'Rotate key' }));

    expect((await screen.findByRole('alert')).textContent).toContain('This API key has been revoked');
    expect(onRotated).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Rotate key' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
