import type { KeyPolicy } from '../access/call-workspace.js';
import { normalizePermissions } from '../access/permissions.js';

/** A change to a policy as PATCH states it: a field left out stays, null (or false) lifts the rule. */
export interface KeyPolicyChange {
  maxLifetimeDays?: number | null;
  requireIpAllowlist?: boolean | null;
  allowedScopes?: string[] | null;
  maxRateLimit?: number | null;
}

export const NO_KEY_POLICY: KeyPolicy = { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null };

const positiveInteger = (value: unknown): number | null => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : null);
const textList = (value: unknown): string[] | null => (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string') ? value : null);

/** The policy a workspace row stores (`key_policy` jsonb); anything it cannot read as a rule sets none. */
export function toKeyPolicy(stored: unknown): KeyPolicy {
  const rules = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  return {
    maxLifetimeDays: positiveInteger(rules.maxLifetimeDays),
    requireIpAllowlist: rules.requireIpAllowlist === true,
    allowedScopes: textList(rules.allowedScopes),
    maxRateLimit: positiveInteger(rules.maxRateLimit),
  };
}

/** The policy once the change is applied; allowed scopes as keys store theirs (no duplicates, none a broader one covers). */
export function changedKeyPolicy(current: KeyPolicy, change: KeyPolicyChange): KeyPolicy {
  const next = { ...current };
  if (change.maxLifetimeDays !== undefined) next.maxLifetimeDays = change.maxLifetimeDays;
  if (change.requireIpAllowlist !== undefined) next.requireIpAllowlist = change.requireIpAllowlist ?? false;
  if (change.allowedScopes !== undefined) next.allowedScopes = change.allowedScopes && normalizePermissions(change.allowedScopes);
  if (change.maxRateLimit !== undefined) next.maxRateLimit = change.maxRateLimit;
  return next;
}

/** What the column keeps: the rules that are set, and nothing for the ones that are not. */
export function storedKeyPolicy(policy: KeyPolicy): Partial<KeyPolicy> {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== null && value !== false));
}
