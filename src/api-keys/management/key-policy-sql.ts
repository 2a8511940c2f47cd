import type { KeyPolicy } from '../../access/call-workspace.js';
import { lifetimeDeadline } from './key-policy.js';
import { STATUS_CONDITIONS } from './key-status-sql.js';

export interface PolicyCondition {
  where: string;
  parameters: Record<string, unknown>;
}

/** covers(allowed, scope) of access/permissions.ts, as SQL: `*`, the same permission, or `resource:*` over `resource:…` but never over `*`. */
const COVERS = `a.allowed = '*' OR a.allowed = s.scope OR (s.scope <> '*' AND right(a.allowed, 2) = ':*' AND starts_with(s.scope, left(a.allowed, -1)))`;

/**
 * keyPolicyViolations() as SQL over alias `k`: the key breaks at least one rule of the policy.
 * Casts are written CAST(…) so the only colons outside literals are the `:policy…` parameters.
 */
export function breaksPolicySql(policy: KeyPolicy, now: Date): PolicyCondition {
  const rules: string[] = [];
  const parameters: Record<string, unknown> = {};
  if (policy.maxLifetimeDays !== null) {
    rules.push('(k.expires_at IS NULL OR k.expires_at > :policyDeadline)');
    parameters.policyDeadline = lifetimeDeadline(policy.maxLifetimeDays, now);
  }
  if (policy.requireIpAllowlist) rules.push('cardinality(k.allowed_ips) = 0');
  if (policy.allowedScopes !== null) {
    rules.push(`EXISTS (SELECT 1 FROM unnest(k.scopes) AS s(scope)
      WHERE NOT EXISTS (SELECT 1 FROM unnest(CAST(:policyScopes AS text[])) AS a(allowed) WHERE ${COVERS}))`);
    parameters.policyScopes = policy.allowedScopes;
  }
  if (policy.maxRateLimit !== null) {
    rules.push('k.rate_limit > :policyMaxRateLimit');
    parameters.policyMaxRateLimit = policy.maxRateLimit;
  }
  return { where: rules.length ? `(${rules.join(' OR ')})` : 'FALSE', parameters };
}

/**
 * `?violatesPolicy=`: true keeps the keys that break the policy and are not revoked (a revoked key
 * grants nothing, so there is nothing left to bring within it); false keeps every other key.
 */
export function violatesPolicySql(policy: KeyPolicy, violates: boolean, now: Date): PolicyCondition {
  const breaks = breaksPolicySql(policy, now);
  const where = `(NOT ${STATUS_CONDITIONS.revoked} AND ${breaks.where})`;
  return { where: violates ? where : `NOT ${where}`, parameters: breaks.parameters };
}
