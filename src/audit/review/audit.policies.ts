import type { Caller } from '../../access/caller.js';
import { hasPermission } from '../../access/permissions.js';
import type { Visibility } from './audit-filter.js';

/** What of the audit log a caller sees: everything with audit:read, otherwise events about themselves and their keys. */
export function visibilityOf(caller: Caller): Visibility {
  return hasPermission(caller.principal.permissions, 'audit:read') ? { everything: true } : { everything: false, userId: caller.principal.user.id };
}
