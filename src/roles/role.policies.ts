import type { Caller } from '../access/caller.js';
import { hasPermission } from '../access/permissions.js';

/** The built-in roles other than admin may change, but only by an instance admin (`*`); admin never. */
export function mayChangeBuiltInRole(caller: Caller, role: { name: string; builtIn: boolean }): 'yes' | 'never' | 'instance_admin_only' {
  if (!role.builtIn) return 'yes';
  if (role.name === 'admin') return 'never';
  return hasPermission(caller.principal.permissions, '*') ? 'yes' : 'instance_admin_only';
}
