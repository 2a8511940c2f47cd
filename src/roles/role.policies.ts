import type { Caller } from '../access/caller.js';
import { hasPermission, scopesBeyond } from '../access/permissions.js';
import { AppError } from '../common/errors/app-error.js';

/** The permissions among `permissions` the caller does not hold, once each: nobody acts above themselves. */
export function beyondCaller(caller: Caller, permissions: readonly string[]): string[] {
  return [...new Set(scopesBeyond(caller.principal.permissions, permissions))];
}

/** 403 permission.denied naming each permission beyondCaller() finds. */
export function refuseBeyond(caller: Caller, permissions: readonly string[], message: string): void {
  const beyond = beyondCaller(caller, permissions);
  if (beyond.length) throw new AppError('permission.denied', message, beyond.map((required) => ({ required })));
}

/** The built-in roles other than admin may change, but only by an instance admin (`*`); admin never. */
export function mayChangeBuiltInRole(caller: Caller, role: { name: string; builtIn: boolean }): 'yes' | 'never' | 'instance_admin_only' {
  if (!role.builtIn) return 'yes';
  if (role.name === 'admin') return 'never';
  return hasPermission(caller.principal.permissions, '*') ? 'yes' : 'instance_admin_only';
}
