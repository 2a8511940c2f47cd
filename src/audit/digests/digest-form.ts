import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../chain/hash-chain.js';

/** Names the form inside the signed text, so a signature over it is never mistaken for one over anything else. */
export const DIGEST_FORMAT = 'keyward-audit-digest/1';

/** What a digest signs: one chain's head at one moment, and the digest of that chain before it. */
export interface DigestFields {
  chainId: string;
  /** The head event's seq. */
  seq: number;
  /** The head event's hash. */
  hash: string;
  /** When it was signed, ISO 8601 with milliseconds. */
  at: string;
  /** digestHash of the chain's previous digest; null for its first. */
  previousDigestHash: string | null;
  /** The signing key's kid (its JWK thumbprint). */
  keyId: string;
}

export interface SignedDigest extends DigestFields {
  /** Ed25519 over canonicalDigest, base64url. */
  signature: string;
}

/** The exact text signed and hashed: the fields and the format, as canonical JSON (keys sorted). */
export function canonicalDigest(fields: DigestFields): string {
  const { chainId, seq, hash, at, previousDigestHash, keyId } = fields;
  return canonicalJson({ format: DIGEST_FORMAT, chainId, seq, hash, at, previousDigestHash, keyId });
}

/** What the chain's next digest names as its previousDigestHash. */
export function digestHash(fields: DigestFields): string {
  return createHash('sha256').update(canonicalDigest(fields)).digest('hex');
}

export function signDigest(fields: DigestFields, privateKey: KeyObject): SignedDigest {
  return { ...fields, signature: sign(null, Buffer.from(canonicalDigest(fields)), privateKey).toString('base64url') };
}

/** Whether `signature` is the key's Ed25519 signature of the digest's canonical text. */
export function digestSignatureValid(digest: SignedDigest, publicKey: KeyObject): boolean {
  if (typeof digest.signature !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(digest.signature)) return false;
  return verify(null, Buffer.from(canonicalDigest(digest)), publicKey, Buffer.from(digest.signature, 'base64url'));
}
