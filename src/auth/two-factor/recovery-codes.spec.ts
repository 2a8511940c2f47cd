import { randomBytes } from 'node:crypto';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';

describe('recovery codes', () => {
  it('are ten distinct codes of two groups of five', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-km-np-z2-9]{5}-[a-km-np-z2-9]{5}$/);
  });

  it('hash the same whatever the case and dashes, and differently under another key', () => {
    const key = randomBytes(32);
    expect(hashRecoveryCode(key, 'abcde-fghij')).toBe(hashRecoveryCode(key, 'ABCDEFGHIJ'));
    expect(hashRecoveryCode(key, 'abcde-fghij')).not.toBe(hashRecoveryCode(randomBytes(32), 'abcde-fghij'));
  });
});
