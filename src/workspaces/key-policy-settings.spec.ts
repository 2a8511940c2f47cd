import fc from 'fast-check';
import { changedKeyPolicy, NO_KEY_POLICY, storedKeyPolicy, toKeyPolicy } from './key-policy-settings.js';

const policy = fc.record({
  maxLifetimeDays: fc.option(fc.integer({ min: 1, max: 3650 })),
  requireIpAllowlist: fc.boolean(),
  allowedScopes: fc.option(fc.constantFrom(['contents:read'], ['contents:read', 'keys:*'], ['*']).map((scopes) => [...scopes])),
  maxRateLimit: fc.option(fc.integer({ min: 1, max: 100_000_000 })),
});

describe('toKeyPolicy', () => {
  it('reads an empty column as no policy', () => {
    expect(toKeyPolicy({})).toEqual(NO_KEY_POLICY);
  });

  it('sets no rule from a value it cannot read as one', () => {
    expect(toKeyPolicy({ maxLifetimeDays: '90', requireIpAllowlist: 'yes', allowedScopes: [], maxRateLimit: 0, other: 1 })).toEqual(NO_KEY_POLICY);
    expect(toKeyPolicy(null)).toEqual(NO_KEY_POLICY);
  });

  it('reads back what storedKeyPolicy keeps (property)', () => {
    fc.assert(fc.property(policy, (value) => expect(toKeyPolicy(JSON.parse(JSON.stringify(storedKeyPolicy(value))))).toEqual(value)));
  });
});

describe('storedKeyPolicy', () => {
  it('keeps only the rules that are set', () => {
    expect(storedKeyPolicy({ ...NO_KEY_POLICY, maxLifetimeDays: 30 })).toEqual({ maxLifetimeDays: 30 });
    expect(storedKeyPolicy(NO_KEY_POLICY)).toEqual({});
  });
});

describe('changedKeyPolicy', () => {
  const current = { maxLifetimeDays: 90, requireIpAllowlist: true, allowedScopes: ['contents:read'], maxRateLimit: 100 };

  it('changes the fields the change names and keeps the others', () => {
    expect(changedKeyPolicy(current, { maxRateLimit: 50 })).toEqual({ ...current, maxRateLimit: 50 });
    expect(changedKeyPolicy(current, {})).toEqual(current);
  });

  it('lifts a rule set to null, and requireIpAllowlist set to null or false', () => {
    expect(changedKeyPolicy(current, { maxLifetimeDays: null, requireIpAllowlist: null, allowedScopes: null, maxRateLimit: null })).toEqual(NO_KEY_POLICY);
    expect(changedKeyPolicy(current, { requireIpAllowlist: false }).requireIpAllowlist).toBe(false);
  });

  it('stores allowed scopes without duplicates or scopes a broader one covers', () => {
    expect(changedKeyPolicy(current, { allowedScopes: ['contents:read', 'contents:*', 'keys:read', 'keys:read'] }).allowedScopes).toEqual(['contents:*', 'keys:read']);
  });
});
