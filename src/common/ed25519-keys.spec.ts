import { generateKeyPairSync } from 'node:crypto';
import { ed25519PublicJwk, ed25519PublicKeyFromJwk, generateEd25519PrivateKeyPem, jwkThumbprint, KeyFormatError, parseEd25519PrivateKey } from './ed25519-keys.js';

describe('Ed25519 keys', () => {
  it('computes the RFC 7638 thumbprint of the RFC 8037 example key', () => {
    // RFC 8037 appendix A.3.
    expect(jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('reads the same key from PKCS#8 PEM and from its JWK, and names its public JWK by the thumbprint', () => {
    const pem = generateEd25519PrivateKeyPem();
    const fromPem = parseEd25519PrivateKey(pem);
    const fromJwk = parseEd25519PrivateKey(JSON.stringify(fromPem.export({ format: 'jwk' })));
    const jwk = ed25519PublicJwk(fromPem);
    expect(ed25519PublicJwk(fromJwk)).toEqual(jwk);
    expect(jwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), kid: jwkThumbprint(jwk), alg: 'EdDSA', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
  });

  it('refuses what is no Ed25519 private key', () => {
    expect(() => parseEd25519PrivateKey('{"kty":"OKP"}')).toThrow(KeyFormatError);
    expect(() => parseEd25519PrivateKey(generateKeyPairSync('x25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(/must be an Ed25519 key, not x25519/);
  });

  it('takes a public JWK back, refusing one whose kid is not its thumbprint', () => {
    const jwk = ed25519PublicJwk(parseEd25519PrivateKey(generateEd25519PrivateKeyPem()));
    expect(ed25519PublicKeyFromJwk(jwk).kid).toBe(jwk.kid);
    expect(() => ed25519PublicKeyFromJwk({ ...jwk, kid: 'someone-else' })).toThrow(/names kid someone-else/);
    expect(() => ed25519PublicKeyFromJwk({ kty: 'RSA', n: 'x', e: 'AQAB' })).toThrow(KeyFormatError);
  });
});
