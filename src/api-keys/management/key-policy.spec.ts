import fc from 'fast-check';
import type { KeyPolicy } from '../../access/call-workspace.js';
import { covers, hasPermission } from '../../access/permissions.js';
import { changeViolations, defaultScopesWithin, keyPolicyViolations, lifetimeDeadline, type PolicedKey, rateLimitCeiling } from './key-policy.js';

const day = 86_400_000;
// A fixed clock: the rules compare a key with `now`, which the caller passes in.
const now = new Date(Date.UTC(2025, 0, 10));
const inDays = (days: number) => new Date(now.getTime() + days * day);
const NO_POLICY: KeyPolicy = { maxLifetimeDays: null, requireIpAllowlist: false, allowedScopes: null, maxRateLimit: null };
const STRICT: KeyPolicy = { maxLifetimeDays: 90, requireIpAllowlist: true, allowedScopes: ['contents:read', 'keys:*'], maxRateLimit: 100 };
const compliant = { scopes: ['contents:read', 'keys:read'], expiresAt: inDays(30) as Date | null, allowedIps: ['10.0.0.0/8'], rateLimit: 100 };
const current = { ...compliant, metadata: {}, active: true, validFrom: null };

const broken = (policy: KeyPolicy, key: Partial<PolicedKey>) => keyPolicyViolations(policy, { ...compliant, ...key }, now).map(({ field, policy: rule }) => `${field}/${rule}`);

const permission = fc.constantFrom('*', 'contents:*', 'contents:read', 'contents:write', 'contents:delete', 'keys:*', 'keys:read', 'keys:write', 'audit:read');
const scopes = fc.uniqueArray(permission, { minLength: 1, maxLength: 5 });

describe('keyPolicyViolations', () => {
  it('finds nothing in a key within every rule, nor in any key when the workspace has no policy', () => {
    expect(broken(STRICT, {})).toEqual([]);
    expect(broken(NO_POLICY, { scopes: ['*'], expiresAt: null, allowedIps: [], rateLimit: 10_000 })).toEqual([]);
  });

  it('refuses a key that never expires, or expires after maxLifetimeDays from now, and names the deadline', () => {
    expect(broken(STRICT, { expiresAt: null })).toEqual(['expiresAt/maxLifetimeDays']);
    expect(broken(STRICT, { expiresAt: new Date(inDays(90).getTime() + 1) })).toEqual(['expiresAt/maxLifetimeDays']);
    expect(broken(STRICT, { expiresAt: inDays(90) })).toEqual([]);
    const [violation] = keyPolicyViolations(STRICT, { ...compliant, expiresAt: inDays(91) }, now);
    expect(violation.message).toContain(inDays(90).toISOString());
  });

  it('refuses an empty allowedIps only when the policy requires an allowlist', () => {
    expect(broken(STRICT, { allowedIps: [] })).toEqual(['allowedIps/requireIpAllowlist']);
    expect(broken({ ...STRICT, requireIpAllowlist: false }, { allowedIps: [] })).toEqual([]);
  });

  it('refuses a scope no allowed scope covers, a wildcard wider than the allowed ones included, and names it', () => {
    expect(broken(STRICT, { scopes: ['keys:admin'] })).toEqual([]);
    expect(broken(STRICT, { scopes: ['contents:*'] })).toEqual(['scopes/allowedScopes']);
    expect(broken(STRICT, { scopes: ['*'] })).toEqual(['scopes/allowedScopes']);
    expect(broken({ ...STRICT, allowedScopes: ['*'] }, { scopes: ['*'] })).toEqual([]);
    const [violation] = keyPolicyViolations(STRICT, { ...compliant, scopes: ['contents:read', 'contents:write'] }, now);
    expect(violation.message).toMatch(/^contents:write not allowed/);
  });

  it('refuses a rateLimit above the policy’s maxRateLimit', () => {
    expect(broken(STRICT, { rateLimit: 101 })).toEqual(['rateLimit/maxRateLimit']);
  });

  it('names every rule a key breaks, in the policy’s order', () => {
    expect(broken(STRICT, { scopes: ['*'], expiresAt: null, allowedIps: [], rateLimit: 1000 })).toEqual([
      'expiresAt/maxLifetimeDays',
      'allowedIps/requireIpAllowlist',
      'scopes/allowedScopes',
      'rateLimit/maxRateLimit',
    ]);
  });

  it('refuses the scopes exactly when one of them is covered by no allowed scope (property)', () => {
    fc.assert(
      fc.property(scopes, scopes, (allowed, keyScopes) => {
        const refused = broken({ ...NO_POLICY, allowedScopes: allowed }, { scopes: keyScopes }).length > 0;
        expect(refused).toBe(keyScopes.some((scope) => !allowed.some((grant) => covers(grant, scope))));
      }),
    );
  });
});

describe('changeViolations', () => {
  const legacy = { ...current, scopes: ['*'], expiresAt: null, allowedIps: [], rateLimit: 1000 };

  it('lets a key made before the policy be renamed, disabled or narrowed in a field the policy does not name', () => {
    expect(changeViolations(STRICT, legacy, { name: 'renamed', active: false, description: 'x', metadata: { a: 1 } }, now)).toEqual([]);
  });

  it('refuses a field the change sets against the policy, even one moved closer to it', () => {
    const violations = changeViolations(STRICT, legacy, { expiresAt: inDays(200) }, now);
    expect(violations.map((violation) => violation.policy)).toEqual(['maxLifetimeDays']);
  });

  it('holds a change that widens a key outside the policy to the whole policy', () => {
    const disabled = { ...legacy, active: false };
    expect(changeViolations(STRICT, disabled, { active: true }, now).map((violation) => violation.field)).toEqual(['expiresAt', 'allowedIps', 'scopes', 'rateLimit']);
    expect(changeViolations(NO_POLICY, disabled, { active: true }, now)).toEqual([]);
  });

  it('passes a change that leaves the key within the policy', () => {
    expect(changeViolations(STRICT, current, { expiresAt: inDays(60), scopes: ['keys:write'], rateLimit: 50 }, now)).toEqual([]);
  });
});

describe('defaultScopesWithin', () => {
  const defaults = ['contents:delete', 'contents:read', 'contents:write', 'keys:read', 'keys:write'];

  it('keeps the defaults without allowedScopes, and narrows them to the allowed ones otherwise', () => {
    expect(defaultScopesWithin(NO_POLICY, defaults)).toEqual(defaults);
    expect(defaultScopesWithin({ ...NO_POLICY, allowedScopes: ['contents:*', 'audit:read'] }, defaults)).toEqual(['contents:delete', 'contents:read', 'contents:write']);
    expect(defaultScopesWithin({ ...NO_POLICY, allowedScopes: ['*'] }, defaults)).toEqual(defaults);
  });

  it('leaves the defaults as they are when the policy allows none of them, so the policy refuses them by name', () => {
    const policy = { ...NO_POLICY, allowedScopes: ['audit:read'] };
    expect(defaultScopesWithin(policy, defaults)).toEqual(defaults);
    expect(keyPolicyViolations(policy, { ...compliant, scopes: defaults }, now).map((violation) => violation.policy)).toEqual(['allowedScopes']);
  });

  it('gives scopes within both the defaults and the policy, or the untouched defaults (property)', () => {
    fc.assert(
      fc.property(scopes, scopes, (owned, allowed) => {
        const policy = { ...NO_POLICY, allowedScopes: allowed };
        const result = defaultScopesWithin(policy, owned);
        if (keyPolicyViolations(policy, { ...compliant, scopes: result }, now).length) expect(result).toEqual(owned);
        for (const scope of result) expect(hasPermission(owned, scope)).toBe(true);
      }),
    );
  });
});

describe('lifetimeDeadline and rateLimitCeiling', () => {
  it('puts the deadline whole days after now', () => {
    expect(lifetimeDeadline(90, now)).toEqual(inDays(90));
  });

  it('takes the lower of the plan’s maximum and the policy’s', () => {
    expect(rateLimitCeiling(10_000, NO_POLICY)).toBe(10_000);
    expect(rateLimitCeiling(10_000, { ...NO_POLICY, maxRateLimit: 50 })).toBe(50);
    expect(rateLimitCeiling(20, { ...NO_POLICY, maxRateLimit: 50 })).toBe(20);
  });
});
