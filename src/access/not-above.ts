import type { Principal } from './principal.js';
import { AppError } from '../common/errors/app-error.js';
import { scopesBeyond } from './permissions.js';

/** 403 permission.denied naming each of `permissions` the actor does not hold: nobody acts above themselves. */
export function refuseBeyond(actor: Principal, permissions: readonly string[], message: string): void {
  const beyond = [...new Set(scopesBeyond(actor.permissions, permissions))];
  if (beyond.length) throw new AppError('permission.denied', message, beyond.map((required) => ({ required })));
}
