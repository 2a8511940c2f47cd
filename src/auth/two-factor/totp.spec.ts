import { acceptedStep, newTotpSecret, otpauthUrl, totpCode } from './totp.js';

const secret = newTotpSecret();
const now = Date.UTC(2026, 11, 1, 12, 0, 15);
const step = Math.floor(now / 30_000);

describe('acceptedStep', () => {
  it('accepts the current code and says which step it is', () => {
    expect(acceptedStep(secret, totpCode(secret, now), now, null)).toBe(step);
  });

  it('accepts a code one step behind or ahead (clock drift), not two', () => {
    expect(acceptedStep(secret, totpCode(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(acceptedStep(secret, totpCode(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(acceptedStep(secret, totpCode(secret, now - 60_000), now, null)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now + 60_000), now, null)).toBeNull();
  });

  it('refuses a code of a step already used, or an earlier one (replay)', () => {
    expect(acceptedStep(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now - 30_000), now, step)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, now + 30_000), now, step)).toBe(step + 1);
  });

  it('refuses what is not six digits, and another secret’s code', () => {
    expect(acceptedStep(secret, '12345', now, null)).toBeNull();
    expect(acceptedStep(secret, ' 123456', now, null)).toBeNull();
    expect(acceptedStep(newTotpSecret(), totpCode(secret, now), now, null)).toBeNull();
  });
});

describe('otpauthUrl', () => {
  it('is the URI authenticator apps scan: SHA1, 6 digits, 30 s, issuer and account', () => {
    const url = new URL(otpauthUrl(secret, 'ada@example.com', 'Keyward'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Keyward:ada@example.com');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ secret, issuer: 'Keyward', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
