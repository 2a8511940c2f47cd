import { parseIpRange } from '../../common/ip-ranges.js';
import { keyStatus, refuseKeyUse, type KeyUseCheck } from './key-status.js';

const now = new Date('2026-11-23T12:00:00.000Z');
const past = new Date('2026-11-23T11:00:00.000Z');
const future = new Date('2026-11-23T13:00:00.000Z');

type Check = KeyUseCheck & { ownerActive: boolean };

const key = (overrides: Partial<Check> = {}): Check => ({
  active: true,
  validFrom: null,
  expiresAt: null,
  revokedAt: null,
  ownerActive: true,
  allowedIps: [],
  ...overrides,
});

const refuse = (check: Check, now: Date, ip: string) => refuseKeyUse(check, check.ownerActive, now, ip);

describe('keyStatus', () => {
  it('is active by default', () => {
    expect(keyStatus(key(), now)).toBe('active');
  });

  it.each([
    ['revoked', { revokedAt: past }],
    ['disabled', { active: false }],
    ['expired', { expiresAt: past }],
    ['pending', { validFrom: future }],
  ] as const)('is %s', (status, overrides) => {
    expect(keyStatus(key(overrides), now)).toBe(status);
  });

  it('takes the first that holds: revoked over disabled over expired over pending', () => {
    expect(keyStatus(key({ revokedAt: past, active: false, expiresAt: past, validFrom: future }), now)).toBe('revoked');
    expect(keyStatus(key({ active: false, expiresAt: past, validFrom: future }), now)).toBe('disabled');
    expect(keyStatus(key({ expiresAt: past, validFrom: future }), now)).toBe('expired');
  });

  it('stays active during a rotation grace period and revokes when it ends', () => {
    expect(keyStatus(key({ revokedAt: future }), now)).toBe('active');
    expect(keyStatus(key({ revokedAt: now }), now)).toBe('revoked');
  });

  it('counts an expiry at exactly now as expired, and validFrom at exactly now as valid', () => {
    expect(keyStatus(key({ expiresAt: now }), now)).toBe('expired');
    expect(keyStatus(key({ validFrom: now }), now)).toBe('active');
  });
});

describe('refuseKeyUse', () => {
  it('allows an active key of an active owner from anywhere when no allowlist is set', () => {
    expect(refuse(key(), now, '203.0.113.1')).toBeNull();
  });

  it.each([
    [{ revokedAt: past }, 'api_key.revoked'],
    [{ active: false }, 'api_key.disabled'],
    [{ expiresAt: past }, 'api_key.expired'],
    [{ validFrom: future }, 'api_key.not_yet_valid'],
    [{ ownerActive: false }, 'user.disabled'],
  ] as const)('refuses %o with %s', (overrides, code) => {
    expect(refuse(key(overrides), now, '127.0.0.1')?.code).toBe(code);
  });

  it('checks the key before its owner and the owner before the IP', () => {
    expect(refuse(key({ active: false, ownerActive: false }), now, '1.1.1.1')?.code).toBe('api_key.disabled');
    const allowlist = [parseIpRange('10.0.0.0/8')!];
    expect(refuse(key({ ownerActive: false, allowedIps: allowlist }), now, '1.1.1.1')?.code).toBe('user.disabled');
  });

  it('refuses an IP outside the allowlist and allows one inside, v4 and v6', () => {
    const allowedIps = [parseIpRange('10.0.0.0/8')!, parseIpRange('2001:db8::/32')!];
    expect(refuse(key({ allowedIps }), now, '11.0.0.1')).toEqual({ code: 'api_key.ip_not_allowed', reason: 'ip_not_allowed' });
    expect(refuse(key({ allowedIps }), now, '10.9.9.9')).toBeNull();
    expect(refuse(key({ allowedIps }), now, '2001:db8::42')).toBeNull();
    expect(refuse(key({ allowedIps }), now, '2001:db9::42')?.code).toBe('api_key.ip_not_allowed');
  });
});
