import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error.js';
import { verifyPassword } from './passwords.js';

/**
 * A signed-in user proving it is them (changing the password, turning two-factor off): a wrong
 * password is a 400 naming the field, not a 401 — the session stays good.
 */
export async function refuseWrongPassword(manager: EntityManager, userId: string, password: string, field: string): Promise<void> {
  const [row] = await manager.query<Array<{ password_hash: string }>>('SELECT password_hash FROM users WHERE id = $1', [userId]);
  if (!(await verifyPassword(row?.password_hash, password))) {
    throw new AppError('validation.failed', undefined, [{ field, message: `${field} is not your current password` }]);
  }
}
