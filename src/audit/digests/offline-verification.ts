import type { KeyObject } from 'node:crypto';
import { INSTANCE_CHAIN } from '../chain/hash-chain.js';
import { checkDigests, type DigestFailure } from './digest-chain-walk.js';
import type { SignedDigest } from './digest-form.js';
import { walkChain, type EventFailure } from './export-chain-walk.js';
import type { ExportedEvent } from './exported-event.js';

export interface ChainReport {
  chainId: string;
  events: number;
  firstSeq: number;
  lastSeq: number;
  startsAtGenesis: boolean;
  digests: number;
  /** The newest head a digest signs that the export holds; null: none. */
  signedThrough: number | null;
  /** Events after signedThrough: nothing vouches for them. */
  unsigned: number;
}

export interface Verification {
  valid: boolean;
  failure?: ({ kind: 'event' } & EventFailure) | ({ kind: 'digest' } & DigestFailure);
  chains: ChainReport[];
  digests: number;
}

export interface VerifyOptions {
  key: { key: KeyObject; kid: string };
  /** Accept events after their chain's newest signed head (reported, not failed). */
  allowUnsigned?: boolean;
}

/** Instance chain first, then by id: the order reports and failures are given in. */
const chainOrder = (a: string, b: string) => (a === INSTANCE_CHAIN ? -1 : b === INSTANCE_CHAIN ? 1 : a.localeCompare(b));

function groupByChain(events: readonly ExportedEvent[]): Map<string, ExportedEvent[]> {
  const chains = new Map<string, ExportedEvent[]>();
  for (const event of events) {
    const chain = chains.get(event.chainId);
    if (chain) chain.push(event);
    else chains.set(event.chainId, [event]);
  }
  return chains;
}

/**
 * Holds one chain's walked events against its signed heads: each digest whose seq lies inside the
 * export must find that very event with that very hash (else the event was removed, or the chain
 * rewritten up to it). Returns the report, and the earliest failure by seq.
 */
function crossCheck(chainId: string, events: ExportedEvent[], digests: SignedDigest[], walkFailure: EventFailure | undefined, allowUnsigned: boolean) {
  const first = events[0].seq;
  const last = events[events.length - 1].seq;
  const bySeq = new Map(events.map((event) => [event.seq, event]));
  let digestFailure: EventFailure | undefined;
  let signed: SignedDigest | undefined;
  let newest: SignedDigest | undefined;
  for (const digest of digests) {
    if (digest.seq < first || digest.seq > last) continue;
    newest = digest;
    if (digestFailure) continue;
    const event = bySeq.get(digest.seq);
    if (!event) digestFailure = { chainId, seq: digest.seq, id: null, reason: `the head signed at ${digest.at} (seq ${digest.seq}) is missing from the export: it was removed` };
    else if (event.hash !== digest.hash) digestFailure = { chainId, seq: digest.seq, id: event.id, reason: `its hash is not the head signed at ${digest.at}: the chain was rewritten up to here` };
    else signed = digest;
  }
  const failures = [walkFailure, digestFailure].filter((failure) => failure !== undefined);
  const signedThrough = signed?.seq ?? null;
  // After the newest head signed inside the export; events it should have vouched for but did not are failed above.
  const unsigned = events.filter((event) => newest === undefined || event.seq > newest.seq);
  if (unsigned.length > 0 && !allowUnsigned) {
    const after = newest ? `its chain’s newest signed head (seq ${newest.seq}, signed ${newest.at})` : 'every head of its chain that a digest given signs';
    failures.push({
      chainId,
      seq: unsigned[0].seq,
      id: unsigned[0].id,
      reason: `it comes after ${after}, so nothing vouches for it (an appended forgery looks just like this): verify again after the next digest, or pass --allow-unsigned`,
    });
  }
  const report: ChainReport = { chainId, events: events.length, firstSeq: first, lastSeq: last, startsAtGenesis: false, digests: digests.length, signedThrough, unsigned: unsigned.length };
  return { report, failure: failures.sort((a, b) => a.seq - b.seq)[0] };
}

/**
 * Verifies an export against signed digests, with no database: every event's hash from its
 * fields, every link, every digest's signature and link, and the export against the signed heads.
 */
export function verifyExport(events: readonly ExportedEvent[], digests: readonly SignedDigest[], options: VerifyOptions): Verification {
  const checked = checkDigests(digests, options.key);
  if (checked.failure) return { valid: false, failure: { kind: 'digest', ...checked.failure }, chains: [], digests: digests.length };
  const chains: ChainReport[] = [];
  let failure: Verification['failure'];
  const grouped = groupByChain(events);
  for (const chainId of [...grouped.keys()].sort(chainOrder)) {
    const walk = walkChain(chainId, grouped.get(chainId)!);
    const { report, failure: chainFailure } = crossCheck(chainId, walk.events, checked.byChain.get(chainId) ?? [], walk.failure, options.allowUnsigned ?? false);
    chains.push({ ...report, startsAtGenesis: walk.startsAtGenesis });
    failure ??= chainFailure && { kind: 'event', ...chainFailure };
  }
  return { valid: failure === undefined, ...(failure && { failure }), chains, digests: digests.length };
}
