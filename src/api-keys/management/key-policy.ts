import type { KeyPolicy } from '../../access/call-workspace.js';
import { effectivePermissions, hasPermission } from '../../access/permissions.js';
import { AppError } from '../../common/errors/app-error.js';
import type { KeySettings } from './key-settings.js';
import { looseningOf } from './key-loosening.js';

/** The settings of a key a workspace's key policy speaks of. */
export interface PolicedKey {
  scopes: readonly string[];
  expiresAt: Date | null;
  allowedIps: readonly string[];
  rateLimit: number;
}

/** One rule of the policy a key breaks, as a `validation.failed` detail: the field, the rule, why. */
export interface PolicyViolation {
  field: keyof PolicedKey;
  policy: keyof KeyPolicy;
  message: string;
}

const DAY_MS = 86_400_000;

/** The latest expiresAt maxLifetimeDays allows a key given (or changed) at `now`. */
export const lifetimeDeadline = (days: number, now: Date): Date => new Date(now.getTime() + days * DAY_MS);

/** The key's scopes none of allowedScopes covers (`contents:*` is not within `contents:read`; everything is within `*`). */
export const scopesOutside = (allowedScopes: readonly string[], scopes: readonly string[]): string[] => scopes.filter((scope) => !hasPermission(allowedScopes, scope));

/** Every rule of the policy the key breaks, in the order of the policy's fields; none for a key within it. */
export function keyPolicyViolations(policy: KeyPolicy, key: PolicedKey, now: Date): PolicyViolation[] {
  const found: PolicyViolation[] = [];
  if (policy.maxLifetimeDays !== null) {
    const deadline = lifetimeDeadline(policy.maxLifetimeDays, now);
    if (key.expiresAt === null) found.push({ field: 'expiresAt', policy: 'maxLifetimeDays', message: `keys of this workspace must expire within ${policy.maxLifetimeDays} days: set expiresAt` });
    else if (key.expiresAt.getTime() > deadline.getTime()) {
      found.push({ field: 'expiresAt', policy: 'maxLifetimeDays', message: `expiresAt must be no later than ${policy.maxLifetimeDays} days from now (${deadline.toISOString()})` });
    }
  }
  if (policy.requireIpAllowlist && key.allowedIps.length === 0) {
    found.push({ field: 'allowedIps', policy: 'requireIpAllowlist', message: 'keys of this workspace must be limited to addresses: set allowedIps' });
  }
  if (policy.allowedScopes !== null) {
    const outside = scopesOutside(policy.allowedScopes, key.scopes);
    if (outside.length) {
      found.push({ field: 'scopes', policy: 'allowedScopes', message: `${outside.join(', ')} not allowed: keys of this workspace may carry only ${policy.allowedScopes.join(', ')}` });
    }
  }
  if (policy.maxRateLimit !== null && key.rateLimit > policy.maxRateLimit) {
    found.push({ field: 'rateLimit', policy: 'maxRateLimit', message: `rateLimit must not be greater than ${policy.maxRateLimit}, the key policy's maximum` });
  }
  return found;
}

/** Refuses a key the policy does not allow: 400 validation.failed with one `{field, policy, message}` per rule it breaks. */
export function refuseOutsidePolicy(violations: PolicyViolation[]): void {
  if (violations.length) throw new AppError('validation.failed', 'The key does not meet this workspace’s key policy', violations);
}

/**
 * What a change to an existing key may not do: set a field against the policy, or widen a key
 * that is outside it (the whole key is then held to the policy, as a new one would be). A key the
 * policy came after may still be renamed, disabled or brought closer to it.
 */
export function changeViolations(policy: KeyPolicy, current: PolicedKey & Parameters<typeof looseningOf>[0], changes: KeySettings, now: Date): PolicyViolation[] {
  const violations = keyPolicyViolations(policy, { ...current, ...changes } as PolicedKey, now);
  // Metadata is the owner's data, not access: changing it widens nothing.
  const widens = looseningOf(current, changes).some((loosening) => loosening.field !== 'metadata');
  return widens ? violations : violations.filter((violation) => changes[violation.field] !== undefined);
}

/**
 * A new key's scopes when its creator names none: the usual defaults narrowed to what the policy
 * allows. When nothing of them is allowed they stand, so the policy refuses them by name.
 */
export function defaultScopesWithin(policy: KeyPolicy, defaults: readonly string[]): string[] {
  if (policy.allowedScopes === null) return [...defaults];
  const within = effectivePermissions(defaults, policy.allowedScopes);
  return within.length ? within : [...defaults];
}

/** The highest rateLimit a new key may get by default: the plan's maximum, or the policy's when that is lower. */
export const rateLimitCeiling = (planMaximum: number, policy: KeyPolicy): number => Math.min(planMaximum, policy.maxRateLimit ?? planMaximum);
