import { INSTANCE_CHAIN } from '../chain/hash-chain.js';
import type { SignedDigest } from './digest-form.js';
import type { Verification } from './offline-verification.js';

/** Where the public key came from: a file the verifier fetched, or the digests file itself (which proves nothing). */
export type KeySource = { from: 'key-file'; kid: string } | { from: 'digests-file'; kid: string };

/** A digests file: the array, or a page of GET …/audit-logs/digests ({items, key}). */
export function parseDigestsFile(text: string): { digests: SignedDigest[]; key?: unknown } {
  const value = JSON.parse(text) as unknown;
  if (Array.isArray(value)) return { digests: value as SignedDigest[] };
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    const page = value as { items: SignedDigest[]; key?: unknown };
    return { digests: page.items, key: page.key };
  }
  throw new Error('is neither a list of digests nor a page of them ({items})');
}

/** A JWK, or a JWK Set ({keys}) from which the key named `kid` is taken. */
export function pickJwk(value: unknown, kid: string | undefined): unknown {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return value;
  return keys.find((key) => (key as { kid?: unknown })?.kid === kid) ?? keys[0];
}

const chainName = (chainId: string) => (chainId === INSTANCE_CHAIN ? 'the instance chain' : `chain ${chainId}`);

/** What the verifier prints: the verdict first, then one line per chain, then what is not proven. */
export function describeVerification(result: Verification, key: KeySource): string[] {
  const lines: string[] = [];
  const failure = result.failure;
  if (failure?.kind === 'event') {
    lines.push(`INVALID: ${chainName(failure.chainId)}, event seq ${failure.seq}${failure.id ? ` (id ${failure.id})` : ''}: ${failure.reason}`);
  } else if (failure?.kind === 'digest') {
    lines.push(`INVALID: the digest of ${chainName(failure.chainId)} at seq ${failure.seq} (signed ${failure.at}): ${failure.reason}`);
  } else {
    const events = result.chains.reduce((sum, chain) => sum + chain.events, 0);
    lines.push(`VALID: ${events} events in ${result.chains.length} chain(s), every hash and link recomputed; ${result.digests} digest(s), every signature good (key ${key.kid})`);
  }
  for (const chain of result.chains) {
    const start = chain.startsAtGenesis ? 'from its genesis' : 'from a later start (a retention checkpoint or a filter: earlier events are not in the export)';
    const signed = chain.signedThrough === null ? 'no signed head inside the export' : `signed through seq ${chain.signedThrough}`;
    const unsigned = chain.unsigned ? `, ${chain.unsigned} event(s) after it not yet signed` : '';
    lines.push(`  ${chainName(chain.chainId)}: seq ${chain.firstSeq}–${chain.lastSeq}, ${chain.events} event(s) ${start}; ${chain.digests} digest(s), ${signed}${unsigned}`);
  }
  if (key.from === 'digests-file') {
    lines.push('WARNING: the public key came from the digests file itself, so it is unauthenticated: anyone who rewrote the log could have signed with a key of their own. Pass --key with the key from /.well-known/keyward-audit-key.');
  }
  return lines;
}
