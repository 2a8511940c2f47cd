import { chainHash, genesisOf, isKnownCanonicalVersion } from '../chain/hash-chain.js';
import type { ExportedEvent } from './exported-event.js';

/** The first event of a chain that does not hold up, and why. */
export interface EventFailure {
  chainId: string;
  seq: number;
  id: string | null;
  reason: string;
}

export interface ChainWalk {
  /** The chain's events in chain order (by seq). */
  events: ExportedEvent[];
  /** Whether the first of them follows the chain's genesis (else the export starts later: a checkpoint, or a filter). */
  startsAtGenesis: boolean;
  failure?: EventFailure;
}

const failed = (event: ExportedEvent, reason: string): EventFailure => ({ chainId: event.chainId, seq: event.seq, id: event.id, reason });

/**
 * Walks one chain's exported events in chain order — seq, not the file's lines, which are newest
 * first by time — recomputing each hash from the event's fields and prevHash and checking that
 * each prevHash is the hash of the event before it. Stops at the first event that does not fit.
 */
export function walkChain(chainId: string, events: readonly ExportedEvent[]): ChainWalk {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const walk: ChainWalk = { events: ordered, startsAtGenesis: ordered[0]?.prevHash === genesisOf(chainId) };
  for (let i = 0; i < ordered.length; i++) {
    const event = ordered[i];
    const before = ordered[i - 1];
    if (before && before.seq === event.seq) return { ...walk, failure: failed(event, `seq ${event.seq} appears twice in the chain`) };
    if (before && event.prevHash !== before.hash) {
      return { ...walk, failure: failed(event, `its prevHash is not the hash of the event before it (seq ${before.seq}): an event between them was removed, or events were reordered or inserted`) };
    }
    if (!isKnownCanonicalVersion(event.canonicalVersion)) return { ...walk, failure: failed(event, `canonical version ${event.canonicalVersion} is unknown to this verifier`) };
    if (chainHash(event.prevHash, event, event.canonicalVersion) !== event.hash) {
      return { ...walk, failure: failed(event, 'its fields do not hash to its hash: the event was edited') };
    }
  }
  return walk;
}
