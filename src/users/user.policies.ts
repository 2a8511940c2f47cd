import type { Caller } from '../access/caller.js';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

/** Nobody changes their own roles or disables themselves: another administrator has to. */
export function isSelfDemotion(caller: Caller, targetId: string, currentRoles: readonly string[], change: { roles?: readonly string[]; active?: boolean }): boolean {
  if (targetId !== caller.principal.user.id) return false;
  return (change.roles !== undefined && !sameSet(change.roles, currentRoles)) || change.active === false;
}
