import { CANONICAL_VERSION, chainHash } from '../chain/hash-chain.js';
import { CHAIN, exportedChain } from './digests.fixture.js';
import { walkChain } from './export-chain-walk.js';

describe('walkChain', () => {
  it('accepts an intact chain in any line order, in chain order by seq, from its genesis', () => {
    const events = exportedChain(5);
    const walk = walkChain(CHAIN, [...events].reverse());
    expect(walk.failure).toBeUndefined();
    expect(walk.startsAtGenesis).toBe(true);
    expect(walk.events.map((event) => event.seq)).toEqual([10, 20, 30, 40, 50]);
  });

  it('accepts a chain that starts later (after a checkpoint), and says so', () => {
    const walk = walkChain(CHAIN, exportedChain(5).slice(2));
    expect(walk.startsAtGenesis).toBe(false);
    expect(walk.failure).toBeUndefined();
  });

  it('names an edited event', () => {
    const events = exportedChain(5);
    events[2] = { ...events[2], statusCode: 500 };
    expect(walkChain(CHAIN, events).failure).toEqual({ chainId: CHAIN, seq: 30, id: events[2].id, reason: expect.stringContaining('the event was edited') });
  });

  it('names the event after a removed one', () => {
    const events = exportedChain(5);
    events.splice(2, 1);
    expect(walkChain(CHAIN, events).failure).toMatchObject({ seq: 40, reason: expect.stringContaining('was removed') });
  });

  it('names the first of two events that swapped places in the chain', () => {
    const events = exportedChain(5);
    [events[1].seq, events[2].seq] = [events[2].seq, events[1].seq];
    expect(walkChain(CHAIN, events).failure).toMatchObject({ seq: 20, id: events[2].id, reason: expect.stringContaining('reordered') });
  });

  it('names an event whose hash was recomputed after an edit by the link after it', () => {
    const events = exportedChain(5);
    const edited = { ...events[1], path: '/elsewhere' };
    events[1] = { ...edited, hash: chainHash(edited.prevHash, edited, CANONICAL_VERSION) };
    expect(walkChain(CHAIN, events).failure).toMatchObject({ seq: 30 });
  });

  it('refuses a canonical version it does not know, and a seq given twice', () => {
    const events = exportedChain(3);
    expect(walkChain(CHAIN, [events[0], { ...events[1], canonicalVersion: 99 }]).failure?.reason).toMatch(/canonical version 99/);
    expect(walkChain(CHAIN, [events[0], events[1], { ...events[1] }]).failure?.reason).toMatch(/appears twice/);
  });
});
