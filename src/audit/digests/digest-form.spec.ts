import { generateKeyPairSync } from 'node:crypto';
import { canonicalDigest, digestHash, digestSignatureValid, signDigest, type DigestFields } from './digest-form.js';
import { KID, privateKey, publicKey } from './digests.fixture.js';

const fields: DigestFields = { chainId: '00000000-0000-0000-0000-000000000000', seq: 42, hash: 'a'.repeat(64), at: '2026-11-01T10:00:00.000Z', previousDigestHash: null, keyId: KID };

describe('a digest', () => {
  it('signs canonical JSON of its fields and the form name, keys sorted', () => {
    expect(canonicalDigest(fields)).toBe(
      `{"at":"2026-11-01T10:00:00.000Z","chainId":"00000000-0000-0000-0000-000000000000","format":"keyward-audit-digest/1","hash":"${'a'.repeat(64)}","keyId":"${KID}","previousDigestHash":null,"seq":42}`,
    );
  });

  it('hashes to what the next digest names, whatever else rides along (id, signature)', () => {
    const signed = signDigest(fields, privateKey);
    expect(digestHash({ ...signed, id: 'x' } as DigestFields)).toBe(digestHash(fields));
    expect(digestHash(fields)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies with the public key, and not with another key or after any field changed', () => {
    const signed = signDigest(fields, privateKey);
    expect(digestSignatureValid(signed, publicKey)).toBe(true);
    expect(digestSignatureValid(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(digestSignatureValid({ ...signed, seq: 43 }, publicKey)).toBe(false);
    expect(digestSignatureValid({ ...signed, previousDigestHash: 'b'.repeat(64) }, publicKey)).toBe(false);
    expect(digestSignatureValid({ ...signed, signature: 'not base64url!' }, publicKey)).toBe(false);
  });
});
