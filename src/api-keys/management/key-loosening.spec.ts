import { looseningOf } from './key-loosening.js';

const day = 86_400_000;
// Relative to a fixed past day: the rule compares dates with each other, never with now.
const at = (offsetDays: number) => new Date(Date.UTC(2025, 0, 10) + offsetDays * day);
const key: Parameters<typeof looseningOf>[0] = {
  scopes: ['contents:read', 'contents:write'],
  rateLimit: 100,
  allowedIps: ['10.0.0.0/8'],
  metadata: { team: 'a' },
  active: true,
  validFrom: at(0),
  expiresAt: at(30),
};
const fields = (changes: Parameters<typeof looseningOf>[1], current = key) => looseningOf(current, changes).map((found) => found.field);

describe('looseningOf', () => {
  it('finds nothing in renaming, re-describing, disabling or narrowing', () => {
    expect(fields({ name: 'x', description: 'y', active: false, scopes: ['contents:read'], rateLimit: 10, allowedIps: ['10.1.0.0/16'], expiresAt: at(1), validFrom: at(2) })).toEqual([]);
  });

  it('finds nothing in values that stay the same', () => {
    expect(fields({ active: true, scopes: key.scopes, rateLimit: 100, allowedIps: ['10.0.0.0/8'], metadata: { team: 'a' }, expiresAt: at(30), validFrom: at(0) })).toEqual([]);
  });

  it('finds re-enabling a disabled key', () => {
    expect(fields({ active: true }, { ...key, active: false })).toEqual(['active']);
  });

  it('finds a scope the key did not cover, a wildcard included', () => {
    expect(fields({ scopes: ['contents:read', 'contents:delete'] })).toEqual(['scopes']);
    expect(fields({ scopes: ['contents:*'] })).toEqual(['scopes']);
    expect(fields({ scopes: ['contents:read'] }, { ...key, scopes: ['contents:*'] })).toEqual([]);
  });

  it('finds a higher rateLimit', () => {
    expect(fields({ rateLimit: 101 })).toEqual(['rateLimit']);
  });

  it('finds an expiry moved later or removed, but not one added to a key that never expired', () => {
    expect(fields({ expiresAt: at(31) })).toEqual(['expiresAt']);
    expect(fields({ expiresAt: null })).toEqual(['expiresAt']);
    expect(fields({ expiresAt: at(5) }, { ...key, expiresAt: null })).toEqual([]);
  });

  it('finds a start moved earlier or removed, but not one added', () => {
    expect(fields({ validFrom: at(-1) })).toEqual(['validFrom']);
    expect(fields({ validFrom: null })).toEqual(['validFrom']);
    expect(fields({ validFrom: at(1) }, { ...key, validFrom: null })).toEqual([]);
  });

  it('finds allowedIps cleared or reaching outside the current ranges, but not a first restriction', () => {
    expect(fields({ allowedIps: [] })).toEqual(['allowedIps']);
    expect(fields({ allowedIps: ['10.0.0.0/8', '192.168.0.1'] })).toEqual(['allowedIps']);
    expect(fields({ allowedIps: ['0.0.0.0/0'] })).toEqual(['allowedIps']);
    expect(fields({ allowedIps: ['2001:db8::/32'] }, { ...key, allowedIps: [] })).toEqual([]);
  });

  it('finds any change to metadata', () => {
    expect(fields({ metadata: { team: 'b' } })).toEqual(['metadata']);
  });

  it('names each loosened field with a message', () => {
    expect(looseningOf(key, { rateLimit: 1000, expiresAt: null })).toEqual([
      { field: 'rateLimit', message: expect.any(String) },
      { field: 'expiresAt', message: expect.any(String) },
    ]);
  });
});
