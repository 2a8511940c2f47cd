import { AppError } from '../common/errors/app-error.js';
import { type Caller, callerPermissions } from './caller.js';
import { scopesBeyond } from './permissions.js';

// Shared by users/ and roles/: nobody grants, edits or removes what they do not hold themselves.

/** The permissions among `permissions` the caller does not hold, once each: nobody acts above themselves. */
export function beyondCaller(caller: Caller, permissions: readonly string[]): string[] {
  return [...new Set(scopesBeyond(callerPermissions(caller), permissions))];
}

/** 403 permission.denied naming each permission beyondCaller() finds. */
export function refuseBeyond(caller: Caller, permissions: readonly string[], message: string): void {
  const beyond = beyondCaller(caller, permissions);
  if (beyond.length) throw new AppError('permission.denied', message, beyond.map((required) => ({ required })));
}
