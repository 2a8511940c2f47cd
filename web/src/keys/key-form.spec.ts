import type { ApiKey } from '../api/types';
import { newKey as newKeyObject } from '../test-support/factories';
import { emptyKeyForm, keyFormFromKey, validateKeyForm, type KeyFormValues } from './key-form';

const now = new Date('2025-11-23T10:00:00.000Z');
const form = (overrides: Partial<KeyFormValues> = {}): KeyFormValues => ({ ...emptyKeyForm(), name: 'ci', scopes: ['keys:read'], ...overrides });

/** A key as the server answers it, with the settings these tests read back. */
const newKey = (overrides: Partial<ApiKey> = {}): ApiKey =>
  newKeyObject('k1', {
    name: 'ci', description: 'deploys', keyPrefix: 'kw_a1b2c3d4', allowedIps: ['10.0.0.0/8'], metadata: { team: 'ops' },
    expiresAt: '2026-01-01T00:00:00.000Z', createdAt: '2025-11-01T00:00:00.000Z', updatedAt: '2025-11-01T00:00:00.000Z', ...overrides,
  });

const errorsOf = (values: KeyFormValues) => {
  const result = validateKeyForm(values, now);
  return result.ok ? {} : result.errors;
};

describe('validateKeyForm when creating', () => {
  it('sends only what was filled in, so the server applies its defaults', () => {
    expect(validateKeyForm(form({ name: '  ci deploy  ' }), now)).toEqual({ ok: true, settings: { name: 'ci deploy', scopes: ['keys:read'] } });
  });

  it('requires a name', () => {
    expect(errorsOf(form({ name: '   ' })).name).toEqual(['Give the key a name']);
  });

  it('refuses a name over 100 characters', () => {
    expect(errorsOf(form({ name: 'x'.repeat(101) })).name).toEqual(['The name can be at most 100 characters']);
    expect(errorsOf(form({ name: 'x'.repeat(100) })).name).toBeUndefined();
  });

  it('refuses a description over 500 characters', () => {
    expect(errorsOf(form({ description: 'x'.repeat(501) })).description).toBeDefined();
  });

  it('asks for at least one scope', () => {
    expect(errorsOf(form({ scopes: [] })).scopes).toEqual(['Choose at least one scope, or “Everything I have”']);
  });

  it('sends ["*"] for "everything I have", whatever boxes are ticked', () => {
    const result = validateKeyForm(form({ allScopes: true, scopes: ['keys:read'] }), now);
    expect(result.ok && result.settings.scopes).toEqual(['*']);
  });

  it('turns "in 30 days" into an expiry timestamp', () => {
    const result = validateKeyForm(form({ expiry: '30' }), now);
    expect(result.ok && result.settings.expiresAt).toBe('2025-12-23T10:00:00.000Z');
  });

  it('reports a missing expiry date under the date input', () => {
    expect(errorsOf(form({ expiry: 'date', expiryDate: '' })).expiryDate).toEqual(['Pick the date the key expires']);
  });

  it('refuses a valid-from that is not before the expiry', () => {
    expect(errorsOf(form({ expiry: 'date', expiryDate: '2025-12-01', validFrom: '2025-12-05T09:00' })).validFrom).toEqual([
      'The key must become valid before it expires',
    ]);
  });

  it('sends valid-from as an ISO instant', () => {
    const result = validateKeyForm(form({ validFrom: '2025-12-05T09:00' }), now);
    expect(result.ok && result.settings.validFrom).toBe(new Date(2025, 11, 5, 9, 0).toISOString());
  });

  it.each(['0', '10001', '1.5', '-3', 'lots'])('refuses the rate limit %s', (rateLimit) => {
    expect(errorsOf(form({ rateLimit })).rateLimit).toEqual(['Enter a whole number from 1 to 10,000']);
  });

  it('accepts the maximum rate limit', () => {
    const result = validateKeyForm(form({ rateLimit: '10000' }), now);
    expect(result.ok && result.settings.rateLimit).toBe(10000);
  });

  it('lists every bad allowlist line', () => {
    expect(errorsOf(form({ allowedIps: '10.0.0.0/33\n::1\nbad' })).allowedIps).toEqual([
      'Line 1: "10.0.0.0/33" needs a prefix length from 0 to 32 after "/"',
      'Line 3: "bad" is not an IPv4 or IPv6 address',
    ]);
  });

  it('sends a valid allowlist as an array', () => {
    const result = validateKeyForm(form({ allowedIps: '10.0.0.0/8\n2001:db8::/32' }), now);
    expect(result.ok && result.settings.allowedIps).toEqual(['10.0.0.0/8', '2001:db8::/32']);
  });

  it('refuses metadata that is not a JSON object', () => {
    expect(errorsOf(form({ metadata: '[1]' })).metadata).toBeDefined();
  });

  it('sends parsed metadata', () => {
    const result = validateKeyForm(form({ metadata: '{"team":"billing"}' }), now);
    expect(result.ok && result.settings.metadata).toEqual({ team: 'billing' });
  });
});

describe('validateKeyForm when editing', () => {
  it('sends nothing when nothing changed', () => {
    const initial = keyFormFromKey(newKey());
    expect(validateKeyForm(initial, now, initial)).toEqual({ ok: true, settings: {} });
  });

  it('sends only the changed field', () => {
    const initial = keyFormFromKey(newKey());
    expect(validateKeyForm({ ...initial, rateLimit: '500' }, now, initial)).toEqual({ ok: true, settings: { rateLimit: 500 } });
  });

  it('clears the allowlist, metadata and valid-from when the user empties them', () => {
    const initial = keyFormFromKey(newKey({ validFrom: '2025-11-20T08:00:00.000Z' }));
    const result = validateKeyForm({ ...initial, allowedIps: '', metadata: '', validFrom: '' }, now, initial);
    expect(result).toEqual({ ok: true, settings: { allowedIps: [], metadata: {}, validFrom: null } });
  });

  it('removes the expiry when the user picks "never"', () => {
    const initial = keyFormFromKey(newKey());
    expect(validateKeyForm({ ...initial, expiry: 'never' }, now, initial)).toEqual({ ok: true, settings: { expiresAt: null } });
  });

  it('does not let the rate limit be emptied', () => {
    const initial = keyFormFromKey(newKey());
    const result = validateKeyForm({ ...initial, rateLimit: '' }, now, initial);
    expect(result.ok).toBe(false);
  });
});

describe('validateKeyForm with credits and named limits', () => {
  const quotaKey = () =>
    newKey({
      credits: { remaining: 7, refill: { amount: 10, interval: 'day', mode: 'reset', nextAt: '2025-11-24T00:00:00.000Z' } },
      limits: [{ name: 'writes', limit: 5, window: 60, cost: 1, auto: false }],
    });

  it('creates a key with credits and named limits', () => {
    const values = form({
      credits: { ...emptyKeyForm().credits, enabled: true, remaining: '3' },
      limits: [{ id: 0, name: 'search', limit: '20', window: '1', unit: 'hours', cost: '2', auto: true }],
    });
    expect(validateKeyForm(values, now)).toEqual({
      ok: true,
      settings: { name: 'ci', scopes: ['keys:read'], credits: { remaining: 3 }, limits: [{ name: 'search', limit: 20, window: 3600, cost: 2, auto: true }] },
    });
  });

  it('sends neither credits nor limits when editing leaves them as they were', () => {
    const initial = keyFormFromKey(quotaKey());
    expect(validateKeyForm({ ...initial, name: 'ci 2' }, now, initial)).toEqual({ ok: true, settings: { name: 'ci 2' } });
  });

  it('sends the whole list when one limit changed', () => {
    const initial = keyFormFromKey(quotaKey());
    const limits = [{ ...initial.limits[0], limit: '9' }, { id: 1, name: 'export', limit: '1', window: '1', unit: 'days' as const, cost: '', auto: false }];
    expect(validateKeyForm({ ...initial, limits }, now, initial)).toEqual({
      ok: true,
      settings: { limits: [{ name: 'writes', limit: 9, window: 60, cost: 1, auto: false }, { name: 'export', limit: 1, window: 86_400, cost: 1, auto: false }] },
    });
  });

  it('sends an empty list when every limit was removed, and null when the credits were', () => {
    const initial = keyFormFromKey(quotaKey());
    expect(validateKeyForm({ ...initial, limits: [], credits: { ...initial.credits, enabled: false } }, now, initial)).toEqual({
      ok: true,
      settings: { credits: null, limits: [] },
    });
  });

  it('reports credits and limit problems under their own fields', () => {
    const result = validateKeyForm(form({ credits: { ...emptyKeyForm().credits, enabled: true }, limits: [{ id: 3, name: 'default', limit: '1', window: '1', unit: 'minutes', cost: '1', auto: false }] }), now);
    expect(result.ok ? null : [result.errors.credits, result.errors.limits]).toEqual([
      { remaining: 'Enter how many credits the key has' },
      { rows: [{ name: '“default” is the rate limit’s name; choose another' }] },
    ]);
  });
});

describe('keyFormFromKey', () => {
  it('reads a key with every scope as "everything I have"', () => {
    expect(keyFormFromKey(newKey({ scopes: ['*'] }))).toMatchObject({ allScopes: true, scopes: [] });
  });

  it('puts the allowlist one entry per line and pretty-prints metadata', () => {
    const values = keyFormFromKey(newKey({ allowedIps: ['10.0.0.1', '::1'], metadata: { a: 1 } }));
    expect(values.allowedIps).toBe('10.0.0.1\n::1');
    expect(values.metadata).toBe('{\n  "a": 1\n}');
  });
});
