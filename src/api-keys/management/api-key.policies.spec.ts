import { callerHolding } from '../../access/caller-fixture.js';
import { looseningRefused, mayListKeysOf, mayRotateKey, maySeeKey } from './api-key.policies.js';

const OWNER = '00000000-0000-4000-8000-0000000000a1';
const member = callerHolding(['keys:read', 'keys:write'], OWNER);
const stranger = callerHolding(['keys:read', 'keys:write']);
const keyAdmin = callerHolding(['keys:admin', 'keys:read', 'keys:write']);
const key = { userId: OWNER, scopes: ['contents:read'], rateLimit: 100, allowedIps: [], metadata: {}, active: true, validFrom: null, expiresAt: null, creditsRemaining: null, limits: [] };

describe('maySeeKey', () => {
  it('lets the owner and a keys:admin see a key, nobody else', () => {
    expect([maySeeKey(member, key), maySeeKey(keyAdmin, key), maySeeKey(stranger, key)]).toEqual([true, true, false]);
  });
});

describe('mayListKeysOf', () => {
  it('lets anyone list their own keys but only a keys:admin list all or another user’s', () => {
    expect(mayListKeysOf(stranger, {})).toBe(true);
    expect([mayListKeysOf(stranger, { all: true }), mayListKeysOf(stranger, { userId: OWNER })]).toEqual([false, false]);
    expect([mayListKeysOf(keyAdmin, { all: true }), mayListKeysOf(keyAdmin, { userId: OWNER })]).toEqual([true, true]);
  });
});

describe('mayRotateKey', () => {
  it('lets only the owner rotate, a keys:admin included in the refusal', () => {
    expect([mayRotateKey(member, key), mayRotateKey(keyAdmin, key)]).toEqual([true, false]);
  });
});

describe('looseningRefused', () => {
  it('lets the owner widen their own key', () => {
    expect(looseningRefused(member, key, { scopes: ['*'], rateLimit: 1000 }, { columns: {}, credits: { kind: 'clear' } })).toEqual([]);
  });

  it('names what a keys:admin would widen on someone else’s key, and lets them narrow it', () => {
    expect(looseningRefused(keyAdmin, key, { scopes: ['*'], rateLimit: 1000 }, { columns: {} }).map((loosened) => loosened.field)).toEqual(['scopes', 'rateLimit']);
    expect(looseningRefused(keyAdmin, key, { rateLimit: 10, active: false }, { columns: {}, credits: { kind: 'delta', delta: -5 } })).toEqual([]);
  });

  it('lets a keys:admin take credits away and tighten limits on someone else’s key, never the reverse', () => {
    const limited = { ...key, creditsRemaining: 100, limits: [{ name: 'search', limit: 10, window: 60, cost: 1, auto: false }] };
    const tighter = [{ name: 'search', limit: 5, window: 60, cost: 1, auto: false }];
    expect(looseningRefused(keyAdmin, limited, {}, { columns: { limits: tighter }, credits: { kind: 'set', remaining: 50 } })).toEqual([]);
    const looser = looseningRefused(keyAdmin, limited, {}, { columns: { limits: [] }, credits: { kind: 'delta', delta: 10 } });
    expect(looser.map((loosened) => loosened.field)).toEqual(['credits', 'limits']);
    expect(looseningRefused(keyAdmin, limited, {}, { columns: {}, credits: { kind: 'clear' } }).map((loosened) => loosened.field)).toEqual(['credits']);
  });
});
