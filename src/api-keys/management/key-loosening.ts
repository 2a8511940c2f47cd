import { isDeepStrictEqual } from 'node:util';
import { parseIpRange, rangeWithin } from '../../common/ip-ranges.js';
import { hasPermission } from '../../access/permissions.js';
import type { ApiKey } from '../api-key.entity.js';
import type { KeySettings } from './key-settings.js';
import type { QuotaSettings } from './key-quota-settings.js';
import type { NamedLimit } from '../../access/limits/quota.js';

type CurrentKey = Pick<ApiKey, 'scopes' | 'rateLimit' | 'allowedIps' | 'metadata' | 'active' | 'validFrom' | 'expiresAt'>;

export interface Loosening {
  field: keyof KeySettings | 'credits' | 'limits';
  message: string;
}

/** A moved bound is looser when it moves outwards; null is "no bound", the loosest of all. */
const expiresLater = (next: Date | null, current: Date) => next === null || next.getTime() > current.getTime();
const startsEarlier = (next: Date | null, current: Date) => next === null || next.getTime() < current.getTime();

function ipsLoosened(current: readonly string[], next: readonly string[]): boolean {
  if (current.length === 0) return false; // unrestricted: any list narrows it
  const outer = current.map(parseIpRange).filter((range) => range !== null);
  return next.length === 0 || next.some((text) => {
    const inner = parseIpRange(text);
    return inner === null || !outer.some((range) => rangeWithin(inner, range));
  });
}

/**
 * What a change to someone else's key would loosen (API.md §5, README "keys:admin"). A keys:admin
 * holder may narrow, disable, rename or re-describe another user's key, never widen it: the
 * owner alone decides how far their key reaches. Unchanged values are not loosening. Metadata is
 * the owner's own data (services that verify keys may act on it), so any change to it counts.
 */
export function looseningOf(current: CurrentKey, changes: KeySettings): Loosening[] {
  const found: Loosening[] = [];
  const add = (field: keyof KeySettings, message: string) => found.push({ field, message });
  if (changes.active === true && !current.active) add('active', 'only the owner can re-enable a disabled key');
  if (changes.scopes && changes.scopes.some((scope) => !hasPermission(current.scopes, scope))) add('scopes', 'another user’s key can only lose scopes, never gain them');
  if (changes.rateLimit !== undefined && changes.rateLimit > current.rateLimit) add('rateLimit', 'another user’s key can only get a lower rateLimit');
  if (changes.expiresAt !== undefined && current.expiresAt !== null && expiresLater(changes.expiresAt, current.expiresAt)) {
    add('expiresAt', 'another user’s key can only expire sooner');
  }
  if (changes.validFrom !== undefined && current.validFrom !== null && startsEarlier(changes.validFrom, current.validFrom)) {
    add('validFrom', 'another user’s key can only start later');
  }
  if (changes.allowedIps && ipsLoosened(current.allowedIps, changes.allowedIps)) add('allowedIps', 'another user’s key can only be restricted to fewer addresses');
  if (changes.metadata !== undefined && !isDeepStrictEqual(changes.metadata, current.metadata)) add('metadata', 'only the owner can change a key’s metadata');
  return found;
}

/** A limit list is no looser when every current limit is still there, no higher, over no shorter a window. */
function limitsLoosened(current: readonly NamedLimit[], next: readonly NamedLimit[]): boolean {
  return current.some((limit) => {
    const kept = next.find((candidate) => candidate.name === limit.name);
    return !kept || kept.limit > limit.limit || kept.window < limit.window || kept.cost < limit.cost || (limit.auto && !kept.auto);
  });
}

/** As looseningOf(), for credits and named limits: another user's key may only get fewer credits and tighter limits. */
export function quotaLooseningOf(current: Pick<ApiKey, 'creditsRemaining' | 'limits'>, quota: QuotaSettings): Loosening[] {
  const found: Loosening[] = [];
  const change = quota.credits;
  const more =
    (change?.kind === 'clear' && current.creditsRemaining !== null) ||
    (change?.kind === 'delta' && change.delta > 0) ||
    (change?.kind === 'set' && (current.creditsRemaining === null ? false : change.remaining > current.creditsRemaining));
  if (more || quota.columns.creditsRefill !== undefined) found.push({ field: 'credits', message: 'another user’s key can only get fewer credits, and only its owner sets a refill' });
  if (quota.columns.limits && limitsLoosened(current.limits, quota.columns.limits)) found.push({ field: 'limits', message: 'another user’s key can only get tighter limits' });
  return found;
}
