import fc from 'fast-check';
import { checksumOf, generateKey, hashKey, KeyFormat, keyPattern, sameHash, toBase62 } from './key-format.js';

const format = new KeyFormat('kw');

describe('generateKey', () => {
  it('produces kw_<8 hex>_<32 hex><6 base62> with a matching keyPrefix', () => {
    const { key, id, keyPrefix } = generateKey('kw');
    expect(key).toMatch(/^kw_[0-9a-f]{8}_[0-9a-f]{32}[0-9A-Za-z]{6}$/);
    expect(key.startsWith(`${keyPrefix}_`)).toBe(true);
    expect(keyPrefix).toBe(`kw_${id}`);
  });

  it('never repeats a secret', () => {
    const secrets = new Set(Array.from({ length: 2000 }, () => generateKey('kw').key.slice(12, 44)));
    expect(secrets.size).toBe(2000);
  });

  it('uses the configured prefix', () => {
    expect(generateKey('acme').key).toMatch(/^acme_/);
    expect(new KeyFormat('acme').parse(generateKey('acme').key)).not.toBeNull();
    expect(new KeyFormat('acme').parse(generateKey('kw').key)).toBeNull();
  });
});

describe('KeyFormat.parse', () => {
  const randomBits = fc.uint8Array({ minLength: 20, maxLength: 20 });

  it('parses every generated key (property)', () => {
    fc.assert(
      fc.property(randomBits, (random) => {
        const generated = generateKey('kw', random);
        expect(format.parse(generated.key)).toEqual({ id: generated.id, keyPrefix: generated.keyPrefix });
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a key-shaped value exactly when its last six characters are checksumOf() the rest (property)', () => {
    const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
    const base62 = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(hex(8), hex(32), base62, fc.boolean(), (id, secret, suffix, useRealChecksum) => {
        const body = `kw_${id}_${secret}`;
        const checksum = useRealChecksum ? checksumOf(body) : suffix;
        expect(format.parse(body + checksum) !== null).toBe(checksum === checksumOf(body));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-character change of a generated key (property)', () => {
    const anyPrintable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(randomBits, fc.nat(), anyPrintable, (random, position, char) => {
        const { key } = generateKey('kw', random);
        const index = position % key.length;
        fc.pre(char !== key[index]);
        const mutated = key.slice(0, index) + char + key.slice(index + 1);
        expect(format.parse(mutated)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects truncated, extended and otherwise malformed values', () => {
    const { key } = generateKey('kw');
    for (const value of ['', key.slice(0, -1), `${key}0`, ` ${key}`, key.toUpperCase(), 'kw_1234', 'Bearer x', `kw__${key.slice(3)}`]) {
      expect(format.parse(value)).toBeNull();
    }
  });

  it('tells key-shaped values from JWTs without checking the checksum', () => {
    const { key } = generateKey('kw');
    const badChecksum = `${key.slice(0, -6)}000000`;
    expect(format.looksLikeKey(badChecksum)).toBe(true);
    expect(format.parse(badChecksum)).toBeNull();
    expect(format.looksLikeKey('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).toBe(false);
  });
});

describe('checksum', () => {
  it('is CRC32 in base62, left-padded to six characters', () => {
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 6)).toBe('00000z');
    expect(toBase62(62, 6)).toBe('000010');
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
    expect(checksumOf('hello')).toBe(toBase62(0x3610a686, 6));
  });

  it('documents a scanner regex that matches real keys', () => {
    expect(keyPattern('kw').test(generateKey('kw').key)).toBe(true);
  });
});

describe('hashKey', () => {
  it('is an HMAC keyed by the server secret', () => {
    const { key } = generateKey('kw');
    expect(sameHash(hashKey(key, 's1'.repeat(16)), hashKey(key, 's1'.repeat(16)))).toBe(true);
    expect(sameHash(hashKey(key, 's1'.repeat(16)), hashKey(key, 's2'.repeat(16)))).toBe(false);
    expect(hashKey(key, 'x'.repeat(32))).toHaveLength(32);
  });
});
