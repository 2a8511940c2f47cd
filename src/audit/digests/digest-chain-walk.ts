import type { KeyObject } from 'node:crypto';
import { digestHash, digestSignatureValid, type SignedDigest } from './digest-form.js';

/** A digest that does not hold up, and why. */
export interface DigestFailure {
  chainId: string;
  seq: number;
  at: string;
  reason: string;
}

export interface DigestChains {
  /** Each chain's digests by seq, oldest first. */
  byChain: Map<string, SignedDigest[]>;
  failure?: DigestFailure;
}

const HASH = /^[0-9a-f]{64}$/;

function shapeProblem(digest: SignedDigest): string | undefined {
  if (typeof digest.chainId !== 'string') return 'chainId is not a string';
  if (!Number.isSafeInteger(digest.seq)) return 'seq is not a whole number';
  if (typeof digest.hash !== 'string' || !HASH.test(digest.hash)) return 'hash is not 64 hex digits';
  if (typeof digest.at !== 'string') return 'at is not a time';
  if (digest.previousDigestHash !== null && (typeof digest.previousDigestHash !== 'string' || !HASH.test(digest.previousDigestHash))) return 'previousDigestHash is neither 64 hex digits nor null';
  if (typeof digest.keyId !== 'string') return 'keyId is not a string';
  return undefined;
}

const failed = (digest: SignedDigest, reason: string): DigestFailure => ({ chainId: String(digest.chainId), seq: digest.seq, at: String(digest.at), reason });

/**
 * Checks every digest's signature with the key, then each chain's digests in order: each names
 * the hash of the one before it. The oldest digest given for a chain may name one not given
 * (a page of a longer list): it is the anchor, checked by its signature alone.
 */
export function checkDigests(digests: readonly SignedDigest[], key: { key: KeyObject; kid: string }): DigestChains {
  const byChain = new Map<string, SignedDigest[]>();
  for (const digest of digests) {
    const problem = shapeProblem(digest);
    if (problem) return { byChain, failure: failed(digest, problem) };
    if (digest.keyId !== key.kid) return { byChain, failure: failed(digest, `it was signed by key ${digest.keyId}, not by the key given (${key.kid})`) };
    if (!digestSignatureValid(digest, key.key)) return { byChain, failure: failed(digest, 'its signature is not the key’s signature of its fields') };
    const chain = byChain.get(digest.chainId);
    if (chain) chain.push(digest);
    else byChain.set(digest.chainId, [digest]);
  }
  for (const chain of byChain.values()) {
    chain.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < chain.length; i++) {
      if (chain[i].seq === chain[i - 1].seq) return { byChain, failure: failed(chain[i], `two digests sign seq ${chain[i].seq}`) };
      if (chain[i].previousDigestHash !== digestHash(chain[i - 1])) {
        return { byChain, failure: failed(chain[i], `its previousDigestHash is not the hash of the digest before it (seq ${chain[i - 1].seq}): a digest between them is missing or was replaced`) };
      }
    }
  }
  return { byChain };
}
