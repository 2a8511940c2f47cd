import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The public half of an Ed25519 key as a JWK (RFC 8037), named by its RFC 7638 thumbprint. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** Says what is wrong with a key without ever repeating the key. */
export class KeyFormatError extends Error {}

/**
 * An Ed25519 private key given as PKCS#8 PEM or as a JWK (JSON text, with `d`). A PEM's line
 * breaks may be written `\n`, as an environment variable often has to carry them.
 */
export function parseEd25519PrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as never, format: 'jwk' })
      : createPrivateKey(trimmed.replaceAll('\\n', '\n'));
  } catch {
    throw new KeyFormatError('is not a private key in PKCS#8 PEM or JWK form');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KeyFormatError(`must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a symmetric one'}`);
  return key;
}

/** A new Ed25519 private key as PKCS#8 PEM. */
export function generateEd25519PrivateKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** RFC 7638: sha256 of the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: Pick<Ed25519PublicJwk, 'crv' | 'kty' | 'x'>): string {
  return createHash('sha256').update(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`).digest('base64url');
}

/** The public JWK of a private (or public) Ed25519 key. */
export function ed25519PublicJwk(key: KeyObject): Ed25519PublicJwk {
  const { x } = createPublicKey(key).export({ format: 'jwk' }) as { x: string };
  return { kty: 'OKP', crv: 'Ed25519', x, kid: jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }), alg: 'EdDSA', use: 'sig' };
}

/** A public key from a JWK someone handed over: only an Ed25519 one whose `kid`, if given, is its thumbprint. */
export function ed25519PublicKeyFromJwk(jwk: unknown): { key: KeyObject; kid: string } {
  const candidate = jwk as Partial<Ed25519PublicJwk> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.kty !== 'OKP' || candidate.crv !== 'Ed25519' || typeof candidate.x !== 'string') {
    throw new KeyFormatError('is not an Ed25519 public JWK (kty OKP, crv Ed25519, x)');
  }
  const kid = jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: candidate.x });
  if (candidate.kid !== undefined && candidate.kid !== kid) throw new KeyFormatError(`names kid ${String(candidate.kid)}, but its thumbprint is ${kid}`);
  try {
    return { key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: candidate.x }, format: 'jwk' }), kid };
  } catch {
    throw new KeyFormatError('has an x that is no Ed25519 public key');
  }
}
