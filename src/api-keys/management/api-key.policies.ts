import { type Caller, callerPermissions } from '../../access/caller.js';
import { hasPermission } from '../../access/permissions.js';
import type { ApiKey } from '../api-key.entity.js';
import { type Loosening, looseningOf, quotaLooseningOf } from './key-loosening.js';
import type { KeySettings } from './key-settings.js';
import type { QuotaSettings } from './key-quota-settings.js';

type OwnedKey = Pick<ApiKey, 'userId'>;

/** keys:admin where the call acts: every member's keys in that workspace. */
export const isKeyAdmin = (caller: Caller): boolean => hasPermission(callerPermissions(caller), 'keys:admin');

/** Instance keys:admin (a signed-in operator's instance role): any key of any workspace, by id. */
export const isInstanceKeyAdmin = (caller: Caller): boolean => caller.principal.authMethod === 'jwt' && hasPermission(caller.principal.permissions, 'keys:admin');

export const ownsKey = (caller: Caller, key: OwnedKey): boolean => key.userId === caller.principal.user.id;

/** Your own key, or anyone's with keys:admin; to anyone else it does not exist (404, never 403). */
export const maySeeKey = (caller: Caller, key: OwnedKey): boolean => ownsKey(caller, key) || isKeyAdmin(caller) || isInstanceKeyAdmin(caller);

/** Listing anyone's keys but your own (`all`, `userId`) takes keys:admin in the workspace. */
export const mayListKeysOf = (caller: Caller, query: { all?: boolean; userId?: string }): boolean => !(query.all || query.userId) || isKeyAdmin(caller);

/** The successor's secret goes to whoever rotates, so only the owner may: it would hand over their identity. */
export const mayRotateKey = (caller: Caller, key: OwnedKey): boolean => ownsKey(caller, key);

/** What a change would loosen that the caller may not loosen: nothing for the owner, every widening for a keys:admin. */
export function looseningRefused(
  caller: Caller,
  key: OwnedKey & Parameters<typeof looseningOf>[0] & Parameters<typeof quotaLooseningOf>[0],
  settings: KeySettings,
  quota: QuotaSettings,
): Loosening[] {
  return ownsKey(caller, key) ? [] : [...looseningOf(key, settings), ...quotaLooseningOf(key, quota)];
}
