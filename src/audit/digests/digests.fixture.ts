import { generateKeyPairSync } from 'node:crypto';
import { ed25519PublicJwk } from '../../common/ed25519-keys.js';
import { genesisOf, linkEvents, type ChainedEvent } from '../chain/hash-chain.js';
import { digestHash, signDigest, type SignedDigest } from './digest-form.js';
import type { ExportedEvent } from './exported-event.js';

/** Shared by the digests specs: a key, a chain of exported events, and digests of its heads. */
export const CHAIN = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
export const { privateKey, publicKey } = generateKeyPairSync('ed25519');
export const KID = ed25519PublicJwk(privateKey).kid;
export const KEY = { key: publicKey, kid: KID };

const event = (n: number): ChainedEvent => ({
  id: `0190a1b2-0000-7000-8000-${String(n).padStart(12, '0')}`,
  occurredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, n)),
  type: 'api_key.used',
  severity: 'info',
  userId: null,
  apiKeyId: null,
  keyPrefix: 'kw_0a1b2c3d',
  ip: '198.18.0.1',
  userAgent: 'spec',
  method: 'GET',
  path: '/api/v1/contents',
  statusCode: 200,
  details: { n, nested: { b: 2, a: [1, 'x'] } },
});

/** `count` linked events of CHAIN, seq 10, 20, 30… (seq is global, so a chain's have gaps). */
export function exportedChain(count: number, chainId = CHAIN): ExportedEvent[] {
  return linkEvents(genesisOf(chainId), Array.from({ length: count }, (_, i) => event(i + 1))).map((linked, i) => ({
    ...linked,
    chainId,
    seq: (i + 1) * 10,
    workspaceId: chainId,
  }));
}

/** Digests of the chain's heads at the given events, each naming the one before. */
export function digestsOf(events: ExportedEvent[], atIndexes: number[]): SignedDigest[] {
  const digests: SignedDigest[] = [];
  for (const index of atIndexes) {
    const head = events[index];
    const previous = digests.at(-1);
    digests.push(
      signDigest(
        { chainId: head.chainId, seq: head.seq, hash: head.hash, at: new Date(Date.UTC(2026, 10, 1, 1, index)).toISOString(), previousDigestHash: previous ? digestHash(previous) : null, keyId: KID },
        privateKey,
      ),
    );
  }
  return digests;
}
