import { CANONICAL_VERSION, chainHash, INSTANCE_CHAIN } from '../chain/hash-chain.js';
import { CHAIN, digestsOf, exportedChain, KEY } from './digests.fixture.js';
import type { ExportedEvent } from './exported-event.js';
import { verifyExport } from './offline-verification.js';

const events = exportedChain(6);
const digests = digestsOf(events, [2, 5]);

/** An event appended after the chain's end with a correctly computed hash: what a forger with the export can make. */
function forgedAfter(chain: ExportedEvent[]): ExportedEvent {
  const last = chain[chain.length - 1];
  const forged = { ...last, id: '0190a1b2-0000-7000-8000-ffffffffffff', seq: last.seq + 1, prevHash: last.hash, details: { forged: true } };
  return { ...forged, hash: chainHash(forged.prevHash, forged, CANONICAL_VERSION) };
}

describe('verifyExport', () => {
  it('accepts an export whose every event is signed for, and reports each chain', () => {
    const result = verifyExport(events, digests, { key: KEY });
    expect(result.valid).toBe(true);
    expect(result.chains).toEqual([{ chainId: CHAIN, events: 6, firstSeq: 10, lastSeq: 60, startsAtGenesis: true, digests: 2, signedThrough: 60, unsigned: 0 }]);
  });

  it('names an appended event with a correct hash: nothing signed vouches for it', () => {
    const forged = forgedAfter(events);
    const result = verifyExport([forged, ...events], digests, { key: KEY });
    expect(result.failure).toMatchObject({ kind: 'event', seq: forged.seq, id: forged.id, reason: expect.stringContaining('nothing vouches for it') });
  });

  it('accepts events after the newest signed head with allowUnsigned, counting them', () => {
    const result = verifyExport([forgedAfter(events), ...events], digests, { key: KEY, allowUnsigned: true });
    expect(result.valid).toBe(true);
    expect(result.chains[0]).toMatchObject({ signedThrough: 60, unsigned: 1 });
  });

  it('names a removed signed head at the end of the export', () => {
    const result = verifyExport(events.slice(0, 5).concat([]), digestsOf(events, [2, 4]), { key: KEY });
    expect(result.valid).toBe(true);
    expect(verifyExport(events.filter((event) => event.seq !== 50), digestsOf(events, [2, 4]), { key: KEY }).failure).toMatchObject({ seq: 50, id: null, reason: expect.stringContaining('missing from the export') });
  });

  it('names the signed head of a chain rewritten with every hash recomputed after an edit', () => {
    const rewritten: ExportedEvent[] = [];
    for (const event of events) {
      const changed = { ...event, ...(event.seq === 20 && { statusCode: 201 }), prevHash: rewritten.at(-1)?.hash ?? event.prevHash };
      rewritten.push({ ...changed, hash: chainHash(changed.prevHash, changed, CANONICAL_VERSION) });
    }
    expect(verifyExport(rewritten, digests, { key: KEY }).failure).toMatchObject({ seq: 30, reason: expect.stringContaining('rewritten') });
  });

  it('names a digest with a bad signature before looking at any event', () => {
    const tampered = [digests[0], { ...digests[1], at: '2030-01-01T00:00:00.000Z' }];
    expect(verifyExport(events, tampered, { key: KEY }).failure).toMatchObject({ kind: 'digest', seq: 60 });
  });

  it('verifies several chains, the instance chain first, and names the first bad event of the first bad chain', () => {
    const instance = exportedChain(3, INSTANCE_CHAIN).map((event) => ({ ...event, workspaceId: null }));
    const all = [...events, ...instance];
    const signed = [...digests, ...digestsOf(instance, [2])];
    expect(verifyExport(all, signed, { key: KEY }).chains.map((chain) => chain.chainId)).toEqual([INSTANCE_CHAIN, CHAIN]);
    const edited = all.map((event) => (event.chainId === CHAIN && event.seq === 40 ? { ...event, ip: '203.0.113.9' } : event));
    expect(verifyExport(edited, signed, { key: KEY }).failure).toMatchObject({ chainId: CHAIN, seq: 40 });
  });
});
