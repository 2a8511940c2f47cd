import { deriveSealingKey, open, seal } from './secret-box.js';

const key = deriveSealingKey('a server secret of some length');

describe('seal and open', () => {
  it('round-trips a secret, with a different box every time', () => {
    const first = seal(key, 'JBSWY3DPEHPK3PXP');
    const second = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open(key, first)).toBe('JBSWY3DPEHPK3PXP');
    expect(open(key, second)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const [version, iv, tag, ciphertext] = seal(key, 'JBSWY3DPEHPK3PXP').split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    expect(open(key, [version, iv, tag, flip(ciphertext)].join('.'))).toBeNull();
    expect(open(key, [version, iv, flip(tag), ciphertext].join('.'))).toBeNull();
    expect(open(key, [version, flip(iv), tag, ciphertext].join('.'))).toBeNull();
  });

  it('refuses a box sealed with another server secret, and what is not a box', () => {
    expect(open(deriveSealingKey('another server secret'), seal(key, 'x'))).toBeNull();
    expect(open(key, 'JBSWY3DPEHPK3PXP')).toBeNull();
    expect(open(key, 'v2.a.b.c')).toBeNull();
  });
});
